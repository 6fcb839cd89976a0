// gradient_check.cpp — central finite differences over a double reference forward pass (see
// gradient_check.h). Scalar code: for the small networks the lessons write out, P ≤ a few hundred.
#include "core/gradient_check.h"

#include <algorithm>
#include <cmath>

#include "core/assert.h"

namespace nnlab {
namespace {

constexpr double kProbMin = 1e-7;  // losses.cpp clamps log() arguments to [1e-7, 1]

double clamp_prob(double p) { return std::clamp(p, kProbMin, 1.0); }

double activate_f64(Activation act, double z) {
  switch (act) {
    case Activation::identity: return z;
    case Activation::relu: return z > 0 ? z : 0;
    case Activation::leaky_relu: return z > 0 ? z : double(kLeakySlope) * z;
    case Activation::sigmoid: return 1.0 / (1.0 + std::exp(-z));
    case Activation::tanh: return std::tanh(z);
    case Activation::step: return z > 0 ? 1 : 0;
    case Activation::softmax: break;  // per layer, below
  }
  return z;
}

bool kinked(Activation act) {
  return act == Activation::relu || act == Activation::leaky_relu || act == Activation::step;
}

// Forward pass in double; `sides` (if given) collects z > 0 of every kinked neuron.
double forward_loss(const Mlp& m, const double* params, const float* x, const float* y, Loss loss,
                    std::vector<char>* sides) {
  std::vector<double> in(x, x + m.input_size()), out;
  for (int l = 0; l < m.layer_count(); ++l) {
    const LayerSpec& s = m.layer(l);
    const double* W = params + m.weights_offset(l);  // (O, I)
    const double* b = params + m.bias_offset(l);     // (O)
    out.assign(size_t(s.outputs), 0.0);
    for (int o = 0; o < s.outputs; ++o) {  // z = W·x + b
      double z = b[o];
      for (int i = 0; i < s.inputs; ++i) z += W[size_t(o) * size_t(s.inputs) + size_t(i)] * in[size_t(i)];
      out[size_t(o)] = z;
      if (sides && kinked(s.activation)) sides->push_back(z > 0);
    }
    if (s.activation == Activation::softmax) {  // a = e^(z − max) / Σ e^(z − max)
      const double top = *std::max_element(out.begin(), out.end());
      double sum = 0;
      for (double& v : out) sum += (v = std::exp(v - top));
      for (double& v : out) v /= sum;
    } else {
      for (double& v : out) v = activate_f64(s.activation, v);
    }
    in.swap(out);
  }
  const int n = m.output_size();
  double sum = 0;
  switch (loss) {
    case Loss::half_sse:
      for (int k = 0; k < n; ++k) sum += (y[k] - in[size_t(k)]) * (y[k] - in[size_t(k)]);
      return 0.5 * sum;
    case Loss::mse:
      for (int k = 0; k < n; ++k) sum += (y[k] - in[size_t(k)]) * (y[k] - in[size_t(k)]);
      return sum / n;
    case Loss::bce:
      for (int k = 0; k < n; ++k)
        sum += y[k] * std::log(clamp_prob(in[size_t(k)])) + (1.0 - y[k]) * std::log(clamp_prob(1.0 - in[size_t(k)]));
      return -sum / n;
    case Loss::cross_entropy:
      for (int k = 0; k < n; ++k)
        if (y[k] != 0) sum += y[k] * std::log(clamp_prob(in[size_t(k)]));
      return -sum;
  }
  return 0;
}

}  // namespace

double reference_loss(const Mlp& model, const double* params, const float* x, const float* y, Loss loss) {
  return forward_loss(model, params, x, y, loss, nullptr);
}

void numeric_gradient(const Mlp& model, const float* x, const float* y, Loss loss, double h, NumericGradient* out) {
  NNLAB_ASSERT(h > 0);
  const size_t P = model.parameter_count();
  std::vector<double> theta(model.params().begin(), model.params().end());
  std::vector<char> base, plus, minus;
  forward_loss(model, theta.data(), x, y, loss, &base);
  out->h = h;
  out->grad.assign(P, 0.0);
  out->kink.assign(P, 0);
  for (size_t p = 0; p < P; ++p) {
    const double keep = theta[p];
    plus.clear(), minus.clear();
    theta[p] = keep + h;
    const double up = forward_loss(model, theta.data(), x, y, loss, &plus);
    theta[p] = keep - h;
    const double down = forward_loss(model, theta.data(), x, y, loss, &minus);
    theta[p] = keep;
    out->grad[p] = (up - down) / (2 * h);
    out->kink[p] = plus != base || minus != base;
  }
}

double relative_error(double a, double b) {
  const double scale = std::max(std::fabs(a), std::fabs(b));
  return scale == 0 ? 0.0 : std::fabs(a - b) / scale;
}

}  // namespace nnlab
