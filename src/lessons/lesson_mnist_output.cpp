// The output layer of the MNIST lab's network, by hand: the last hidden layer's activations for
// one digit are this layer's inputs; every output neuron's vote z, then softmax. The lab fills the
// scenario with its own weights and the digit's activations (a link into the Network view).
//
// Numbering: the outputs by the digit (class) they stand for, ŷ₀ … ŷ₉, z₀ … z₉, b₀ … b₉ — the K of
// nnlab-cli's `--target K`. The layer is the network's last one (layer 3 of 784-16-16-10 in the
// anatomy lesson); written out alone it is "the output layer", its symbols without a layer number.
#include <algorithm>

#include "core/assert.h"
#include "lessons/builtin.h"
#include "lessons/notation.h"
#include "lessons/trace.h"
#include "text/text.h"

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
  s.first_output = 0;  // ŷ₀ … ŷ₉: numbered by the digit
  return s;
}

bool mnist_output_lesson(const Scenario& scenario, Lesson* out, std::string* error) {
  if (scenario.mlp.layer_count() != 1 || scenario.mlp.layer(0).activation != Activation::softmax) {
    if (error) *error = text::T("lesson.mnist_output.error");
    return false;
  }
  Scenario s = scenario;
  s.first_output = 0;  // ŷ₀ … ŷ₉: numbered by the digit, whatever scenario the lab sent
  CoreTrace t;
  if (!run_forward_trace(s, &t, error)) return false;
  const int H = t.mlp.input_size(), C = t.mlp.output_size();
  const bool digits = C == 10;  // the lab's classes; another count is "class 0 … C−1"
  const TraceOptions options;
  const Notation n(t.mlp, t.first_output);

  Lesson lesson;
  lesson.id = "mnist-output";
  lesson.title = text::T("lesson.mnist_output.title");
  lesson.intro = text::tr(digits ? "lesson.mnist_output.intro" : "lesson.mnist_output.intro_classes",
                          {{"inputs", std::to_string(H)},
                           {"outputs", std::to_string(C)},
                           {"first_x", n.x(0)},
                           {"last_x", n.x(H - 1)},
                           {"first", n.y_hat(0)},
                           {"last", n.y_hat(C - 1)},
                           {"last_class", std::to_string(C - 1)}});
  forward_steps(t, options, s.input_names, &lesson.steps);
  for (int k = 0; k < C; ++k) {
    Step* sum = find_step(lesson, StepKind::sum, 0, k);
    sum->explanation = text::tr(digits ? "lesson.mnist_output.sum" : "lesson.mnist_output.sum_class",
                                {{"digit", std::to_string(k)},
                                 {"inputs", std::to_string(H)},
                                 {"z", n.z(0, k)},
                                 {"value", num(sum->values[0])}});
  }
  const std::span<const float> y = t.ws.a(0).subspan(0, size_t(C));
  const int best = int(std::max_element(y.begin(), y.end()) - y.begin());
  const std::string digit = std::to_string(best), p = num(y[size_t(best)]);
  Step answer;
  answer.kind = StepKind::decision;
  answer.layer = 0;
  answer.neuron = best;
  answer.symbolic = text::T("lesson.mnist_output.answer.symbolic");
  answer.substituted = text::tr("lesson.mnist_output.answer.substituted",
                                {{"digit", digit}, {"yhat", n.y_hat(best)}, {"p", p}});
  answer.values = {float(best), y[size_t(best)]};
  answer.explanation = text::tr(
      digits ? "lesson.mnist_output.answer.explanation" : "lesson.mnist_output.answer.explanation_class",
      {{"digit", digit}, {"yhat", n.y_hat(best)}, {"p", p}, {"outputs", std::to_string(C)}});
  answer.highlight.neurons = {{0, best}};
  lesson.steps.push_back(std::move(answer));
  *out = std::move(lesson);
  return true;
}

}  // namespace nnlab
