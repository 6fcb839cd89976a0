// trace_forward.cpp — forward-pass steps: w·x terms, z = w·x + b, a = f(z), the output ŷ.
// Numbers come from the CoreTrace (the core's Workspace); see trace.h.
#include <string>

#include "lessons/activation_text.h"
#include "lessons/notation.h"
#include "lessons/trace.h"
#include "text/text.h"

namespace nnlab {
namespace {

// "a⁽¹⁾₁ = ReLU(−3.5) = max(0, −3.5) = 0": the activation's formula with z substituted.
std::string activation_substituted(Activation act, float z, float a) {
  const std::string zs = num(z), as = num(a);
  switch (act) {
    case Activation::identity: return zs;
    case Activation::relu: return "ReLU(" + zs + ") = max(0, " + zs + ") = " + as;
    case Activation::leaky_relu:
      return z > 0 ? "leaky ReLU(" + zs + ") = " + as : "leaky ReLU(" + zs + ") = 0.01 × " + operand(z) + " = " + as;
    case Activation::sigmoid: return "σ(" + zs + ") = 1 / (1 + e^" + negated(z) + ") = " + as;
    case Activation::tanh:
      return "tanh(" + zs + ") = (e^" + zs + " − e^" + negated(z) + ") / (e^" + zs + " + e^" + negated(z) + ") = " + as;
    case Activation::step: return "step(" + zs + ") = " + as + (z > 0 ? " (z > 0)" : " (z ≤ 0)");
    case Activation::softmax: break;  // a whole-layer step, see below
  }
  return as;
}

std::string activation_formula(Activation act) { return activation_text(act).formula; }

// What a = f(z) did, in one sentence. `hidden`: the neuron feeds another layer (its output is an
// inner signal, not the network's answer).
std::string activation_explanation(Activation act, float z, float a, bool hidden) {
  const std::string zs = num(z), as = num(a);
  switch (act) {
    case Activation::identity: return text::T("lesson.act.identity");
    case Activation::relu:
      return text::tr(z > 0 ? "lesson.act.relu.on" : "lesson.act.relu.off", {{"z", zs}, {"a", as}});
    case Activation::leaky_relu:
      return text::tr(z > 0 ? "lesson.act.leaky_relu.on" : "lesson.act.leaky_relu.off", {{"z", zs}, {"a", as}});
    case Activation::sigmoid:
      return text::tr(hidden ? "lesson.act.sigmoid.hidden" : "lesson.act.sigmoid.output", {{"z", zs}, {"a", as}});
    case Activation::tanh: return text::tr("lesson.act.tanh", {{"z", zs}, {"a", as}});
    case Activation::step: return text::T(z > 0 ? "lesson.act.step.yes" : "lesson.act.step.no");
    case Activation::softmax: break;
  }
  return "";
}

// One product w·x and what it does to the neuron's z: it raises z, lowers it or leaves it as it
// is, by the sign of the product (a negative weight times a negative input raises z).
std::string term_explanation(const std::string& input, float x, float w, float product, const std::string& z) {
  const char* key = product > 0   ? "lesson.term.raises"
                    : product < 0 ? "lesson.term.lowers"
                    : x == 0      ? "lesson.term.zero_input"
                                  : "lesson.term.zero_weight";
  return text::tr(key, {{"input", input}, {"x", num(x)}, {"w", num(w)}, {"product", num(product)}, {"z", z}});
}

std::vector<NeuronRef> whole_layer(int layer, int n) {
  std::vector<NeuronRef> refs;
  for (int i = 0; i < n; ++i) refs.push_back({layer, i});
  return refs;
}

}  // namespace

void forward_steps(const CoreTrace& t, const TraceOptions& options, const std::vector<std::string>& input_names,
                   std::vector<Step>* steps) {
  const Mlp& mlp = t.mlp;
  const Notation n(mlp, t.first_output);
  const int layers = mlp.layer_count();
  for (int l = 0; l < layers; ++l) {
    const LayerSpec& spec = mlp.layer(l);
    const int I = spec.inputs, O = spec.outputs;
    const std::span<const float> W = mlp.weights(l);               // (O, I)
    const std::span<const float> b = mlp.bias(l);                  // (O)
    const float* in = l == 0 ? t.x.data() : t.ws.a(l - 1).data();  // (I)
    const std::span<const float> z = t.ws.z(l);                    // (1, O)
    const std::span<const float> a = t.ws.a(l);                    // (1, O)

    for (int o = 0; o < O; ++o) {
      // ---- one product per input: w_i · x_i (display arithmetic only)
      if (options.product_terms) {
        for (int i = 0; i < I; ++i) {
          const float w = W[o * I + i], product = w * in[i];
          Step s;
          s.kind = StepKind::term;
          s.layer = l, s.neuron = o, s.input = i;
          s.symbolic = n.w(l, o, i) + "·" + n.input(l, i);
          s.substituted = n.w(l, o, i) + n.input(l, i) + " = " + num(w) + " × " + operand(in[i]) + " = " + num(product);
          s.values = {product};
          const std::string input = l == 0 && i < static_cast<int>(input_names.size())
                                        ? text::tr("lesson.input_named", {{"symbol", n.x(i)}, {"name", input_names[i]}})
                                        : n.input(l, i);
          s.explanation = term_explanation(input, in[i], w, product, n.z(l, o));
          s.highlight.layer = l;
          s.highlight.neurons = {{l - 1, i}, {l, o}};
          s.highlight.weights = {{l, o, i}};
          steps->push_back(std::move(s));
        }
      }

      // ---- z = Σ_i w_i x_i + b
      Step s;
      s.kind = StepKind::sum;
      s.layer = l, s.neuron = o;
      s.symbolic = n.z(l, o) + " = ";
      if (I <= 4) {
        for (int i = 0; i < I; ++i) s.symbolic += n.w(l, o, i) + n.input(l, i) + " + ";
      } else {
        s.symbolic += n.w(l, o, 0) + n.input(l, 0) + " + … + " + n.w(l, o, I - 1) + n.input(l, I - 1) + " + ";
      }
      s.symbolic += n.b(l, o);
      std::string terms, products;
      for (int i = 0; i < I; ++i) {
        const float w = W[o * I + i], product = w * in[i];
        terms += (i ? " + (" : "(") + num(w) + " × " + operand(in[i]) + ")";
        products += i == 0 ? num(product) : (product < 0 ? " − " + negated(product) : " + " + num(product));
      }
      const std::string bias_text = b[o] < 0 ? "(" + num(b[o]) + ")" : num(b[o]);
      s.substituted = n.z(l, o) + " = " + terms + " + " + bias_text;
      if (options.product_terms)
        s.substituted += " = " + products + (b[o] < 0 ? " − " + negated(b[o]) : " + " + num(b[o]));
      s.substituted += " = " + num(z[o]);
      s.values = {z[o]};
      s.explanation = text::tr("lesson.sum",
                               {{"n", std::to_string(n.number(l, o))}, {"layer", n.layer_name(l)}, {"z", num(z[o])}});
      s.highlight.layer = l;
      s.highlight.neurons = whole_layer(l - 1, I);
      s.highlight.neurons.push_back({l, o});
      for (int i = 0; i < I; ++i) s.highlight.weights.push_back({l, o, i});
      s.highlight.biases = {{l, o}};
      steps->push_back(std::move(s));

      // ---- a = f(z)
      if (spec.activation == Activation::softmax) continue;  // one step for the layer below
      Step act;
      act.kind = StepKind::activation;
      act.layer = l, act.neuron = o;
      act.symbolic = n.a(l, o) + " = " + activation_symbol(spec.activation) + "(" + n.z(l, o) + "),  " +
                     activation_formula(spec.activation);
      act.substituted = n.a(l, o) + " = " + activation_substituted(spec.activation, z[o], a[o]);
      act.values = {a[o]};
      act.explanation = activation_explanation(spec.activation, z[o], a[o], l < layers - 1);
      act.highlight.layer = l;
      act.highlight.neurons = {{l, o}};
      steps->push_back(std::move(act));
    }

    if (spec.activation == Activation::softmax) {
      Step act;
      act.kind = StepKind::activation;
      act.layer = l;
      act.symbolic = n.vec("a", l) + " = softmax(" + n.vec("z", l) + "),  " + activation_formula(spec.activation);
      act.substituted = n.vec("a", l) + " = softmax(" + vector_text(z.data(), O) + ") = " + vector_text(a.data(), O);
      act.values.assign(a.begin(), a.end());
      act.explanation = text::T("lesson.act.softmax");
      act.highlight.layer = l;
      act.highlight.neurons = whole_layer(l, O);
      steps->push_back(std::move(act));
    }
  }

  // ---- ŷ = a of the last layer
  const int last = layers - 1, O = mlp.output_size();
  const std::span<const float> y_hat = t.ws.a(last);
  Step out;
  out.kind = StepKind::output;
  out.layer = last;
  out.symbolic = (O > 1 ? "ŷ = " : n.y_hat(0) + " = ") + n.vec("a", last);
  out.substituted = "ŷ = " + vector_text(y_hat.data(), O);
  out.values.assign(y_hat.begin(), y_hat.end());
  out.explanation = text::T("lesson.output");
  out.highlight.layer = last;
  out.highlight.neurons = whole_layer(last, O);
  steps->push_back(std::move(out));
}

}  // namespace nnlab
