// gradient_evidence.h — backprop's gradients beside the central finite difference of the loss
// (core/gradient_check.h), for the Backprop view and `nnlab-cli trace`: the evidence that every
// ∂L/∂w the lesson shows is right.
//
// Where the loss is smooth the two agree to a relative error far below 10⁻³ (the finite
// difference runs in double precision, backprop in float). At a ReLU's kink — a z within ±h of 0 —
// the loss has no derivative: the difference quotient averages the two sides' slopes and need not
// equal backprop's one-sided value (ReLU′(0) = 0); such parameters are marked, not counted.
#pragma once

#include <string>
#include <vector>

#include "core/gradient_check.h"
#include "lessons/lesson.h"
#include "lessons/trace.h"

namespace nnlab {

inline constexpr double kGradientAgreement = 1e-3;  // relative error below this: they agree

struct GradientEvidence {
  NumericGradient numeric;         // (P) in the Mlp's params() layout
  std::vector<double> rel_error;   // (P)
  double max_rel_error = 0;        // over the smooth parameters
  int kinks = 0;                   // parameters at a kink
  bool present = false;
};

// False (and nothing computed) without a target.
bool gradient_evidence(const CoreTrace& t, GradientEvidence* out);
// The parameter a weight_grad / bias_grad step is about (index into params()), −1 for others.
int step_parameter(const Mlp& mlp, const Step& step);
// "check: (L(w + h) − L(w − h)) / 2h = 0.08217 (h = 0.001), relative error 3.1 × 10⁻⁸" for a
// gradient step, "" for any other step.
std::string gradient_check_line(const CoreTrace& t, const GradientEvidence& e, const Step& step);
// The whole check as text, one line per parameter (nnlab-cli trace).
std::string gradient_check_text(const CoreTrace& t, const GradientEvidence& e);

}  // namespace nnlab
