// "Your turn": the toolbar, the faded steps with their answer field, problems, progress and the
// Markdown export (see practice_panel.h).
#include "app/lesson/practice_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

#include "app/common/host.h"
#include "app/common/layout.h"
#include "app/common/widgets.h"
#include "app/lesson/lesson_session.h"
#include "lessons/export_markdown.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"
#include "text/text.h"

namespace nnlab::app {
namespace {

const ImVec4 kRight(0.5f, 0.9f, 0.5f, 1.0f);
const ImVec4 kWrong(1.0f, 0.62f, 0.45f, 1.0f);
const ImVec4 kDimmed(0.62f, 0.62f, 0.66f, 1.0f);
const ImVec4 kShown(1.0f, 0.72f, 0.35f, 1.0f);

// The lesson a view's progress is counted under ("umbrella", "coat", …).
std::string lesson_key(const PracticeContext& ctx) { return ctx.lesson ? ctx.lesson->id : std::string(); }

// A trace to diagnose with: the view's, or for a network too big to trace, just its shape.
CoreTrace trace_of(const PracticeContext& ctx) {
  if (ctx.trace) return *ctx.trace;
  CoreTrace t;
  if (ctx.scenario && !run_core_trace(*ctx.scenario, &t, nullptr)) t.mlp = ctx.scenario->mlp;
  return t;
}

bool same_scenario(const Scenario& a, const Scenario& b) {
  return a.x == b.x && a.y == b.y && a.loss == b.loss && a.mlp.parameter_count() == b.mlp.parameter_count() &&
         std::equal(a.mlp.params().begin(), a.mlp.params().end(), b.mlp.params().begin());
}

}  // namespace

// ---- progress ----------------------------------------------------------------------------------
PracticeProgress& PracticeProgress::get() {
  static PracticeProgress progress;
  progress.load();
  return progress;
}

void PracticeProgress::load() {
  if (loaded_) return;
  loaded_ = true;
  const nlohmann::json j = nlohmann::json::parse(host::load_setting("practice"), nullptr, false);
  if (!j.is_object()) return;
  for (const auto& [k, v] : j.items())
    if (v.is_array() && v.size() == 2 && v[0].is_number_integer() && v[1].is_number_integer())
      items_.push_back({k, {v[0].get<int>(), v[1].get<int>()}});
}

void PracticeProgress::store() const {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : items_) j[k] = {v.first, v.second};
  host::store_setting("practice", j.dump());
}

void PracticeProgress::count(const std::string& lesson, bool first_try, bool solved) {
  if (lesson.empty() || (!first_try && !solved)) return;
  auto it = std::find_if(items_.begin(), items_.end(), [&](const auto& p) { return p.first == lesson; });
  if (it == items_.end()) it = items_.insert(items_.end(), {lesson, {0, 0}});
  it->second.first += first_try;
  it->second.second += solved;
  store();
}

std::pair<int, int> PracticeProgress::of(const std::string& lesson) const {
  for (const auto& [k, v] : items_)
    if (k == lesson) return v;
  return {0, 0};
}

std::string PracticeProgress::label(const std::string& lesson) const {
  const auto [attempted, solved] = of(lesson);
  if (attempted == 0) return "";
  return text::tr("practice.ui.progress_short", {{"solved", std::to_string(solved)}, {"attempted", std::to_string(attempted)}});
}

void PracticeProgress::reset() {
  items_.clear();
  store();
}

void PracticeProgress::state(nlohmann::json* out) const {
  *out = nlohmann::json::object();
  for (const auto& [k, v] : items_) (*out)[k] = {{"attempted", v.first}, {"solved", v.second}};
}

