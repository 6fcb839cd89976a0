// activation_text.cpp — the table of activation_text.h.
#include "lessons/activation_text.h"

namespace nnlab {
namespace {

// In the order of enum class Activation (core/activations.h).
const ActivationText kTexts[kActivationCount] = {
    {"identity", "identity", "f(z) = z", "f′(z) = 1"},
    {"ReLU", "ReLU", "ReLU(z) = max(0, z)", "ReLU′(z) = 1 if z > 0, else 0"},
    {"leaky ReLU", "leaky ReLU", "leaky ReLU(z) = z if z > 0, else 0.01·z", "leaky ReLU′(z) = 1 if z > 0, else 0.01"},
    {"sigmoid", "σ", "σ(z) = 1 / (1 + e^−z)", "σ′(z) = σ(z)(1 − σ(z))"},
    {"tanh", "tanh", "tanh(z) = (e^z − e^−z) / (e^z + e^−z)", "tanh′(z) = 1 − tanh²(z)"},
    {"softmax", "softmax", "softmax(z)ᵢ = e^zᵢ / Σⱼ e^zⱼ", "∂aᵢ/∂zⱼ = aᵢ(δᵢⱼ − aⱼ)"},
    {"step", "step", "step(z) = 1 if z > 0, else 0", "step′(z) = 0 (no gradient: it cannot learn)"},
};
static_assert(int(Activation::identity) == 0 && int(Activation::relu) == 1 && int(Activation::leaky_relu) == 2 &&
              int(Activation::sigmoid) == 3 && int(Activation::tanh) == 4 && int(Activation::softmax) == 5 &&
              int(Activation::step) == 6);

}  // namespace

const ActivationText& activation_text(Activation act) {
  const int i = int(act);
  return kTexts[i >= 0 && i < kActivationCount ? i : 0];
}

}  // namespace nnlab
