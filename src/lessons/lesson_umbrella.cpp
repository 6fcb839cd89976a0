// lesson_umbrella.cpp — one neuron decides whether to take an umbrella (docs/worked-examples.md §1).
//   z = w₁x₁ + w₂x₂ + b = (−0.5 × 10) + (2 × 1) + 1 = −5 + 2 + 1 = −2,  a = ReLU(−2) = 0 → no umbrella
#include "lessons/builtin.h"
#include "lessons/notation.h"
#include "lessons/trace.h"
#include "text/text.h"

namespace nnlab {
namespace {

// Where the activation's output means "yes": ReLU, tanh … above 0; sigmoid and step above ½.
// Every one of them is crossed exactly where z crosses 0, so switching the activation changes
// the graded output a but never where the decision flips (the decision step says so).
float decision_threshold(Activation act) { return act == Activation::sigmoid || act == Activation::step ? 0.5f : 0.0f; }

}  // namespace

bool umbrella_lesson(const Scenario& s, Lesson* out, std::string* error) {
  if (s.mlp.layer_count() != 1 || s.mlp.output_size() != 1 || s.mlp.input_size() != 2 ||
      s.mlp.layer(0).activation == Activation::softmax) {
    if (error) *error = text::T("lesson.umbrella.error");
    return false;
  }
  CoreTrace t;
  if (!run_core_trace(s, &t, error)) return false;
  const Activation act = s.mlp.layer(0).activation;

  Lesson lesson;
  lesson.id = "umbrella";
  lesson.title = text::T("lesson.umbrella.title");
  lesson.intro = text::T("lesson.umbrella.intro");
  TraceOptions options;
  options.product_terms = true;
  forward_steps(t, options, builtin_input_names("umbrella"), &lesson.steps);

  Step* sum = find_step(lesson, StepKind::sum, 0, 0);
  sum->explanation = text::tr(sum->values[0] > 0   ? "lesson.umbrella.sum.for"
                              : sum->values[0] < 0 ? "lesson.umbrella.sum.against"
                                                   : "lesson.umbrella.sum.zero",
                              {{"b", num(t.mlp.bias(0)[0])}, {"z", num(sum->values[0])}});

  const float y_hat = t.ws.a(0)[0], z = t.ws.z(0)[0];
  const float threshold = decision_threshold(act);
  const bool yes = y_hat > threshold;
  Step d;
  d.kind = StepKind::decision;
  d.layer = 0, d.neuron = 0;
  const std::string a_text = num(y_hat), t_text = num(threshold), z_text = num(z);
  d.symbolic = text::tr("lesson.umbrella.decision.symbolic", {{"threshold", t_text}});
  d.substituted = text::tr(yes ? "lesson.umbrella.decision.yes" : "lesson.umbrella.decision.no",
                           {{"a", a_text}, {"threshold", t_text}});
  d.values = {y_hat, threshold};  // the output and the threshold it is compared with
  const char* why = yes                                 ? "lesson.umbrella.why.yes"
                    : act == Activation::relu && z <= 0 ? "lesson.umbrella.why.relu_off"
                                                        : "lesson.umbrella.why.no";
  d.explanation = text::two_sentences(text::tr(why, {{"z", z_text}}),
                                      text::tr("lesson.umbrella.boundary", {{"threshold", t_text}}));
  d.highlight.layer = 0;
  d.highlight.neurons = {{0, 0}};
  lesson.steps.push_back(std::move(d));
  *out = std::move(lesson);
  return true;
}

}  // namespace nnlab
