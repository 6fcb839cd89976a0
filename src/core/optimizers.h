// Optimizers: update the parameters from the gradients. They own their state (momentum's v,
// Adam's m and v), allocated once in init(); layers never update themselves.
//
//   sgd       w ← w − η g
//   momentum  v ← μ v + g;                 w ← w − η v
//   adam      m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  m̂ = m/(1−β₁ᵗ);  v̂ = v/(1−β₂ᵗ)
//             w ← w − η m̂ / (√v̂ + ε)
// L2 regularisation adds λ‖W‖² to the loss, i.e. g ← g + 2λw — on WEIGHTS ONLY, never on biases.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace nnlab {

class Mlp;

enum class OptimizerKind : uint8_t { sgd, momentum, adam };

inline constexpr int kOptimizerCount = 3;

std::string_view optimizer_name(OptimizerKind kind);  // "sgd", "momentum", "adam"
bool parse_optimizer(std::string_view name, OptimizerKind* out);

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::adam;
  float lr = 1e-3f;       // η
  float momentum = 0.9f;  // μ (momentum)
  float beta1 = 0.9f;     // β₁ (adam)
  float beta2 = 0.999f;   // β₂ (adam)
  float eps = 1e-8f;      // ε (adam)
  float l2 = 0.0f;        // λ, weights only
};

class Optimizer {
 public:
  // Allocates the state for this model's parameter count and resets it (t = 0).
  void init(const Mlp& model, const OptimizerConfig& config);
  void reset();  // state := 0, t := 0 (keeps the config)
  // One update of model.params() from model.grads(). Does not zero the gradients.
  void step(Mlp& model);

  const OptimizerConfig& config() const { return config_; }
  void set_learning_rate(float lr) { config_.lr = lr; }  // keeps the state
  int64_t steps() const { return t_; }                   // t

  // Snapshot / restore of the whole state (the trainer's divergence guard); same sizes as init().
  void copy_state_to(std::vector<float>* m, std::vector<float>* v, int64_t* t) const;
  void restore_state(const std::vector<float>& m, const std::vector<float>& v, int64_t t);

 private:
  OptimizerConfig config_;
  std::vector<float> m_;  // (P) momentum's v, or Adam's first moment
  std::vector<float> v_;  // (P) Adam's second moment
  int64_t t_ = 0;
};

}  // namespace nnlab
