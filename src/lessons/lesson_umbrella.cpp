// lesson_umbrella.cpp — one neuron decides whether to take an umbrella (docs/worked-examples.md §1).
//   z = w₁x₁ + w₂x₂ + b = (−0.5 × 10) + (2 × 1) + 1 = −5 + 2 + 1 = −2,  a = ReLU(−2) = 0 → no umbrella
#include "lessons/builtin.h"
#include "lessons/notation.h"
#include "lessons/trace.h"

namespace nnlab {
namespace {

// Where the activation's output means "yes": ReLU, tanh … above 0; sigmoid and step above ½.
float decision_threshold(Activation act) { return act == Activation::sigmoid || act == Activation::step ? 0.5f : 0.0f; }

}  // namespace

bool umbrella_lesson(const Scenario& s, Lesson* out, std::string* error) {
  if (s.mlp.layer_count() != 1 || s.mlp.output_size() != 1 || s.mlp.input_size() != 2 ||
      s.mlp.layer(0).activation == Activation::softmax) {
    if (error) *error = "the umbrella lesson needs one neuron with two inputs (not softmax)";
    return false;
  }
  CoreTrace t;
  if (!run_core_trace(s, &t, error)) return false;
  const Activation act = s.mlp.layer(0).activation;

  Lesson lesson;
  lesson.id = "umbrella";
  lesson.title = "The umbrella neuron";
  lesson.intro =
      "One neuron decides whether to take an umbrella. x₁ is today's temperature in °C, x₂ says "
      "whether it rains (1 = yes). Each weight says how much an input matters and in which direction "
      "(a negative w₁: the colder, the more you want cover; a large w₂: rain strongly says yes); the "
      "bias b is the neuron's opinion before it sees anything.";
  TraceOptions options;
  options.product_terms = true;
  forward_steps(t, options, s.input_names, &lesson.steps);

  Step* sum = find_step(lesson, StepKind::sum, 0, 0);
  sum->explanation = "Add the two weighted inputs and the bias b = " + num(t.mlp.bias(0)[0]) +
                     " (its opinion before seeing anything): the neuron's total vote is " + num(sum->values[0]) +
                     (sum->values[0] > 0   ? " (for an umbrella)."
                      : sum->values[0] < 0 ? " (against an umbrella)."
                                           : ".");

  const float y_hat = t.ws.a(0)[0], z = t.ws.z(0)[0];
  const float threshold = decision_threshold(act);
  const bool yes = y_hat > threshold;
  Step d;
  d.kind = StepKind::decision;
  d.layer = 0, d.neuron = 0;
  d.symbolic = "take an umbrella if a > " + num(threshold);
  d.substituted = "a = " + num(y_hat) + (yes ? " > " : " ≤ ") + num(threshold) + " → " +
                  (yes ? "take an umbrella" : "no umbrella recommended");
  d.values = {y_hat, threshold};  // the output and the threshold it is compared with
  if (yes) d.explanation = "The vote " + num(z) + " is strong enough: the neuron recommends an umbrella.";
  else if (act == Activation::relu && z <= 0)
    d.explanation = "Output 0: the total vote " + num(z) +
                    " is not positive, so ReLU keeps the neuron silent — "
                    "no umbrella recommended.";
  else d.explanation = "The vote " + num(z) + " is not strong enough, so the neuron does not recommend an umbrella.";
  d.highlight.layer = 0;
  d.highlight.neurons = {{0, 0}};
  lesson.steps.push_back(std::move(d));
  *out = std::move(lesson);
  return true;
}

}  // namespace nnlab
