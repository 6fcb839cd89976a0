// The output layer of the MNIST lab's network, by hand: the last hidden layer's activations for
// one digit are this layer's inputs; every output neuron's vote z, then softmax. The lab fills the
// scenario with its own weights and the digit's activations (a link into the Network view).
#include <algorithm>

#include "core/assert.h"
#include "lessons/builtin.h"
#include "lessons/notation.h"
#include "lessons/trace.h"

namespace nnlab {

Scenario mnist_output_scenario() {
  // Until the lab sends its own: a seeded 16 → 10 softmax layer (784-16-16-10's output layer)
  // and the activations of a hidden layer that half fires.
  Scenario s;
  const LayerSpec spec[] = {{16, 10, Activation::softmax}};
  const bool ok = s.mlp.build(spec, nullptr);
  NNLAB_ASSERT(ok);
  (void)ok;
  s.mlp.init_params(1);
  s.x.resize(16);
  for (int j = 0; j < 16; ++j) s.x[size_t(j)] = j % 2 ? 0.0f : 0.25f * float(1 + j % 5);
  s.loss = Loss::cross_entropy;
  return s;
}

bool mnist_output_lesson(const Scenario& s, Lesson* out, std::string* error) {
  if (s.mlp.layer_count() != 1 || s.mlp.layer(0).activation != Activation::softmax) {
    if (error) *error = "this lesson is one softmax layer (the output layer of the lab's network)";
    return false;
  }
  CoreTrace t;
  if (!run_forward_trace(s, &t, error)) return false;
  const int H = t.mlp.input_size(), C = t.mlp.output_size();
  Lesson lesson;
  lesson.id = "mnist-output";
  lesson.title = "The output layer of your MNIST network";
  lesson.intro = "The inputs x are the last hidden layer's " + std::to_string(H) +
                 " activations for one digit (from the MNIST lab). Each of the " + std::to_string(C) +
                 " output neurons weighs them and adds its bias: its vote z (neuron 1 stands for the digit 0, "
                 "neuron 10 for 9). Softmax turns the votes into probabilities that add up to 1; the largest "
                 "is the network's answer.";
  forward_steps(t, TraceOptions{}, s.input_names, &lesson.steps);
  const std::span<const float> y = t.ws.a(0).subspan(0, size_t(C));
  const int best = int(std::max_element(y.begin(), y.end()) - y.begin());
  Step answer;
  answer.kind = StepKind::decision;
  answer.layer = 0;
  answer.neuron = best;
  answer.symbolic = "answer = argmax ŷ";
  answer.substituted = "answer = " + std::to_string(best) + " (ŷ" + subscript(best + 1) + " = " + num(y[size_t(best)]) +
                       ")";
  answer.values = {float(best), y[size_t(best)]};
  answer.explanation = "Output neuron " + std::to_string(best + 1) + " stands for the digit " + std::to_string(best) +
                       ": with probability " + num(100.0f * y[size_t(best)]) + " % it is the network's reading.";
  answer.highlight.neurons = {{0, best}};
  lesson.steps.push_back(std::move(answer));
  *out = std::move(lesson);
  return true;
}

}  // namespace nnlab
