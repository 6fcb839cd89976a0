// export_markdown.h — a worked calculation to take away: Markdown with LaTeX math that common
// Markdown + math tools (pandoc, GitHub, Jupyter, Obsidian, KaTeX/MathJax sites) render.
//
//   # Title
//   intro
//   **1.** $z^{(1)}_{1} = W^{(1)}_{11}x_{1} + … + b^{(1)}_{1}$          the formula, inline math
//   $$z^{(1)}_{1} = (-0.5 \times 10) + (1 \times 1) + (0.5 \times 1) + 0 = -3.5$$   the numbers
//   the explanation, then "exact value: −3.5" (the core's number at full precision)
//
// Notes and decisions are sentences: they stay text. Every text is in the current language.
#pragma once

#include <string>
#include <string_view>

#include "lessons/gradient_evidence.h"
#include "lessons/lesson.h"
#include "lessons/trace.h"

namespace nnlab {

// The lesson as Markdown; with a trace that has a target, every gradient step also gets its
// finite-difference check.
std::string lesson_markdown(const Lesson& lesson, const CoreTrace* trace = nullptr);

// One of the lessons' formulas ("z⁽¹⁾₂ = W⁽¹⁾₂₁x₁ + …", "σ(0.2) = 1 / (1 + e^−0.2)") as LaTeX
// math without the dollars: sub/superscripts, Greek, operators, words as \text{…}.
std::string formula_latex(std::string_view formula);

// A file name for the export: "nnlab-coat.md".
std::string markdown_file_name(const Lesson& lesson);

}  // namespace nnlab
