// lesson_backprop.cpp — backprop by hand (lessons.md §5): forward, loss, δ of every layer,
// ∂L/∂W and ∂L/∂b of every parameter, one gradient-descent step, the loss before → after.
// Works on any traceable scenario with a target; the built-ins are the coat network (dead
// ReLUs: only b⁽²⁾ learns) and a 2-2-2 sigmoid network where every gradient is non-zero.
#include "core/shape_text.h"
#include "lessons/builtin.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"
#include "lessons/trace.h"

namespace nnlab {
namespace {

// "2 of 11 parameters get a non-zero gradient: b⁽²⁾ …" and the dead ReLU neurons, if any.
Step gradient_summary(const CoreTrace& t) {
  const Notation n(t.mlp);
  std::string learning, dead;
  int nonzero = 0, dead_count = 0;
  for (int l = 0; l < t.mlp.layer_count(); ++l) {
    const LayerSpec& spec = t.mlp.layer(l);
    for (int o = 0; o < spec.outputs; ++o) {
      for (int i = 0; i < spec.inputs; ++i)
        if (t.mlp.dweights(l)[o * spec.inputs + i] != 0) {
          learning += (nonzero++ ? ", " : "") + n.w(l, o, i);
        }
      if (t.mlp.dbias(l)[o] != 0) learning += (nonzero++ ? ", " : "") + n.b(l, o);
      if (l < t.mlp.layer_count() - 1 && spec.activation == Activation::relu && t.ws.z(l)[o] <= 0)
        dead += (dead_count++ ? ", " : "") + n.z(l, o) + " = " + num(t.ws.z(l)[o]);
    }
  }
  Step s;
  s.kind = StepKind::note;
  s.symbolic = "parameters with ∂L/∂w ≠ 0";
  s.substituted = format_count(nonzero) + " of " + format_count(static_cast<long long>(t.mlp.parameter_count())) +
                  " parameters get a non-zero gradient" + (nonzero ? ": " + learning : std::string());
  s.values = {static_cast<float>(nonzero)};
  if (dead_count > 0)
    s.explanation = "Dead ReLU neurons (" + dead +
                    "): a ReLU whose vote is not positive outputs 0 and has slope 0, "
                    "so nothing flows back through it — its incoming weights and bias get exactly 0, and the "
                    "weights it feeds see a 0 signal. Only the parameters listed learn from this sample.";
  else s.explanation = "Every neuron passed some error back, so every parameter listed will move in the update.";
  for (int l = 0; l < t.mlp.layer_count(); ++l) {
    const LayerSpec& spec = t.mlp.layer(l);
    for (int o = 0; o < spec.outputs; ++o) {
      if (t.mlp.dbias(l)[o] != 0) s.highlight.biases.push_back({l, o});
      for (int i = 0; i < spec.inputs; ++i)
        if (t.mlp.dweights(l)[o * spec.inputs + i] != 0) s.highlight.weights.push_back({l, o, i});
    }
  }
  return s;
}

}  // namespace

bool backprop_lesson(const Scenario& s, Lesson* out, std::string* error) {
  if (s.y.empty()) {
    if (error) *error = "the backprop lesson needs a target y";
    return false;
  }
  CoreTrace t;
  if (!run_core_trace(s, &t, error)) return false;
  const Notation n(t.mlp);

  Lesson lesson;
  const std::string shape = shape_text(t.mlp);
  lesson.id = "backprop";
  lesson.title = "Backprop by hand: " + shape + ", " + std::string(loss_name(t.loss)) + " loss";
  lesson.intro =
      "First the forward pass computes the answer ŷ. The loss scores it against the target y. Then the "
      "error is traced back layer by layer with the chain rule: δ = ∂L/∂z says how much each neuron's "
      "vote is to blame, and each weight's gradient is its neuron's δ times the signal that flowed "
      "through it. Finally every parameter takes one step of gradient descent, w ← w − η ∂L/∂w with "
      "η = " +
      num(t.learning_rate) + ", and the forward pass runs again to check the loss.";
  const TraceOptions options;
  forward_steps(t, options, s.input_names, &lesson.steps);
  std::vector<Step> back;
  backward_steps(t, options, &back);
  // The summary goes after the last gradient step, before the update.
  size_t split = back.size();
  for (size_t i = 0; i < back.size(); ++i)
    if (back[i].kind == StepKind::update) {
      split = i;
      break;
    }
  back.insert(back.begin() + static_cast<std::ptrdiff_t>(split), gradient_summary(t));
  lesson.steps.insert(lesson.steps.end(), back.begin(), back.end());
  *out = std::move(lesson);
  return true;
}

}  // namespace nnlab