// ---- the text surface ----------------------------------------------------------------------------
std::optional<std::string> PracticePanel::command(std::string_view verb, std::string_view args,
                                                  const PracticeContext& ctx) {
  while (!args.empty() && args.front() == ' ') args.remove_prefix(1);
  while (!args.empty() && args.back() == ' ') args.remove_suffix(1);
  if (verb == "practice") {
    if ((args == "on" || args == "again" || args == "show") && !ctx.lesson && !problem_active_)
      return std::string(text::T("practice.ui.no_lesson"));
    if (args == "on") {
      if (!practice_.on()) practice_.start(*ctx.lesson);
      counted_step_ = -1;
      problem_active_ = false;
      return std::string();
    }
    if (args == "off") {
      practice_.stop();
      problem_active_ = false;
      return std::string();
    }
    if (args == "again") {
      if (!practice_.on()) practice_.start(*ctx.lesson);
      practice_.again();
      counted_step_ = -1;
      return std::string();
    }
    if (args == "show") {
      if (problem_active_) {
        problem_feedback_ = text::tr("practice.answer", {{"formula", problem_answer_text(problem_)}});
        problem_done_ = true, problem_right_ = false;
        return std::string();
      }
      practice_.show(*ctx.lesson);
      return std::string();
    }
    if (args == "reset") {
      PracticeProgress::get().reset();
      return std::string();
    }
    return text::tr("app.usage", {{"command", "practice on|off|again|show|reset"}});
  }
  if (verb == "answer") {
    if (args.empty()) return text::tr("app.usage", {{"command", "answer VALUE"}});
    return answer(args, ctx);
  }
  if (verb == "problem") {
    if (args == "close") {
      problem_active_ = false;
      return std::string();
    }
    if (args == "new" || args.empty()) return open_problem(generated_id(next_seed_));
    return open_problem(args);
  }
  if (verb == "export") {
    if (args == "markdown") return export_markdown(ctx);
    if (args == "python") return std::string(text::T("practice.python.lab_only"));
    return text::tr("app.usage", {{"command", "export markdown"}});
  }
  return std::nullopt;
}

std::optional<std::string> PracticePanel::set(std::string_view key, std::string_view value, const PracticeContext& ctx) {
  if (key == "practice") return command("practice", value, ctx);
  if (key == "problem") return command("problem", value, ctx);
  return std::nullopt;
}

void PracticePanel::append_link(std::string* link) const {
  if (problem_active_) link->append("&problem=").append(problem_.id);
  else if (practice_.on()) link->append("&practice=on");
}

void PracticePanel::language_changed() {
  titles_.clear();
  if (!problem_active_) return;
  Problem p;
  if (!make_problem(problem_.id, &p, nullptr)) return;
  problem_.title = std::move(p.title);
  problem_.question = std::move(p.question);
  problem_.worked = std::move(p.worked);
}

std::string PracticePanel::open_problem(std::string_view id) {
  Problem p;
  std::string error;
  if (!make_problem(id, &p, &error)) return error;
  problem_ = std::move(p);
  problem_active_ = true;
  problem_tries_ = 0;
  problem_done_ = problem_counted_ = problem_right_ = false;
  problem_feedback_.clear();
  buf_[0] = 0;
  refocus_ = true;
  if (problem_.id.starts_with("gen-")) next_seed_ = std::stoull(problem_.id.substr(4)) + 1;
  return "";
}

std::string PracticePanel::answer(std::string_view typed, const PracticeContext& ctx) {
  if (problem_active_) {
    if (problem_done_ && problem_right_) return problem_feedback_;
    const Verdict v = check_problem(problem_, typed, problem_tries_);
    if (v.kind == Verdict::unreadable) return problem_feedback_ = v.feedback;
    PracticeProgress::get().count(problem_.lesson, !problem_counted_, v.kind == Verdict::right && problem_tries_ == 0);
    problem_counted_ = true;
    problem_feedback_ = v.feedback;
    problem_right_ = v.kind == Verdict::right;
    if (v.kind == Verdict::wrong) ++problem_tries_;
    problem_done_ = v.kind == Verdict::right || v.kind == Verdict::revealed;
    return "";
  }
  if (!ctx.lesson) return text::T("practice.ui.no_lesson");
  if (!practice_.on()) return text::tr("practice.ui.turn_on", {{"command", "practice on"}});
  const int q = practice_.question();
  const int tries = practice_.tries();
  const Verdict v = practice_.answer(*ctx.lesson, trace_of(ctx), typed);
  if (v.kind == Verdict::nothing_asked || v.kind == Verdict::unreadable) return v.kind == Verdict::unreadable ? v.feedback : "";
  PracticeProgress::get().count(lesson_key(ctx), q != counted_step_, v.kind == Verdict::right && tries == 0);
  counted_step_ = q;
  refocus_ = true;
  if (v.kind == Verdict::right || v.kind == Verdict::revealed) buf_[0] = 0;
  return "";  // an answer that is wrong is no error of the command: state().practice.feedback says why
}

