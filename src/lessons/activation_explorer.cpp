// activation_explorer.cpp — curves and softmax data from the core (see activation_explorer.h).
#include "lessons/activation_explorer.h"

#include "lessons/activation_text.h"
#include "lessons/notation.h"
#include "text/text.h"

namespace nnlab {

ActivationCurve activation_curve(Activation act, float z_min, float z_max, int samples) {
  const ActivationText& text = activation_text(act);
  ActivationCurve c{act, text.symbol, text.formula, text.derivative, {}, {}, {}};
  if (act == Activation::softmax || samples < 2) return c;
  c.z.resize(samples);
  c.f.resize(samples);
  c.df.resize(samples);
  for (int k = 0; k < samples; ++k) {
    const float z = z_min + (z_max - z_min) * static_cast<float>(k) / static_cast<float>(samples - 1);
    c.z[k] = z;
    c.f[k] = activate(act, z);
    c.df[k] = activation_derivative(act, z);
  }
  return c;
}

std::vector<ActivationCurve> activation_curves(float z_min, float z_max, int samples) {
  std::vector<ActivationCurve> curves;
  for (Activation act :
       {Activation::relu, Activation::leaky_relu, Activation::sigmoid, Activation::tanh, Activation::step})
    curves.push_back(activation_curve(act, z_min, z_max, samples));
  return curves;
}

ActivationPoint activation_point(Activation act, float z) {
  return {z, activate(act, z), activation_derivative(act, z)};
}

std::vector<float> softmax_probabilities(std::span<const float> z) {
  std::vector<float> p(z.size());
  if (!z.empty()) softmax(z.data(), p.data(), static_cast<int>(z.size()));
  return p;
}

Lesson softmax_lesson(std::span<const float> z) {
  const int n = static_cast<int>(z.size());
  const std::vector<float> p = softmax_probabilities(z);
  Lesson lesson;
  lesson.id = "softmax";
  lesson.title = text::T("lesson.softmax.title");
  lesson.intro = text::T("lesson.softmax.intro");
  std::string denominator;
  for (int j = 0; j < n; ++j) denominator += (j ? " + e^" : "e^") + num(z[j]);
  for (int i = 0; i < n; ++i) {
    Step s;
    s.kind = StepKind::activation;
    s.layer = 0, s.neuron = i;
    s.symbolic = "p" + subscript(i + 1) + " = e^z" + subscript(i + 1) + " / Σⱼ e^zⱼ";
    s.substituted = "p" + subscript(i + 1) + " = e^" + num(z[i]) + " / (" + denominator + ") = " + num(p[i]);
    s.values = {p[i]};
    s.explanation = text::tr("lesson.softmax.entry", {{"i", std::to_string(i + 1)}, {"p", num(p[i])}});
    s.highlight.neurons = {{0, i}};
    lesson.steps.push_back(std::move(s));
  }
  Step sum;
  sum.kind = StepKind::note;
  sum.symbolic = "Σᵢ pᵢ = 1";
  std::string terms;
  float total = 0;
  for (int i = 0; i < n; ++i) {
    terms += (i ? " + " : "") + num(p[i]);
    total += p[i];  // display only: the probabilities' sum, to show it is 1
  }
  sum.substituted = terms + " = " + num(total);
  sum.values = {total};
  sum.explanation = text::T("lesson.softmax.sum");
  lesson.steps.push_back(std::move(sum));
  return lesson;
}

}  // namespace nnlab
