// practice_diagnose.cpp — where a wrong answer went wrong (see practice.h, [SECTION] Diagnosis).
//
// Each step kind lists the slips people make with it — a sign, the bias left out, a wrong input,
// ReLU applied to the wrong value, ½ forgotten, the gradient added instead of subtracted — and
// what each slip gives, computed from the step's own operands (the core's numbers in the trace).
// The first slip whose value matches the answer (to the precision shown) names the mistake.
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "lessons/activation_text.h"
#include "lessons/notation.h"
#include "lessons/practice.h"
#include "text/text.h"

namespace nnlab {
namespace {

struct Slip {
  std::vector<float> value;  // what the slip gives
  std::string why;           // the sentence saying so
};

class Slips {
 public:
  explicit Slips(std::vector<float> truth) : truth_(std::move(truth)) {}
  void add(float v, std::string why) { add(std::vector<float>{v}, std::move(why)); }
  void add(std::vector<float> v, std::string why) {
    if (v.size() != truth_.size() || all_close(v, truth_)) return;  // no slip where it changes nothing
    for (float f : v)
      if (!std::isfinite(f)) return;
    list_.push_back({std::move(v), std::move(why)});
  }
  std::string match(std::span<const float> given) const {
    for (const Slip& s : list_)
      if (all_close(given, s.value)) return s.why;
    return "";
  }

