// The Network and Backprop views (see lesson_view.h).
#include "app/lesson/lesson_view.h"

#include <imgui.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/common/widgets.h"
#include "app/lesson/network_anatomy.h"
#include "app/lesson/network_editor.h"
#include "app/lesson/network_matrix.h"
#include "app/lesson/stepper.h"
#include "app/views.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"

namespace nnlab::app {
namespace {

const ImVec4 kIntro(0.72f, 0.72f, 0.76f, 1.0f);

std::vector<LessonChoice> choices_for(LessonView::Mode mode) {
  if (mode == LessonView::Mode::forward)
    return {{"coat", "Coat 3-2-1"},
            {"two-by-two", "Two by two: W\u00b7x + b"},
            {"custom", "Your own network"},
            {"mnist-anatomy", "MNIST network anatomy"},
            {"mnist-output", "MNIST output layer"}};
  return {{"backprop-coat", "Coat 3-2-1 (dead ReLUs)"}, {"backprop-sigmoid", "2-2-2 sigmoid network"}};
}

bool is_backward_kind(StepKind k) {
  return k == StepKind::loss || k == StepKind::loss_grad || k == StepKind::act_grad || k == StepKind::delta ||
         k == StepKind::weight_grad || k == StepKind::bias_grad || k == StepKind::note;
}

}  // namespace

LessonView::LessonView(Mode mode) : mode_(mode), session_(choices_for(mode)) {}

DiagramOptions LessonView::diagram_options() const {
  DiagramOptions o;
  if (mode_ != Mode::backprop) return o;
  o.mark_dead_relu = true;
  const Step* step = session_.current();
  if (!step) return o;
  if (step->kind == StepKind::update || step->kind == StepKind::loss_after) {
    o.edge_label = DiagramOptions::EdgeLabel::update;
    o.show_delta = true;
  } else if (is_backward_kind(step->kind) && find_step(session_.lesson(), StepKind::loss) &&
             session_.step() >= int(find_step(session_.lesson(), StepKind::loss) - session_.lesson().steps.data())) {
    o.edge_label = DiagramOptions::EdgeLabel::gradient;
    o.show_delta = true;
  }
  return o;
}

void LessonView::draw_picker() {
  const std::string current = session_.id();
  for (const LessonChoice& c : session_.choices()) {
    const bool on = current == c.id;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(c.label) && !on) {
      session_.load(c.id);
      selection_ = {};
    }
    remember_item(stable_name(std::string("lesson ") + c.id));
    if (on) ImGui::PopStyleColor();
    ImGui::SameLine();
  }
  ImGui::TextDisabled(mode_ == Mode::forward ? "(the one-neuron umbrella is in the Neuron view)"
                                             : "(the forward pass alone is in the Network view)");
}

void LessonView::draw_loss_summary() {
  const CoreTrace* t = session_.trace();
  if (!t || !t->has_target()) return;
  const Step* first_update = find_step(session_.lesson(), StepKind::update);
  const bool reached = session_.show_all ||
                       (first_update && session_.step() >= int(first_update - session_.lesson().steps.data()));
  ImGui::Text("Loss now: L = %s", num(t->loss_value).c_str());
  if (!reached) {
    ImGui::SameLine();
    ImGui::TextDisabled("(step on to the update to see it after one step)");
    return;
  }
  const bool better = t->loss_after < t->loss_value;
  ImGui::SameLine();
  ImGui::TextColored(better ? ImVec4(0.5f, 0.9f, 0.5f, 1) : ImVec4(1, 0.55f, 0.45f, 1),
                     "\u2192 after one step: L = %s  %s", num(t->loss_after).c_str(),
                     better ? "(smaller: the network learned)" : "(not smaller: try a smaller \u03b7)");
}

void LessonView::draw_left(float width, float height) {
  const float f = ImGui::GetFontSize();
  if (!session_.trace()) {
    draw_anatomy(session_, ImVec2(width, std::min(height * 0.62f, 24 * f)));
    return;
  }
  const float diagram_h = std::clamp(height * (mode_ == Mode::backprop ? 0.5f : 0.55f), 12 * f, 26 * f);
  const Selection picked = draw_network_diagram(session_, diagram_options(), ImVec2(width, diagram_h), selection_);
  if (!(picked == selection_)) {
    selection_ = picked;
    focus_editor_ = true;
  }
  ImGui::PushStyleColor(ImGuiCol_Text, kIntro);
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(
      mode_ == Mode::backprop
          ? "Lines: weights (green +, red \u2212, thicker = larger). During backprop a line's label \u2202 is "
            "its gradient \u2202L/\u2202w, during the update old \u2192 new. Hover for exact values."
          : "Lines: weights (green +, red \u2212, thicker = larger). Circles: the inputs x and the "
            "neurons; the number inside is what each passes on (its activation a, brighter = larger). "
            "Hover for exact values.");
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  draw_selection_editor(session_, &selection_, focus_editor_);
  focus_editor_ = false;
  section("Inputs x");
  draw_input_editors(session_);
  if (mode_ == Mode::forward) {  // the live answer, so every edit shows its effect at once
    const Step* answer = find_step(session_.lesson(), StepKind::decision);
    if (!answer) answer = find_step(session_.lesson(), StepKind::output);
    if (answer) {
      section("The network's answer");
      ImGui::SetWindowFontScale(1.2f);
      ImGui::TextColored(ImVec4(0.95f, 0.95f, 0.95f, 1), "%s", answer->substituted.c_str());
      ImGui::SetWindowFontScale(1.0f);
    }
  }
  if (mode_ == Mode::backprop) {
    section("Target, loss and learning rate");
    draw_target_editors(session_);
    draw_loss_summary();
  }
  if (session_.is_custom()) {
    section("Shape of your network");
    draw_custom_builder(session_);
  }
  if (session_.id() == "two-by-two" || matrix_) {
    section("The same layer as matrices: z = W\u00b7x + b");
    draw_matrix_view(session_, matrix_layer(session_, 0));
  }
  if (session_.id() != "two-by-two") ImGui::Checkbox("Show the current layer as matrices", &matrix_);
}

