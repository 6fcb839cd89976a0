// trace_backward.cpp — backprop steps: L, ∂L/∂ŷ, f′(z), δ, ∂L/∂W, ∂L/∂b, one SGD step, L after.
// Numbers come from the CoreTrace (the core's loss, gradients, δ and optimizer); see trace.h.
//
//   δ⁽ᴸ⁾ = ∂L/∂ŷ ⊙ f′(z⁽ᴸ⁾)            (sigmoid + BCE, softmax + cross-entropy: δ = ŷ − y)
//   δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾ᵀ δ⁽ˡ⁺¹⁾) ⊙ f′(z⁽ˡ⁾)
//   ∂L/∂W⁽ˡ⁾ = δ⁽ˡ⁾ a⁽ˡ⁻¹⁾ᵀ,  ∂L/∂b⁽ˡ⁾ = δ⁽ˡ⁾,  w ← w − η ∂L/∂w
#include <string>

#include "lessons/activation_text.h"
#include "lessons/notation.h"
#include "lessons/trace.h"
#include "text/text.h"

namespace nnlab {
namespace {

std::vector<NeuronRef> whole_layer(int layer, int n) {
  std::vector<NeuronRef> refs;
  for (int i = 0; i < n; ++i) refs.push_back({layer, i});
  return refs;
}

// The loss formula and its value with ŷ, y substituted. ln is the natural logarithm (the losses'
// own, and PyTorch's log).
void loss_texts(const CoreTrace& t, const Notation& n, std::string* symbolic, std::string* substituted) {
  const int O = t.mlp.output_size();
  const float* y_hat = t.ws.a(t.mlp.layer_count() - 1).data();
  const float* y = t.y.data();
  std::string terms;
  auto join = [&](int k, const std::string& term) { terms += (k ? " + " : "") + term; };
  switch (t.loss) {
    case Loss::half_sse:
      *symbolic = "L = ½ Σ (y − ŷ)²";
      for (int k = 0; k < O; ++k) join(k, "(" + num(y[k]) + " − " + operand(y_hat[k]) + ")²");
      *substituted = "L = ½ " + (O > 1 ? "[" + terms + "]" : terms);
      break;
    case Loss::mse:
      *symbolic = "L = (1/n) Σ (y − ŷ)²";
      for (int k = 0; k < O; ++k) join(k, "(" + num(y[k]) + " − " + operand(y_hat[k]) + ")²");
      *substituted = O > 1 ? "L = (1/" + std::to_string(O) + ") [" + terms + "]" : "L = " + terms;
      break;
    case Loss::bce:
      *symbolic = O > 1 ? "L = −(1/n) Σ [y ln ŷ + (1 − y) ln(1 − ŷ)]" : "L = −[y ln ŷ + (1 − y) ln(1 − ŷ)]";
      for (int k = 0; k < O; ++k)
        join(k,
             num(y[k]) + " × ln " + num(y_hat[k]) + " + (1 − " + operand(y[k]) + ") × ln(1 − " + num(y_hat[k]) + ")");
      *substituted = O > 1 ? "L = −(1/" + std::to_string(O) + ") [" + terms + "]" : "L = −[" + terms + "]";
      break;
    case Loss::cross_entropy:
      *symbolic = "L = −Σ y ln ŷ";
      for (int k = 0; k < O; ++k)
        if (y[k] != 0) join(static_cast<int>(!terms.empty()), num(y[k]) + " × ln " + num(y_hat[k]));
      *substituted = "L = −(" + (terms.empty() ? std::string("0") : terms) + ")";
      break;
  }
  *substituted += " = " + num(t.loss_value);
  (void)n;
}

// ∂L/∂ŷ_k: the formula (symbolic) and the same with numbers (substituted).
void loss_grad_texts(const CoreTrace& t, const Notation& n, int k, std::string* symbolic, std::string* substituted) {
  const int O = t.mlp.output_size();
  const float yh = t.ws.a(t.mlp.layer_count() - 1)[k], y = t.y[k], g = t.dL_dyhat[k];
  const std::string head = "∂L/∂" + n.y_hat(k) + " = ";
  const std::string yhs = n.y_hat(k), ys = n.y(k), On = std::to_string(O);
  const std::string diff = "(" + num(yh) + " − " + operand(y) + ")";
  switch (t.loss) {
    case Loss::half_sse:
      *symbolic = head + yhs + " − " + ys;
      *substituted = head + num(yh) + " − " + operand(y);
      break;
    case Loss::mse:
      *symbolic = head + "2(" + yhs + " − " + ys + ") / " + On;
      *substituted = head + "2 × " + diff + " / " + On;
      break;
    case Loss::bce:
      *symbolic = head + "(" + yhs + " − " + ys + ") / (" + (O > 1 ? On + " " : "") + yhs + "(1 − " + yhs + "))";
      *substituted = head + diff + " / (" + (O > 1 ? On + " × " : "") + num(yh) + " × (1 − " + num(yh) + "))";
      break;
    case Loss::cross_entropy:
      *symbolic = head + "−" + ys + " / " + yhs;
      *substituted = y == 0 ? head + "0 / " + num(yh) : head + "−" + operand(y) + " / " + num(yh);
      break;
  }
  *substituted += " = " + num(g);
}

// f′(z) with numbers; `a` is f(z) from the core (σ′ = σ(1 − σ), tanh′ = 1 − tanh²).
std::string derivative_text(Activation act, float z, float a, float d) {
  const std::string head = derivative_symbol(act) + "(" + num(z) + ") = ";
  switch (act) {
    case Activation::identity: return head + "1";
    case Activation::relu: return head + num(d) + (z > 0 ? " (z > 0)" : " (z ≤ 0)");
    case Activation::leaky_relu: return head + num(d) + (z > 0 ? " (z > 0)" : " (z ≤ 0)");
    case Activation::sigmoid: return head + num(a) + " × (1 − " + num(a) + ") = " + num(d);
    case Activation::tanh: return head + "1 − " + operand(a) + "² = " + num(d);
    case Activation::step: return text::tr("lesson.deriv.step", {{"head", head}});
    case Activation::softmax: break;
  }
  return head + num(d);
}

std::string derivative_formula(Activation act) { return activation_text(act).derivative; }

bool fused_output(const CoreTrace& t) {
  const Activation act = t.mlp.layer(t.mlp.layer_count() - 1).activation;
  return (act == Activation::sigmoid && t.loss == Loss::bce) ||
         (act == Activation::softmax && t.loss == Loss::cross_entropy);
}

// δ of the output layer: ∂ŷ/∂z and δ = ∂L/∂ŷ × f′(z) per neuron (or the fused forms).
void output_layer_steps(const CoreTrace& t, const Notation& n, std::vector<Step>* steps) {
  const int last = t.mlp.layer_count() - 1, O = t.mlp.output_size();
  const Activation act = t.mlp.layer(last).activation;
  const std::span<const float> z = t.ws.z(last), a = t.ws.a(last), delta = t.ws.delta(last);
  const bool fused = fused_output(t);
  std::vector<float> slope(O, 0.0f);  // f′(z_k), from the core
  if (act != Activation::softmax) {
    for (int k = 0; k < O; ++k) {
      slope[k] = activation_derivative(act, z[k]);
      Step s;
      s.kind = StepKind::act_grad;
      s.layer = last, s.neuron = k;
      s.symbolic = "∂" + n.y_hat(k) + "/∂" + n.z(last, k) + " = " + derivative_symbol(act) + "(" + n.z(last, k) +
                   "),  " + derivative_formula(act);
      s.substituted = "∂" + n.y_hat(k) + "/∂" + n.z(last, k) + " = " + derivative_text(act, z[k], a[k], slope[k]);
      s.values = {slope[k]};
      s.explanation = text::T(act == Activation::step ? "lesson.act_grad.step" : "lesson.act_grad.output");
      s.highlight.layer = last;
      s.highlight.neurons = {{last, k}};
      steps->push_back(std::move(s));
    }
  }
  for (int k = 0; k < O; ++k) {
    Step s;
    s.kind = StepKind::delta;
    s.layer = last, s.neuron = k;
    const std::string d = n.delta(last, k);
    const std::string On = O > 1 ? " / " + std::to_string(O) : "";
    const std::string diff = num(a[k]) + " − " + operand(t.y[k]);
    if (fused && act == Activation::sigmoid) {
      s.symbolic = d + " = ∂L/∂" + n.y_hat(k) + " × σ′(" + n.z(last, k) + ") = (" + n.y_hat(k) + " − " + n.y(k) + ")" +
                   On;
      s.substituted = d + " = " + num(t.dL_dyhat[k]) + " × " + operand(slope[k]) + " = (" + diff + ")" + On + " = " +
                      num(delta[k]);
      s.explanation = text::T("lesson.delta.sigmoid_bce");
    } else if (fused) {
      s.symbolic = d + " = " + n.y_hat(k) + " − " + n.y(k);
      s.substituted = d + " = " + diff + " = " + num(delta[k]);
      s.explanation = text::T("lesson.delta.softmax_ce");
    } else if (act == Activation::softmax) {
      s.symbolic = d + " = " + n.y_hat(k) + " (∂L/∂" + n.y_hat(k) + " − Σⱼ ŷⱼ ∂L/∂ŷⱼ)";
      s.substituted = d + " = " + num(delta[k]);
      s.explanation = text::T("lesson.delta.softmax");
    } else {
      s.symbolic = d + " = ∂L/∂" + n.y_hat(k) + " × " + derivative_symbol(act) + "(" + n.z(last, k) + ")";
      s.substituted = d + " = " + num(t.dL_dyhat[k]) + " × " + operand(slope[k]) + " = " + num(delta[k]);
      s.explanation = text::T("lesson.delta.output");
    }
    s.values = {delta[k]};
    s.highlight.layer = last;
    s.highlight.neurons = {{last, k}};
    steps->push_back(std::move(s));
  }
}

// δ of hidden layer l: f′(z) and δ⁽ˡ⁾ᵢ = (Σ_k W⁽ˡ⁺¹⁾ₖᵢ δ⁽ˡ⁺¹⁾ₖ) × f′(z⁽ˡ⁾ᵢ) per neuron.
void hidden_layer_steps(const CoreTrace& t, const Notation& n, int l, std::vector<Step>* steps) {
  const LayerSpec& spec = t.mlp.layer(l);
  const LayerSpec& next = t.mlp.layer(l + 1);
  const Activation act = spec.activation;
  const std::span<const float> z = t.ws.z(l), a = t.ws.a(l), delta = t.ws.delta(l);
  const std::span<const float> next_delta = t.ws.delta(l + 1);  // (1, O_next)
  const std::span<const float> Wn = t.mlp.weights(l + 1);       // (O_next, O)
  for (int i = 0; i < spec.outputs; ++i) {
    const float slope = activation_derivative(act, z[i]);
    const bool dead = slope == 0.0f;
    Step g;
    g.kind = StepKind::act_grad;
    g.layer = l, g.neuron = i;
    g.symbolic = "∂" + n.a(l, i) + "/∂" + n.z(l, i) + " = " + derivative_symbol(act) + "(" + n.z(l, i) + "),  " +
                 derivative_formula(act);
    g.substituted = "∂" + n.a(l, i) + "/∂" + n.z(l, i) + " = " + derivative_text(act, z[i], a[i], slope);
    g.values = {slope};
    g.explanation = text::T(dead ? "lesson.act_grad.off" : "lesson.act_grad.hidden");
    g.highlight.layer = l;
    g.highlight.neurons = {{l, i}};
    steps->push_back(std::move(g));

    Step s;
    s.kind = StepKind::delta;
    s.layer = l, s.neuron = i;
    s.symbolic = n.delta(l, i) + " = (" + n.vec("W", l + 1) + "ᵀ " + n.vec("δ", l + 1) + ")" + subscript(i + 1) +
                 " × " + derivative_symbol(act) + "(" + n.z(l, i) + ")";
    std::string sum;
    for (int k = 0; k < next.outputs; ++k)
      sum += (k ? " + (" : "(") + num(Wn[k * spec.outputs + i]) + " × " + operand(next_delta[k]) + ")";
    if (next.outputs > 1) sum = "(" + sum + ")";
    s.substituted = n.delta(l, i) + " = " + sum + " × " + operand(slope) + " = " + num(delta[i]);
    s.values = {delta[i]};
    // Off for this sample only: "dead" is kept for a ReLU that is off for every input.
    if (dead && act == Activation::relu)
      s.explanation = text::tr("lesson.delta.relu_inactive", {{"z", n.z(l, i)}, {"value", num(z[i])}});
    else if (dead) s.explanation = text::T("lesson.delta.flat");
    else s.explanation = text::T("lesson.delta.hidden");
    s.highlight.layer = l + 1;  // the matrix view shows column i of W⁽ˡ⁺²⁾ (a row of Wᵀ)
    s.highlight.neurons = whole_layer(l + 1, next.outputs);
    s.highlight.neurons.push_back({l, i});
    for (int k = 0; k < next.outputs; ++k) s.highlight.weights.push_back({l + 1, k, i});
    steps->push_back(std::move(s));
  }
}

// ∂L/∂W⁽ˡ⁾ₒᵢ = δ⁽ˡ⁾ₒ × input_i and ∂L/∂b⁽ˡ⁾ₒ = δ⁽ˡ⁾ₒ, read from the core's grads().
void gradient_steps(const CoreTrace& t, const Notation& n, int l, std::vector<Step>* steps) {
  const LayerSpec& spec = t.mlp.layer(l);
  const int I = spec.inputs, O = spec.outputs;
  const std::span<const float> delta = t.ws.delta(l);
  const std::span<const float> dW = t.mlp.dweights(l), db = t.mlp.dbias(l);
  const float* in = l == 0 ? t.x.data() : t.ws.a(l - 1).data();
  for (int o = 0; o < O; ++o) {
    for (int i = 0; i < I; ++i) {
      Step s;
      s.kind = StepKind::weight_grad;
      s.layer = l, s.neuron = o, s.input = i;
      s.symbolic = "∂L/∂" + n.w(l, o, i) + " = " + n.delta(l, o) + " × " + n.input(l, i);
      s.substituted = "∂L/∂" + n.w(l, o, i) + " = " + num(delta[o]) + " × " + operand(in[i]) + " = " +
                      num(dW[o * I + i]);
      s.values = {dW[o * I + i]};
      if (delta[o] == 0) s.explanation = text::T("lesson.weight_grad.no_error");
      else if (in[i] == 0) s.explanation = text::tr("lesson.weight_grad.no_signal", {{"input", n.input(l, i)}});
      else s.explanation = text::T("lesson.weight_grad.blame");
      s.highlight.layer = l;
      s.highlight.neurons = {{l - 1, i}, {l, o}};
      s.highlight.weights = {{l, o, i}};
      steps->push_back(std::move(s));
    }
    Step s;
    s.kind = StepKind::bias_grad;
    s.layer = l, s.neuron = o;
    s.symbolic = "∂L/∂" + n.b(l, o) + " = " + n.delta(l, o);
    s.substituted = "∂L/∂" + n.b(l, o) + " = " + num(db[o]);
    s.values = {db[o]};
    s.explanation = text::T(delta[o] == 0 ? "lesson.bias_grad.no_error" : "lesson.bias_grad.delta");
    s.highlight.layer = l;
    s.highlight.neurons = {{l, o}};
    s.highlight.biases = {{l, o}};
    steps->push_back(std::move(s));
  }
}

// One SGD step (the core's Optimizer did it): old → new for every parameter, then L before → after.
void update_steps(const CoreTrace& t, const Notation& n, std::vector<Step>* steps) {
  const std::string eta = num(t.learning_rate);
  auto add = [&](int l, int o, int i, const std::string& name, float old_v, float grad, float new_v) {
    Step s;
    s.kind = StepKind::update;
    s.layer = l, s.neuron = o, s.input = i;
    s.symbolic = name + " ← " + name + " − η ∂L/∂" + name;
    s.substituted = name + " ← " + num(old_v) + " − " + eta + " × " + operand(grad) + " = " + num(new_v);
    s.values = {old_v, new_v};
    s.explanation = grad == 0 ? std::string(text::T("lesson.update.zero"))
                              : text::tr("lesson.update.step", {{"eta", eta}});
    s.highlight.layer = l;
    s.highlight.neurons = {{l, o}};
    if (i >= 0) s.highlight.weights = {{l, o, i}};
    else s.highlight.biases = {{l, o}};
    steps->push_back(std::move(s));
  };
  for (int l = 0; l < t.mlp.layer_count(); ++l) {
    const int I = t.mlp.layer(l).inputs, O = t.mlp.layer(l).outputs;
    for (int o = 0; o < O; ++o) {
      for (int i = 0; i < I; ++i)
        add(l, o, i, n.w(l, o, i), t.mlp.weights(l)[o * I + i], t.mlp.dweights(l)[o * I + i],
            t.updated.weights(l)[o * I + i]);
      add(l, o, -1, n.b(l, o), t.mlp.bias(l)[o], t.mlp.dbias(l)[o], t.updated.bias(l)[o]);
    }
  }
  const int last = t.mlp.layer_count() - 1, O = t.mlp.output_size();
  Step s;
  s.kind = StepKind::loss_after;
  s.layer = last;
  s.symbolic = text::T("lesson.after.symbolic");
  s.substituted = "ŷ: " + vector_text(t.ws.a(last).data(), O) + " → " + vector_text(t.ws_after.a(last).data(), O) +
                  ",  L: " + num(t.loss_value) + " → " + num(t.loss_after);
  s.values = {t.loss_value, t.loss_after};
  s.explanation = text::T(t.loss_after < t.loss_value   ? "lesson.after.down"
                          : t.loss_after > t.loss_value ? "lesson.after.up"
                                                        : "lesson.after.same");
  s.highlight.layer = last;
  s.highlight.neurons = whole_layer(last, O);
  steps->push_back(std::move(s));
}

}  // namespace

void backward_steps(const CoreTrace& t, const TraceOptions& options, std::vector<Step>* steps) {
  if (!t.has_target()) return;
  const Notation n(t.mlp, t.first_output);
  const int last = t.mlp.layer_count() - 1, O = t.mlp.output_size();
  const std::span<const float> out_delta = t.ws.delta(last);

  Step loss;
  loss.kind = StepKind::loss;
  loss.layer = last;
  loss_texts(t, n, &loss.symbolic, &loss.substituted);
  loss.values = {t.loss_value};
  const bool uses_ln = t.loss == Loss::bce || t.loss == Loss::cross_entropy;
  loss.explanation = text::T(uses_ln ? "lesson.loss.explanation_ln" : "lesson.loss.explanation");
  loss.highlight.layer = last;
  loss.highlight.neurons = whole_layer(last, O);
  steps->push_back(std::move(loss));

  for (int k = 0; k < O; ++k) {
    Step g;
    g.kind = StepKind::loss_grad;
    g.layer = last, g.neuron = k;
    loss_grad_texts(t, n, k, &g.symbolic, &g.substituted);
    g.values = {t.dL_dyhat[k]};
    // Zero here and an error δ ≠ 0 below: cross-entropy reads only the outputs with a target,
    // yet softmax couples every output to every vote.
    const char* key = t.dL_dyhat[k] < 0   ? "lesson.loss_grad.negative"
                      : t.dL_dyhat[k] > 0 ? "lesson.loss_grad.positive"
                      : out_delta[k] == 0 ? "lesson.loss_grad.zero"
                                          : "lesson.loss_grad.zero_coupled";
    g.explanation = text::tr(key, {{"yhat", n.y_hat(k)}, {"delta", n.delta(last, k)}, {"value", num(out_delta[k])}});
    g.highlight.layer = last;
    g.highlight.neurons = {{last, k}};
    steps->push_back(std::move(g));
  }

  output_layer_steps(t, n, steps);
  gradient_steps(t, n, last, steps);
  for (int l = last - 1; l >= 0; --l) {
    hidden_layer_steps(t, n, l, steps);
    gradient_steps(t, n, l, steps);
  }
  if (options.update && t.has_update()) update_steps(t, n, steps);
}

}  // namespace nnlab
