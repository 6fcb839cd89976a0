// Colour-maps a float field (an R32F texture) into RGBA: weights, activations, decision maps.
precision highp float;

uniform sampler2D u_values;  // (H, W) floats, nearest sampling
uniform float u_scale;       // the value that maps to full colour
uniform int u_map;           // 0 diverging red/black/green, 1 sequential blue→yellow, 2 grey

in vec2 v_uv;
out vec4 o_color;

void main() {
  float v = texture(u_values, v_uv).r / max(u_scale, 1e-30);
  vec3 c;
  if (u_map == 0) {
    // 3Blue1Brown's weights: green for positive, red for negative, dark for zero.
    float t = clamp(abs(v), 0.0, 1.0);
    t = sqrt(t);  // small weights stay visible
    c = v >= 0.0 ? mix(vec3(0.08), vec3(0.25, 0.85, 0.35), t) : mix(vec3(0.08), vec3(0.95, 0.28, 0.22), t);
  } else if (u_map == 1) {
    float t = clamp(v, 0.0, 1.0);
    c = mix(vec3(0.05, 0.07, 0.25), vec3(1.0, 0.85, 0.2), t);
  } else {
    c = vec3(clamp(v, 0.0, 1.0));
  }
  o_color = vec4(c, 1.0);
}
