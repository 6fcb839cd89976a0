// practice.h — "Your turn": the learner works a lesson's steps and the tool checks every answer
// against the core's own numbers (the steps' values). No drawing here; the views draw it.
//
// [SECTION] Answers    reading a typed value, "right to the precision shown", what a step asks
// [SECTION] Diagnosis  where a wrong answer went wrong, from the step's own operands
// [SECTION] Practice   backward fading: the last step's value is hidden first; every right answer
//                      hides one more step from the end, until the learner works them all
//
// A value is right when it matches the core's number to about 3 significant digits:
// |given − truth| ≤ max(0.6 % of |truth|, 10⁻⁴) — so 0.55 for 0.5498 is right and a formula that
// is off by a sign, a missing bias or a wrong input is not. Counts (parameters, minibatches) are
// exact. Feedback comes in three levels: where it went wrong (if that can be known), then the
// formula with the numbers put in, then the answer.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lessons/lesson.h"
#include "lessons/trace.h"

namespace nnlab {

// ---- [SECTION] Answers ------------------------------------------------------------------------
inline constexpr float kAnswerRelative = 0.006f;  // of |truth|
inline constexpr float kAnswerAbsolute = 1e-4f;   // the floor near 0
inline constexpr int kTriesBeforeAnswer = 3;      // the third wrong try shows the answer

// "−3.5", "-3.5", "13,002", "13002", "0.2, 0.3, 0.5" (a vector), "1e-3". False if unreadable.
bool parse_answer(std::string_view text, std::vector<float>* out);
bool close_enough(float given, float truth, bool exact = false);
bool all_close(std::span<const float> given, std::span<const float> truth, bool exact = false);

bool practicable(const Step& step);             // a calculation with a value (not a note, decision or ŷ = a)
std::vector<float> expected(const Step& step);  // what the learner types (an update: the new value)
bool exact_answer(const Step& step);            // counts: no rounding
// The step's result replaced by "?": "z = (−0.5 × 10) + (2 × 1) + 1 = ?" (the hint).
std::string masked(const Step& step);
// What the step asks for: "z", "∂L/∂W⁽¹⁾₁₂", "W⁽²⁾₁ (new)" — the left side of its formula.
std::string asked_symbol(const Step& step);

// ---- [SECTION] Diagnosis ----------------------------------------------------------------------
// A sentence saying where `given` went wrong ("You used x₂ = 10; x₂ is 1."), or "" when no known
// slip gives it. `lesson` is the lesson the step belongs to (its notes mark common slips).
std::string diagnose(const CoreTrace& t, const Lesson& lesson, const Step& step, std::span<const float> given);

// ---- [SECTION] Practice -----------------------------------------------------------------------
enum class Faded : unsigned char { shown, open, solved, revealed };

struct Verdict {
  enum Kind { right, wrong, revealed, unreadable, nothing_asked } kind = nothing_asked;
  std::string feedback;  // in the current language
};

class Practice {
 public:
  void start(const Lesson& lesson);  // the last practicable step hidden
  void stop();
  bool on() const { return on_; }
  // After the lesson was rebuilt (an edit, another language): the same steps keep their state;
  // another lesson (other steps) starts over.
  void sync(const Lesson& lesson);
  void again();  // every practicable step hidden and open: the whole calculation, from the start

  int question() const;  // the step to answer now, −1 when every hidden step is done
  Faded status(int step) const { return step >= 0 && step < int(status_.size()) ? status_[size_t(step)] : Faded::shown; }
  std::vector<int> hidden_steps() const;  // the faded steps, in reading order
  int practicable_count() const { return int(order_.size()); }
  bool finished() const { return on_ && question() < 0 && faded_ == int(order_.size()); }
  int attempts() const { return attempts_; }  // answers given (this run)
  int solved() const { return solved_; }      // steps solved without being shown the answer
  int tries() const { return tries_; }        // wrong tries at the current question
  const std::string& feedback() const { return feedback_; }
  bool last_right() const { return last_right_; }

  Verdict answer(const Lesson& lesson, const CoreTrace& trace, std::string_view text);
  Verdict show(const Lesson& lesson);  // gives up on the current question: its answer

 private:
  void fade_one_more();
  bool on_ = false;
  std::vector<int> order_;       // practicable steps, reading order
  std::vector<Faded> status_;    // per step of the lesson
  std::vector<StepKind> kinds_;  // to recognise the same lesson after a rebuild
  int faded_ = 0;                // how many of order_ (from the end) are hidden
  int attempts_ = 0, solved_ = 0, tries_ = 0;
  bool last_right_ = false;
  std::string feedback_;
};

}  // namespace nnlab
