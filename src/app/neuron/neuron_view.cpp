// The umbrella neuron view: sliders, a diagram, the hand calculation and a decision map.
#include "app/neuron/neuron_view.h"

#include <imgui.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "app/common/layout.h"
#include "app/common/widgets.h"
#include "app/views.h"
#include "data/float_text.h"
#include "data/number_text.h"
#include "lessons/activation_explorer.h"
#include "lessons/activation_text.h"
#include "lessons/builtin.h"
#include "lessons/number_format.h"
#include "text/text.h"

namespace nnlab::app {
namespace {

constexpr int kMapW = 96, kMapH = 24;           // decision map resolution (temperature × rain)
constexpr float kTempMin = -20, kTempMax = 40;  // the map's and the slider's temperature range
constexpr float kPlotZMin = -10, kPlotZMax = 10;  // the activation plot's z range
constexpr Activation kChoices[] = {Activation::relu, Activation::sigmoid, Activation::tanh, Activation::step};


}  // namespace

NeuronView::NeuronView() : scenario_(umbrella_scenario(Activation::relu)) {
  grid_.resize(scenario_.mlp, kMapW * kMapH);
  grid_x_.resize(size_t(kMapW) * kMapH * 2);
  for (int r = 0; r < kMapH; ++r)
    for (int c = 0; c < kMapW; ++c) {
      float* x = &grid_x_[(size_t(r) * kMapW + c) * 2];
      x[0] = kTempMin + (kTempMax - kTempMin) * (c + 0.5f) / kMapW;
      x[1] = 1.0f - (r + 0.5f) / kMapH;  // top row = raining
    }
  grid_out_.resize(size_t(kMapW) * kMapH);
  recompute();
}

float NeuronView::threshold() const {
  const Step* d = find_step(lesson_, StepKind::decision);
  return d && d->values.size() > 1 ? d->values[1] : 0.0f;
}
bool NeuronView::umbrella() const { return a_ > threshold(); }
std::string NeuronView::decision_text() const { return text::T(umbrella() ? "neuron.decision.yes" : "neuron.decision.no"); }

// Copies the parameters into the scenario's core Mlp and rebuilds the lesson, whose steps carry
// every number the view shows.
std::string NeuronView::map_note() const {
  return text::tr("neuron.map.note", {{"threshold", format_number(threshold())}});
}

std::string NeuronView::plot_caption() const {
  return text::tr("neuron.plot.caption",
                  {{"formula", activation_text(params_.activation).formula}, {"z", format_number(z_)}});
}

void NeuronView::recompute() {
  if (scenario_.mlp.layer(0).activation != params_.activation) {
    set_layer_activation(&scenario_, 0, params_.activation, &lesson_error_);
    grid_.resize(scenario_.mlp, kMapW * kMapH);
  }
  scenario_.mlp.weights(0)[0] = params_.w1;
  scenario_.mlp.weights(0)[1] = params_.w2;
  scenario_.mlp.bias(0)[0] = params_.b;
  scenario_.x = {params_.x1, params_.x2};
  lesson_error_.clear();
  if (!umbrella_lesson(scenario_, &lesson_, &lesson_error_)) lesson_.steps.clear();
  for (int i = 0; i < 2; ++i) {
    const Step* term = find_step(lesson_, StepKind::term, 0, 0, i);
    terms_[i] = term ? term->values[0] : 0.0f;
  }
  const Step* sum = find_step(lesson_, StepKind::sum, 0, 0);
  const Step* act = find_step(lesson_, StepKind::activation, 0, 0);
  z_ = sum ? sum->values[0] : 0.0f;
  a_ = act ? act->values[0] : 0.0f;
  map_dirty_ = true;
}

std::string NeuronView::set(std::string_view key, std::string_view value) {
  if (key == "act") {
    Activation act;
    if (!parse_activation(value, &act) ||
        std::find(std::begin(kChoices), std::end(kChoices), act) == std::end(kChoices))
      return text::tr("neuron.error.act",
                      {{"key", "act"}, {"choices", "relu, sigmoid, tanh, step"}, {"value", std::string(value)}});
    params_.activation = act;
    recompute();
    return "";
  }
  float* slot = key == "x1"   ? &params_.x1
                : key == "x2" ? &params_.x2
                : key == "w1" ? &params_.w1
                : key == "w2" ? &params_.w2
                : key == "b"  ? &params_.b
                              : nullptr;
  if (!slot) return text::tr("neuron.error.unknown", {{"key", std::string(key)}, {"keys", "x1, x2, w1, w2, b, act"}});
  float v;
  std::string error;
  if (!parse_number(value, &v, &error)) return error;
  *slot = v;
  recompute();
  return "";
}

void NeuronView::state(nlohmann::json* out) const {
  *out = {{"x1", params_.x1},
          {"x2", params_.x2},
          {"w1", params_.w1},
          {"w2", params_.w2},
          {"b", params_.b},
          {"act", activation_name(params_.activation)},
          {"terms", {terms_[0], terms_[1]}},
          {"z", z_},
          {"a", a_},
          {"threshold", threshold()},
          {"umbrella", umbrella()},
          {"decision", decision_text()},
          {"map_note", map_note()},
          {"plot_caption", plot_caption()}};
}

void NeuronView::append_link(std::string* link) const {
  const std::pair<const char*, float> values[] = {
      {"x1", params_.x1}, {"x2", params_.x2}, {"w1", params_.w1}, {"w2", params_.w2}, {"b", params_.b}};
  for (const auto& [key, v] : values) link->append("&").append(key).append("=").append(float_to_text(v));
  link->append("&act=").append(activation_name(params_.activation));
}

void NeuronView::draw_controls() {
  NeuronParams p = params_;
  bool changed = false;
  ImGui::PushItemWidth(-8 * ImGui::GetFontSize());
  // Labels change with the language; "###name" keeps each widget's ID.
  changed |= ImGui::SliderFloat(with_id(text::T("neuron.slider.x1"), "x1").c_str(), &p.x1, kTempMin, kTempMax, "%.1f \u00b0C");
  remember_item("x1");
  changed |= ImGui::SliderFloat(with_id(text::T("neuron.slider.x2"), "x2").c_str(), &p.x2, 0, 1, "%.2f");
  remember_item("x2");
  changed |= ImGui::SliderFloat("w\u2081", &p.w1, -3, 3, "%.2f");
  remember_item("w1");
  changed |= ImGui::SliderFloat("w\u2082", &p.w2, -3, 3, "%.2f");
  remember_item("w2");
  changed |= ImGui::SliderFloat(with_id(text::T("neuron.slider.b"), "b").c_str(), &p.b, -10, 10, "%.2f");
  remember_item("b");
  int act_index = int(std::find(std::begin(kChoices), std::end(kChoices), p.activation) - std::begin(kChoices));
  if (ImGui::BeginCombo(with_id(text::T("neuron.activation"), "act").c_str(), activation_text(p.activation).label)) {
    for (int i = 0; i < int(std::size(kChoices)); ++i)
      if (layout::selectable(activation_text(kChoices[i]).label, i == act_index)) {
        p.activation = kChoices[i];
        changed = true;
      }
    ImGui::EndCombo();
  }
  remember_item("act");
  ImGui::PopItemWidth();
  if (changed) {
    params_ = p;
    recompute();
  }
}

void NeuronView::draw_hand_calculation() {
  section(text::T("neuron.hand_calculation"));
  if (!lesson_error_.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", lesson_error_.c_str());
  for (const Step& step : lesson_.steps) {
    const bool is_decision = step.kind == StepKind::decision;
    // Wrapped (a phone's column is narrower than the longest line), never inside a number.
    ImGui::PushStyleColor(ImGuiCol_Text, !is_decision ? ImGui::GetStyleColorVec4(ImGuiCol_Text)
                                         : umbrella()  ? ImVec4(0.45f, 0.85f, 0.45f, 1)
                                                       : ImVec4(0.95f, 0.55f, 0.45f, 1));
    wrapped_text(step.substituted);
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered() && !step.values.empty())
      ImGui::SetTooltip(
          "%s", text::tr("neuron.step_tip", {{"formula", step.symbolic}, {"value", format_number_full(step.values[0])}})
                    .c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    wrapped_text(step.explanation);
    ImGui::PopStyleColor();
  }
}

void NeuronView::draw_pictures(float w) {
  const float f = ImGui::GetFontSize();
  draw_diagram(std::clamp(w * 0.5f, 9 * f, 14 * f));
  draw_decision_map(w, std::min(w * 0.3f, 10 * f));
  draw_activation_plot(w, std::min(w * 0.3f, 9 * f));
}

void NeuronView::draw() {
  const float avail = ImGui::GetContentRegionAvail().x;
  if (layout::stacked(avail)) {
    // One column: the neuron, the sliders right under it (a drag shows its effect on the picture
    // above the finger), the hand calculation, then the decision map and the activation plot.
    ImGui::BeginChild("neuron column", ImVec2(0, 0), false);
    wrapped_text(text::T("neuron.intro"));
    ImGui::Spacing();
    const float w = ImGui::GetContentRegionAvail().x, f = ImGui::GetFontSize();
    draw_diagram(std::clamp(w * 0.5f, 9 * f, 14 * f));
    draw_controls();
    draw_hand_calculation();
    ImGui::Spacing();
    draw_decision_map(w, std::min(w * 0.3f, 10 * f));
    draw_activation_plot(w, std::min(w * 0.3f, 9 * f));
    ImGui::EndChild();
    return;
  }
  wrapped_text(text::T("neuron.intro"));
  ImGui::Spacing();
  const float left_w = std::min(avail * 0.42f, 30 * ImGui::GetFontSize());
  ImGui::BeginChild("controls", ImVec2(left_w, 0), false);
  draw_controls();
  draw_hand_calculation();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("pictures", ImVec2(0, 0), false);
  draw_pictures(ImGui::GetContentRegionAvail().x);
  ImGui::EndChild();
}

// Inputs on the left, the neuron in the middle, the decision on the right; edges coloured by
// sign and thick by magnitude.
void NeuronView::draw_diagram(float height) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x, f = ImGui::GetFontSize();
  // A phone's column: the inputs nearer the edge and a smaller neuron, so the weights' labels stay
  // clear of both circles; the decision goes under the output's line, at the right edge.
  const bool narrow = w < 30 * f;
  const float r_in = 1.6f * f, r_n = narrow ? std::min(3.3f * f, 0.12f * w) : 3.3f * f;
  const float in_x = narrow ? 2.6f * f : 4 * f;
  const ImVec2 in1(o.x + in_x, o.y + height * 0.28f), in2(o.x + in_x, o.y + height * 0.72f);
  const ImVec2 neuron(o.x + w * 0.52f, o.y + height * 0.5f);
  const float weights[2] = {params_.w1, params_.w2};
  const ImVec2 ins[2] = {in1, in2};
  const float xs[2] = {params_.x1, params_.x2};
  const char* names[2] = {text::T("neuron.diagram.x1"), text::T("neuron.diagram.x2")};
  for (int i = 0; i < 2; ++i) {
    const float t = std::clamp(std::fabs(weights[i]) / 3.0f, 0.0f, 1.0f);
    dl->AddLine(ins[i], neuron, sign_color(weights[i], 0.35f + 0.65f * t), 1.0f + 7.0f * t);
    const ImVec2 mid((ins[i].x + neuron.x) * 0.5f, (ins[i].y + neuron.y) * 0.5f - 1.2f * f);
    centered_text(dl, mid, ImGui::GetColorU32(ImGuiCol_Text), ("w = " + format_number(weights[i])).c_str());
    dl->AddCircleFilled(ins[i], r_in, IM_COL32(40, 44, 52, 255));
    dl->AddCircle(ins[i], r_in, IM_COL32(200, 200, 200, 255), 0, 2);
    centered_text(dl, ins[i], IM_COL32_WHITE, format_number(xs[i]).c_str());
    centered_text(dl, ImVec2(ins[i].x, ins[i].y + r_in + 0.7f * f), IM_COL32(170, 170, 170, 255), names[i]);
  }
  dl->AddCircleFilled(neuron, r_n, activation_fill(a_));
  dl->AddCircle(neuron, r_n, IM_COL32(230, 230, 230, 255), 0, 2);
  centered_text(dl, ImVec2(neuron.x, neuron.y - 0.6f * f), IM_COL32_WHITE, ("z = " + format_number(z_)).c_str());
  centered_text(dl, ImVec2(neuron.x, neuron.y + 0.6f * f), IM_COL32_WHITE, ("a = " + format_number(a_)).c_str());
  centered_text(dl, ImVec2(neuron.x, neuron.y + r_n + 0.7f * f), IM_COL32(170, 170, 170, 255),
                ("b = " + format_number(params_.b)).c_str());
  const char* verdict = text::T(umbrella() ? "neuron.diagram.yes" : "neuron.diagram.no");
  const std::string decision = decision_text();
  const float verdict_w = ImGui::CalcTextSize(verdict).x, decision_w = ImGui::CalcTextSize(decision.c_str()).x;
  const ImVec2 out(narrow ? o.x + w - 0.5f * verdict_w - 0.4f * f : o.x + w - 5 * f, neuron.y);
  const float line_end = narrow ? out.x - 0.5f * verdict_w - 0.3f * f : out.x - 2.2f * f;
  dl->AddLine(ImVec2(neuron.x + r_n, neuron.y), ImVec2(line_end, out.y), IM_COL32(200, 200, 200, 255), 2);
  centered_text(dl, ImVec2(out.x, out.y - (narrow ? 0 : 0.8f * f)),
                umbrella() ? IM_COL32(120, 230, 120, 255) : IM_COL32(240, 150, 120, 255), verdict);
  if (narrow)  // right-aligned on the bias's row, clear of the neuron
    dl->AddText(ImVec2(std::max(neuron.x + 0.5f * ImGui::CalcTextSize(("b = " + format_number(params_.b)).c_str()).x + 0.6f * f,
                                 o.x + w - decision_w - 0.2f * f), neuron.y + r_n + 0.2f * f),
                IM_COL32(170, 170, 170, 255), decision.c_str());
  else centered_text(dl, ImVec2(out.x, out.y + 0.6f * f), IM_COL32(170, 170, 170, 255), decision.c_str());
  ImGui::Dummy(ImVec2(w, height));
}

// Where would this neuron say "umbrella"? a − threshold over temperature × rain, computed by the
// core as one batch and colour-mapped on the GPU (green: take one, red: don't).
void NeuronView::draw_decision_map(float width, float height) {
  if (map_dirty_) {
    forward(scenario_.mlp, grid_x_.data(), kMapW * kMapH, grid_);
    // Colour is the decision (green: umbrella, red: none), brightness how far a is from the
    // threshold, so even ReLU's flat zero region reads as a clear "no".
    const auto a = grid_.a(0);
    float scale = 1e-6f;
    for (size_t i = 0; i < grid_out_.size(); ++i) scale = std::max(scale, std::fabs(a[i] - threshold()));
    for (size_t i = 0; i < grid_out_.size(); ++i) {
      const float margin = a[i] - threshold();
      grid_out_[i] = (margin > 0 ? 1.0f : -1.0f) * (0.3f + 0.7f * std::fabs(margin) / scale);
    }
    scale = 1.0f;
    gpu::colormap(map_texture_, grid_out_.data(), kMapW, kMapH, scale, gpu::Colormap::diverging);
    map_dirty_ = false;
  }
  wrapped_text(text::T("neuron.map.title"));
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  if (map_texture_.id) {
    ImGui::Image(map_texture_.imgui_id(), ImVec2(width, height));
  } else {
    ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s",
                       text::tr("neuron.map.no_gpu", {{"error", gpu::last_error()}}).c_str());
    return;
  }
  // The current input as a marker on the map.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float u = std::clamp((params_.x1 - kTempMin) / (kTempMax - kTempMin), 0.0f, 1.0f);
  const float v = std::clamp(1.0f - params_.x2, 0.0f, 1.0f);
  const float r = 0.45f * ImGui::GetFontSize();  // the marker stays inside the map (clear of its caption)
  const ImVec2 m(std::clamp(p0.x + u * width, p0.x + r, p0.x + width - r),
                 std::clamp(p0.y + v * height, p0.y + r, p0.y + height - r));
  dl->AddCircle(m, r, IM_COL32_WHITE, 0, 2.5f);
  ImGui::Text("%s \u00b0C", format_number(kTempMin).c_str());
  ImGui::SameLine(width - 4 * ImGui::GetFontSize());
  ImGui::Text("%s \u00b0C", format_number(kTempMax).c_str());
  // Every activation offered here says "yes" exactly when z > 0 (ReLU and tanh: a > 0; sigmoid and
  // step: a > 0.5), so the boundary never moves with the activation: only the shading does.
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  wrapped_text(map_note());
  ImGui::PopStyleColor();
}