std::string PracticePanel::export_markdown(const PracticeContext& ctx) {
  if (!ctx.lesson) return text::T("practice.ui.no_lesson");
  const std::string md = lesson_markdown(*ctx.lesson, ctx.trace);
  export_chars_ = md.size();
  if (host::exports_to_clipboard()) {
    if (!host::copy_to_clipboard(md)) return text::T("practice.ui.copy_failed");
    export_note_ = text::tr("practice.ui.copied", {{"chars", format_count(static_cast<long long>(md.size()))}});
    return "";
  }
  std::string where;
  const std::string error = host::save_file(markdown_file_name(*ctx.lesson), md, &where);
  if (!error.empty()) return error;
  host::copy_to_clipboard(md);
  export_note_ = text::tr("practice.ui.saved", {{"where", where}});
  return "";
}

void PracticePanel::state(nlohmann::json* out, const PracticeContext& ctx) const {
  nlohmann::json p = {{"on", practice_.on()},
                      {"hidden_steps", practice_.hidden_steps()},
                      {"step", practice_.question()},
                      {"attempts", practice_.attempts()},
                      {"solved", practice_.solved()},
                      {"tries", practice_.tries()},
                      {"feedback", practice_.feedback()},
                      {"right", practice_.last_right()},
                      {"finished", practice_.finished()},
                      {"practicable", practice_.practicable_count()},
                      {"export_chars", export_chars_},
                      {"export_note", export_note_}};
  nlohmann::json statuses = nlohmann::json::array();
  if (ctx.lesson)
    for (size_t k = 0; k < ctx.lesson->steps.size(); ++k) {
      static const char* const kNames[] = {"shown", "open", "solved", "revealed"};
      statuses.push_back(kNames[int(practice_.status(int(k)))]);
    }
  p["status"] = std::move(statuses);
  if (problem_active_)
    p["problem"] = {{"id", problem_.id},     {"lesson", problem_.lesson},   {"title", problem_.title},
                    {"question", problem_.question}, {"feedback", problem_feedback_}, {"right", problem_right_},
                    {"done", problem_done_}, {"tries", problem_tries_}};
  else p["problem"] = nullptr;
  nlohmann::json ids = nlohmann::json::array();
  for (const std::string& id : problem_ids(view_)) ids.push_back(id);
  p["problems"] = std::move(ids);
  PracticeProgress::get().state(&p["progress"]);
  (*out)["practice"] = std::move(p);
}

