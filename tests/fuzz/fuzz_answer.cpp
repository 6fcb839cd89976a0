// "Your turn": a learner's typed answers (lessons/practice.h) against every built-in lesson and a
// generated problem (lessons/problems.h). Byte 0 picks the lesson (or a problem "gen-SEED", the
// seed from bytes 1–2) and the language; every line after it is one answer; a line "?" gives up
// on the question, "again" fades the whole calculation. Checks: a parsed answer is finite; every
// feedback, diagnosis and hint is valid UTF-8; a right answer is one the step's value accepts.
#include <cmath>

#include "fuzz_util.h"
#include "lessons/builtin.h"
#include "lessons/practice.h"
#include "lessons/problems.h"
#include "lessons/trace.h"
#include "text/text.h"

using namespace nnlab;

namespace {

struct Worked {
  Scenario scenario;
  Lesson lesson;
  CoreTrace trace;
};

// The built-in lessons, built once per language (building is the slow part of an input).
const Worked* worked(size_t index, text::Lang lang) {
  static std::vector<Worked> cache[2];
  std::vector<Worked>& list = cache[int(lang)];
  if (list.empty()) {
    for (const BuiltinLesson& b : builtin_lessons()) {
      Worked w;
      w.scenario = b.scenario();
      std::string error;
      if (!b.build(w.scenario, &w.lesson, &error)) continue;
      if (!run_core_trace(w.scenario, &w.trace, &error)) w.trace.mlp = w.scenario.mlp;  // shapes only
      list.push_back(std::move(w));
    }
  }
  return list.empty() ? nullptr : &list[index % list.size()];
}

void check_parse(std::string_view line) {
  std::vector<float> given;
  if (parse_answer(line, &given))
    for (float v : given) FUZZ_CHECK(std::isfinite(v), "a parsed answer is finite");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const text::Lang lang = (data[0] & 0x80) ? text::Lang::zh : text::Lang::en;
  text::set_language(lang);
  const auto lines = fuzz::lines(fuzz::as_text(data + 3, size - 3), 16);
  if (data[0] & 0x40) {  // a generated problem
    Problem p;
    std::string error;
    const std::string id = "gen-" + std::to_string(data[1] | data[2] << 8);
    FUZZ_CHECK(make_problem(id, &p, &error), id + ": " + error);
    int tries = 0;
    for (std::string_view line : lines) {
      check_parse(line);
      const Verdict v = check_problem(p, line, tries++);
      fuzz::check_text(v.feedback, "a problem's feedback is valid UTF-8");
    }
    fuzz::check_text(problem_answer_text(p), "a problem's answer is valid UTF-8");
    return 0;
  }
  const Worked* w = worked(data[0] & 0x3f, lang);
  if (!w) return 0;
  Practice practice;
  practice.start(w->lesson);
  for (std::string_view line : lines) {
    check_parse(line);
    if (line == "?") {
      fuzz::check_text(practice.show(w->lesson).feedback, "a given-away answer is valid UTF-8");
      continue;
    }
    if (line == "again") {
      practice.again();
      continue;
    }
    const int asked = practice.question();
    const Verdict v = practice.answer(w->lesson, w->trace, line);
    fuzz::check_text(v.feedback, "feedback is valid UTF-8");
    if (v.kind == Verdict::right && asked >= 0) {
      std::vector<float> given;
      const Step& step = w->lesson.steps[size_t(asked)];
      FUZZ_CHECK(parse_answer(line, &given) && all_close(given, expected(step), exact_answer(step)),
                 "a right answer is close to the step's value");
    }
    // Where a wrong answer went wrong, asked of every step (sizes need not match).
    std::vector<float> given;
    if (parse_answer(line, &given))
      for (const Step& step : w->lesson.steps)
        if (practicable(step))
          fuzz::check_text(diagnose(w->trace, w->lesson, step, given), "a diagnosis is valid UTF-8");
  }
  return 0;
}
