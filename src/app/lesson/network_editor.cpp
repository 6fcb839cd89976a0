// Editors around the diagram (see network_editor.h).
#include "app/lesson/network_editor.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "app/common/layout.h"
#include "app/common/widgets.h"
#include "lessons/builtin.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"
#include "text/text.h"

namespace nnlab::app {
namespace {

constexpr Activation kCustomActivations[] = {Activation::relu, Activation::leaky_relu, Activation::sigmoid,
                                             Activation::tanh, Activation::identity,   Activation::softmax};

bool valid(const Mlp& m, const Selection& s, size_t inputs) {
  switch (s.kind) {
    case Selection::Kind::none: return true;
    case Selection::Kind::input: return s.in >= 0 && s.in < int(inputs);
    case Selection::Kind::bias: return s.layer >= 0 && s.layer < m.layer_count() && s.out < m.layer(s.layer).outputs;
    case Selection::Kind::weight:
      return s.layer >= 0 && s.layer < m.layer_count() && s.out < m.layer(s.layer).outputs &&
             s.in < m.layer(s.layer).inputs;
  }
  return false;
}

std::string input_label(const LessonSession& s, int i) {
  const Notation n(s.scenario().mlp, s.scenario().first_output);
  const auto& names = s.scenario().input_names;
  return n.x(i) + (i < int(names.size()) ? "  " + names[i] : std::string());
}

}  // namespace

void draw_selection_editor(LessonSession& s, Selection* sel, bool focus) {
  const Mlp& m = s.scenario().mlp;
  if (!valid(m, *sel, s.scenario().x.size())) *sel = {};
  if (sel->kind == Selection::Kind::none) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    wrapped_text(text::T(layout::pointer_key("lessonview.edit.hint", "layout.tap.edit_hint")));
    ImGui::PopStyleColor();
    return;
  }
  const Notation n(m, s.scenario().first_output);
  float value = 0;
  std::string title;
  switch (sel->kind) {
    case Selection::Kind::weight:
      value = m.weights(sel->layer)[sel->out * m.layer(sel->layer).inputs + sel->in];
      title = text::tr("lessonview.edit.weight",
                       {{"w", n.w(sel->layer, sel->out, sel->in)},
                        {"from", sel->layer == 0 ? input_label(s, sel->in) : n.input(sel->layer, sel->in)},
                        {"neuron", std::to_string(n.number(sel->layer, sel->out))},
                        {"layer", n.layer_name(sel->layer)}});
      break;
    case Selection::Kind::bias:
      value = m.bias(sel->layer)[sel->out];
      title = text::tr("lessonview.edit.bias", {{"b", n.b(sel->layer, sel->out)},
                                                {"neuron", std::to_string(n.number(sel->layer, sel->out))},
                                                {"layer", n.layer_name(sel->layer)}});
      break;
    case Selection::Kind::input:
      value = s.scenario().x[sel->in];
      title = text::tr("lessonview.edit.input", {{"input", input_label(s, sel->in)}});
      break;
    case Selection::Kind::none: break;
  }
  auto commit = [&](float v, bool undoable) {
    switch (sel->kind) {
      case Selection::Kind::weight: return s.set_weight(sel->layer, sel->out, sel->in, v, undoable);
      case Selection::Kind::bias: return s.set_bias(sel->layer, sel->out, v, undoable);
      case Selection::Kind::input: return s.set_input(sel->in, v, undoable);
      case Selection::Kind::none: break;
    }
    return std::string();
  };
  const float f = ImGui::GetFontSize();
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.47f, 0.75f, 1.0f, 1.0f));
  wrapped_text(text::tr("lessonview.edit.title", {{"what", title}}));
  ImGui::PopStyleColor();
  // Type: [value]  or drag: [drag]  [Undo] [Done], wrapping on a narrow screen; a finger also gets ±
  // (a phone's number pad may have no minus key).
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text::T("lessonview.edit.type"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(7 * f);
  if (focus) ImGui::SetKeyboardFocusHere();
  float typed = value;
  const bool typed_changed = ImGui::InputFloat("##value", &typed, 0, 0, "%.6g", ImGuiInputTextFlags_AutoSelectAll);
  remember_item("edit value");
  if (ImGui::IsItemActivated()) s.begin_edit();
  if (typed_changed && std::isfinite(typed) && typed != value) commit(std::clamp(typed, -1e6f, 1e6f), false);
  if (layout::touch()) {
    ImGui::SameLine();
    if (ImGui::Button("\u00b1###sign", ImVec2(layout::target_height(), 0)) && value != 0) {
      s.begin_edit();
      commit(-value, false);
    }
    remember_item("edit sign");
  }
  const char* drag_label = text::T("lessonview.edit.drag");
  layout::next_in_row(ImGui::CalcTextSize(drag_label).x + ImGui::GetStyle().ItemSpacing.x + 9 * f);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(drag_label);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(9 * f);
  float dragged = value;
  const float speed = std::max(0.005f, std::fabs(value) * 0.01f);
  const bool drag_changed = ImGui::DragFloat("##drag", &dragged, speed, -1e6f, 1e6f, "%.4g", ImGuiSliderFlags_AlwaysClamp);
  remember_item("edit drag");
  if (ImGui::IsItemActivated()) s.begin_edit();
  if (drag_changed && dragged != value) commit(dragged, false);
  const std::string undo = with_id(text::T("lessonview.edit.undo"), "undo");
  const std::string done = with_id(text::T("lessonview.edit.done"), "done");
  layout::next_in_row(layout::button_width(undo.c_str()) + ImGui::GetStyle().ItemSpacing.x +
                      layout::button_width(done.c_str()));
  ImGui::BeginDisabled(s.undo_depth() == 0);
  if (ImGui::Button(undo.c_str())) s.undo();
  remember_item("edit undo");
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", text::T("lessonview.edit.undo_tip"));
  ImGui::SameLine();
  if (ImGui::Button(done.c_str())) *sel = {};
  remember_item("edit done");
}