// The activation as a curve over z, with this neuron's z marked: the "switch" seen whole.
void NeuronView::draw_activation_plot(float width, float height) {
  constexpr float kZMin = kPlotZMin, kZMax = kPlotZMax;
  const ActivationCurve curve = activation_curve(params_.activation, kZMin, kZMax, 201);
  const ActivationPoint point = activation_point(params_.activation, std::clamp(z_, kZMin, kZMax));
  ImGui::Spacing();
  wrapped_text(plot_caption());
  float f_min = 0, f_max = 1;
  for (float f : curve.f) f_min = std::min(f_min, f), f_max = std::max(f_max, f);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  auto at = [&](float z, float f) {
    return ImVec2(o.x + (z - kZMin) / (kZMax - kZMin) * width, o.y + (1 - (f - f_min) / (f_max - f_min)) * height);
  };
  dl->AddRectFilled(o, ImVec2(o.x + width, o.y + height), IM_COL32(28, 31, 38, 255));
  dl->AddLine(at(kZMin, 0), at(kZMax, 0), IM_COL32(90, 90, 100, 255));  // f = 0
  dl->AddLine(at(0, f_min), at(0, f_max), IM_COL32(90, 90, 100, 255));  // z = 0
  for (size_t i = 1; i < curve.z.size(); ++i)
    dl->AddLine(at(curve.z[i - 1], curve.f[i - 1]), at(curve.z[i], curve.f[i]), IM_COL32(140, 190, 255, 255), 2.0f);
  const ImVec2 m = at(point.z, point.f);
  dl->AddCircleFilled(m, 0.35f * ImGui::GetFontSize(),
                      umbrella() ? IM_COL32(120, 230, 120, 255) : IM_COL32(240, 150, 120, 255));
  centered_text(dl, ImVec2(m.x, m.y - 0.9f * ImGui::GetFontSize()), IM_COL32_WHITE,
                ("a = " + format_number(a_)).c_str());
  ImGui::Dummy(ImVec2(width, height));
  ImGui::TextDisabled("%s",
                      text::tr("neuron.plot.range", {{"from", format_number(kZMin)}, {"to", format_number(kZMax)}}).c_str());
}

}  // namespace nnlab::app

namespace nnlab::app {
std::unique_ptr<View> make_neuron_view() { return std::make_unique<NeuronView>(); }
}  // namespace nnlab::app
