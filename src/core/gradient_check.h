// gradient_check.h — the evidence that backprop is right: ∂L/∂θ by central finite differences.
//
//   numeric ∂L/∂θₚ = (L(θ + h·eₚ) − L(θ − h·eₚ)) / 2h
//
// L is evaluated by a plain double-precision reference forward pass (the same layer formulas as
// mlp.cpp, z = W·x + b, a = f(z), then the loss of losses.cpp), so the difference of two nearby
// losses keeps its digits even where a gradient is 10⁻⁴ (float32 would lose most of them). One
// sample, as the lessons use it. A ReLU (or step, leaky ReLU) whose z changes side within ±h is a
// kink: there the loss has no derivative and the two sides' slopes disagree; `kink` says where.
//
// Symbols: P = parameter count (Mlp::params() layout), I = inputs, O = outputs.
#pragma once

#include <vector>

#include "core/losses.h"
#include "core/mlp.h"

namespace nnlab {

inline constexpr double kGradientCheckStep = 1e-3;  // h

// L(ŷ(x), y) of one sample in double precision; params = Mlp::params() (P), possibly perturbed.
double reference_loss(const Mlp& model, const double* params, const float* x, const float* y, Loss loss);

struct NumericGradient {
  std::vector<double> grad;  // (P) (L(θ + h) − L(θ − h)) / 2h
  std::vector<char> kink;    // (P) 1 where a kinked activation changes side within ±h
  double h = kGradientCheckStep;
};
void numeric_gradient(const Mlp& model, const float* x, const float* y, Loss loss, double h, NumericGradient* out);

// |a − b| / max(|a|, |b|), and 0 when both are 0: the usual relative error of a gradient check.
double relative_error(double a, double b);

}  // namespace nnlab
