// trace.cpp — runs the core once for a scenario and assembles the generic lesson (see trace.h).
#include "lessons/trace.h"
#include "core/shape_text.h"

#include <cmath>

#include "core/optimizers.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"

namespace nnlab {
namespace {

bool all_finite(std::span<const float> v) {
  for (float f : v)
    if (!std::isfinite(f)) return false;
  return true;
}

}  // namespace

bool run_forward_trace(const Scenario& scenario, CoreTrace* out, std::string* error) {
  Scenario forward_only = scenario;
  forward_only.y.clear();
  return run_core_trace(forward_only, out, error);
}

bool run_core_trace(const Scenario& s, CoreTrace* out, std::string* error) {
  auto fail = [&](std::string message) {
    if (error) *error = std::move(message);
    return false;
  };
  const Mlp& mlp = s.mlp;
  const int layers = mlp.layer_count();
  if (layers < 1) return fail("the network has no layers");
  if (layers > kMaxTraceLayers)
    return fail("the network has " + std::to_string(layers) + " layers; a hand trace shows at most " +
                std::to_string(kMaxTraceLayers));
  for (int l = 0; l < layers; ++l) {
    const LayerSpec& spec = mlp.layer(l);
    if (spec.inputs > kMaxTraceWidth || spec.outputs > kMaxTraceWidth)
      return fail("layer " + std::to_string(l + 1) + " is " + std::to_string(spec.outputs) + " × " +
                  std::to_string(spec.inputs) + "; a hand trace shows at most " + std::to_string(kMaxTraceWidth) +
                  " inputs and neurons per layer");
  }
  if (static_cast<int>(s.x.size()) != mlp.input_size())
    return fail("the input has " + std::to_string(s.x.size()) + " values but the network expects " +
                std::to_string(mlp.input_size()));
  if (!s.y.empty() && static_cast<int>(s.y.size()) != mlp.output_size())
    return fail("the target has " + std::to_string(s.y.size()) + " values but the network has " +
                std::to_string(mlp.output_size()) + " outputs");
  if (!all_finite(s.x) || !all_finite(s.y)) return fail("the input or target contains NaN or infinity");
  if (!all_finite(mlp.params())) return fail("a weight or bias is NaN or infinity");
  if (!std::isfinite(s.learning_rate) || s.learning_rate < 0)
    return fail("the learning rate must be a finite number ≥ 0");

  CoreTrace& t = *out;
  t.mlp = mlp;
  t.x = s.x;
  t.y = s.y;
  t.loss = s.loss;
  t.learning_rate = s.y.empty() ? 0.0f : s.learning_rate;
  t.mlp.zero_grad();
  t.ws.resize(t.mlp, 1);
  forward(t.mlp, t.x.data(), 1, t.ws);  // z, a of every layer
  if (!t.has_target()) return true;

  const int n = t.mlp.output_size();
  const float* y_hat = t.ws.a(layers - 1).data();
  t.loss_value = loss_value(t.loss, y_hat, t.y.data(), n);
  t.dL_dyhat.assign(n, 0.0f);
  loss_gradient(t.loss, y_hat, t.y.data(), n, t.dL_dyhat.data());
  backward(t.mlp, t.x.data(), t.y.data(), 1, t.loss, t.ws);  // δ into ws, ∂L/∂params into grads()

  if (t.has_update()) {
    t.updated = t.mlp;
    OptimizerConfig config;
    config.kind = OptimizerKind::sgd;  // w ← w − η ∂L/∂w
    config.lr = t.learning_rate;
    Optimizer sgd;
    sgd.init(t.updated, config);
    sgd.step(t.updated);
    t.ws_after.resize(t.updated, 1);
    forward(t.updated, t.x.data(), 1, t.ws_after);
    t.loss_after = loss_value(t.loss, t.ws_after.a(layers - 1).data(), t.y.data(), n);
  }
  return true;
}

bool build_trace_lesson(const Scenario& scenario, const TraceOptions& options, Lesson* out, std::string* error) {
  CoreTrace t;
  if (!run_core_trace(scenario, &t, error)) return false;
  Lesson lesson;
  lesson.id = "model";
  const std::string shape = shape_text(t.mlp);
  lesson.title = "Your network " + shape + ", by hand";
  lesson.intro = "The network " + shape + " has " + format_count(static_cast<long long>(t.mlp.parameter_count())) +
                 " parameters. Each step below is one piece of the calculation, with the numbers the "
                 "engine itself computed.";
  if (t.has_target())
    lesson.intro +=
        " With the target, the steps continue backwards: how much each weight is to blame "
        "for the error, and one step of gradient descent.";
  forward_steps(t, options, scenario.input_names, &lesson.steps);
  if (t.has_target() && options.backprop) backward_steps(t, options, &lesson.steps);
  *out = std::move(lesson);
  return true;
}

// ---------------------------------------------------------------------------------------------
Step parameter_count_step(const Mlp& mlp) {
  const Notation n(mlp);
  Step s;
  s.kind = StepKind::shape;
  std::string sizes, names;
  for (int l = 0; l < mlp.layer_count(); ++l) {
    const std::string sep = l ? " + " : "";
    sizes += sep + format_count(static_cast<long long>(mlp.weights(l).size())) + " + " +
             format_count(static_cast<long long>(mlp.bias(l).size()));
    names += sep + n.vec("W", l) + " + " + n.vec("b", l);
  }
  s.symbolic = "parameters = " + names;
  s.substituted = "parameters = " + sizes + " = " + format_count(static_cast<long long>(mlp.parameter_count()));
  s.values = {static_cast<float>(mlp.parameter_count())};
  s.explanation =
      "Every weight and every bias is one number that training can adjust: these are the model's "
      "parameters.";
  for (int l = 0; l < mlp.layer_count(); ++l)
    for (int o = 0; o < mlp.layer(l).outputs; ++o) {
      s.highlight.biases.push_back({l, o});
      for (int i = 0; i < mlp.layer(l).inputs; ++i) s.highlight.weights.push_back({l, o, i});
    }
  return s;
}

// ---------------------------------------------------------------------------------------------
std::string_view step_kind_name(StepKind kind) {
  switch (kind) {
    case StepKind::note: return "note";
    case StepKind::term: return "term";
    case StepKind::sum: return "sum";
    case StepKind::activation: return "activation";
    case StepKind::output: return "output";
    case StepKind::decision: return "decision";
    case StepKind::shape: return "shape";
    case StepKind::loss: return "loss";
    case StepKind::loss_grad: return "loss_grad";
    case StepKind::act_grad: return "act_grad";
    case StepKind::delta: return "delta";
    case StepKind::weight_grad: return "weight_grad";
    case StepKind::bias_grad: return "bias_grad";
    case StepKind::update: return "update";
    case StepKind::loss_after: return "loss_after";
  }
  return "note";
}

Step* find_step(Lesson& lesson, StepKind kind, int layer, int neuron, int input) {
  for (Step& s : lesson.steps)
    if (s.kind == kind && (layer < 0 || s.layer == layer) && (neuron < 0 || s.neuron == neuron) &&
        (input < 0 || s.input == input))
      return &s;
  return nullptr;
}

const Step* find_step(const Lesson& lesson, StepKind kind, int layer, int neuron, int input) {
  return find_step(const_cast<Lesson&>(lesson), kind, layer, neuron, input);
}

}  // namespace nnlab
