// trace.h — the generic lesson builder: the hand calculation of ANY small network.
//
// Every built-in lesson (umbrella, coat, two-by-two, backprop) is this builder plus its own
// title, intro and sentences, and `nnlab-cli trace --model FILE` prints it for any model file.
//
//   1. run_core_trace: the core computes everything once (forward, loss, backward, one SGD
//      step with the core's Optimizer, forward again) and keeps the results in a CoreTrace;
//   2. forward_steps / backward_steps read those numbers into Steps (never recomputing them).
//
// Forward steps per layer l and neuron o:  [term × I]  sum  activation   … then output.
// With a target:  loss, ∂L/∂ŷ, then per layer from the last: f′(z), δ, ∂L/∂W, ∂L/∂b;
// with η > 0: one update step per parameter and the loss after.
#pragma once

#include <string>
#include <vector>

#include "core/mlp.h"
#include "lessons/lesson.h"

namespace nnlab {

inline constexpr int kMaxTraceLayers = 9;  // larger networks are not traced by hand (the Playground's deepest: 9)
inline constexpr int kMaxTraceWidth = 32;  // inputs / neurons per layer

// The core's numbers a lesson reads (batch of one sample).
struct CoreTrace {
  Mlp mlp;               // the scenario's network; grads() = ∂L/∂params after backward
  Workspace ws;          // z, a, δ of every layer for the sample
  std::vector<float> x;  // (I₀)
  std::vector<float> y;  // (O_last); empty = no target
  Loss loss = Loss::half_sse;
  float loss_value = 0;         // L(ŷ, y) (loss_value of the core)
  std::vector<float> dL_dyhat;  // (O_last) loss_gradient of the core
  float learning_rate = 0;      // η; 0 = no update
  Mlp updated;                  // mlp after one core SGD step (valid if learning_rate > 0)
  Workspace ws_after;           // forward pass of `updated`
  float loss_after = 0;         // L after the step
  int first_output = 1;         // Scenario::first_output: ŷ₁ … or ŷ₀ … in the texts
  bool has_target() const { return !y.empty(); }
  bool has_update() const { return has_target() && learning_rate > 0; }
};

// Validates the scenario (sizes ≤ kMaxTrace…, x/y lengths, finite numbers, η ≥ 0) and runs the
// core. On failure returns false with a message saying what is wrong.
bool run_core_trace(const Scenario& scenario, CoreTrace* out, std::string* error);
// The same for the forward pass only (any target in the scenario is left out).
bool run_forward_trace(const Scenario& scenario, CoreTrace* out, std::string* error);

struct TraceOptions {
  bool product_terms = false;  // a separate step for every w·x product (single-neuron lessons)
  bool backprop = true;        // with a target: loss and gradient steps
  bool update = true;          // with a target and η > 0: the gradient-descent step
};

// Steps appended to `steps`, in reading order; every text in the current language (text/text.h).
void forward_steps(const CoreTrace& t, const TraceOptions& options, const std::vector<std::string>& input_names,
                   std::vector<Step>* steps);
void backward_steps(const CoreTrace& t, const TraceOptions& options, std::vector<Step>* steps);

// The whole generic lesson (id "model"): forward steps, and with a target the backprop steps.
bool build_trace_lesson(const Scenario& scenario, const TraceOptions& options, Lesson* out, std::string* error);

// "parameters = 6 + 2 + 2 + 1 = 11": sizes read from the Mlp's own weight and bias views.
Step parameter_count_step(const Mlp& mlp);

}  // namespace nnlab
