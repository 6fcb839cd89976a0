// lesson_coat.cpp — the coat network 3-2-1 (docs/worked-examples.md §2).
//   z⁽¹⁾ = [−3.5, −8] (the seed prints −7), a⁽¹⁾ = [0, 0], z⁽²⁾ = 0.2, ŷ = σ(0.2) = 0.549834,
//   11 parameters.
#include <cmath>

#include "lessons/builtin.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"
#include "lessons/trace.h"

namespace nnlab {
namespace {

// The lesson's own numbers (the learner has not edited anything yet).
bool is_worked_example(const Scenario& s) {
  const Scenario start = coat_scenario();
  if (s.mlp.parameter_count() != start.mlp.parameter_count() || s.x != start.x) return false;
  for (size_t p = 0; p < start.mlp.parameter_count(); ++p)
    if (s.mlp.params()[p] != start.mlp.params()[p]) return false;
  return true;
}

}  // namespace

bool coat_lesson(const Scenario& s, Lesson* out, std::string* error) {
  if (s.mlp.layer_count() != 2 || s.mlp.input_size() != 3 || s.mlp.layer(0).outputs != 2 || s.mlp.output_size() != 1 ||
      s.mlp.layer(1).activation == Activation::softmax) {
    if (error) *error = "the coat lesson needs a 3-2-1 network";
    return false;
  }
  CoreTrace t;
  if (!run_forward_trace(s, &t, error)) return false;

  Lesson lesson;
  lesson.id = "coat";
  lesson.title = "The coat network 3-2-1";
  lesson.intro =
      "Should you wear a coat? Three inputs — temperature x₁ (°C), rain x₂ and wind x₃ (1 = yes) — feed "
      "two hidden ReLU neurons, and one sigmoid neuron turns their signals into a probability. "
      "Hidden neuron 1 stands for “cold, and rain or wind: you may feel cold”; hidden neuron 2 for "
      "“very cold: you must wear one”.";
  forward_steps(t, TraceOptions{}, s.input_names, &lesson.steps);

  Step* h1 = find_step(lesson, StepKind::sum, 0, 0);
  h1->explanation += " This neuron stands for “cold, and rain or wind: you may feel cold”.";
  Step* h2 = find_step(lesson, StepKind::sum, 0, 1);
  h2->explanation += " This neuron stands for “very cold: you must wear one”.";
  if (is_worked_example(s)) {
    // −7 is the slip people make adding these four terms by hand; show the sum one term at a time.
    Step note;
    note.kind = StepKind::note;
    note.layer = 0, note.neuron = 1;
    note.symbolic = "a common slip: " + Notation(t.mlp).z(0, 1) + " = " + format_number(-7);
    const std::span<const float> w = t.mlp.weights(0);  // (2, 3)
    float running = 0;                                  // display arithmetic, as in the sum step
    std::string terms, partial;
    for (int i = 0; i <= 3; ++i) {
      const float term = i < 3 ? w[3 + i] * t.x[i] : t.mlp.bias(0)[1];
      running = i == 0 ? term : running + term;
      terms += i == 0 ? num(term) : (term < 0 ? " − " + negated(term) : " + " + num(term));
      if (i > 0) partial += (i > 1 ? ", then " : "") + num(running);
    }
    note.substituted = Notation(t.mlp).z(0, 1) + " = " + terms + " = " + num(t.ws.z(0)[1]) + ", not " +
                       format_number(-7);
    note.values = {t.ws.z(0)[1]};
    note.explanation = format_number(-7) +
                       " is a common slip when this sum is worked by hand. Add the four terms "
                       "one at a time and the running total goes " +
                       partial + ": the answer is " + num(t.ws.z(0)[1]) + ", exactly what the network computes.";
    note.highlight = h2->highlight;
    const auto at = lesson.steps.begin() + (h2 - lesson.steps.data()) + 1;
    lesson.steps.insert(at, std::move(note));
  }

  const float y_hat = t.ws.a(1)[0];
  Step d;
  d.kind = StepKind::decision;
  d.layer = 1, d.neuron = 0;
  d.symbolic = "P(wear a coat) = ŷ";
  d.substituted = "ŷ = " + num(y_hat) + " → " + format_number(std::round(y_hat * 100.0f)) + " % wear a coat";
  d.values = {y_hat, 0.5f};  // the output and the even-odds line it is read against
  const bool both_silent = t.ws.a(0)[0] == 0 && t.ws.a(0)[1] == 0;
  d.explanation = both_silent
                      ? "Both hidden neurons are silent, so the output rests on its bias alone: σ(" +
                            num(t.ws.z(1)[0]) + ") = " + num(y_hat) +
                            (y_hat > 0.5f ? ", a coin flip leaning towards the coat."
                                          : ", a coin flip leaning against the coat.")
                      : "The network answers with a probability: " + num(y_hat) + " means about " +
                            format_number(std::round(y_hat * 100.0f)) + " in 100 such days you would wear a coat.";
  d.highlight.layer = 1;
  d.highlight.neurons = {{1, 0}};
  lesson.steps.push_back(std::move(d));
  lesson.steps.push_back(parameter_count_step(t.mlp));
  *out = std::move(lesson);
  return true;
}

}  // namespace nnlab
