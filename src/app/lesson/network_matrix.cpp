// The matrix view (see network_matrix.h).
#include "app/lesson/network_matrix.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "app/common/widgets.h"
#include "app/lesson/network_diagram.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"
#include "text/text.h"

namespace nnlab::app {
namespace {

// A bracketed column-major grid of rows × cols numbers at `o`; lit(r, c) says which cells glow.
// Returns the width used.
template <class Value, class Lit>
float grid(ImDrawList* dl, ImVec2 o, const char* title, int rows, int cols, Value value, Lit lit) {
  const float f = ImGui::GetFontSize(), cw = 4.0f * f, ch = 1.6f * f;
  const float w = cw * float(cols), h = ch * float(rows);
  const float top = o.y + 1.4f * f;
  centered_text(dl, ImVec2(o.x + w * 0.5f + 0.4f * f, o.y + 0.5f * f), IM_COL32(170, 170, 170, 255), title);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const ImVec2 a(o.x + 0.4f * f + cw * float(c), top + ch * float(r));
      const float v = value(r, c);
      if (lit(r, c))
        dl->AddRectFilled(ImVec2(a.x + 1, a.y + 1), ImVec2(a.x + cw - 1, a.y + ch - 1), IM_COL32(110, 88, 20, 255), 3);
      centered_text(dl, ImVec2(a.x + cw * 0.5f, a.y + ch * 0.5f), lit(r, c) ? kHighlight : sign_color(v, 1.0f),
                    num(v).c_str());
    }
  const ImU32 line = IM_COL32(200, 200, 200, 255);
  const float x0 = o.x + 0.3f * f, x1 = o.x + 0.4f * f + w + 0.1f * f, y0 = top, y1 = top + h;
  dl->AddLine(ImVec2(x0, y0), ImVec2(x0, y1), line, 1.5f);
  dl->AddLine(ImVec2(x0, y0), ImVec2(x0 + 0.35f * f, y0), line, 1.5f);
  dl->AddLine(ImVec2(x0, y1), ImVec2(x0 + 0.35f * f, y1), line, 1.5f);
  dl->AddLine(ImVec2(x1, y0), ImVec2(x1, y1), line, 1.5f);
  dl->AddLine(ImVec2(x1, y0), ImVec2(x1 - 0.35f * f, y0), line, 1.5f);
  dl->AddLine(ImVec2(x1, y1), ImVec2(x1 - 0.35f * f, y1), line, 1.5f);
  return w + 0.8f * f;
}

}  // namespace

int matrix_layer(const LessonSession& s, int fallback) {
  const Step* step = s.current();
  const int L = s.scenario().mlp.layer_count();
  const int l = step ? step->highlight.layer : -1;
  return l >= 0 && l < L ? l : std::clamp(fallback, 0, L - 1);
}

void draw_matrix_view(const LessonSession& s, int l) {
  const CoreTrace* t = s.trace();
  if (!t) return;
  const Mlp& m = s.scenario().mlp;
  const Notation n(m, t->first_output);
  const Step* step = s.current();
  const int I = m.layer(l).inputs, O = m.layer(l).outputs;
  const float* in = l == 0 ? t->x.data() : t->ws.a(l - 1).data();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float f = ImGui::GetFontSize();
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const float right = start.x + ImGui::GetContentRegionAvail().x;
  const float row_h = 1.4f * f + 1.6f * f * float(std::max(O, I)) + 0.6f * f;
  ImVec2 o = start;
  int rows = 1;
  const ImU32 op = IM_COL32(230, 230, 230, 255);
  // W·x + b = z → a, left to right; on a narrow screen a piece that does not fit starts a new row
  // (its operator with it).
  auto place = [&](const char* symbol, int cols, const std::string& title) {
    const float w = std::max(4.0f * f * float(cols), ImGui::CalcTextSize(title.c_str()).x) + 0.8f * f;
    const float need = (symbol ? 1.8f * f : 0.0f) + w;
    if (o.x > start.x && o.x + need > right) {
      o = ImVec2(start.x, o.y + row_h);
      ++rows;
    }
    if (symbol) {
      centered_text(dl, ImVec2(o.x + 0.9f * f, o.y + 1.4f * f + 1.6f * f * float(std::max(O, I)) * 0.5f), op, symbol);
      o.x += 1.8f * f;
    }
  };
  const std::string w_title = n.vec("W", l) + "  (" + std::to_string(O) + " × " + std::to_string(I) + ")";
  place(nullptr, I, w_title);
  o.x += grid(
      dl, o, w_title.c_str(), O, I, [&](int r, int c) { return m.weights(l)[r * I + c]; },
      [&](int r, int c) { return highlights_weight(step, l, r, c); });
  const std::string x_title = l == 0 ? "x" : n.vec("a", l - 1);
  place("·", 1, x_title);
  o.x += grid(
      dl, o, x_title.c_str(), I, 1, [&](int r, int) { return in[r]; },
      [&](int r, int) { return highlights_neuron(step, l - 1, r); });
  const std::string b_title = n.vec("b", l);
  place("+", 1, b_title);
  o.x += grid(
      dl, o, b_title.c_str(), O, 1, [&](int r, int) { return m.bias(l)[r]; },
      [&](int r, int) { return highlights_bias(step, l, r); });
  const std::string z_title = n.vec("z", l);
  place("=", 1, z_title);
  o.x += grid(
      dl, o, z_title.c_str(), O, 1, [&](int r, int) { return t->ws.z(l)[r]; },
      [&](int r, int) { return highlights_neuron(step, l, r); });
  const std::string a_title = n.vec("a", l) + " = " + activation_symbol(m.layer(l).activation) + "(z)";
  place("\u2192", 1, a_title);
  grid(
      dl, o, a_title.c_str(), O, 1, [&](int r, int) { return t->ws.a(l)[r]; },
      [&](int r, int) { return highlights_neuron(step, l, r); });
  ImGui::Dummy(ImVec2(0, float(rows - 1) * row_h + 1.4f * f + 1.6f * f * float(std::max(O, I)) + 0.4f * f));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  wrapped_text(text::tr("lessonview.matrix.caption", {{"w", n.vec("W", l)}, {"x", x_title}}));
  ImGui::PopStyleColor();
}

}  // namespace nnlab::app