// ---- drawing -------------------------------------------------------------------------------------
void PracticePanel::draw_toolbar(const PracticeContext& ctx) {
  // One row that wraps on a narrow screen: Your turn · Markdown · progress and its reset; then the
  // problems of this view and a new generated one. Every button a finger's height on a touch screen.
  const bool was_on = on();
  if (was_on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
  if (ImGui::Button(with_id(text::T(was_on ? "practice.ui.off" : "practice.ui.on"), "practice").c_str()))
    (void)command("practice", was_on ? "off" : "on", ctx);
  if (was_on) ImGui::PopStyleColor();
  remember_item(stable_name("practice toggle"));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text::T("practice.ui.tip"));
  const std::string export_label =
      with_id(text::T(host::exports_to_clipboard() ? "practice.ui.export_copy" : "practice.ui.export_save"), "export md");
  layout::next_in_row(layout::button_width(export_label.c_str()));
  if (ImGui::Button(export_label.c_str()))
    if (const std::string e = export_markdown(ctx); !e.empty()) export_note_ = e;
  remember_item(stable_name("practice export"));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text::T("practice.ui.export_tip"));
  const std::string progress = PracticeProgress::get().label(lesson_key(ctx));
  if (!progress.empty()) {
    const std::string shown = text::tr("practice.ui.progress", {{"progress", progress}});
    layout::next_in_row(ImGui::CalcTextSize(shown.c_str()).x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", shown.c_str());
    const std::string reset = with_id(text::T("practice.ui.reset"), "practice reset");
    layout::next_in_row(layout::button_width(reset.c_str()));
    if (layout::small_button(reset.c_str())) PracticeProgress::get().reset();
    remember_item(stable_name("practice reset"));
  }
  if (!export_note_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kDimmed);
    wrapped_text(export_note_);
    ImGui::PopStyleColor();
  }
  // the problems of this view, and a new generated one
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", text::T("practice.ui.problems"));
  if (titles_.empty() || titles_lang_ != int(text::language())) {  // built once per language, not per frame
    titles_.clear();
    titles_lang_ = int(text::language());
    for (const std::string& id : problem_ids(view_)) {
      Problem p;
      if (make_problem(id, &p, nullptr)) titles_.push_back({id, p.title});
    }
  }
  for (const auto& [id, title] : titles_) {
    const std::string label = with_id(title.c_str(), id.c_str());
    layout::next_in_row(layout::button_width(label.c_str()));
    const bool active = problem_active_ && problem_.id == id;
    if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (layout::small_button(label.c_str())) (void)open_problem(id);
    if (active) ImGui::PopStyleColor();
    remember_item(stable_name("problem " + id));
  }
  const std::string fresh = with_id(text::T("practice.ui.problem_new"), "problem new");
  layout::next_in_row(layout::button_width(fresh.c_str()));
  if (layout::small_button(fresh.c_str())) (void)open_problem(generated_id(next_seed_));
  remember_item(stable_name("problem new"));
}

void PracticePanel::draw_answer_row(const char* id, bool for_problem, const PracticeContext& ctx) {
  const float f = ImGui::GetFontSize();
  ImGui::PushID(id);
  if (refocus_) {
    ImGui::SetKeyboardFocusHere();
    refocus_ = false;
  }
  // The field, then Check and Show; on a narrow screen the field takes the row and the buttons the next.
  const std::string check_label = with_id(text::T("practice.ui.check"), "check");
  const std::string show_label = with_id(text::T("practice.ui.show"), "show");
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float buttons = layout::button_width(check_label.c_str()) + layout::button_width(show_label.c_str()) + 2 * spacing;
  const float avail = ImGui::GetContentRegionAvail().x;
  ImGui::SetNextItemWidth(avail - buttons >= 8 * f ? std::min(12 * f, avail - buttons) : avail);
  const bool enter = ImGui::InputTextWithHint("##answer", text::T("practice.ui.field_hint"), buf_, sizeof buf_,
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  remember_item(stable_name("practice field"));
  layout::next_in_row(layout::button_width(check_label.c_str()));
  const bool check = ImGui::Button(check_label.c_str());
  remember_item(stable_name("practice check"));
  layout::next_in_row(layout::button_width(show_label.c_str()));
  if (ImGui::Button(show_label.c_str())) (void)command("practice", "show", ctx);
  remember_item(stable_name("practice show"));
  if ((enter || check) && buf_[0]) {
    const std::string typed = buf_;
    const std::string error = answer(typed, ctx);
    if (!error.empty() && for_problem) problem_feedback_ = error;
    refocus_ = !layout::touch();  // a finger taps the field again: no keyboard popping up by itself
  }
  ImGui::PopID();
}

void PracticePanel::draw_problem() {
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.55f, 0.75f, 1.0f, 1.0f));
  wrapped_text(text::tr("practice.ui.problem_heading", {{"title", problem_.title}}));
  ImGui::PopStyleColor();
  wrapped_text(problem_.question);
  if (!problem_done_) draw_answer_row("problem", true, PracticeContext{});
  if (!problem_feedback_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, problem_right_ ? kRight : kWrong);
    wrapped_text(problem_feedback_);
    ImGui::PopStyleColor();
  }
  if (problem_done_) {
    if (ImGui::Button(with_id(text::T("practice.ui.problem_new"), "problem next").c_str()))
      (void)open_problem(generated_id(next_seed_));
    remember_item(stable_name("problem next"));
  }
  const std::string close = with_id(text::T("practice.ui.problem_close"), "problem close");
  if (problem_done_) layout::next_in_row(layout::button_width(close.c_str()));
  if (ImGui::Button(close.c_str())) problem_active_ = false;
  remember_item(stable_name("problem close"));
}

