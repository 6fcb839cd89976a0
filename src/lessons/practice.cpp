// practice.cpp — answers, masking and backward fading (see practice.h). Diagnosis: practice_diagnose.cpp.
#include "lessons/practice.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "lessons/notation.h"
#include "lessons/number_format.h"
#include "text/text.h"

namespace nnlab {
namespace {

// "−3.5" → "-3.5", "13,002" → "13002" (commas between groups of three digits only), "×10⁻³" stays
// unreadable. A comma anywhere else separates values.
std::string normalise_number(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 3, "\xE2\x88\x92") == 0) {  // U+2212 MINUS SIGN
      out += '-';
      i += 2;
    } else if (s[i] != ' ') {
      out += s[i];
    }
  }
  return out;
}

bool is_grouped(std::string_view s) {  // "13,002", "-1,234,567.5"
  size_t i = s.size() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
  const size_t end = std::min(s.find('.'), s.size());
  int digits = 0;
  bool comma = false;
  for (size_t k = i; k < end; ++k) {
    if (s[k] == ',') {
      if ((!comma && (digits < 1 || digits > 3)) || (comma && digits != 3)) return false;
      comma = true, digits = 0;
    } else if (s[k] >= '0' && s[k] <= '9') {
      ++digits;
    } else {
      return false;
    }
  }
  return comma && digits == 3;
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// A whole decimal number ("-3.5", "1e-3", ".5"); nothing else may follow it.
bool parse_float(std::string_view text, float* out) {
  const std::string s(trim_spaces(text));
  if (s.empty() || s.size() > 64) return false;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v) || std::fabs(v) > 3e38) return false;
  *out = float(v);
  return true;
}

std::string last_lhs(const std::string& formula) {
  const size_t eq = formula.find(" = ");
  const size_t arrow = formula.find(" ← ");
  return formula.substr(0, std::min(eq, arrow));
}

}  // namespace

// ---- [SECTION] Answers ------------------------------------------------------------------------
bool parse_answer(std::string_view text, std::vector<float>* out) {
  std::string s = normalise_number(trim_spaces(text));
  if (!s.empty() && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
  out->clear();
  if (s.empty()) return false;
  if (is_grouped(s)) {
    s.erase(std::remove(s.begin(), s.end(), ','), s.end());
    float v;
    if (!parse_float(s, &v)) return false;
    out->push_back(v);
    return true;
  }
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find_first_of(",;", start);
    if (end == std::string::npos) end = s.size();
    float v;
    if (!parse_float(std::string_view(s).substr(start, end - start), &v) || !std::isfinite(v)) return false;
    out->push_back(v);
    start = end + 1;
  }
  return !out->empty();
}

bool close_enough(float given, float truth, bool exact) {
  if (!std::isfinite(given)) return false;
  if (exact) return given == truth;
  const double tol = std::max(double(kAnswerRelative) * std::fabs(double(truth)), double(kAnswerAbsolute));
  return std::fabs(double(given) - double(truth)) <= tol;
}

bool all_close(std::span<const float> given, std::span<const float> truth, bool exact) {
  if (given.size() != truth.size()) return false;
  for (size_t k = 0; k < given.size(); ++k)
    if (!close_enough(given[k], truth[k], exact)) return false;
  return true;
}

bool practicable(const Step& step) {
  switch (step.kind) {
    case StepKind::note:
    case StepKind::decision:
    case StepKind::output: return false;  // a remark, a reading of the output, ŷ = a (just done)
    default: return !step.values.empty();
  }
}

std::vector<float> expected(const Step& step) {
  if (step.values.empty()) return {};
  switch (step.kind) {
    case StepKind::update:      // {old, new}
    case StepKind::loss_after:  // {before, after}
      return {step.values.back()};
    case StepKind::shape: return {step.values.back()};  // a layer: {weights, biases, parameters}
    default: return step.values;
  }
}

bool exact_answer(const Step& step) { return step.kind == StepKind::shape; }

std::string masked(const Step& step) {
  const std::vector<float> v = expected(step);
  if (v.empty()) return step.substituted;
  const std::string value = v.size() == 1 ? num(v[0]) : vector_text(v.data(), int(v.size()));
  const std::string& s = step.substituted;
  size_t at = s.rfind(" = " + value);
  if (at != std::string::npos) return s.substr(0, at) + " = ?" + s.substr(at + 3 + value.size());
  at = s.rfind(value);
  if (at != std::string::npos) return s.substr(0, at) + "?" + s.substr(at + value.size());
  return step.symbolic + " = ?";
}

std::string asked_symbol(const Step& step) {
  switch (step.kind) {
    case StepKind::update: return text::tr("practice.symbol.new", {{"symbol", last_lhs(step.symbolic)}});
    case StepKind::loss_after: return text::T("practice.symbol.loss_after");
    case StepKind::shape: return text::T("practice.symbol.count");  // "parameters = …" reads as a word, not a symbol
    case StepKind::term: return step.symbolic;
    default: return last_lhs(step.symbolic);
  }
}

