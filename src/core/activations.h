// Activation functions f(z) and their derivatives f′(z), element-wise (softmax: per row).
//
//   identity    f = z                      f′ = 1
//   relu        f = max(0, z)              f′ = z > 0 ? 1 : 0      (f′(0) = 0)
//   leaky_relu  f = z > 0 ? z : 0.01·z     f′ = z > 0 ? 1 : 0.01
//   sigmoid     f = 1 / (1 + e^−z)         f′ = σ(z)·(1 − σ(z))
//   tanh        f = tanh(z)                f′ = 1 − tanh²(z)
//   softmax     f_i = e^z_i / Σ_j e^z_j    (a row at a time; Jacobian ∂a_i/∂z_j = a_i(δ_ij − a_j))
//   step        f = z > 0 ? 1 : 0          f′ = 0  (the umbrella decision only: it cannot learn)
#pragma once

#include <cstdint>
#include <string_view>

namespace nnlab {

enum class Activation : uint8_t { identity, relu, leaky_relu, sigmoid, tanh, softmax, step };

inline constexpr int kActivationCount = 7;
inline constexpr float kLeakySlope = 0.01f;  // leaky ReLU's slope below 0

std::string_view activation_name(Activation act);               // "identity", "leaky-relu", ...
bool parse_activation(std::string_view name, Activation* out);  // accepts the names above (and "leaky_relu")

float activate(Activation act, float z);               // f(z); not for softmax (asserts)
float activation_derivative(Activation act, float z);  // f′(z); not for softmax (asserts)

// a = softmax(z) for one row of n values; subtracts the max first so e^z never overflows.
void softmax(const float* z, float* a, int n);  // z (n), a (n); z == a allowed

// Index of the largest of v[0..n), the first one on ties; n ≥ 1. A classifier's answer: argmax ŷ.
inline int argmax(const float* v, int n) {
  int best = 0;
  for (int i = 1; i < n; ++i)
    if (v[i] > v[best]) best = i;
  return best;
}

// Whole (rows, n) buffers, as the layers use them.
void activate_rows(Activation act, const float* z, float* a, int rows, int n);  // a = f(z), (rows, n)
// g := g ⊙ f′(z), or for softmax the Jacobian-vector product g_i := a_i (g_i − Σ_j g_j a_j).
void activation_backward_rows(Activation act, const float* z, const float* a, float* g, int rows, int n);

}  // namespace nnlab
