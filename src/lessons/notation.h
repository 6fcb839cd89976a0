// notation.h — the symbols lessons print (UTF-8), so every step names things the same way.
//
//   layer l (0-based in the Mlp) prints as a superscript ⁽ˡ⁺¹⁾, neuron o as a subscript ₒ₊₁:
//   z⁽¹⁾₂, a⁽¹⁾₂, b⁽¹⁾₂, δ⁽¹⁾₂, W⁽²⁾₁₂ (row 1 = neuron of layer 2, column 2 = input 2), x₁, ŷ, y.
//   One-layer networks drop the superscript; one-neuron layers drop the neuron subscript and
//   write their weights as a vector w⁽ˡ⁾ᵢ (the umbrella: z = w₁x₁ + w₂x₂ + b).
//   Layers and neurons count from 1, except where a network's outputs stand for the classes
//   0 … C−1 (the MNIST digits, Scenario::first_output = 0): then the last layer's neurons are
//   numbered from 0 (ŷ₀ … ŷ₉, the same K as nnlab-cli's `--target K`).
//   Layer names ("layer 1 (hidden)") come from the string tables in the current language.
#pragma once

#include <string>

#include "core/activations.h"
#include "core/mlp.h"
#include "lessons/number_format.h"  // superscript, subscript

namespace nnlab {

class Notation {
 public:
  // first_output: the number of the last layer's first neuron, 1 (ŷ₁ …) or 0 (classes, ŷ₀ …).
  explicit Notation(const Mlp& mlp, int first_output = 1);

  std::string x(int i) const;                      // "x₁" ("x" for a single input)
  std::string input(int l, int i) const;           // input i of layer l: x_i (l = 0) or a⁽ˡ⁾_i
  std::string z(int l, int o) const;               // "z⁽¹⁾₁"
  std::string a(int l, int o) const;               // "a⁽¹⁾₁"
  std::string w(int l, int o, int i) const;        // "W⁽¹⁾₁₂", or "w⁽²⁾₁" in a one-neuron layer
  std::string b(int l, int o) const;               // "b⁽¹⁾₁"
  std::string delta(int l, int o) const;           // "δ⁽¹⁾₁"
  std::string y_hat(int o) const;                  // "ŷ₁" ("ŷ" for a single output)
  std::string y(int o) const;                      // "y₁"
  std::string vec(const char* base, int l) const;  // a whole layer's vector: "z⁽¹⁾", "δ⁽²⁾", "W⁽¹⁾"
  std::string layer_name(int l) const;             // "layer 1 (hidden)", "layer 2 (output)";
                                                   // a one-layer network: "the output layer"
  int number(int l, int o) const;                  // neuron o's number in texts: o + 1 (or o, see above)

 private:
  std::string sup(int l) const;                 // "⁽ˡ⁺¹⁾" or ""
  std::string sub(int l, int o) const;          // "ₒ₊₁" or "" for a one-neuron layer
  std::string pair(int l, int o, int i) const;  // "₁₂" or "₁₀,₂" when an index has two digits
  const Mlp& mlp_;
  int first_output_ = 1;
};

// "ReLU", "leaky ReLU", "σ", "tanh", "softmax", "step", "identity" (activation_text.h).
std::string activation_symbol(Activation act);
// The derivative's symbol: "ReLU′", "σ′", "tanh′", ...
std::string derivative_symbol(Activation act);

// A number as lessons print it (format_number). A negative first operand stays bare, a negative
// second operand gets parentheses: "(−0.5 × 10)", "(0.8 × (−0.1114))". `negated` writes −v
// (for e^−z): 0.2 → "−0.2", −3.5 → "3.5".
std::string num(float v);
std::string negated(float v);
std::string operand(float v);                    // a second operand: "0.8", or "(−0.1114)" when negative
std::string vector_text(const float* v, int n);  // "[1.2, 1.8]" (a single value: "1.2")

}  // namespace nnlab