void draw_input_editors(LessonSession& s) {
  const int I = int(s.scenario().x.size());
  const float f = ImGui::GetFontSize();
  ImGui::PushItemWidth(5.5f * f);
  for (int i = 0; i < I; ++i) {
    // as many per row as fit
    const std::string label = input_label(s, i);
    if (i) layout::next_in_row(layout::labelled_width(5.5f * f, label.c_str()), 1.2f * f);
    float v = s.scenario().x[i];
    ImGui::PushID(i);
    const bool changed = ImGui::DragFloat(with_id(label.c_str(), "x").c_str(), &v, 0.05f, -1e6f, 1e6f, "%.4g", ImGuiSliderFlags_AlwaysClamp);
    remember_item(stable_name("input " + std::to_string(i + 1)));
    if (ImGui::IsItemActivated()) s.begin_edit();
    if (changed) s.set_input(i, v, false);
    ImGui::PopID();
  }
  ImGui::PopItemWidth();
}

void draw_target_editors(LessonSession& s) {
  const Scenario& sc = s.scenario();
  if (sc.y.empty()) return;
  const Notation n(sc.mlp, sc.first_output);
  const float f = ImGui::GetFontSize();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text::T("lessonview.target"));
  ImGui::PushItemWidth(6 * f);
  for (int k = 0; k < int(sc.y.size()); ++k) {
    layout::next_in_row(layout::labelled_width(6 * f, n.y(k).c_str()));
    float v = sc.y[k];
    ImGui::PushID(k);
    const bool changed = ImGui::SliderFloat((n.y(k) + "##y").c_str(), &v, 0.0f, 1.0f, "%.3g", ImGuiSliderFlags_AlwaysClamp);
    remember_item(stable_name("target " + std::to_string(k + 1)));
    if (ImGui::IsItemActivated()) s.begin_edit();
    if (changed) s.set_target(k, v, false);
    ImGui::PopID();
  }
  ImGui::PopItemWidth();
  const std::string half_sse = with_id(text::T("lessonview.loss.half_sse"), "half-sse");
  const std::string bce = with_id(text::T("lessonview.loss.bce"), "bce");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text::T("lessonview.loss"));
  layout::next_in_row(layout::check_width(half_sse.c_str()));
  if (ImGui::RadioButton(half_sse.c_str(), sc.loss == Loss::half_sse)) s.set_loss(Loss::half_sse);
  remember_item("loss half-sse");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text::T("lessonview.loss.half_sse_tip"));
  layout::next_in_row(layout::check_width(bce.c_str()));
  if (ImGui::RadioButton(bce.c_str(), sc.loss == Loss::bce)) s.set_loss(Loss::bce);
  remember_item("loss bce");
  // The core's BCE averages over the n outputs (losses.cpp); ln is the natural logarithm.
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text::T("lessonview.loss.bce_tip"));
  float lr = sc.learning_rate;
  ImGui::SetNextItemWidth(10 * f);
  const bool changed = ImGui::SliderFloat(with_id(text::T("lessonview.learning_rate"), "lr").c_str(), &lr, 0.001f,
                                          10.0f, "%.3g", ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
  remember_item("learning rate");
  if (ImGui::IsItemActivated()) s.begin_edit();
  if (changed) s.set_learning_rate(lr, false);
}

