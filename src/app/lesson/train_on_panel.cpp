// "Train on" (see train_on_panel.h).
#include "app/lesson/train_on_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "app/common/layout.h"
#include "app/common/widgets.h"
#include "app/lesson/lesson_session.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"
#include "text/text.h"

namespace nnlab::app {

bool TrainOnPanel::current(const LessonSession& s) const {
  const Scenario& a = s.scenario();
  const Scenario& b = trained_from_;
  return has_result_ && a.x == b.x && a.y == b.y && a.loss == b.loss && a.learning_rate == b.learning_rate &&
         a.mlp.parameter_count() == b.mlp.parameter_count() &&
         std::equal(a.mlp.params().begin(), a.mlp.params().end(), b.mlp.params().begin());
}

std::string TrainOnPanel::run(const LessonSession& s, int steps) {
  std::string error;
  TrainOn r;
  if (!train_on(s.scenario(), samples_, steps, &r, &error)) return error;
  result_ = std::move(r);
  trained_from_ = s.scenario();
  has_result_ = true;
  steps_ = steps;
  return "";
}

std::optional<std::string> TrainOnPanel::command(std::string_view verb, std::string_view args, const LessonSession& s) {
  if (verb != "train") return std::nullopt;
  if (!args.starts_with("on")) return text::tr("app.usage", {{"command", "train on N"}});
  std::string_view n = args.substr(2);
  while (!n.empty() && n.front() == ' ') n.remove_prefix(1);
  int steps = steps_;
  if (!n.empty()) {
    char* end = nullptr;
    const std::string str(n);
    const long v = std::strtol(str.c_str(), &end, 10);
    if (end != str.c_str() + str.size() || v < 1 || v > kMaxTrainOnSteps)
      return text::tr("practice.trainon.steps", {{"most", std::to_string(kMaxTrainOnSteps)}});
    steps = int(v);
  }
  return run(s, steps);
}

std::optional<std::string> TrainOnPanel::set(std::string_view key, std::string_view value, const LessonSession& s) {
  if (key != "samples") return std::nullopt;
  std::vector<TrainSample> samples;
  std::string error;
  const Mlp& m = s.scenario().mlp;
  if (!parse_samples(value, m.input_size(), m.output_size(), &samples, &error)) return error;
  samples_ = std::move(samples);
  const std::string text = samples_text(samples_);
  std::snprintf(samples_buf_, sizeof samples_buf_, "%s", text.c_str());
  has_result_ = false;
  return std::string();
}

void TrainOnPanel::append_link(std::string* link) const {
  if (!samples_.empty()) link->append("&samples=").append(samples_text(samples_));
}

void TrainOnPanel::state(nlohmann::json* out, const LessonSession& s) const {
  nlohmann::json j = {{"steps", steps_}, {"samples", samples_text(samples_)}, {"current", current(s)}};
  if (has_result_) {
    j["losses"] = result_.losses;
    j["params_before"] = std::vector<float>(result_.before.params().begin(), result_.before.params().end());
    j["params_after"] = std::vector<float>(result_.after.params().begin(), result_.after.params().end());
    j["y_hat"] = result_.y_hat;
    j["trained_steps"] = result_.steps;
  }
  (*out)["train_on"] = std::move(j);
}

void TrainOnPanel::draw(const LessonSession& s) {
  if (!s.trace() || !s.trace()->has_target()) return;
  const float f = ImGui::GetFontSize();
  section(text::T("practice.trainon.heading"));
  ImGui::SetNextItemWidth(6 * f);
  ImGui::InputInt(with_id(text::T("practice.trainon.steps_label"), "trainon steps").c_str(), &steps_, 1, 10);
  steps_ = std::clamp(steps_, 1, kMaxTrainOnSteps);
  remember_item("trainon steps");
  const std::string run_label = with_id(text::tr("practice.trainon.button", {{"steps", std::to_string(steps_)}}).c_str(), "trainon run");
  layout::next_in_row(layout::button_width(run_label.c_str()));
  if (ImGui::Button(run_label.c_str())) error_ = run(s, steps_);
  remember_item("trainon run");
  ImGui::SetNextItemWidth(std::max(8 * f, ImGui::GetContentRegionAvail().x - 8 * f));
  if (ImGui::InputTextWithHint(with_id(text::T("practice.trainon.samples_label"), "trainon samples").c_str(),
                               text::T("practice.trainon.samples_hint"), samples_buf_, sizeof samples_buf_,
                               ImGuiInputTextFlags_EnterReturnsTrue)) {
    if (auto e = set("samples", samples_buf_, s)) error_ = *e;
  }
  remember_item("trainon samples");
  if (!error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0.5f, 0.4f, 1));
    wrapped_text(error_);
    ImGui::PopStyleColor();
  }
  if (!current(s)) return;
  const std::vector<float>& L = result_.losses;
  wrapped_text(text::tr("practice.trainon.summary", {{"before", num(L.front())},
                                                               {"after", num(L.back())},
                                                               {"steps", std::to_string(result_.steps)},
                                                               {"yhat", vector_text(result_.y_hat.data(), int(result_.y_hat.size()))}}));
  const float top = *std::max_element(L.begin(), L.end());
  ImGui::PlotLines("##trainon curve", L.data(), int(L.size()), 0, text::T("practice.trainon.curve"), 0.0f,
                   top > 0 ? top * 1.05f : 1.0f, ImVec2(ImGui::GetContentRegionAvail().x, 4.5f * f));
  remember_item("trainon curve");
  // every parameter, before → after (the coat has 11, the softmax lesson 21)
  const Notation n(result_.before);
  const Mlp& b = result_.before;
  if (ImGui::BeginTable("trainon params", 3, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn(text::T("practice.trainon.param"));
    ImGui::TableSetupColumn(text::T("practice.trainon.before"));
    ImGui::TableSetupColumn(text::T("practice.trainon.after"));
    ImGui::TableHeadersRow();
    for (int l = 0; l < b.layer_count(); ++l) {
      const LayerSpec& spec = b.layer(l);
      for (int o = 0; o < spec.outputs; ++o)
        for (int i = 0; i <= spec.inputs; ++i) {
          const bool bias = i == spec.inputs;
          const size_t p = bias ? b.bias_offset(l) + size_t(o) : b.weights_offset(l) + size_t(o * spec.inputs + i);
          const float v0 = b.params()[p], v1 = result_.after.params()[p];
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          ImGui::TextUnformatted((bias ? n.b(l, o) : n.w(l, o, i)).c_str());
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(num(v0).c_str());
          ImGui::TableNextColumn();
          if (v1 != v0) ImGui::TextColored(ImVec4(0.55f, 0.8f, 1.0f, 1), "%s", num(v1).c_str());
          else ImGui::TextDisabled("%s", num(v1).c_str());
        }
    }
    ImGui::EndTable();
  }
}

}  // namespace nnlab::app
