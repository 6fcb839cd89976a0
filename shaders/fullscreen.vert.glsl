// A triangle that covers the whole target, from gl_VertexID alone (no vertex buffer).
// v_uv runs 0 → 1 across the visible part; row 0 of the source field lands on target row 0.
out vec2 v_uv;

void main() {
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  v_uv = p;
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