void LessonView::draw() {
  handle_step_keys(session_);
  session_.tick(ImGui::GetIO().DeltaTime);
  draw_picker();
  ImGui::PushStyleColor(ImGuiCol_Text, kIntro);
  ImGui::TextWrapped("%s", session_.lesson().intro.c_str());
  ImGui::PopStyleColor();
  if (!session_.error().empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", session_.error().c_str());
  ImGui::Spacing();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float left_w = std::floor(avail.x * 0.56f);
  ImGui::BeginChild("lesson left", ImVec2(left_w, 0), false);
  draw_left(ImGui::GetContentRegionAvail().x, avail.y);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("lesson right", ImVec2(0, 0), false);
  ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), "%s, step by step", session_.lesson().title.c_str());
  draw_step_controls(session_);
  draw_step_list(session_, &stepper_, ImVec2(0, 0));
  ImGui::EndChild();
}

std::string LessonView::set(std::string_view key, std::string_view value) {
  if (key == "matrix") {
    if (value != "on" && value != "off") return "matrix must be on or off";
    matrix_ = value == "on";
    return "";
  }
  const std::string before = session_.id();
  std::string error = session_.set(key, value);
  if (session_.id() != before) selection_ = {};
  return error;
}

std::optional<std::string> LessonView::command(std::string_view verb, std::string_view args) {
  if (verb == "select") {
    const Mlp& m = session_.scenario().mlp;
    const size_t sp = args.find(' ');
    const std::string_view what = args.substr(0, sp);
    const std::string_view rest = sp == std::string_view::npos ? std::string_view() : args.substr(sp + 1);
    std::vector<float> numbers;
    std::string error;
    if (!rest.empty() && !parse_numbers(rest, &numbers, &error)) return error;
    std::vector<int> v;  // 0-based
    for (float x : numbers) v.push_back(int(x) - 1);
    Selection s;
    if (what == "none") s = {};
    else if (what == "w" && v.size() == 3 && v[0] >= 0 && v[0] < m.layer_count() && v[1] >= 0 &&
             v[1] < m.layer(v[0]).outputs && v[2] >= 0 && v[2] < m.layer(v[0]).inputs)
      s = {Selection::Kind::weight, v[0], v[1], v[2]};
    else if (what == "b" && v.size() == 2 && v[0] >= 0 && v[0] < m.layer_count() && v[1] >= 0 &&
             v[1] < m.layer(v[0]).outputs)
      s = {Selection::Kind::bias, v[0], v[1], 0};
    else if (what == "x" && v.size() == 1 && v[0] >= 0 && v[0] < m.input_size())
      s = {Selection::Kind::input, 0, 0, v[0]};
    else return "usage: select w L O I | select b L O | select x I | select none (counting from 1)";
    selection_ = s;
    focus_editor_ = s.kind != Selection::Kind::none;
    return "";
  }
  const std::string before = session_.id();
  auto result = session_.command(verb, args);
  if (session_.id() != before) selection_ = {};
  return result;
}

void LessonView::state(nlohmann::json* out) const {
  session_.state(out);
  static const char* kKinds[] = {"none", "weight", "bias", "input"};
  (*out)["selected"] = {{"kind", kKinds[int(selection_.kind)]},
                        {"layer", selection_.layer + 1},
                        {"out", selection_.out + 1},
                        {"in", selection_.in + 1}};
  (*out)["matrix"] = matrix_ || session_.id() == "two-by-two";
}

void LessonView::append_link(std::string* link) const {
  session_.append_link(link);
  if (matrix_) link->append("&matrix=on");
}

std::unique_ptr<View> make_network_view() { return std::make_unique<LessonView>(LessonView::Mode::forward); }
std::unique_ptr<View> make_backprop_view() { return std::make_unique<LessonView>(LessonView::Mode::backprop); }

}  // namespace nnlab::app
