// The Playground's maps: a field the core evaluated (one value, or one probability per class, per
// point) → TF Playground's colours; the same arithmetic as src/playground/palette.cpp.
precision highp float;
precision highp int;

uniform highp sampler2D u_values;  // (H, W): R32F (one value) or RGBA32F (≤ 4 class probabilities)
uniform int u_palette;             // 0 orange–grey–blue for v in [−1, 1], 1 classes, 2 loss (log scale)
uniform int u_classes;             // palette 1: how many channels are classes
uniform int u_discretize;          // 1: the sign (palette 0) or the winning class (palette 1) only
uniform float u_lo;                // palette 2: the loss at the darkest colour …
uniform float u_hi;                // … and at the brightest

in vec2 v_uv;
out vec4 o_color;

const vec3 kOrange = vec3(245.0, 147.0, 34.0) / 255.0;
const vec3 kGrey = vec3(232.0, 234.0, 235.0) / 255.0;
const vec3 kBlue = vec3(8.0, 119.0, 189.0) / 255.0;
const vec3 kGreen = vec3(58.0, 158.0, 58.0) / 255.0;
const vec3 kPurple = vec3(142.0, 68.0, 173.0) / 255.0;
const float kAlpha = 160.0 / 255.0;  // TF's heatmap over its white page

bool finite(float x) { return !isnan(x) && !isinf(x); }

vec3 class_color(int k) {
  if (k == 0) return kOrange;
  if (k == 1) return kBlue;
  if (k == 2) return kGreen;
  return kPurple;
}

// d3's quantize over [−1, 1] into 31 shades of orange → grey → blue.
vec3 diverging(float v) {
  if (!finite(v)) return kGrey;
  float bin = clamp(floor((v + 1.0) * 0.5 * 31.0), 0.0, 30.0);
  float t = bin / 30.0;
  return t < 0.5 ? mix(kOrange, kGrey, t / 0.5) : mix(kGrey, kBlue, (t - 0.5) / 0.5);
}

vec3 over_white(vec3 c) { return c * kAlpha + (1.0 - kAlpha); }

void main() {
  ivec2 size = textureSize(u_values, 0);
  ivec2 at = clamp(ivec2(v_uv * vec2(size)), ivec2(0), size - 1);
  vec4 v = texelFetch(u_values, at, 0);
  vec3 c;
  if (u_palette == 0) {
    float x = v.r;
    if (u_discretize == 1 && finite(x)) x = x >= 0.0 ? 1.0 : -1.0;
    c = over_white(diverging(x));
  } else if (u_palette == 1) {
    vec3 sum = vec3(0.0);
    int best = 0;
    float pbest = v[0];
    bool ok = true;
    for (int k = 0; k < 4; ++k) {
      if (k >= u_classes) break;
      float p = v[k];
      ok = ok && finite(p);
      sum += p * class_color(k);
      if (p > pbest) {
        pbest = p;
        best = k;
      }
    }
    if (!ok) c = over_white(kGrey);
    else if (u_discretize == 1) c = over_white(class_color(best));
    else {
      float chance = 1.0 / float(u_classes);
      float t = clamp((pbest - chance) / (1.0 - chance), 0.0, 1.0);
      c = over_white(mix(kGrey, sum, t));
    }
  } else {
    const vec3 kLow = vec3(0.07, 0.05, 0.25), kMid = vec3(0.13, 0.55, 0.55), kHigh = vec3(0.99, 0.90, 0.15);
    float x = v.r;
    if (!finite(x)) c = kHigh;
    else {
      float l0 = log(max(u_lo, 1e-12)), l1 = log(max(u_hi, u_lo * 1.0001 + 1e-12));
      float t = clamp((log(max(x, 1e-12)) - l0) / max(l1 - l0, 1e-6), 0.0, 1.0);
      c = t < 0.5 ? mix(kLow, kMid, t / 0.5) : mix(kMid, kHigh, (t - 0.5) / 0.5);
    }
  }
  o_color = vec4(c, 1.0);
}
