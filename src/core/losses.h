// Losses of one sample (ŷ = the network's output, y = the target), and their gradients ∂L/∂ŷ.
//
//   half_sse       L = ½ Σ_i (y_i − ŷ_i)²                          ∂L/∂ŷ_i = ŷ_i − y_i
//   mse            L = (1/n) Σ_i (y_i − ŷ_i)²                      ∂L/∂ŷ_i = 2(ŷ_i − y_i)/n
//   bce            L = −(1/n) Σ_i [y_i log ŷ_i + (1−y_i) log(1−ŷ_i)]
//                                                                  ∂L/∂ŷ_i = (ŷ_i − y_i) / (n ŷ_i(1−ŷ_i))
//   cross_entropy  L = −Σ_i y_i log ŷ_i   (= −log ŷ_true, one-hot) ∂L/∂ŷ_i = −y_i/ŷ_i
// n = number of outputs; bce averages over outputs like PyTorch's BCELoss (one output: the
// lesson's formula). log() arguments are clamped to [1e-7, 1] so a saturated ŷ gives a large,
// finite loss. The batch loss is the mean over samples (see batch_loss in mlp.h). With a sigmoid
// output (bce) or a softmax output (cross_entropy) the network uses the fused, stable forms
// δ = (ŷ − y)/n and δ = ŷ − y instead of these gradients.
#pragma once

#include <cstdint>
#include <string_view>

namespace nnlab {

enum class Loss : uint8_t { half_sse, mse, bce, cross_entropy };

inline constexpr int kLossCount = 4;

std::string_view loss_name(Loss loss);              // "half-sse", "mse", "bce", "cross-entropy"
bool parse_loss(std::string_view name, Loss* out);  // accepts those names (and "_" for "-")

float loss_value(Loss loss, const float* y_hat, const float* y, int n);                     // ŷ (n), y (n)
void loss_gradient(Loss loss, const float* y_hat, const float* y, int n, float* dL_dyhat);  // (n)

}  // namespace nnlab