void PracticePanel::draw_steps(const PracticeContext& ctx, float height) {
  if (ctx.lesson) practice_.sync(*ctx.lesson);
  if (problem_active_) {
    draw_problem();
    return;
  }
  if (!ctx.lesson) return;
  const Lesson& lesson = *ctx.lesson;
  const int q = practice_.question();
  const std::vector<int> hidden = practice_.hidden_steps();
  ImGui::PushStyleColor(ImGuiCol_Text, kDimmed);
  wrapped_text(text::tr("practice.ui.status", {{"hidden", std::to_string(hidden.size())},
                                               {"count", std::to_string(practice_.practicable_count())},
                                               {"solved", std::to_string(practice_.solved())},
                                               {"attempts", std::to_string(practice_.attempts())}}));
  ImGui::PopStyleColor();
  if (practice_.finished() || (q < 0 && !hidden.empty())) {
    const std::string again = with_id(text::T("practice.ui.again"), "practice again");
    layout::next_in_row(layout::button_width(again.c_str()));
    if (layout::small_button(again.c_str())) (void)command("practice", "again", ctx);
    remember_item(stable_name("practice again"));
  }
  ImGui::BeginChild("practice steps", ImVec2(0, height), true);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (int k = 0; k < int(lesson.steps.size()); ++k) {
    const Step& step = lesson.steps[size_t(k)];
    const Faded status = practice_.status(k);
    const std::string number = std::to_string(k + 1) + ".  ";
    ImGui::PushID(k);
    if (k == q) {
      dl->ChannelsSplit(2);
      dl->ChannelsSetCurrent(1);
      ImGui::BeginGroup();
      ImGui::Spacing();
      ImGui::PushStyleColor(ImGuiCol_Text, kDimmed);
      wrapped_text(number + step.symbolic, 4);
      ImGui::PopStyleColor();
      ImGui::PushStyleColor(ImGuiCol_Text, kHighlightVec);
      wrapped_text(text::tr("practice.ui.ask", {{"symbol", asked_symbol(step)}}), 4);
      ImGui::PopStyleColor();
      draw_answer_row("step", false, ctx);
      if (!practice_.feedback().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, practice_.last_right() ? kRight : kWrong);
        wrapped_text(practice_.feedback(), 4);
        ImGui::PopStyleColor();
      }
      ImGui::Spacing();
      ImGui::EndGroup();
      const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
      dl->ChannelsSetCurrent(0);
      dl->AddRectFilled(ImVec2(a.x - 4, a.y), ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - 6, b.y),
                        IM_COL32(70, 58, 20, 150), 4);
      dl->ChannelsMerge();
      if (scrolled_to_ != k) {
        ImGui::SetScrollHereY(0.5f);
        scrolled_to_ = k;
      }
    } else if (status == Faded::open) {
      ImGui::PushStyleColor(ImGuiCol_Text, kDimmed);
      wrapped_text(number + step.symbolic + "  =  ?");
      ImGui::PopStyleColor();
    } else if ((status == Faded::solved || status == Faded::revealed) && q >= 0 && k > q) {
      // Done already, but its numbers would give the step asked now away: its formula until then.
      ImGui::PushStyleColor(ImGuiCol_Text, status == Faded::solved ? kRight : kShown);
      wrapped_text(number + step.symbolic);
      ImGui::PopStyleColor();
    } else if (status == Faded::solved || status == Faded::revealed) {
      ImGui::PushStyleColor(ImGuiCol_Text, status == Faded::solved ? kRight : kShown);
      wrapped_text(number + step.substituted +
                   (status == Faded::revealed ? "  " + std::string(text::T("practice.ui.revealed")) : std::string()));
      ImGui::PopStyleColor();
    } else if (!hidden.empty() && k > hidden.front()) {
      // After a faded step, a note, ŷ or the decision would give its value away: the formula only.
      ImGui::PushStyleColor(ImGuiCol_Text, kDimmed);
      wrapped_text(number + (step.symbolic.empty() || step.kind == StepKind::note ? std::string("…") : step.symbolic));
      ImGui::PopStyleColor();
    } else {
      ImGui::PushStyleColor(ImGuiCol_Text, kDimmed);
      wrapped_text(number + step.substituted);
      ImGui::PopStyleColor();
    }
    ImGui::PopID();
  }
  if (q < 0 && !practice_.feedback().empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kRight);
    wrapped_text(practice_.feedback());
    ImGui::PopStyleColor();
  }
  ImGui::EndChild();
  // A column that scrolls (a phone): when a new step is asked, the box comes fully into view.
  if (outer_scrolled_to_ != q) {
    outer_scrolled_to_ = q;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const float top = ImGui::GetWindowPos().y, bottom = top + ImGui::GetWindowHeight();
    if (b.y > bottom) ImGui::SetScrollHereY(1.0f);
    else if (a.y < top) ImGui::SetScrollY(ImGui::GetScrollY() - (top - a.y));
  }
}

