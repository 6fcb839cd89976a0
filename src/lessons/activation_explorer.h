// activation_explorer.h — data for the activation explorer: sampled curves of f(z) and f′(z)
// for ReLU, leaky ReLU, sigmoid, tanh and step, the current neuron's point on a curve, and
// softmax on a small vector. All values come from the core (activate, activation_derivative,
// softmax); a view only plots them.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/activations.h"
#include "lessons/lesson.h"

namespace nnlab {

struct ActivationCurve {
  Activation activation;
  std::string name;        // "ReLU", "leaky ReLU", "σ", "tanh", "step"
  std::string formula;     // "ReLU(z) = max(0, z)"
  std::string derivative;  // "ReLU′(z) = 1 if z > 0, else 0"
  std::vector<float> z;    // (samples) evenly spaced in [z_min, z_max]
  std::vector<float> f;    // (samples) f(z)
  std::vector<float> df;   // (samples) f′(z)
};

// One curve per explorable activation (relu, leaky_relu, sigmoid, tanh, step), in that order.
std::vector<ActivationCurve> activation_curves(float z_min = -5.0f, float z_max = 5.0f, int samples = 201);
ActivationCurve activation_curve(Activation act, float z_min, float z_max, int samples);  // not softmax

struct ActivationPoint {  // the current neuron's z marked on its curve
  float z, f, df;
};
ActivationPoint activation_point(Activation act, float z);

// softmax on a small vector: probabilities, and a lesson with one step per entry
// (pᵢ = e^zᵢ / Σⱼ e^zⱼ, values from the core's softmax) plus the sum (= 1).
// Texts (curves' formulas too) are in the current language: build again after a change of it.
std::vector<float> softmax_probabilities(std::span<const float> z);
Lesson softmax_lesson(std::span<const float> z);

}  // namespace nnlab
