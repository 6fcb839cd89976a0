// The Network and Backprop views (see lesson_view.h).
#include "app/lesson/lesson_view.h"

#include <imgui.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/common/layout.h"
#include "app/common/widgets.h"
#include "app/lesson/network_anatomy.h"
#include "app/lesson/network_editor.h"
#include "app/lesson/network_matrix.h"
#include "app/lesson/stepper.h"
#include "app/views.h"
#include "lessons/builtin.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"
#include "text/text.h"

namespace nnlab::app {
namespace {

const ImVec4 kIntro(0.72f, 0.72f, 0.76f, 1.0f);

// The picker's names are keys of the string tables.
std::vector<LessonChoice> choices_for(LessonView::Mode mode) {
  if (mode == LessonView::Mode::forward)
    return {{"coat", "lessonview.lesson.coat"},
            {"two-by-two", "lessonview.lesson.two_by_two"},
            {"custom", "lessonview.lesson.custom"},
            {"mnist-anatomy", "lessonview.lesson.mnist_anatomy"},
            {"mnist-output", "lessonview.lesson.mnist_output"}};
  return {{"backprop-coat", "lessonview.lesson.backprop_coat"},
          {"backprop-sigmoid", "lessonview.lesson.backprop_sigmoid"},
          {"backprop-softmax", "practice.lesson.backprop_softmax"}};
}

// Every gradient of the sample is exactly 0: the update cannot change anything.
bool no_gradient(const CoreTrace& t) {
  for (float g : t.mlp.grads())
    if (g != 0) return false;
  return true;
}

bool is_backward_kind(StepKind k) {
  return k == StepKind::loss || k == StepKind::loss_grad || k == StepKind::act_grad || k == StepKind::delta ||
         k == StepKind::weight_grad || k == StepKind::bias_grad || k == StepKind::note;
}

}  // namespace

LessonView::LessonView(Mode mode)
    : mode_(mode), session_(choices_for(mode)), practice_(mode == Mode::forward ? "network" : "backprop") {}

DiagramOptions LessonView::diagram_options() const {
  DiagramOptions o;
  o.hide_values = practice_.on();  // "Your turn": the learner works the values out
  if (mode_ != Mode::backprop || o.hide_values) return o;
  o.mark_inactive_relu = true;
  const Step* step = session_.current();
  if (!step) return o;
  if (step->kind == StepKind::update || step->kind == StepKind::loss_after) {
    o.edge_label = DiagramOptions::EdgeLabel::update;
    o.show_delta = true;
    o.show_after = true;  // the update is applied: ŷ after it
  } else if (is_backward_kind(step->kind) && find_step(session_.lesson(), StepKind::loss) &&
             session_.step() >= int(find_step(session_.lesson(), StepKind::loss) - session_.lesson().steps.data())) {
    o.edge_label = DiagramOptions::EdgeLabel::gradient;
    o.show_delta = true;
  }
  return o;
}

void LessonView::draw_picker() {
  const std::string current = session_.id();
  bool first = true;
  for (const LessonChoice& c : session_.choices()) {
    const bool on = current == c.id;
    const std::string progress = PracticeProgress::get().label(c.id);  // "Your turn": solved / attempted
    const std::string label =
        with_id((progress.empty() ? std::string(text::T(c.label)) : std::string(text::T(c.label)) + "  " + progress).c_str(), c.id);
    if (!first) layout::next_in_row(layout::button_width(label.c_str()));  // the row wraps on a narrow screen
    first = false;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(label.c_str()) && !on) {
      session_.load(c.id);
      selection_ = {};
    }
    remember_item(stable_name(std::string("lesson ") + c.id));
    if (on) ImGui::PopStyleColor();
  }
  const char* elsewhere = text::T(mode_ == Mode::forward ? "lessonview.picker.umbrella_elsewhere"
                                                         : "lessonview.picker.forward_elsewhere");
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  layout::next_in_row(std::min(ImGui::CalcTextSize(elsewhere).x, 12 * ImGui::GetFontSize()));
  wrapped_text(elsewhere);
  ImGui::PopStyleColor();
}

void LessonView::draw_loss_summary() {
  const CoreTrace* t = session_.trace();
  if (!t || !t->has_target()) return;
  const Step* first_update = find_step(session_.lesson(), StepKind::update);
  const bool reached = session_.show_all ||
                       (first_update && session_.step() >= int(first_update - session_.lesson().steps.data()));
  ImGui::TextUnformatted(text::tr("lessonview.loss.now", {{"loss", num(t->loss_value)}}).c_str());
  if (!reached) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", text::T("lessonview.loss.later"));
    return;
  }
  const bool better = t->loss_after < t->loss_value;
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, better ? ImVec4(0.5f, 0.9f, 0.5f, 1) : ImVec4(1, 0.55f, 0.45f, 1));
  wrapped_text(loss_after_text(*t));
  ImGui::PopStyleColor();
}