// ---- the gradient check beside backprop's gradients --------------------------------------------
const GradientEvidence& session_evidence(const LessonSession& session) {
  static Scenario cached;
  static GradientEvidence evidence;
  static bool valid = false;
  const CoreTrace* t = session.trace();
  if (!t || !t->has_target()) {
    static const GradientEvidence none;
    return none;
  }
  if (!valid || !same_scenario(cached, session.scenario())) {
    cached = session.scenario();
    gradient_evidence(*t, &evidence);
    valid = true;
  }
  return evidence;
}

void append_gradient_check(const LessonSession& session, nlohmann::json* out) {
  const CoreTrace* t = session.trace();
  if (!t || !t->has_target() || !out->contains("layers")) return;
  const GradientEvidence& e = session_evidence(session);
  if (!e.present) return;
  const Mlp& m = t->mlp;
  for (int l = 0; l < m.layer_count() && l < int((*out)["layers"].size()); ++l) {
    const LayerSpec& s = m.layer(l);
    nlohmann::json rows = nlohmann::json::array();
    for (int o = 0; o < s.outputs; ++o) {
      std::vector<double> row;
      for (int i = 0; i < s.inputs; ++i) row.push_back(e.numeric.grad[m.weights_offset(l) + size_t(o * s.inputs + i)]);
      rows.push_back(row);
    }
    std::vector<double> db(e.numeric.grad.begin() + long(m.bias_offset(l)), e.numeric.grad.begin() + long(m.bias_offset(l)) + s.outputs);
    (*out)["layers"][size_t(l)]["dw_numeric"] = std::move(rows);
    (*out)["layers"][size_t(l)]["db_numeric"] = std::move(db);
  }
  int kinks = 0;
  for (char k : e.numeric.kink) kinks += k;
  (*out)["gradient_check"] = {{"h", e.numeric.h}, {"max_rel_error", e.max_rel_error}, {"kinks", kinks},
                              {"agree", e.max_rel_error < kGradientAgreement}};
}

std::string gradient_check_text_of(const LessonSession& session, const Step& step) {
  if (step.kind != StepKind::weight_grad && step.kind != StepKind::bias_grad) return "";
  const CoreTrace* t = session.trace();
  if (!t) return "";
  return gradient_check_line(*t, session_evidence(session), step);
}

void draw_gradient_check(const LessonSession& session, const Step& step) {
  const std::string line = gradient_check_text_of(session, step);
  if (line.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.55f, 0.8f, 1.0f, 1.0f));
  wrapped_text(line, 4);
  ImGui::PopStyleColor();
}

}  // namespace nnlab::app