// ---- [SECTION] Practice -----------------------------------------------------------------------
void Practice::start(const Lesson& lesson) {
  on_ = true;
  order_.clear();
  kinds_.clear();
  status_.assign(lesson.steps.size(), Faded::shown);
  for (size_t k = 0; k < lesson.steps.size(); ++k) {
    kinds_.push_back(lesson.steps[k].kind);
    if (practicable(lesson.steps[k])) order_.push_back(int(k));
  }
  faded_ = 0;
  attempts_ = solved_ = tries_ = 0;
  last_right_ = false;
  feedback_.clear();
  fade_one_more();
}

void Practice::stop() {
  on_ = false;
  feedback_.clear();
}

void Practice::sync(const Lesson& lesson) {
  if (!on_) return;
  bool same = lesson.steps.size() == kinds_.size();
  for (size_t k = 0; same && k < kinds_.size(); ++k) same = lesson.steps[k].kind == kinds_[k];
  if (same) return;
  const int attempts = attempts_, solved = solved_;
  start(lesson);
  attempts_ = attempts, solved_ = solved;
}

void Practice::again() {
  if (!on_) return;
  faded_ = int(order_.size());
  for (int k : order_) status_[size_t(k)] = Faded::open;
  tries_ = 0;
  feedback_.clear();
}

void Practice::fade_one_more() {
  if (faded_ >= int(order_.size())) return;
  ++faded_;
  status_[size_t(order_[order_.size() - size_t(faded_)])] = Faded::open;
  tries_ = 0;
}

int Practice::question() const {
  if (!on_) return -1;
  for (int k : order_)
    if (status_[size_t(k)] == Faded::open) return k;
  return -1;
}

std::vector<int> Practice::hidden_steps() const {
  std::vector<int> out;
  for (int k : order_)
    if (status_[size_t(k)] != Faded::shown) out.push_back(k);
  return out;
}

Verdict Practice::answer(const Lesson& lesson, const CoreTrace& trace, std::string_view typed) {
  const int q = question();
  if (q < 0 || q >= int(lesson.steps.size())) {
    feedback_ = text::T(on_ ? "practice.done" : "practice.off");
    return {Verdict::nothing_asked, feedback_};
  }
  const Step& step = lesson.steps[size_t(q)];
  const std::vector<float> want = expected(step);
  std::vector<float> given;
  if (!parse_answer(typed, &given)) {
    feedback_ = text::tr("practice.unreadable", {{"text", std::string(trim_spaces(typed))}});
    return {Verdict::unreadable, feedback_};
  }
  if (given.size() != want.size()) {
    feedback_ = text::tr("practice.count", {{"symbol", asked_symbol(step)}, {"count", std::to_string(want.size())}});
    return {Verdict::unreadable, feedback_};
  }
  ++attempts_;
  const std::string symbol = asked_symbol(step);
  if (all_close(given, want, exact_answer(step))) {
    status_[size_t(q)] = Faded::solved;
    ++solved_;
    last_right_ = true;
    const std::string exact = want.size() == 1 ? format_number_full(want[0])
                                               : vector_text(want.data(), int(want.size()));
    feedback_ = text::tr("practice.right", {{"symbol", symbol}, {"exact", exact}});
    if (question() < 0) {
      fade_one_more();
      if (question() < 0) feedback_ = text::two_sentences(feedback_, text::T("practice.done"));
    }
    return {Verdict::right, feedback_};
  }
  last_right_ = false;
  ++tries_;
  const std::string shown = given.size() == 1 ? num(given[0]) : vector_text(given.data(), int(given.size()));
  if (tries_ >= kTriesBeforeAnswer) return show(lesson);
  std::string why = diagnose(trace, lesson, step, given);
  if (why.empty()) why = text::tr("practice.wrong", {{"given", shown}, {"symbol", symbol}});
  if (tries_ >= 2) why = text::two_sentences(why, text::tr("practice.hint", {{"formula", masked(step)}}));
  feedback_ = why;
  return {Verdict::wrong, feedback_};
}

Verdict Practice::show(const Lesson& lesson) {
  const int q = question();
  if (q < 0 || q >= int(lesson.steps.size())) {
    feedback_ = text::T(on_ ? "practice.done" : "practice.off");
    return {Verdict::nothing_asked, feedback_};
  }
  status_[size_t(q)] = Faded::revealed;
  last_right_ = false;
  feedback_ = text::tr("practice.answer", {{"formula", lesson.steps[size_t(q)].substituted}});
  if (question() < 0) fade_one_more();
  tries_ = 0;
  return {Verdict::revealed, feedback_};
}

}  // namespace nnlab