// What one step did to the loss, and why: it fell; it grew (the step overshot: a smaller η helps);
// it stayed because every gradient is 0 (nothing in the network can learn from this sample, and no
// η changes that); or it stayed because the step was too small to show.
std::string LessonView::loss_after_text(const CoreTrace& t) {
  const std::string after = num(t.loss_after);
  if (t.loss_after < t.loss_value) return text::tr("lessonview.loss.after.smaller", {{"loss", after}});
  if (t.loss_after > t.loss_value) return text::tr("lessonview.loss.after.larger", {{"loss", after}});
  if (no_gradient(t)) return text::tr("lessonview.loss.after.no_gradient", {{"loss", after}});
  return text::tr("lessonview.loss.after.same", {{"loss", after}});
}

void LessonView::draw_left(float width, float height, Part part) {
  const float f = ImGui::GetFontSize();
  if (!session_.trace()) {
    if (part != Part::editors) draw_anatomy(session_, ImVec2(width, std::min(height * 0.62f, 24 * f)));
    return;
  }
  if (part != Part::editors) {
    // A narrow column keeps the picture's proportions: as tall as about two thirds of its width.
    const float tall = layout::stacked(width) ? std::min(height * 0.55f, width * 0.85f)
                                              : height * (mode_ == Mode::backprop ? 0.5f : 0.55f);
    const float diagram_h = std::clamp(tall, 12 * f, 26 * f);
    const Selection picked = draw_network_diagram(session_, diagram_options(), ImVec2(width, diagram_h), selection_);
    if (!(picked == selection_)) {
      selection_ = picked;
      focus_editor_ = true;
    }
  }
  if (part == Part::picture) return;
  ImGui::PushStyleColor(ImGuiCol_Text, kIntro);
  wrapped_text(
      text::two_sentences(text::T(mode_ == Mode::backprop ? "lessonview.legend.backprop" : "lessonview.legend.forward"),
                          text::T(layout::pointer_key("lessonview.legend.exact", "layout.hold.legend_exact"))));
  ImGui::PopStyleColor();
  const bool scroll_to_editor = focus_editor_ && layout::stacked(width);
  draw_selection_editor(session_, &selection_, focus_editor_);
  if (scroll_to_editor) ImGui::SetScrollHereY(0.4f);  // one column: the editor just picked comes into view
  focus_editor_ = false;
  section(text::T("lessonview.section.inputs"));
  draw_input_editors(session_);
  if (mode_ == Mode::forward && !practice_.on()) {  // the live answer, so every edit shows its effect at once
    const Step* answer = find_step(session_.lesson(), StepKind::decision);
    if (!answer) answer = find_step(session_.lesson(), StepKind::output);
    if (answer) {
      section(text::T("lessonview.section.answer"));
      ImGui::SetWindowFontScale(1.2f);
      ImGui::TextColored(ImVec4(0.95f, 0.95f, 0.95f, 1), "%s", answer->substituted.c_str());
      ImGui::SetWindowFontScale(1.0f);
    }
  }
  if (mode_ == Mode::backprop) {
    section(text::T("lessonview.section.target"));
    draw_target_editors(session_);
    if (!practice_.on()) {  // in "Your turn" the loss is the learner's to work out
      draw_loss_summary();
      train_on_.draw(session_);
    }
  }
  if (session_.is_custom()) {
    section(text::T("lessonview.section.shape"));
    draw_custom_builder(session_);
  }
  if (session_.id() == "two-by-two" || matrix_) {
    section(text::T("lessonview.section.matrices"));
    draw_matrix_view(session_, matrix_layer(session_, 0));
  }
  if (session_.id() != "two-by-two") {
    ImGui::Checkbox(with_id(text::T("lessonview.show_matrices"), "matrix").c_str(), &matrix_);
    remember_item("matrix");
  }
}

