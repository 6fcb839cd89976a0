// "Your turn" (自己算) for the Neuron, Network and Backprop views: the toolbar (turn it on, take the
// calculation away as Markdown, progress per lesson), the lesson's steps with their values faded
// from the end and an answer field, the problems, and the text surface:
//
//   commands  practice on|off|again|hint|show|reset · answer VALUE · problem ID|new|close
//             export markdown
//   link keys practice=on · problem=ID
//   state     "practice": {on, hidden_steps, step, attempts, solved, feedback, tries, finished,
//                          problem, progress}
//
// The checking itself (answers, diagnosis, fading, problems) is src/lessons (practice.h,
// problems.h), without ImGui; this file draws it and keeps the progress with the host's settings.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "lessons/gradient_evidence.h"
#include "lessons/lesson.h"
#include "lessons/practice.h"
#include "lessons/problems.h"
#include "lessons/trace.h"

namespace nnlab::app {

class LessonSession;

// What the panel works on: the view's lesson, its scenario, and the core's trace of it (nullptr
// when the network is too big to trace: the MNIST anatomy).
struct PracticeContext {
  const Lesson* lesson = nullptr;
  const Scenario* scenario = nullptr;
  const CoreTrace* trace = nullptr;
};

// Attempted / solved per lesson, kept with the host's settings (localStorage, the desktop's
// config file) under the key "practice".
class PracticeProgress {
 public:
  static PracticeProgress& get();
  void count(const std::string& lesson, bool first_try_at_question, bool solved);
  std::pair<int, int> of(const std::string& lesson) const;  // (attempted, solved)
  std::string label(const std::string& lesson) const;       // "3/4" (solved / attempted) or ""
  void reset();
  void state(nlohmann::json* out) const;

 private:
  void load();
  void store() const;
  bool loaded_ = false;
  std::vector<std::pair<std::string, std::pair<int, int>>> items_;
};

class PracticePanel {
 public:
  explicit PracticePanel(const char* view) : view_(view) {}  // "neuron", "network", "backprop"

  bool on() const { return practice_.on() || problem_active_; }  // values are hidden while on
  void sync(const Lesson& lesson) { practice_.sync(lesson); }
  // Another language: the open problem's title and question (and its worked lesson) in it.
  void language_changed();
  const Practice& practice() const { return practice_; }

  std::optional<std::string> command(std::string_view verb, std::string_view args, const PracticeContext& ctx);
  std::optional<std::string> set(std::string_view key, std::string_view value, const PracticeContext& ctx);
  void state(nlohmann::json* out, const PracticeContext& ctx) const;
  void append_link(std::string* link) const;

  void draw_toolbar(const PracticeContext& ctx);  // the "Your turn" switch, Markdown, progress
  // Instead of the step list while on, in a box `height` tall (0: the space left).
  void draw_steps(const PracticeContext& ctx, float height = 0);

 private:
  std::string answer(std::string_view text, const PracticeContext& ctx);
  std::string open_problem(std::string_view id);
  std::string export_markdown(const PracticeContext& ctx);
  void draw_problem();
  void draw_answer_row(const char* id, bool for_problem, const PracticeContext& ctx);

  std::string view_;
  Practice practice_;
  int counted_step_ = -1;  // the question last counted as attempted
  bool problem_active_ = false;
  Problem problem_;
  int problem_tries_ = 0;
  bool problem_done_ = false;
  bool problem_counted_ = false;
  std::string problem_feedback_;
  bool problem_right_ = false;
  uint64_t next_seed_ = 1;
  char buf_[96] = {};
  bool refocus_ = false;
  int scrolled_to_ = -2;
  int outer_scrolled_to_ = -2;
  std::vector<std::pair<std::string, std::string>> titles_;  // the view's problems: id, title
  int titles_lang_ = -1;  // the step the view's column was last scrolled for
  std::string export_note_;
  size_t export_chars_ = 0;
};

// The gradient check of the session's current scenario (cached until the scenario changes).
const GradientEvidence& session_evidence(const LessonSession& session);
// state() of the Backprop view: per layer "dw_numeric", "db_numeric" beside "dw", "db", and
// "gradient_check": {h, max_rel_error, kinks, agree}.
void append_gradient_check(const LessonSession& session, nlohmann::json* out);
// Under the current step of the Backprop view's list: a gradient step's finite-difference check.
void draw_gradient_check(const LessonSession& session, const Step& step);
// The same line as text ("" for a step that is no gradient): the other steps' tooltips show it.
std::string gradient_check_text_of(const LessonSession& session, const Step& step);

}  // namespace nnlab::app
