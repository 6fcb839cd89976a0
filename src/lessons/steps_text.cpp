// steps_text.cpp — plain-text rendering of a lesson (see steps_text.h).
#include "lessons/steps_text.h"

#include "text/text.h"

namespace nnlab {

std::string step_as_text(const Step& step, int number) {
  std::string num = std::to_string(number);
  if (num.size() < 3) num.insert(0, 3 - num.size(), ' ');
  const std::string indent(num.size() + 2, ' ');
  std::string out = num + ". " + (step.substituted.empty() ? step.symbolic : step.substituted) + "\n";
  // A note's second line is what it is about ("a common slip: z⁽¹⁾₂ = −7"), not a formula.
  if (!step.substituted.empty() && !step.symbolic.empty())
    out += indent +
           (step.kind == StepKind::note ? step.symbolic
                                        : text::tr("lesson.text.formula", {{"formula", step.symbolic}})) +
           "\n";
  if (!step.explanation.empty()) out += indent + step.explanation + "\n";
  return out;
}

std::string steps_as_text(const Lesson& lesson) {
  std::string out = lesson.title + "\n";
  if (!lesson.intro.empty()) out += lesson.intro + "\n";
  out += "\n";
  for (size_t i = 0; i < lesson.steps.size(); ++i) out += step_as_text(lesson.steps[i], static_cast<int>(i) + 1);
  return out;
}

}  // namespace nnlab
