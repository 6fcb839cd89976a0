// trace.cpp — runs the core once for a scenario and assembles the generic lesson (see trace.h).
#include "lessons/trace.h"
#include "core/shape_text.h"

#include <cmath>

#include "core/optimizers.h"
#include "lessons/builtin.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"
#include "text/text.h"

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
  auto str = [](long long v) { return std::to_string(v); };
  const Mlp& mlp = s.mlp;
  const int layers = mlp.layer_count();
  if (layers < 1) return fail(text::T("lesson.error.no_layers"));
  if (layers > kMaxTraceLayers)
    return fail(text::tr("lesson.error.too_deep", {{"layers", str(layers)}, {"most", str(kMaxTraceLayers)}}));
  for (int l = 0; l < layers; ++l) {
    const LayerSpec& spec = mlp.layer(l);
    if (spec.inputs > kMaxTraceWidth || spec.outputs > kMaxTraceWidth)
      return fail(text::tr("lesson.error.too_wide", {{"layer", str(l + 1)},
                                                     {"rows", str(spec.outputs)},
                                                     {"cols", str(spec.inputs)},
                                                     {"most", str(kMaxTraceWidth)}}));
  }
  if (static_cast<int>(s.x.size()) != mlp.input_size())
    return fail(text::tr("lesson.error.input_size",
                         {{"got", str(static_cast<long long>(s.x.size()))}, {"want", str(mlp.input_size())}}));
  if (!s.y.empty() && static_cast<int>(s.y.size()) != mlp.output_size())
    return fail(text::tr("lesson.error.target_size",
                         {{"got", str(static_cast<long long>(s.y.size()))}, {"want", str(mlp.output_size())}}));
  if (!all_finite(s.x) || !all_finite(s.y)) return fail(text::T("lesson.error.input_not_finite"));
  if (!all_finite(mlp.params())) return fail(text::T("lesson.error.params_not_finite"));
  if (!std::isfinite(s.learning_rate) || s.learning_rate < 0) return fail(text::T("lesson.error.learning_rate"));

  CoreTrace& t = *out;
  t.mlp = mlp;
  t.x = s.x;
  t.y = s.y;
  t.loss = s.loss;
  t.learning_rate = s.y.empty() ? 0.0f : s.learning_rate;
  t.first_output = s.first_output;
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
  const std::string count = format_count(static_cast<long long>(t.mlp.parameter_count()));
  lesson.title = text::tr("lesson.model.title", {{"shape", shape}});
  lesson.intro = text::tr(t.has_target() ? "lesson.model.intro_target" : "lesson.model.intro",
                          {{"shape", shape}, {"count", count}});
  forward_steps(t, options, translated_input_names(scenario.input_names), &lesson.steps);
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
  s.symbolic = text::tr("lesson.params.symbolic", {{"names", names}});
  s.substituted = text::tr("lesson.params.substituted",
                           {{"sizes", sizes}, {"total", format_count(static_cast<long long>(mlp.parameter_count()))}});
  s.values = {static_cast<float>(mlp.parameter_count())};
  s.explanation = text::T("lesson.params.explanation");
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
