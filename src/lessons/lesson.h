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
#include <vector>

#include "core/losses.h"
#include "core/mlp.h"

namespace nnlab {

// ---- [SECTION] Highlight ----------------------------------------------------------------------
// Indices are 0-based and refer to the Mlp: layer l has weights(l) of shape (O, I).
struct Edge {
  int out = 0;  // row o of W (neuron of layer l)
  int in = 0;   // column i of W (input i of layer l: x_i for l = 0, else a⁽ˡ⁾_i)
};

struct Highlight {
  int layer = -1;            // Mlp layer index l; −1: the step is about the whole network
  std::vector<int> inputs;   // entries of the layer's input vector (x or the previous a), columns of W
  std::vector<int> neurons;  // neurons of layer l: rows of W, entries of b, z, a, δ
  std::vector<Edge> edges;   // weights W[o][i] (edges in the diagram, cells in the matrix view)
  bool bias = false;         // the biases of `neurons` are part of the step
};

// ---- [SECTION] Step ---------------------------------------------------------------------------
enum class StepKind {
  note,         // plain text (a remark, the seed's slip, a dead-ReLU explanation)
  term,         // one product w_i·x_i
  sum,          // z = w·x + b of one neuron
  activation,   // a = f(z) of one neuron (or the whole layer for softmax)
  output,       // the network's output ŷ
  decision,     // what the output means ("no umbrella", "55 % wear a coat")
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

struct Step {
  StepKind kind = StepKind::note;
  std::string symbolic;      // the formula, e.g. "z⁽¹⁾₁ = w⁽¹⁾₁·x + b⁽¹⁾₁"
  std::string substituted;   // the numbers, e.g. "z⁽¹⁾₁ = (−0.5 × 10) + (1 × 1) + (0.5 × 1) + 0 = −3.5"
  std::vector<float> values; // the result(s) at full precision (format_number_full for hover)
  std::string explanation;   // one plain-language sentence
  Highlight highlight;
};

// ---- [SECTION] Lesson -------------------------------------------------------------------------
struct Lesson {
  std::string id;     // "umbrella", "coat", "two-by-two", "backprop-coat", ... or "model"
  std::string title;
  std::string intro;  // a short paragraph shown above the steps
  std::vector<Step> steps;
};

// ---- [SECTION] Scenario -----------------------------------------------------------------------
// What a lesson is built from. The app keeps one, lets the learner edit it, and rebuilds the
// lesson after every edit (building is cheap for these small networks).
struct Scenario {
  Mlp mlp;                          // the network (weights and biases)
  std::vector<float> x;             // (I₀) one input sample
  std::vector<float> y;             // (O_last) the target; empty = forward pass only
  Loss loss = Loss::half_sse;       // used when y is not empty
  float learning_rate = 0.5f;       // η for the one gradient-descent step (backprop lessons)
  std::vector<std::string> input_names;  // optional, e.g. {"temperature", "rain", "wind"}
};

// Finds the first step of a kind about (layer, neuron); nullptr if none. For lesson texts/tests.
const Step* find_step(const Lesson& lesson, StepKind kind, int layer = -1, int neuron = -1);
Step* find_step(Lesson& lesson, StepKind kind, int layer = -1, int neuron = -1);

}  // namespace nnlab
