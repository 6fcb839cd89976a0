// lesson.h — a lesson is data: a title, an intro and a list of steps that a view only draws.
//
// Every number in a step was read from the core's own results (Workspace z/a/delta, Mlp
// dweights/dbias, loss_value, loss_gradient, activation_derivative, the SGD optimizer); lessons
// never compute the network's math a second time. The only arithmetic done here is the display
// of a single product term "w·x" inside a substituted equation.
//
// Notation in the texts (UTF-8): layers as superscripts, neurons as subscripts, 1-based:
//   z⁽¹⁾₂ = pre-activation of neuron 2 in layer 1 (Mlp layer index 0); W⁽²⁾₁₂ = weight from
//   neuron 2 of the previous layer into neuron 1 of layer 2. A one-layer network drops the
//   superscript (z₁), a one-neuron layer drops the subscript (z = w·x + b).
//
// [SECTION] Highlight   what a step points at in a diagram or a matrix view
// [SECTION] Step        one line of the hand calculation
// [SECTION] Lesson      title + intro + steps
// [SECTION] Scenario    the network, input and target a lesson is built from
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/losses.h"
#include "core/mlp.h"

namespace nnlab {

// ---- [SECTION] Highlight ----------------------------------------------------------------------
// Indices are 0-based and refer to the Mlp: layer l has weights(l) of shape (O, I), W[o*I + i].
// Layer −1 means the input x. In the diagram a neuron of layer l is also input i of layer l + 1.
struct NeuronRef {
  int layer = 0;  // −1 = input x, 0 … L−1 = Mlp layers
  int index = 0;  // neuron within the layer
};
struct WeightRef {
  int layer = 0;  // Mlp layer l (weights(l))
  int out = 0;    // row o of W⁽ˡ⁾ (neuron of layer l)
  int in = 0;     // column i of W⁽ˡ⁾ (neuron i of layer l − 1, or x_i)
};

struct Highlight {
  int layer = -1;                  // the layer a matrix view should show (W⁽ˡ⁾·a + b); −1 = none
  std::vector<NeuronRef> neurons;  // circles (and entries of x, z, a, δ vectors)
  std::vector<WeightRef> weights;  // edges (and cells of W)
  std::vector<NeuronRef> biases;   // bias badges (and entries of b)
};

// ---- [SECTION] Step ---------------------------------------------------------------------------
enum class StepKind {
  note,         // plain text (a remark, a common slip, why a ReLU is inactive)
  term,         // one product w_i·x_i
  sum,          // z = w·x + b of one neuron
  activation,   // a = f(z) of one neuron (or the whole layer for softmax)
  output,       // the network's output ŷ
  decision,     // what the output means ("no umbrella recommended", "wear a coat")
  shape,        // a layer's shape / parameter count (anatomy lesson)
  loss,         // L(ŷ, y)
  loss_grad,    // ∂L/∂ŷ
  act_grad,     // ∂a/∂z = f′(z) of one neuron
  delta,        // δ of one neuron
  weight_grad,  // ∂L/∂W[o][i]
  bias_grad,    // ∂L/∂b[o]
  update,       // w ← w − η ∂L/∂w for one parameter
  loss_after,   // the loss recomputed by the core after the update
};

// "note", "term", "sum", "activation", … "loss_after" (for JSON and tests).
std::string_view step_kind_name(StepKind kind);

struct Step {
  StepKind kind = StepKind::note;
  int layer = -1;             // what the step is about: Mlp layer l (−1: input / whole network)
  int neuron = -1;            //   neuron o of that layer (−1: the whole layer)
  int input = -1;             //   input i, for term / weight_grad / update steps of W[o][i]
  std::string symbolic;       // the formula, e.g. "z⁽¹⁾₁ = w⁽¹⁾₁·x + b⁽¹⁾₁"
  std::string substituted;    // the numbers, e.g. "z⁽¹⁾₁ = (−0.5 × 10) + (1 × 1) + (0.5 × 1) + 0 = −3.5"
  std::vector<float> values;  // the result(s) at full precision (format_number_full for hover);
                              // a decision step holds {output, threshold}
  std::string explanation;    // one plain-language sentence
  Highlight highlight;
};

// ---- [SECTION] Lesson -------------------------------------------------------------------------
struct Lesson {
  std::string id;  // "umbrella", "coat", "two-by-two", "backprop-coat", ... or "model"
  std::string title;
  std::string intro;  // a short paragraph shown above the steps
  std::vector<Step> steps;
};

// ---- [SECTION] Scenario -----------------------------------------------------------------------
// What a lesson is built from. The app keeps one, lets the learner edit it, and rebuilds the
// lesson after every edit (building is cheap for these small networks).
struct Scenario {
  Mlp mlp;                               // the network (weights and biases)
  std::vector<float> x;                  // (I₀) one input sample
  std::vector<float> y;                  // (O_last) the target; empty = forward pass only
  Loss loss = Loss::half_sse;            // used when y is not empty
  float learning_rate = 0.5f;            // η for the one gradient-descent step (backprop lessons)
  std::vector<std::string> input_names;  // optional, e.g. {"temperature", "rain", "wind"}
  int first_output = 1;                  // how texts number the outputs: 1 (ŷ₁, ŷ₂ …) or, for outputs
                                         // that stand for classes 0 … C−1, 0 (ŷ₀ … ŷ₉ for the digits)
};

// The first step of a kind about (layer, neuron[, input]); −1 matches anything. nullptr if none.
const Step* find_step(const Lesson& lesson, StepKind kind, int layer = -1, int neuron = -1, int input = -1);
Step* find_step(Lesson& lesson, StepKind kind, int layer = -1, int neuron = -1, int input = -1);

}  // namespace nnlab