void draw_custom_builder(LessonSession& s) {
  const Mlp& m = s.scenario().mlp;
  const float f = ImGui::GetFontSize();
  std::vector<int> sizes = {m.input_size()};
  for (int l = 0; l < m.layer_count(); ++l) sizes.push_back(m.layer(l).outputs);
  int layers = m.layer_count();
  bool changed = false;
  ImGui::PushItemWidth(5 * f);
  const std::string inputs = with_id(text::T("lessonview.custom.inputs"), "inputs");
  const std::string layer_count = with_id(text::T("lessonview.custom.layers"), "layers");
  const std::string randomize = with_id(text::T("lessonview.custom.randomize"), "randomize");
  changed |= ImGui::SliderInt(inputs.c_str(), &sizes[0], 1, kMaxCustomNeurons);
  remember_item("custom inputs");
  layout::next_in_row(layout::labelled_width(5 * f, layer_count.c_str()));
  if (ImGui::SliderInt(layer_count.c_str(), &layers, 1, kMaxCustomLayers)) {
    sizes.resize(size_t(layers) + 1, 2);
    changed = true;
  }
  remember_item("custom layers");
  layout::next_in_row(layout::button_width(randomize.c_str()));
  if (ImGui::Button(randomize.c_str())) s.randomize(s.seed() + 1);
  remember_item("custom randomize");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", text::tr("lessonview.custom.randomize_tip", {{"seed", std::to_string(s.seed())}}).c_str());
  for (int l = 0; l < m.layer_count() && !changed; ++l) {
    ImGui::PushID(l);
    const std::string neurons = text::tr("lessonview.custom.neurons", {{"layer", std::to_string(l + 1)}});
    changed |= ImGui::SliderInt(with_id(neurons.c_str(), "neurons").c_str(), &sizes[l + 1], 1, kMaxCustomNeurons);
    remember_item(stable_name("custom neurons " + std::to_string(l + 1)));
    const std::string act_label = with_id(text::T("lessonview.custom.activation"), "act");
    layout::next_in_row(layout::labelled_width(5 * f, act_label.c_str()));
    const Activation act = m.layer(l).activation;
    if (ImGui::BeginCombo(act_label.c_str(), activation_symbol(act).c_str())) {
      for (Activation a : kCustomActivations) {
        if (a == Activation::softmax && l != m.layer_count() - 1) continue;
        if (layout::selectable(activation_symbol(a).c_str(), a == act)) s.set_activation(l, a);
      }
      ImGui::EndCombo();
    }
    remember_item(stable_name("custom act " + std::to_string(l + 1)));
    ImGui::PopID();
  }
  ImGui::PopItemWidth();
  if (changed) s.set_shape(sizes);
}

}  // namespace nnlab::app
