// The anatomy picture (see network_anatomy.h).
#include "app/lesson/network_anatomy.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "app/common/widgets.h"
#include "app/lesson/network_diagram.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"
#include "text/text.h"

namespace nnlab::app {

void draw_anatomy(const LessonSession& s, ImVec2 size) {
  const Mlp& m = s.scenario().mlp;
  const Notation n(m);
  const Step* step = s.current();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float f = ImGui::GetFontSize();
  const int L = m.layer_count();
  const int inputs = m.input_size();
  const int side = int(std::lround(std::sqrt(double(inputs))));
  const ImU32 text = IM_COL32(230, 230, 230, 255), grey = IM_COL32(170, 170, 170, 255);
  const bool image_lit = step && s.step() == 0;  // the lesson opens with the image → x step

  // the image: a 28 × 28 grid with a faint "7" so it reads as a digit
  const float cell = std::min(size.y * 0.55f, 9.0f * f) / float(side);
  const ImVec2 img(o.x + 0.5f * f, o.y + 1.5f * f);
  const float img_w = cell * float(side);
  dl->AddRectFilled(img, ImVec2(img.x + img_w, img.y + img_w), IM_COL32(10, 10, 12, 255));
  for (int r = 0; r < side; ++r)
    for (int c = 0; c < side; ++c) {
      const bool ink = (r >= 6 && r <= 8 && c >= 7 && c <= 20) ||
                       (r > 8 && r < 23 && std::abs(c - (20 - (r - 8) * 8 / 14)) <= 1);
      if (ink)
        dl->AddRectFilled(ImVec2(img.x + cell * float(c), img.y + cell * float(r)),
                          ImVec2(img.x + cell * float(c + 1), img.y + cell * float(r + 1)),
                          IM_COL32(235, 235, 235, 255));
    }
  dl->AddRect(img, ImVec2(img.x + img_w, img.y + img_w), image_lit ? kHighlight : grey, 0, 0, image_lit ? 3.0f : 1.0f);
  const std::string img_label = text::tr("lessonview.anatomy.pixels", {{"size", std::to_string(side) + " × " + std::to_string(side)}});
  centered_text(dl, ImVec2(img.x + img_w * 0.5f, o.y + 0.6f * f), grey, img_label.c_str());

  // columns: x, then each layer, as tall blocks whose height grows with the neuron count
  const float x_start = img.x + img_w + 4.5f * f;
  const float col_gap = (o.x + size.x - x_start - 3.0f * f) / float(L);
  const float max_h = size.y - 4.5f * f;
  auto block_h = [&](int count) {
    return std::clamp(std::log2(float(count) + 1.0f) / std::log2(785.0f), 0.12f, 1.0f) * max_h;
  };
  auto draw_block = [&](float x, int count, const std::string& name, const std::string& detail, bool lit, ImU32 fill) {
    const float h = block_h(count), w = 2.6f * f;
    const float y0 = o.y + 1.5f * f + (max_h - h) * 0.5f;
    if (lit) dl->AddRectFilled(ImVec2(x - 4, y0 - 4), ImVec2(x + w + 4, y0 + h + 4), kHighlight, 6);
    dl->AddRectFilled(ImVec2(x, y0), ImVec2(x + w, y0 + h), fill, 4);
    centered_text(dl, ImVec2(x + w * 0.5f, y0 + h * 0.5f), text, format_count(count).c_str());
    centered_text(dl, ImVec2(x + w * 0.5f, o.y + 1.5f * f + max_h + 0.8f * f), lit ? kHighlight : text, name.c_str());
    centered_text(dl, ImVec2(x + w * 0.5f, o.y + 1.5f * f + max_h + 2.0f * f), grey, detail.c_str());
  };
  const float mid_y = o.y + 1.5f * f + max_h * 0.5f;
  dl->AddLine(ImVec2(img.x + img_w + 0.3f * f, mid_y), ImVec2(x_start - 0.3f * f, mid_y), grey, 2);
  centered_text(dl, ImVec2((img.x + img_w + x_start) * 0.5f, mid_y - 0.8f * f), grey, text::T("lessonview.anatomy.flatten"));
  draw_block(x_start, inputs, "x", text::T("lessonview.anatomy.inputs"), image_lit, IM_COL32(60, 64, 74, 255));
  for (int l = 0; l < L; ++l) {
    const LayerSpec& spec = m.layer(l);
    const float x = x_start + col_gap * float(l + 1);
    const bool lit = step && step->kind == StepKind::shape && step->layer == l;
    const std::string w_shape = std::to_string(spec.outputs) + " × " + std::to_string(spec.inputs);
    const std::string b_text = "+ " + n.vec("b", l);
    // the connection: every input to every neuron, labelled with the weight matrix
    const float prev_x = x_start + col_gap * float(l) + 2.6f * f;
    dl->AddRectFilled(ImVec2(prev_x + 0.2f * f, mid_y - 0.9f * f), ImVec2(x - 0.2f * f, mid_y + 0.9f * f),
                      lit ? IM_COL32(110, 88, 20, 255) : IM_COL32(40, 70, 50, 255), 3);
    const float cx = (prev_x + x) * 0.5f;
    centered_text(dl, ImVec2(cx, mid_y - 2.9f * f), lit ? kHighlight : grey, n.vec("W", l).c_str());
    centered_text(dl, ImVec2(cx, mid_y - 1.7f * f), lit ? kHighlight : grey, w_shape.c_str());
    centered_text(dl, ImVec2(cx, mid_y + 1.7f * f), lit ? kHighlight : grey, b_text.c_str());
    centered_text(dl, ImVec2((prev_x + x) * 0.5f, mid_y), text,
                  (format_count(static_cast<long long>(m.weights(l).size() + m.bias(l).size()))).c_str());
    const std::string name = l == L - 1 ? std::string(text::T("lessonview.anatomy.output"))
                                        : text::tr("lessonview.anatomy.layer", {{"layer", std::to_string(l + 1)}});
    draw_block(x, spec.outputs, name, activation_symbol(spec.activation), lit, IM_COL32(40, 90, 60, 255));
  }
  ImGui::Dummy(size);
  const bool total_lit = step && step->kind == StepKind::shape && !step->highlight.weights.empty();  // the total
  ImGui::TextColored(
      total_lit ? kHighlightVec : ImVec4(0.85f, 0.85f, 0.85f, 1), "%s",
      text::tr("lessonview.anatomy.total", {{"count", format_count(static_cast<long long>(m.parameter_count()))}})
          .c_str());
}

}  // namespace nnlab::app
