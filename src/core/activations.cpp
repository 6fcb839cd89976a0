// Activation functions: forward f(z) and the local derivative f′(z) side by side.
#include "core/activations.h"

#include <cmath>

#include "core/assert.h"
#include "core/kernels.h"

namespace nnlab {

namespace {
constexpr std::string_view kNames[kActivationCount] = {"identity", "relu",    "leaky-relu", "sigmoid",
                                                       "tanh",     "softmax", "step"};

// σ(z) = 1 / (1 + e^−z), written so that e^(large) is never formed.
inline float sigmoid(float z) {
  if (z >= 0.0f) return 1.0f / (1.0f + std::exp(-z));
  const float e = std::exp(z);
  return e / (1.0f + e);
}
}  // namespace

std::string_view activation_name(Activation act) {
  const int i = static_cast<int>(act);
  NNLAB_ASSERT(i >= 0 && i < kActivationCount);
  return kNames[i];
}

bool parse_activation(std::string_view name, Activation* out) {
  if (name == "leaky_relu") name = "leaky-relu";
  for (int i = 0; i < kActivationCount; ++i) {
    if (name == kNames[i]) {
      *out = static_cast<Activation>(i);
      return true;
    }
  }
  return false;
}

float activate(Activation act, float z) {
  switch (act) {
    case Activation::identity: return z;                // f = z
    case Activation::relu: return z > 0.0f ? z : 0.0f;  // f = max(0, z)
    case Activation::leaky_relu: return z > 0.0f ? z : kLeakySlope * z;
    case Activation::sigmoid: return sigmoid(z);  // f = 1/(1+e^−z)
    case Activation::tanh: return std::tanh(z);
    case Activation::step: return z > 0.0f ? 1.0f : 0.0f;
    case Activation::softmax: break;
  }
  NNLAB_ASSERT(!"activate(): softmax is not element-wise, use softmax()");
  return z;
}

float activation_derivative(Activation act, float z) {
  switch (act) {
    case Activation::identity: return 1.0f;                // f′ = 1
    case Activation::relu: return z > 0.0f ? 1.0f : 0.0f;  // f′ = [z > 0]
    case Activation::leaky_relu: return z > 0.0f ? 1.0f : kLeakySlope;
    case Activation::sigmoid: {  // f′ = σ(1 − σ)
      const float s = sigmoid(z);
      return s * (1.0f - s);
    }
    case Activation::tanh: {  // f′ = 1 − tanh²
      const float t = std::tanh(z);
      return 1.0f - t * t;
    }
    case Activation::step: return 0.0f;  // no gradient
    case Activation::softmax: break;
  }
  NNLAB_ASSERT(!"activation_derivative(): softmax needs the Jacobian, see activation_backward_rows()");
  return 0.0f;
}

// a_i = e^(z_i − max z) / Σ_j e^(z_j − max z)
void softmax(const float* z, float* a, int n) {
  NNLAB_ASSERT(n >= 1);
  float zmax = z[0];
  for (int i = 1; i < n; ++i) zmax = z[i] > zmax ? z[i] : zmax;
  float sum = 0.0f;
  for (int i = 0; i < n; ++i) {
    a[i] = std::exp(z[i] - zmax);
    sum += a[i];
  }
  const float inv = 1.0f / sum;
  for (int i = 0; i < n; ++i) a[i] *= inv;
}

void activate_rows(Activation act, const float* z, float* a, int rows, int n) {
  const int count = rows * n;
  switch (act) {
    case Activation::softmax:
      for (int r = 0; r < rows; ++r) softmax(z + r * n, a + r * n, n);
      return;
    case Activation::identity:
      for (int i = 0; i < count; ++i) a[i] = z[i];
      return;
    case Activation::relu:
      for (int i = 0; i < count; ++i) a[i] = z[i] > 0.0f ? z[i] : 0.0f;
      return;
    case Activation::sigmoid:
      for (int i = 0; i < count; ++i) a[i] = sigmoid(z[i]);
      return;
    case Activation::tanh:  // the kernel set's: std::tanh (reference) or a vectorised one (simd)
      active_kernels().tanh_act(size_t(count), z, a);
      return;
    default:
      for (int i = 0; i < count; ++i) a[i] = activate(act, z[i]);
      return;
  }
}

void activation_backward_rows(Activation act, const float* z, const float* a, float* g, int rows, int n) {
  const int count = rows * n;
  switch (act) {
    case Activation::identity: return;  // g ⊙ 1
    case Activation::relu:              // g ⊙ [z > 0]
      for (int i = 0; i < count; ++i) g[i] = z[i] > 0.0f ? g[i] : 0.0f;
      return;
    case Activation::sigmoid:  // g ⊙ a(1 − a)
      for (int i = 0; i < count; ++i) g[i] *= a[i] * (1.0f - a[i]);
      return;
    case Activation::tanh:  // g ⊙ (1 − a²)
      for (int i = 0; i < count; ++i) g[i] *= 1.0f - a[i] * a[i];
      return;
    case Activation::softmax:  // g_i := a_i (g_i − Σ_j g_j a_j)
      for (int r = 0; r < rows; ++r) {
        float* gr = g + r * n;
        const float* ar = a + r * n;
        float dot = 0.0f;
        for (int j = 0; j < n; ++j) dot += gr[j] * ar[j];
        for (int j = 0; j < n; ++j) gr[j] = ar[j] * (gr[j] - dot);
      }
      return;
    default:
      for (int i = 0; i < count; ++i) g[i] *= activation_derivative(act, z[i]);
      return;
  }
}

}  // namespace nnlab