 private:
  std::vector<float> truth_;
  std::vector<Slip> list_;
};

const float* layer_input(const CoreTrace& t, int l) { return l == 0 ? t.x.data() : t.ws.a(l - 1).data(); }

float sigmoid(float z) { return 1.0f / (1.0f + std::exp(-z)); }

void weighted_sum_slips(const CoreTrace& t, const Lesson& lesson, const Step& step, std::span<const float> given,
                        const Notation& n, Slips* slips) {
  const int l = step.layer, o = step.neuron, I = t.mlp.layer(l).inputs;
  const float* in = layer_input(t, l);
  const std::span<const float> W = t.mlp.weights(l);
  const float b = t.mlp.bias(l)[size_t(o)], z = t.ws.z(l)[size_t(o)];
  const std::string bn = n.b(l, o);
  for (int i = 0; i < I; ++i) {  // one input in the wrong place: w_i · x_j
    const float w = W[size_t(o * I + i)];
    for (int j = 0; j < I; ++j)
      if (j != i && in[j] != in[i])
        slips->add(z - w * in[i] + w * in[j],
                   text::tr("practice.why.input", {{"x", n.input(l, i)}, {"wrong", num(in[j])}, {"right", num(in[i])}}));
  }
  slips->add(z - b, text::tr("practice.why.no_bias", {{"b", bn}, {"value", num(b)}}));
  slips->add(z - 2 * b, text::tr("practice.why.bias_subtracted", {{"b", bn}, {"value", num(b)}}));
  for (int i = 0; i < I; ++i) {
    const float w = W[size_t(o * I + i)], p = w * in[i];
    const std::string term = n.w(l, o, i) + n.input(l, i);
    slips->add(z - 2 * p, text::tr("practice.why.term_sign", {{"term", term}, {"w", num(w)}, {"x", operand(in[i])}}));
    slips->add(z - p, text::tr("practice.why.term_missing", {{"term", term}}));
  }
  // A note about this very sum marks a common slip of adding it by hand (the coat's −7 for −8).
  const bool noted = std::any_of(lesson.steps.begin(), lesson.steps.end(), [&](const Step& s) {
    return s.kind == StepKind::note && s.layer == l && s.neuron == o;
  });
  if (noted && given.size() == 1 && std::fabs(given[0] - z) <= 1.5f && !close_enough(given[0], z)) {
    std::string terms;
    for (int i = 0; i < I; ++i) {
      const float p = W[size_t(o * I + i)] * in[i];
      terms += i == 0 ? num(p) : (p < 0 ? " − " + negated(p) : " + " + num(p));
    }
    terms += b < 0 ? " − " + negated(b) : " + " + num(b);
    slips->add(given[0], text::tr("practice.why.sum_slip", {{"given", num(given[0])}, {"terms", terms}}));
  }
  slips->add(z + b, text::tr("practice.why.bias_twice", {{"b", bn}}));
}

void activation_slips(const CoreTrace& t, const Step& step, const Notation& n, Slips* slips) {
  const int l = step.layer;
  const Activation act = t.mlp.layer(l).activation;
  const std::span<const float> zs = t.ws.z(l);
  if (act == Activation::softmax) {
    std::vector<float> e, linear;
    float sum = 0, zsum = 0;
    for (float z : zs) e.push_back(std::exp(z)), sum += e.back(), zsum += z;
    slips->add(e, text::T("practice.why.softmax_unnormalised"));
    for (float z : zs) linear.push_back(zsum != 0 ? z / zsum : 0.0f);
    slips->add(linear, text::T("practice.why.softmax_linear"));
    return;
  }
  const int o = step.neuron;
  const float z = zs[size_t(o)];
  const std::string zn = n.z(l, o), an = n.a(l, o), f = activation_symbol(act);
  if (act == Activation::relu && z <= 0)
    slips->add(z, text::tr("practice.why.relu_negative", {{"z", zn}, {"z_value", num(z)}}));
  slips->add(z, text::tr("practice.why.no_activation", {{"z", zn}, {"a", an}, {"f", f}}));
  if (act == Activation::relu) {
    slips->add(std::fabs(z), text::T("practice.why.relu_abs"));
    for (int k = 0; k < int(zs.size()); ++k)  // ReLU of another neuron's z
      if (k != o)
        slips->add(std::max(0.0f, zs[size_t(k)]), text::tr("practice.why.relu_wrong_value", {{"other", n.z(l, k)},
                                                                                            {"other_value", num(zs[size_t(k)])},
                                                                                            {"z", zn},
                                                                                            {"z_value", num(z)}}));
    const float* in = layer_input(t, l);  // ReLU of one product instead of the whole sum
    for (int i = 0; i < t.mlp.layer(l).inputs; ++i) {
      const float p = t.mlp.weights(l)[size_t(o * t.mlp.layer(l).inputs + i)] * in[i];
      slips->add(std::max(0.0f, p), text::tr("practice.why.relu_wrong_value", {{"other", n.w(l, o, i) + n.input(l, i)},
                                                                              {"other_value", num(p)},
                                                                              {"z", zn},
                                                                              {"z_value", num(z)}}));
    }
  }
  if (act == Activation::sigmoid) {
    slips->add(sigmoid(-z), text::T("practice.why.sigmoid_sign"));
    slips->add(std::exp(-z), text::T("practice.why.exp_only"));
  }
  if (act == Activation::tanh) slips->add(-std::tanh(z), text::tr("practice.why.sign", {{"what", zn}}));
  if (act == Activation::leaky_relu && z < 0) slips->add(0.0f, text::T("practice.why.leaky"));
}

void loss_slips(const CoreTrace& t, Slips* slips) {
  const float L = t.loss_value;
  const int n = t.mlp.output_size();
  switch (t.loss) {
    case Loss::half_sse: slips->add(2 * L, text::T("practice.why.half")); break;
    case Loss::mse:
      slips->add(L * float(n), text::tr("practice.why.mean", {{"n", std::to_string(n)}}));
      slips->add(L * float(n) * 0.5f, text::tr("practice.why.mean", {{"n", std::to_string(n)}}));
      break;
    case Loss::bce:
    case Loss::cross_entropy:
      slips->add(-L, text::T("practice.why.loss_sign"));
      slips->add(L / std::log(10.0f), text::T("practice.why.log10"));
      slips->add(-L / std::log(10.0f), text::T("practice.why.log10"));
      break;
  }
}

void slope_slips(const CoreTrace& t, const Step& step, const Notation& n, Slips* slips) {
  const int l = step.layer, o = step.neuron;
  const Activation act = t.mlp.layer(l).activation;
  const float z = t.ws.z(l)[size_t(o)], a = t.ws.a(l)[size_t(o)];
  const std::string zn = n.z(l, o);
  if (act == Activation::relu) {
    if (z <= 0) slips->add(1.0f, text::tr("practice.why.relu_slope_off", {{"z", zn}, {"z_value", num(z)}}));
    else slips->add(0.0f, text::tr("practice.why.relu_slope_on", {{"z", zn}, {"z_value", num(z)}}));
  }
  if (act == Activation::tanh) slips->add(1 - a, text::T("practice.why.tanh_square"));
  slips->add(a, text::tr("practice.why.slope_is_value",
                         {{"f", activation_symbol(act)}, {"z", zn}, {"derivative", activation_text(act).derivative}}));
  slips->add(z, text::tr("practice.why.slope_is_value",
                         {{"f", activation_symbol(act)}, {"z", zn}, {"derivative", activation_text(act).derivative}}));
}

void delta_slips(const CoreTrace& t, const Step& step, const Notation& n, Slips* slips) {
  const int l = step.layer, o = step.neuron, last = t.mlp.layer_count() - 1;
  const float d = t.ws.delta(l)[size_t(o)];
  const Activation act = t.mlp.layer(l).activation;
  slips->add(-d, text::tr("practice.why.sign", {{"what", step.symbolic}}));
  if (l == last) {
    if (act != Activation::softmax) {
      const float slope = activation_derivative(act, t.ws.z(l)[size_t(o)]);
      slips->add(t.dL_dyhat[size_t(o)], text::tr("practice.why.no_factor", {{"formula", step.symbolic}}));
      slips->add(slope, text::tr("practice.why.no_factor", {{"formula", step.symbolic}}));
    }
    return;
  }
  const int O = t.mlp.layer(l).outputs, K = t.mlp.layer(l + 1).outputs;
  const std::span<const float> Wn = t.mlp.weights(l + 1), dn = t.ws.delta(l + 1);
  const float slope = activation_derivative(act, t.ws.z(l)[size_t(o)]);
  auto back = [&](int col) {
    float s = 0;
    for (int k = 0; k < K; ++k) s += Wn[size_t(k * O + col)] * dn[size_t(k)];
    return s;
  };
  slips->add(back(o), text::tr("practice.why.no_factor", {{"formula", step.symbolic}}));
  for (int j = 0; j < O; ++j)
    if (j != o)
      slips->add(back(j) * slope, text::tr("practice.why.other_column", {{"delta", n.delta(l, o)},
                                                                        {"n", std::to_string(o + 1)},
                                                                        {"W", n.vec("W", l + 1)}}));
}

void weight_grad_slips(const CoreTrace& t, const Step& step, const Notation& n, Slips* slips) {
  const int l = step.layer, o = step.neuron, i = step.input, I = t.mlp.layer(l).inputs;
  const float* in = layer_input(t, l);
  const float d = t.ws.delta(l)[size_t(o)], g = t.mlp.dweights(l)[size_t(o * I + i)];
  const float w = t.mlp.weights(l)[size_t(o * I + i)];
  slips->add(-g, text::tr("practice.why.sign", {{"what", step.symbolic}}));
  for (int j = 0; j < I; ++j)
    if (j != i && in[j] != in[i])
      slips->add(d * in[j], text::tr("practice.why.input", {{"x", n.input(l, i)}, {"wrong", num(in[j])}, {"right", num(in[i])}}));
  slips->add(d * w, text::tr("practice.why.weight_not_input", {{"x", n.input(l, i)}}));
  slips->add(in[i], text::tr("practice.why.no_delta", {{"x", n.input(l, i)}, {"delta", n.delta(l, o)}}));
  slips->add(d, text::tr("practice.why.no_input", {{"x", n.input(l, i)}, {"x_value", num(in[i])}, {"delta", n.delta(l, o)}}));
}

void update_slips(const CoreTrace& t, const Step& step, Slips* slips) {
  if (step.values.size() < 2) return;
  const int l = step.layer, o = step.neuron, i = step.input;
  const float g = i >= 0 ? t.mlp.dweights(l)[size_t(o * t.mlp.layer(l).inputs + i)] : t.mlp.dbias(l)[size_t(o)];
  const float old = step.values[0], eta = t.learning_rate;
  slips->add(old + eta * g, text::T("practice.why.update_sign"));
  slips->add(old - g, text::tr("practice.why.no_eta", {{"eta", num(eta)}}));
  slips->add(eta * g, text::tr("practice.why.change_only", {{"old", num(old)}}));
  slips->add(-eta * g, text::tr("practice.why.change_only", {{"old", num(old)}}));
  slips->add(old, text::T("practice.why.unchanged"));
}

}  // namespace

std::string diagnose(const CoreTrace& t, const Lesson& lesson, const Step& step, std::span<const float> given) {
  Slips slips(expected(step));
  const Notation n(t.mlp, t.first_output);
  const bool in_net = step.layer >= 0 && step.layer < t.mlp.layer_count();
  const bool neuron = in_net && step.neuron >= 0 && step.neuron < t.mlp.layer(step.layer).outputs;
  switch (step.kind) {
    case StepKind::term:
      if (neuron && step.input >= 0) {
        const int l = step.layer, o = step.neuron, i = step.input, I = t.mlp.layer(l).inputs;
        const float* in = layer_input(t, l);
        const float w = t.mlp.weights(l)[size_t(o * I + i)];
        slips.add(-w * in[i], text::tr("practice.why.sign", {{"what", num(w) + " × " + operand(in[i])}}));
        for (int j = 0; j < I; ++j)
          if (j != i && in[j] != in[i])
            slips.add(w * in[j], text::tr("practice.why.input", {{"x", n.input(l, i)}, {"wrong", num(in[j])}, {"right", num(in[i])}}));
        for (int j = 0; j < I; ++j) {
          const float wj = t.mlp.weights(l)[size_t(o * I + j)];
          if (j != i && wj != w)
            slips.add(wj * in[i], text::tr("practice.why.weight", {{"w", n.w(l, o, i)}, {"wrong", num(wj)}, {"right", num(w)}}));
        }
        slips.add(w + in[i], text::tr("practice.why.added", {{"a", n.w(l, o, i)}, {"b", n.input(l, i)}}));
      }
      break;
    case StepKind::sum:
      if (neuron) weighted_sum_slips(t, lesson, step, given, n, &slips);
      break;
    case StepKind::activation:
      if (in_net && (neuron || t.mlp.layer(step.layer).activation == Activation::softmax)) activation_slips(t, step, n, &slips);
      break;
    case StepKind::loss:
      if (t.has_target()) loss_slips(t, &slips);
      break;
    case StepKind::loss_grad:
      if (t.has_target()) slips.add(-step.values[0], text::T("practice.why.loss_grad_sign"));
      break;
    case StepKind::act_grad:
      if (neuron) slope_slips(t, step, n, &slips);
      break;
    case StepKind::delta:
      if (neuron && t.has_target()) delta_slips(t, step, n, &slips);
      break;
    case StepKind::weight_grad:
      if (neuron && step.input >= 0 && t.has_target()) weight_grad_slips(t, step, n, &slips);
      break;
    case StepKind::bias_grad:
      if (neuron && t.has_target()) {
        slips.add(-step.values[0], text::tr("practice.why.sign", {{"what", step.symbolic}}));
        const float* in = layer_input(t, step.layer);
        for (int i = 0; i < t.mlp.layer(step.layer).inputs; ++i)
          if (in[i] != 1) slips.add(step.values[0] * in[i], text::T("practice.why.bias_input"));
      }
      break;
    case StepKind::update:
      if (neuron && t.has_update()) update_slips(t, step, &slips);
      break;
    case StepKind::loss_after:
      if (t.has_update()) slips.add(t.loss_value, text::T("practice.why.loss_before"));
      break;
    case StepKind::shape:
      if (step.values.size() == 3) slips.add(step.values[0], text::T("practice.why.no_biases"));
      if (step.values.size() == 1 && step.layer < 0 && t.mlp.layer_count() > 0) {
        float weights = 0;
        for (int l = 0; l < t.mlp.layer_count(); ++l) weights += float(t.mlp.weights(l).size());
        if (float(t.mlp.parameter_count()) == step.values[0]) slips.add(weights, text::T("practice.why.no_biases"));
      }
      break;
    default: break;
  }
  return slips.match(given);
}

}  // namespace nnlab
