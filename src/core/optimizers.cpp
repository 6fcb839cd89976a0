// Optimizers (see optimizers.h): the update rules run as kernels (active_kernels(): SIMD, or the
// scalar reference) over the flat parameter buffer, one call per layer's W (with L2) and one per
// b (without).
#include "core/optimizers.h"

#include <cmath>
#include <cstring>

#include "core/assert.h"
#include "core/kernels.h"
#include "core/mlp.h"

namespace nnlab {

namespace {
constexpr std::string_view kNames[kOptimizerCount] = {"sgd", "momentum", "adam"};
}

std::string_view optimizer_name(OptimizerKind kind) {
  const int i = static_cast<int>(kind);
  NNLAB_ASSERT(i >= 0 && i < kOptimizerCount);
  return kNames[i];
}

bool parse_optimizer(std::string_view name, OptimizerKind* out) {
  for (int i = 0; i < kOptimizerCount; ++i) {
    if (name == kNames[i]) {
      *out = static_cast<OptimizerKind>(i);
      return true;
    }
  }
  return false;
}

void Optimizer::init(const Mlp& model, const OptimizerConfig& config) {
  config_ = config;
  const size_t P = model.parameter_count();
  m_.assign(config.kind == OptimizerKind::sgd ? 0 : P, 0.0f);
  v_.assign(config.kind == OptimizerKind::adam ? P : 0, 0.0f);
  t_ = 0;
}

void Optimizer::reset() {
  if (!m_.empty()) std::memset(m_.data(), 0, m_.size() * sizeof(float));
  if (!v_.empty()) std::memset(v_.data(), 0, v_.size() * sizeof(float));
  t_ = 0;
}

void Optimizer::step(Mlp& model) {
  NNLAB_ASSERT(config_.kind == OptimizerKind::sgd || m_.size() == model.parameter_count());
  ++t_;
  const Kernels& kern = active_kernels();
  float* w = model.params().data();
  const float* g = model.grads().data();
  AdamStep adam{};
  if (config_.kind == OptimizerKind::adam) {
    adam.lr = config_.lr;
    adam.beta1 = config_.beta1;
    adam.beta2 = config_.beta2;
    adam.c1 = static_cast<float>(1.0 / (1.0 - std::pow(static_cast<double>(config_.beta1), static_cast<double>(t_))));
    adam.c2 = static_cast<float>(1.0 / (1.0 - std::pow(static_cast<double>(config_.beta2), static_cast<double>(t_))));
    adam.eps = config_.eps;
  }
  for (int l = 0; l < model.layer_count(); ++l) {
    // W (with L2), then b (and batch norm's γ, β) without: two contiguous ranges of the flat buffer.
    const size_t no_decay = model.bias(l).size() * (model.layer(l).batchnorm ? 3 : 1);
    const size_t ranges[2][2] = {{model.weights_offset(l), model.weights(l).size()},
                                 {model.bias_offset(l), no_decay}};
    for (int r = 0; r < 2; ++r) {
      const size_t at = ranges[r][0], n = ranges[r][1];
      const float l2 = r == 0 ? config_.l2 : 0.0f;
      switch (config_.kind) {
        case OptimizerKind::sgd: kern.sgd_step(n, w + at, g + at, config_.lr, l2); break;
        case OptimizerKind::momentum:
          kern.momentum_step(n, w + at, g + at, m_.data() + at, config_.lr, config_.momentum, l2);
          break;
        case OptimizerKind::adam:
          adam.l2 = l2;
          kern.adam_step(n, w + at, g + at, m_.data() + at, v_.data() + at, adam);
          break;
      }
    }
  }
}

void Optimizer::copy_state_to(std::vector<float>* m, std::vector<float>* v, int64_t* t) const {
  m->resize(m_.size());  // no allocation after the first call: sizes never change
  v->resize(v_.size());
  if (!m_.empty()) std::memcpy(m->data(), m_.data(), m_.size() * sizeof(float));
  if (!v_.empty()) std::memcpy(v->data(), v_.data(), v_.size() * sizeof(float));
  *t = t_;
}

void Optimizer::restore_state(const std::vector<float>& m, const std::vector<float>& v, int64_t t) {
  NNLAB_ASSERT(m.size() == m_.size() && v.size() == v_.size());
  if (!m_.empty()) std::memcpy(m_.data(), m.data(), m_.size() * sizeof(float));
  if (!v_.empty()) std::memcpy(v_.data(), v.data(), v_.size() * sizeof(float));
  t_ = t;
}

}  // namespace nnlab
