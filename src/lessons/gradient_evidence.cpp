// gradient_evidence.cpp — see gradient_evidence.h.
#include "lessons/gradient_evidence.h"

#include <algorithm>

#include "lessons/notation.h"
#include "lessons/number_format.h"
#include "text/text.h"

namespace nnlab {

bool gradient_evidence(const CoreTrace& t, GradientEvidence* out) {
  *out = GradientEvidence{};
  if (!t.has_target()) return false;
  numeric_gradient(t.mlp, t.x.data(), t.y.data(), t.loss, kGradientCheckStep, &out->numeric);
  const std::span<const float> g = t.mlp.grads();
  out->rel_error.resize(g.size());
  for (size_t p = 0; p < g.size(); ++p) {
    out->rel_error[p] = relative_error(out->numeric.grad[p], double(g[p]));
    if (out->numeric.kink[p]) ++out->kinks;
    else out->max_rel_error = std::max(out->max_rel_error, out->rel_error[p]);
  }
  out->present = true;
  return true;
}

int step_parameter(const Mlp& mlp, const Step& step) {
  if (step.layer < 0 || step.layer >= mlp.layer_count() || step.neuron < 0) return -1;
  const LayerSpec& spec = mlp.layer(step.layer);
  if (step.neuron >= spec.outputs) return -1;
  if (step.kind == StepKind::weight_grad && step.input >= 0 && step.input < spec.inputs)
    return int(mlp.weights_offset(step.layer)) + step.neuron * spec.inputs + step.input;
  if (step.kind == StepKind::bias_grad) return int(mlp.bias_offset(step.layer)) + step.neuron;
  return -1;
}

namespace {

std::string small(double v) { return v == 0 ? std::string("0") : format_number(v); }

std::string line_for(const CoreTrace& t, const GradientEvidence& e, int p, const std::string& name) {
  const std::string values = text::tr("practice.gradcheck.line", {{"name", name},
                                                                  {"numeric", format_number(e.numeric.grad[size_t(p)])},
                                                                  {"h", format_number(e.numeric.h)},
                                                                  {"backprop", format_number(t.mlp.grads()[size_t(p)])},
                                                                  {"error", small(e.rel_error[size_t(p)])}});
  if (e.numeric.kink[size_t(p)]) return text::two_sentences(values, text::T("practice.gradcheck.kink"));
  return values;
}

}  // namespace

std::string gradient_check_line(const CoreTrace& t, const GradientEvidence& e, const Step& step) {
  if (!e.present) return "";
  const int p = step_parameter(t.mlp, step);
  if (p < 0) return "";
  const Notation n(t.mlp, t.first_output);
  const std::string name = step.kind == StepKind::weight_grad ? n.w(step.layer, step.neuron, step.input)
                                                              : n.b(step.layer, step.neuron);
  return line_for(t, e, p, name);
}

std::string gradient_check_text(const CoreTrace& t, const GradientEvidence& e) {
  if (!e.present) return "";
  const Notation n(t.mlp, t.first_output);
  std::string out = text::tr("practice.gradcheck.title", {{"h", format_number(e.numeric.h)}}) + "\n";
  for (int l = 0; l < t.mlp.layer_count(); ++l) {
    const LayerSpec& s = t.mlp.layer(l);
    for (int o = 0; o < s.outputs; ++o) {
      for (int i = 0; i < s.inputs; ++i)
        out += "  " + line_for(t, e, int(t.mlp.weights_offset(l)) + o * s.inputs + i, n.w(l, o, i)) + "\n";
      out += "  " + line_for(t, e, int(t.mlp.bias_offset(l)) + o, n.b(l, o)) + "\n";
    }
  }
  out += text::tr(e.max_rel_error < kGradientAgreement ? "practice.gradcheck.agree" : "practice.gradcheck.disagree",
                  {{"error", small(e.max_rel_error)}, {"kinks", std::to_string(e.kinks)}}) +
         "\n";
  return out;
}

}  // namespace nnlab
