// The stepper (see stepper.h).
#include "app/lesson/stepper.h"

#include <string>

#include "app/common/layout.h"
#include "app/common/widgets.h"
#include "app/lesson/network_diagram.h"
#include "app/lesson/practice_panel.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"
#include "text/text.h"

namespace nnlab::app {
namespace {

const ImVec4 kDim(0.62f, 0.62f, 0.66f, 1.0f);
const ImVec4 kFuture(0.45f, 0.45f, 0.5f, 1.0f);

std::string exact_values(const Step& s) {
  std::string text;
  for (size_t k = 0; k < s.values.size() && k < 12; ++k) text += (k ? ", " : "") + format_number_full(s.values[k]);
  return text;
}

// A chip of text on a tinted background, wrapping to a new line when the row is full.
void chip(const std::string& text, ImU32 fill) {
  const ImVec2 size = ImGui::CalcTextSize(text.c_str());
  const ImVec2 box(size.x + 10, size.y + 4);
  ImGui::SameLine(0, 4);
  if (ImGui::GetContentRegionAvail().x < box.x) ImGui::NewLine();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + box.x, p.y + box.y), fill, 4);
  dl->AddText(ImVec2(p.x + 5, p.y + 2), IM_COL32_WHITE, text.c_str());
  ImGui::Dummy(box);
}

// A sum step's terms one by one, each tinted like its line in the diagram (green adds to the
// vote, red takes away): w × x = product, the bias, and the total. Products are display
// arithmetic on the numbers shown; the total is the core's z.
void draw_terms(const LessonSession& s, const Step& step) {
  const CoreTrace* t = s.trace();
  if (!t || step.kind != StepKind::sum || step.neuron < 0 || step.highlight.weights.empty() ||
      step.highlight.weights.size() > 8)
    return;
  const Mlp& m = s.scenario().mlp;
  const int l = step.layer, o = step.neuron, I = m.layer(l).inputs;
  const float* in = l == 0 ? t->x.data() : t->ws.a(l - 1).data();
  ImGui::TextDisabled("%s", text::T("lessonview.terms"));
  for (const WeightRef& w : step.highlight.weights) {
    const float weight = m.weights(l)[o * I + w.in], product = weight * in[w.in];
    chip(num(weight) + " × " + operand(in[w.in]) + " = " + num(product),
         sign_color(product, product == 0 ? 0.15f : 0.45f));
  }
  chip(text::tr("lessonview.terms.bias", {{"value", num(m.bias(l)[o])}}),
       sign_color(m.bias(l)[o], m.bias(l)[o] == 0 ? 0.15f : 0.45f));
  chip(text::tr("lessonview.terms.sum", {{"value", num(t->ws.z(l)[o])}}), IM_COL32(110, 88, 20, 255));
}

}  // namespace

void draw_step_controls(LessonSession& s) {
  const float f = ImGui::GetFontSize();
  // ← Previous  Next →  step 3 of 12  |  Play  speed  Show all  (keys), wrapping on a narrow screen.
  ImGui::BeginDisabled(s.step() == 0);
  if (ImGui::Button(with_id(text::T("lessonview.step.prev"), "prev").c_str(), ImVec2(7 * f, 0))) s.go_to(s.step() - 1);
  remember_item("step prev");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(s.step() >= s.step_count() - 1);
  if (ImGui::Button(with_id(text::T("lessonview.step.next"), "next").c_str(), ImVec2(7 * f, 0))) s.go_to(s.step() + 1);
  remember_item("step next");
  ImGui::EndDisabled();
  const std::string count = text::tr(
      "lessonview.step.count", {{"step", std::to_string(s.step() + 1)}, {"count", std::to_string(s.step_count())}});
  layout::next_in_row(ImGui::CalcTextSize(count.c_str()).x);
  ImGui::TextDisabled("%s", count.c_str());
  if (ImGui::Button(with_id(text::T(s.playing ? "lessonview.step.pause" : "lessonview.step.play"), "play").c_str(),
                    ImVec2(4.5f * f, 0)))
    s.command(s.playing ? "pause" : "play", "");
  remember_item("step play");
  layout::next_in_row(7 * f);
  ImGui::SetNextItemWidth(7 * f);
  ImGui::SliderFloat("##speed", &s.speed, 0.25f, 4.0f, text::T("lessonview.step.speed_format"),
                     ImGuiSliderFlags_AlwaysClamp);
  remember_item("step speed");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text::T("lessonview.step.speed_tip"));
  const std::string all = with_id(text::T("lessonview.step.show_all"), "all");
  layout::next_in_row(layout::check_width(all.c_str()));
  ImGui::Checkbox(all.c_str(), &s.show_all);
  remember_item("step all");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text::T("lessonview.step.show_all_tip"));
  if (!layout::touch()) {  // the keys, where there is a keyboard
    const char* keys = text::T("lessonview.step.keys");
    layout::next_in_row(ImGui::CalcTextSize(keys).x);
    ImGui::TextDisabled("%s", keys);
  }
}