// The lesson's intro; your own network's adds how to edit it, said for the mouse or for a finger.
void LessonView::draw_intro() {
  ImGui::PushStyleColor(ImGuiCol_Text, kIntro);
  if (session_.is_custom())
    wrapped_text(text::two_sentences(session_.lesson().intro,
                                     text::T(layout::pointer_key("lessonview.custom.edit", "layout.tap.custom_edit"))));
  else wrapped_text(session_.lesson().intro);
  ImGui::PopStyleColor();
  if (!session_.error().empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", session_.error().c_str());
}

void LessonView::draw_steps_title() {
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.55f, 0.75f, 1.0f, 1.0f));
  wrapped_text(text::tr("lessonview.steps_title", {{"title", session_.lesson().title}}));
  ImGui::PopStyleColor();
}

// The stepper, or in "Your turn" the faded steps with the answer field; `height` 0: what is left.
void LessonView::draw_steps(float height) {
  if (practice_.on()) {
    practice_.draw_steps(practice_context(), height);
    return;
  }
  draw_step_controls(session_);
  draw_step_list(session_, &stepper_, ImVec2(0, height));
}

void LessonView::draw() {
  handle_step_keys(session_);
  session_.tick(ImGui::GetIO().DeltaTime);
  practice_.sync(session_.lesson());
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (layout::stacked(avail.x)) {
    // One column: the picker, the diagram, the stepper's buttons and its steps (in a box of their
    // own, so the current step stays in view as the lesson moves on), then the editors. A learner
    // on a phone steps the lesson and watches the diagram on one screen.
    const float f = ImGui::GetFontSize();
    ImGui::BeginChild("lesson column", ImVec2(0, 0), false);
    draw_picker();
    practice_.draw_toolbar(practice_context());
    draw_intro();
    ImGui::Spacing();
    const float width = ImGui::GetContentRegionAvail().x;
    draw_left(width, avail.y, Part::picture);
    draw_steps_title();
    draw_steps(std::clamp(avail.y * 0.45f, 12 * f, 26 * f));
    draw_left(width, avail.y, Part::editors);
    ImGui::EndChild();
    return;
  }
  draw_picker();
  practice_.draw_toolbar(practice_context());
  draw_intro();
  ImGui::Spacing();
  const float left_w = std::floor(avail.x * 0.56f);
  ImGui::BeginChild("lesson left", ImVec2(left_w, 0), false);
  draw_left(ImGui::GetContentRegionAvail().x, avail.y, Part::all);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("lesson right", ImVec2(0, 0), false);
  draw_steps_title();
  draw_steps(0);
  ImGui::EndChild();
}

std::string LessonView::set(std::string_view key, std::string_view value) {
  if (key == "matrix") {
    if (value != "on" && value != "off")
      return text::tr("lessonview.error.on_off", {{"key", "matrix"}, {"on", "on"}, {"off", "off"}});
    matrix_ = value == "on";
    return "";
  }
  if (auto r = practice_.set(key, value, practice_context())) return *r;
  if (auto r = train_on_.set(key, value, session_); r && mode_ == Mode::backprop) return *r;
  const std::string before = session_.id();
  std::string error = session_.set(key, value);
  practice_.sync(session_.lesson());
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
    else
      return text::tr("lessonview.usage.from_one",
                      {{"usage", "select w L O I | select b L O | select x I | select none"}});
    selection_ = s;
    focus_editor_ = s.kind != Selection::Kind::none;
    return "";
  }
  practice_.sync(session_.lesson());
  if (auto r = practice_.command(verb, args, practice_context())) return r;
  if (mode_ == Mode::backprop)
    if (auto r = train_on_.command(verb, args, session_)) return r;
  const std::string before = session_.id();
  auto result = session_.command(verb, args);
  practice_.sync(session_.lesson());
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
  // The picker's lessons with their names in the current language.
  nlohmann::json lessons = nlohmann::json::array();
  for (const LessonChoice& c : session_.choices()) lessons.push_back({{"id", c.id}, {"name", text::T(c.label)}});
  (*out)["lessons"] = std::move(lessons);
  if (const CoreTrace* t = session_.trace(); t && t->has_update()) (*out)["loss_note"] = loss_after_text(*t);
  practice_.state(out, practice_context());
  if (mode_ == Mode::backprop) {
    train_on_.state(out, session_);
    append_gradient_check(session_, out);  // per layer dw_numeric, db_numeric (practice_panel.h)
  }
}

void LessonView::append_link(std::string* link) const {
  session_.append_link(link);
  if (mode_ == Mode::backprop) train_on_.append_link(link);
  practice_.append_link(link);
  if (matrix_) link->append("&matrix=on");
}

std::unique_ptr<View> make_network_view() { return std::make_unique<LessonView>(LessonView::Mode::forward); }
std::unique_ptr<View> make_backprop_view() { return std::make_unique<LessonView>(LessonView::Mode::backprop); }

}  // namespace nnlab::app
