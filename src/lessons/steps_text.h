// steps_text.h — a lesson as plain UTF-8 text, for `nnlab-cli trace` (and golden tests).
//
// For the CLI: build the lesson, then print steps_as_text(lesson):
//   Lesson lesson;  std::string error;
//   if (!build_builtin_lesson("coat", &lesson, &error)) { … }          // lessons/builtin.h
//   if (!build_trace_lesson(scenario, {}, &lesson, &error)) { … }      // --model FILE (trace.h)
//   std::fputs(nnlab::steps_as_text(lesson).c_str(), stdout);
// For --json, each step's "text" is step.substituted; "kind" is step_kind_name(step.kind), and
// "symbolic", "explanation", "values" (full-precision floats) can go alongside.
//
// Layout:
//   Title
//   intro paragraph
//
//    1. z⁽¹⁾₁ = (−0.5 × 10) + (1 × 1) + (0.5 × 1) + 0 = −3.5
//       formula: z⁽¹⁾₁ = W⁽¹⁾₁₁x₁ + W⁽¹⁾₁₂x₂ + W⁽¹⁾₁₃x₃ + b⁽¹⁾₁
//       Neuron 1 of layer 1 (hidden) weighs each input by its connection and adds its bias: …
// ("formula:" in the current language, like the lesson's own texts; a note step's second line is
// its symbolic text without the label.)
#pragma once

#include <string>

#include "lessons/lesson.h"

namespace nnlab {

std::string steps_as_text(const Lesson& lesson);         // title, intro and every step as above
std::string step_as_text(const Step& step, int number);  // one step (number ≥ 1), three lines

}  // namespace nnlab