void draw_step_list(LessonSession& s, StepperState* ui, ImVec2 size) {
  ImGui::BeginChild("steps", size, true);
  const Lesson& lesson = s.lesson();
  const int last = s.show_all ? s.step_count() - 1 : s.step();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (int k = 0; k <= last && k < s.step_count(); ++k) {
    const Step& step = lesson.steps[k];
    const bool now = k == s.step(), future = k > s.step();
    ImGui::PushID(k);
    if (now) {
      // The current step: its formula, the numbers (glowing), and what it means.
      dl->ChannelsSplit(2);
      dl->ChannelsSetCurrent(1);
      ImGui::BeginGroup();
      ImGui::Spacing();
      ImGui::PushStyleColor(ImGuiCol_Text, kDim);
      wrapped_text(std::to_string(k + 1) + ".  " + step.symbolic, 4);
      ImGui::PopStyleColor();
      ImGui::PushStyleColor(ImGuiCol_Text, kHighlightVec);
      wrapped_text(step.substituted, 4);
      ImGui::PopStyleColor();
      wrapped_text(step.explanation, 4);
      draw_terms(s, step);
      draw_gradient_check(s, step);  // beside a gradient: its finite difference
      ImGui::Spacing();
      ImGui::EndGroup();
      const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
      dl->ChannelsSetCurrent(0);
      dl->AddRectFilled(ImVec2(a.x - 4, a.y), ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - 6, b.y),
                        IM_COL32(70, 58, 20, 150), 4);
      dl->AddRectFilled(ImVec2(a.x - 4, a.y), ImVec2(a.x - 1, b.y), kHighlight);
      dl->ChannelsMerge();
      if (ui->scrolled_to != k) {
        ImGui::SetScrollHereY(0.6f);
        ui->scrolled_to = k;
      }
    } else {
      ImGui::PushStyleColor(ImGuiCol_Text, future ? kFuture : kDim);
      wrapped_text(std::to_string(k + 1) + ".  " + step.substituted);
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) {
        std::string tip = text::tr(
            "lessonview.step.tip",
            {{"formula", step.symbolic}, {"explanation", step.explanation}, {"exact", exact_values(step)}});
        const std::string check = gradient_check_text_of(s, step);  // every gradient: its finite difference too
        if (!check.empty()) tip += "\n" + check;
        tip += '\n';
        tip += text::T(layout::pointer_key("lessonview.step.click_tip", "layout.tap.step_tip"));
        ImGui::SetTooltip("%s", tip.c_str());
        if (ImGui::IsMouseClicked(0)) s.go_to(k);
      }
    }
    ImGui::PopID();
  }
  if (!s.show_all && s.step() < s.step_count() - 1)
    ImGui::TextDisabled("%s", text::tr_count("lessonview.step.more", s.step_count() - 1 - s.step(),
                                             {{"count", std::to_string(s.step_count() - 1 - s.step())}})
                                  .c_str());
  ImGui::EndChild();
}

void handle_step_keys(LessonSession& s) {  // one step per key press (no auto-repeat)
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || ImGui::IsAnyItemActive()) return;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow), false)) s.go_to(s.step() + 1);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow), false)) s.go_to(s.step() - 1);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home), false)) s.go_to(0);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End), false)) s.go_to(s.step_count() - 1);
  if ((io.KeyCtrl || io.KeySuper) && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z), false)) s.undo();
}

}  // namespace nnlab::app
