// Losses of one sample: the value L(ŷ, y) and the gradient ∂L/∂ŷ side by side.
#include "core/losses.h"

#include <cmath>

#include "core/assert.h"

namespace nnlab {

namespace {
constexpr std::string_view kNames[kLossCount] = {"half-sse", "mse", "bce", "cross-entropy"};
constexpr float kProbMin = 1e-7f;  // log() arguments are clamped to [kProbMin, 1]

inline float clamp_prob(float p) { return p < kProbMin ? kProbMin : (p > 1.0f ? 1.0f : p); }
}  // namespace

std::string_view loss_name(Loss loss) {
  const int i = static_cast<int>(loss);
  NNLAB_ASSERT(i >= 0 && i < kLossCount);
  return kNames[i];
}

bool parse_loss(std::string_view name, Loss* out) {
  if (name == "half_sse") name = "half-sse";
  if (name == "cross_entropy") name = "cross-entropy";
  for (int i = 0; i < kLossCount; ++i) {
    if (name == kNames[i]) {
      *out = static_cast<Loss>(i);
      return true;
    }
  }
  return false;
}

float loss_value(Loss loss, const float* y_hat, const float* y, int n) {
  NNLAB_ASSERT(n >= 1);
  float sum = 0.0f;
  switch (loss) {
    case Loss::half_sse:  // L = ½ Σ (y − ŷ)²
      for (int i = 0; i < n; ++i) sum += (y[i] - y_hat[i]) * (y[i] - y_hat[i]);
      return 0.5f * sum;
    case Loss::mse:  // L = (1/n) Σ (y − ŷ)²
      for (int i = 0; i < n; ++i) sum += (y[i] - y_hat[i]) * (y[i] - y_hat[i]);
      return sum / static_cast<float>(n);
    case Loss::bce:  // L = −(1/n) Σ [y log ŷ + (1 − y) log(1 − ŷ)]
      for (int i = 0; i < n; ++i) {
        sum += y[i] * std::log(clamp_prob(y_hat[i])) + (1.0f - y[i]) * std::log(clamp_prob(1.0f - y_hat[i]));
      }
      return -sum / static_cast<float>(n);
    case Loss::cross_entropy:  // L = −Σ y log ŷ
      for (int i = 0; i < n; ++i) {
        if (y[i] != 0.0f) sum += y[i] * std::log(clamp_prob(y_hat[i]));
      }
      return -sum;
  }
  return 0.0f;
}

void loss_gradient(Loss loss, const float* y_hat, const float* y, int n, float* dL_dyhat) {
  NNLAB_ASSERT(n >= 1);
  switch (loss) {
    case Loss::half_sse:  // ∂L/∂ŷ = ŷ − y
      for (int i = 0; i < n; ++i) dL_dyhat[i] = y_hat[i] - y[i];
      return;
    case Loss::mse:  // ∂L/∂ŷ = 2(ŷ − y)/n
      for (int i = 0; i < n; ++i) dL_dyhat[i] = 2.0f * (y_hat[i] - y[i]) / static_cast<float>(n);
      return;
    case Loss::bce:  // ∂L/∂ŷ = (ŷ − y) / (n ŷ (1 − ŷ))
      for (int i = 0; i < n; ++i) {
        const float p = clamp_prob(y_hat[i]);
        const float q = clamp_prob(1.0f - y_hat[i]);
        dL_dyhat[i] = (-y[i] / p + (1.0f - y[i]) / q) / static_cast<float>(n);
      }
      return;
    case Loss::cross_entropy:  // ∂L/∂ŷ = −y/ŷ
      for (int i = 0; i < n; ++i) dL_dyhat[i] = y[i] != 0.0f ? -y[i] / clamp_prob(y_hat[i]) : 0.0f;
      return;
  }
}

}  // namespace nnlab
