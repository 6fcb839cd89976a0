// Mlp model storage, Workspace, and the batched forward / backward passes (see mlp.h).
#include "core/mlp.h"

#include <cmath>
#include <cstring>

#include "core/assert.h"
#include "core/kernels.h"
#include "core/rng.h"

namespace nnlab {

// ---------------------------------------------------------------------------------------------
// Model
bool Mlp::build(std::span<const LayerSpec> layers, std::string* error) {
  auto fail = [&](std::string message) {
    if (error) *error = std::move(message);
    return false;
  };
  if (layers.empty()) return fail("a network needs at least one layer");
  for (size_t l = 0; l < layers.size(); ++l) {
    const LayerSpec& s = layers[l];
    const std::string name = "layer " + std::to_string(l + 1);
    if (s.inputs < 1 || s.inputs > kMaxLayerSize)
      return fail(name + ": inputs must be 1.." + std::to_string(kMaxLayerSize) + ", got " + std::to_string(s.inputs));
    if (s.outputs < 1 || s.outputs > kMaxLayerSize)
      return fail(name + ": outputs must be 1.." + std::to_string(kMaxLayerSize) + ", got " +
                  std::to_string(s.outputs));
    if (static_cast<int>(s.activation) >= kActivationCount) return fail(name + ": unknown activation");
    if (l > 0 && s.inputs != layers[l - 1].outputs)
      return fail(name + ": inputs (" + std::to_string(s.inputs) + ") must equal the previous layer's outputs (" +
                  std::to_string(layers[l - 1].outputs) + ")");
  }
  layers_.assign(layers.begin(), layers.end());
  offsets_.resize(layers_.size());
  run_off_.assign(layers_.size(), 0);
  size_t total = 0, running = 0;
  for (size_t l = 0; l < layers_.size(); ++l) {
    offsets_[l] = total;
    const size_t O = static_cast<size_t>(layers_[l].outputs);
    total += O * (layers_[l].inputs + 1) + (layers_[l].batchnorm ? 2 * O : 0);  // W, b (, γ, β)
    if (layers_[l].batchnorm) {
      run_off_[l] = running;
      running += 2 * O;  // r_μ, r_σ²
    }
  }
  params_.assign(total, 0.0f);
  grads_.assign(total, 0.0f);
  running_.assign(running, 0.0f);
  for (size_t l = 0; l < layers_.size(); ++l)
    if (layers_[l].batchnorm) {
      for (float& g : gamma(static_cast<int>(l))) g = 1.0f;
      for (float& v : running_var(static_cast<int>(l))) v = 1.0f;
    }
  return true;
}

const LayerSpec& Mlp::layer(int l) const {
  NNLAB_ASSERT(l >= 0 && l < layer_count());
  return layers_[l];
}
int Mlp::input_size() const { return layers_.empty() ? 0 : layers_.front().inputs; }
int Mlp::output_size() const { return layers_.empty() ? 0 : layers_.back().outputs; }

size_t Mlp::weights_offset(int l) const {
  NNLAB_ASSERT(l >= 0 && l < layer_count());
  return offsets_[l];
}
size_t Mlp::bias_offset(int l) const {
  return weights_offset(l) + static_cast<size_t>(layers_[l].outputs) * layers_[l].inputs;
}

size_t Mlp::gamma_offset(int l) const {
  NNLAB_ASSERT(layer(l).batchnorm);
  return bias_offset(l) + static_cast<size_t>(layers_[l].outputs);
}
size_t Mlp::running_offset(int l) const {
  NNLAB_ASSERT(layer(l).batchnorm);
  return run_off_[l];
}
std::span<float> Mlp::gamma(int l) { return {params_.data() + gamma_offset(l), size_t(layers_[l].outputs)}; }
std::span<const float> Mlp::gamma(int l) const { return {params_.data() + gamma_offset(l), size_t(layers_[l].outputs)}; }
std::span<float> Mlp::beta(int l) {
  return {params_.data() + gamma_offset(l) + layers_[l].outputs, size_t(layers_[l].outputs)};
}
std::span<const float> Mlp::beta(int l) const {
  return {params_.data() + gamma_offset(l) + layers_[l].outputs, size_t(layers_[l].outputs)};
}
std::span<float> Mlp::dgamma(int l) { return {grads_.data() + gamma_offset(l), size_t(layers_[l].outputs)}; }
std::span<float> Mlp::dbeta(int l) {
  return {grads_.data() + gamma_offset(l) + layers_[l].outputs, size_t(layers_[l].outputs)};
}
std::span<float> Mlp::running_mean(int l) { return {running_.data() + running_offset(l), size_t(layers_[l].outputs)}; }
std::span<const float> Mlp::running_mean(int l) const {
  return {running_.data() + running_offset(l), size_t(layers_[l].outputs)};
}
std::span<float> Mlp::running_var(int l) {
  return {running_.data() + running_offset(l) + layers_[l].outputs, size_t(layers_[l].outputs)};
}
std::span<const float> Mlp::running_var(int l) const {
  return {running_.data() + running_offset(l) + layers_[l].outputs, size_t(layers_[l].outputs)};
}

std::span<float> Mlp::weights(int l) {
  return {params_.data() + weights_offset(l), static_cast<size_t>(layers_[l].outputs) * layers_[l].inputs};
}
std::span<const float> Mlp::weights(int l) const {
  return {params_.data() + weights_offset(l), static_cast<size_t>(layers_[l].outputs) * layers_[l].inputs};
}
std::span<float> Mlp::bias(int l) { return {params_.data() + bias_offset(l), static_cast<size_t>(layers_[l].outputs)}; }
std::span<const float> Mlp::bias(int l) const {
  return {params_.data() + bias_offset(l), static_cast<size_t>(layers_[l].outputs)};
}
std::span<float> Mlp::dweights(int l) {
  return {grads_.data() + weights_offset(l), static_cast<size_t>(layers_[l].outputs) * layers_[l].inputs};
}
std::span<const float> Mlp::dweights(int l) const {
  return {grads_.data() + weights_offset(l), static_cast<size_t>(layers_[l].outputs) * layers_[l].inputs};
}
std::span<float> Mlp::dbias(int l) { return {grads_.data() + bias_offset(l), static_cast<size_t>(layers_[l].outputs)}; }
std::span<const float> Mlp::dbias(int l) const {
  return {grads_.data() + bias_offset(l), static_cast<size_t>(layers_[l].outputs)};
}

// He: W ~ N(0, 2/I) for the ReLU family; Xavier (Glorot normal): W ~ N(0, 2/(I+O)) otherwise.
void Mlp::init_params(uint64_t seed) {
  Rng rng(seed);
  for (int l = 0; l < layer_count(); ++l) {
    const LayerSpec& s = layers_[l];
    const bool relu_family = s.activation == Activation::relu || s.activation == Activation::leaky_relu;
    const float stddev = relu_family ? std::sqrt(2.0f / static_cast<float>(s.inputs))
                                     : std::sqrt(2.0f / static_cast<float>(s.inputs + s.outputs));
    for (float& w : weights(l)) w = rng.normal(0.0f, stddev);
    for (float& b : bias(l)) b = 0.0f;
    if (s.batchnorm) {
      for (float& g : gamma(l)) g = 1.0f;
      for (float& b : beta(l)) b = 0.0f;
      for (float& m : running_mean(l)) m = 0.0f;
      for (float& v : running_var(l)) v = 1.0f;
    }
  }
}

void Mlp::zero_grad() { std::memset(grads_.data(), 0, grads_.size() * sizeof(float)); }

// ---------------------------------------------------------------------------------------------
// Workspace
void Workspace::resize(const Mlp& model, int batch) {
  NNLAB_ASSERT(batch >= 1);
  const int L = model.layer_count();
  bool same = batch == batch_ && static_cast<int>(shape_.size()) == L;
  for (int l = 0; same && l < L; ++l)
    same = shape_[l].inputs == model.layer(l).inputs && shape_[l].outputs == model.layer(l).outputs &&
           shape_[l].batchnorm == model.layer(l).batchnorm;
  if (same) {
    for (int l = 0; l < L; ++l) shape_[l].activation = model.layer(l).activation;
    return;
  }
  shape_.resize(L);
  z_off_.resize(L), a_off_.resize(L), d_off_.resize(L), mask_off_.resize(L), pack_off_.resize(L);
  xhat_off_.assign(L, 0), stat_off_.assign(L, 0);
  int widest = 1;  // max O
  size_t total = 0;
  auto take = [&](size_t n) {
    const size_t at = total;
    total += (n + 15) & ~size_t{15};  // keep every buffer 64-byte aligned relative to the start
    return at;
  };
  for (int l = 0; l < L; ++l) {
    const LayerSpec& s = model.layer(l);
    shape_[l] = s;
    const size_t bo = static_cast<size_t>(batch) * s.outputs;
    z_off_[l] = take(bo);     // (B, O)
    a_off_[l] = take(bo);     // (B, O)
    d_off_[l] = take(bo);     // (B, O)
    mask_off_[l] = take(bo);  // (B, O) dropout scale
    // Wᵀ in the kernels' packed layout, sized for either set (switchable between passes)
    const size_t ref_pack = kernels(KernelSet::reference).packed_weights_size(s.outputs, s.inputs);
    const size_t simd_pack = kernels(KernelSet::simd).packed_weights_size(s.outputs, s.inputs);
    pack_off_[l] = take(ref_pack > simd_pack ? ref_pack : simd_pack);
    if (s.batchnorm) {
      xhat_off_[l] = take(bo);                                 // (B, O) x̂
      stat_off_[l] = take(4 * static_cast<size_t>(s.outputs));  // (4, O) μ, 1/√(σ²+ε), backward's sums
    }
    widest = s.outputs > widest ? s.outputs : widest;
  }
  scratch_off_ = take(static_cast<size_t>(batch) * widest);  // (B, max O)
  buf_.assign(total, 0.0f);
  batch_ = batch;
  rows_ = 0;
  dropout_on_ = false;
  batch_stats_ = false;
}

std::span<const float> Workspace::z(int l) const {
  NNLAB_ASSERT(l >= 0 && l < static_cast<int>(shape_.size()));
  return {buf_.data() + z_off_[l], static_cast<size_t>(rows_) * shape_[l].outputs};
}
std::span<const float> Workspace::xhat(int l) const {
  NNLAB_ASSERT(l >= 0 && l < static_cast<int>(shape_.size()) && shape_[l].batchnorm);
  return {buf_.data() + xhat_off_[l], static_cast<size_t>(rows_) * shape_[l].outputs};
}
std::span<const float> Workspace::norm_stats(int l) const {
  NNLAB_ASSERT(l >= 0 && l < static_cast<int>(shape_.size()) && shape_[l].batchnorm);
  return {buf_.data() + stat_off_[l], 2 * static_cast<size_t>(shape_[l].outputs)};
}
std::span<const float> Workspace::a(int l) const {
  NNLAB_ASSERT(l >= 0 && l < static_cast<int>(shape_.size()));
  return {buf_.data() + a_off_[l], static_cast<size_t>(rows_) * shape_[l].outputs};
}
std::span<const float> Workspace::delta(int l) const {
  NNLAB_ASSERT(l >= 0 && l < static_cast<int>(shape_.size()));
  return {buf_.data() + d_off_[l], static_cast<size_t>(rows_) * shape_[l].outputs};
}

// ---------------------------------------------------------------------------------------------
// Forward: z⁽ˡ⁾ = a⁽ˡ⁻¹⁾·W⁽ˡ⁾ᵀ + b⁽ˡ⁾; a⁽ˡ⁾ = f(z⁽ˡ⁾)
namespace {
Epilogue fused_epilogue(Activation act) {
  if (act == Activation::relu) return Epilogue::relu;
  if (act == Activation::leaky_relu) return Epilogue::leaky_relu;
  return Epilogue::none;
}
}  // namespace

// One pass over the layers, shared by forward and forward_train; with rng, inverted dropout on
// every hidden layer's activations: a := a ⊙ mask, mask ∈ {0, 1/(1−p)} (B, O), kept for backward.
// With `train` (forward_train's own model), batch norm normalises with the batch's μ, σ² and moves
// the running averages; otherwise with the running averages.
struct Workspace::Access {
  static void forward(const Mlp& model, const float* x, int batch, Workspace& ws, float dropout, Rng* rng,
                      Mlp* train);
};

void Workspace::Access::forward(const Mlp& model, const float* x, int batch, Workspace& ws, float dropout, Rng* rng,
                                Mlp* train) {
  NNLAB_ASSERT(batch >= 1 && batch <= ws.batch_ && static_cast<int>(ws.shape_.size()) == model.layer_count());
  const Kernels& kern = active_kernels();
  const float keep_scale = rng ? 1.0f / (1.0f - dropout) : 1.0f;
  const float* in = x;  // (B, I)
  const bool batch_stats = train != nullptr && batch > 1;  // one sample has no spread: running averages
  for (int l = 0; l < model.layer_count(); ++l) {
    const LayerSpec& s = model.layer(l);
    NNLAB_ASSERT(ws.shape_[l].inputs == s.inputs && ws.shape_[l].outputs == s.outputs);  // ws.resize(model)?
    float* packed = ws.packp(l);  // Wᵀ in the kernels' packed layout
    kern.pack_weights(s.outputs, s.inputs, model.weights(l).data(), packed);
    const Epilogue ep = s.batchnorm ? Epilogue::none : fused_epilogue(s.activation);
    float* z = ws.zp(l);  // (B, O)
    float* a = ws.ap(l);  // (B, O)
    if (!s.batchnorm) {
      // z = a⁽ˡ⁻¹⁾·Wᵀ + b; a = f(z)
      kern.gemm_bias_act_packed(batch, s.outputs, s.inputs, in, s.inputs, packed, model.bias(l).data(), z, a,
                                s.outputs, ep);
    } else {
      const int O = s.outputs;
      float* h = ws.xhatp(l);  // (B, O) the weighted sum h, normalised in place into x̂
      float* mean = ws.statp(l), *inv_std = mean + O;  // (O), (O)
      // h = a⁽ˡ⁻¹⁾·Wᵀ + b
      kern.gemm_bias_act_packed(batch, O, s.inputs, in, s.inputs, packed, model.bias(l).data(), h, nullptr, O,
                                Epilogue::none);
      if (batch_stats) {
        // μ, σ² of the batch; r ← (1−m)·r + m·(μ, σ²·B/(B−1))
        float* var = inv_std;
        kern.bn_stats(batch, O, h, mean, var);
        std::span<float> rm = train->running_mean(l), rv = train->running_var(l);
        const float unbiased = static_cast<float>(batch) / static_cast<float>(batch - 1);
        for (int o = 0; o < O; ++o) {
          rm[o] = (1.0f - kBatchNormMomentum) * rm[o] + kBatchNormMomentum * mean[o];
          rv[o] = (1.0f - kBatchNormMomentum) * rv[o] + kBatchNormMomentum * var[o] * unbiased;
          inv_std[o] = 1.0f / std::sqrt(var[o] + kBatchNormEps);  // 1/√(σ² + ε)
        }
      } else {
        const std::span<const float> rm = model.running_mean(l), rv = model.running_var(l);
        for (int o = 0; o < O; ++o) {
          mean[o] = rm[o];
          inv_std[o] = 1.0f / std::sqrt(rv[o] + kBatchNormEps);
        }
      }
      // x̂ = (h − μ)/√(σ² + ε); z = γ ⊙ x̂ + β
      kern.bn_normalize(batch, O, h, mean, inv_std, model.gamma(l).data(), model.beta(l).data(), z);
    }
    if (ep == Epilogue::none) activate_rows(s.activation, z, a, batch, s.outputs);
    if (rng && l + 1 < model.layer_count()) {
      float* mask = ws.maskp(l);  // (B, O)
      const int n = batch * s.outputs;
      for (int i = 0; i < n; ++i) {
        mask[i] = rng->uniform() < dropout ? 0.0f : keep_scale;
        a[i] *= mask[i];  // a := a ⊙ mask
      }
    }
    in = a;
  }
  ws.rows_ = batch;
  ws.dropout_on_ = rng != nullptr;
  ws.batch_stats_ = batch_stats;
}

void forward(const Mlp& model, const float* x, int batch, Workspace& ws) {
  Workspace::Access::forward(model, x, batch, ws, 0.0f, nullptr, nullptr);
}

void forward_train(Mlp& model, const float* x, int batch, Workspace& ws, float dropout, Rng& rng) {
  NNLAB_ASSERT(dropout >= 0.0f && dropout < 1.0f);
  Workspace::Access::forward(model, x, batch, ws, dropout, dropout > 0.0f ? &rng : nullptr, &model);
}

// ---------------------------------------------------------------------------------------------
// Loss: mean over the batch. Fused, stable forms from z:
//   softmax + CE:  L = logΣ_j e^{z_j} − Σ_j y_j z_j   (Σ y = 1)
//   sigmoid + bce: L = (1/n) Σ_i [max(z,0) − z·y + log(1 + e^{−|z|})]
float sample_loss(const Mlp& model, const Workspace& ws, const float* y, int row, Loss loss) {
  NNLAB_ASSERT(row >= 0 && row < ws.rows_);
  const int L = model.layer_count();
  const int n = model.output_size();
  const Activation out_act = model.layer(L - 1).activation;
  const float* z = ws.buf_.data() + ws.z_off_[L - 1] + static_cast<size_t>(row) * n;  // (n)
  const float* a = ws.buf_.data() + ws.a_off_[L - 1] + static_cast<size_t>(row) * n;  // (n)
  if (loss == Loss::cross_entropy && out_act == Activation::softmax) {
    float zmax = z[0];
    for (int i = 1; i < n; ++i) zmax = z[i] > zmax ? z[i] : zmax;
    float se = 0.0f, ysum = 0.0f, yz = 0.0f;
    for (int i = 0; i < n; ++i) {
      se += std::exp(z[i] - zmax);
      ysum += y[i];
      yz += y[i] * (z[i] - zmax);
    }
    return ysum * std::log(se) - yz;
  }
  if (loss == Loss::bce && out_act == Activation::sigmoid) {
    float s = 0.0f;
    for (int i = 0; i < n; ++i) {
      const float zi = z[i];
      s += (zi > 0.0f ? zi : 0.0f) - zi * y[i] + std::log1p(std::exp(-std::fabs(zi)));
    }
    return s / static_cast<float>(n);
  }
  return loss_value(loss, a, y, n);
}

float batch_loss(const Mlp& model, const Workspace& ws, const float* y, int batch, Loss loss) {
  NNLAB_ASSERT(batch >= 1 && batch <= ws.rows_);
  const int n = model.output_size();
  double sum = 0.0;
  for (int b = 0; b < batch; ++b) sum += sample_loss(model, ws, y + static_cast<size_t>(b) * n, b, loss);
  return static_cast<float>(sum / batch);
}

// ---------------------------------------------------------------------------------------------
// Backward
void backward(Mlp& model, const float* x, const float* y, int batch, Loss loss, Workspace& ws) {
  NNLAB_ASSERT(batch >= 1 && batch == ws.rows_);
  const Kernels& kern = active_kernels();
  const int L = model.layer_count();
  const int n = model.output_size();
  const Activation out_act = model.layer(L - 1).activation;
  const float inv_b = 1.0f / static_cast<float>(batch);
  {
    // δ⁽ᴸ⁻¹⁾ of the batch-mean loss: (1/B)·∂L/∂ŷ ⊙ f′(z), or the fused forms.
    float* d = ws.dp(L - 1);        // (B, n)
    const float* a = ws.ap(L - 1);  // (B, n)
    const float* z = ws.zp(L - 1);  // (B, n)
    const int count = batch * n;
    if (loss == Loss::cross_entropy && out_act == Activation::softmax) {
      for (int i = 0; i < count; ++i) d[i] = (a[i] - y[i]) * inv_b;  // δ = (ŷ − y)/B
    } else if (loss == Loss::bce && out_act == Activation::sigmoid) {
      const float s = inv_b / static_cast<float>(n);
      for (int i = 0; i < count; ++i) d[i] = (a[i] - y[i]) * s;  // δ = (ŷ − y)/(B n)
    } else {
      for (int b = 0; b < batch; ++b) loss_gradient(loss, a + b * n, y + b * n, n, d + b * n);
      for (int i = 0; i < count; ++i) d[i] *= inv_b;
      activation_backward_rows(out_act, z, a, d, batch, n);
    }
  }
  for (int l = L - 1; l >= 0; --l) {
    const LayerSpec& s = model.layer(l);
    if (s.batchnorm) {
      // δ = ∂L/∂z → dγ, dβ, and in place ∂L/∂h of the weighted sum (μ, σ² of the batch, or
      // constants where the forward normalised with the running averages)
      const int O = s.outputs;
      float* d = ws.dp(l);  // (B, O)
      const float* inv_std = ws.statp(l) + O;
      const float* xhat = ws.xhatp(l);
      if (ws.batch_stats_) {
        kern.bn_backward(batch, O, d, xhat, model.gamma(l).data(), inv_std, model.dgamma(l).data(),
                         model.dbeta(l).data(), ws.statp(l) + 2 * O);
      } else {
        const std::span<const float> gamma = model.gamma(l);
        std::span<float> dgamma = model.dgamma(l), dbeta = model.dbeta(l);
        for (int b = 0; b < batch; ++b)
          for (int o = 0; o < O; ++o) {
            const size_t i = static_cast<size_t>(b) * O + o;
            dgamma[o] += d[i] * xhat[i];
            dbeta[o] += d[i];
            d[i] *= gamma[o] * inv_std[o];  // dh = δ·γ/√(r_σ² + ε)
          }
      }
    }
    const float* d = ws.dp(l);                   // (B, O)
    const float* in = l > 0 ? ws.ap(l - 1) : x;  // (B, I)
    // dW += δᵀ·a⁽ˡ⁻¹⁾   (O, I) = (O, B)·(B, I)
    kern.gemm_tn_acc(s.outputs, s.inputs, batch, d, s.outputs, in, s.inputs, model.dweights(l).data(), s.inputs);
    // db += Σ_b δ      (O)
    kern.col_sum_acc(batch, s.outputs, d, s.outputs, model.dbias(l).data());
    if (l == 0) break;  // no gradient for the input x
    // δ⁽ˡ⁻¹⁾ = (δ·W) ⊙ mask ⊙ f′(z⁽ˡ⁻¹⁾)   (B, I) = (B, O)·(O, I)
    float* dprev = ws.dp(l - 1);
    kern.gemm_nn(batch, s.inputs, s.outputs, d, s.outputs, model.weights(l).data(), s.inputs, dprev, s.inputs);
    const int count = batch * s.inputs;
    if (ws.dropout_on_) {
      const float* mask = ws.maskp(l - 1);
      for (int i = 0; i < count; ++i) dprev[i] *= mask[i];
    }
    const Activation prev_act = model.layer(l - 1).activation;
    const float* z_prev = ws.zp(l - 1);  // (B, I)
    if (prev_act == Activation::relu) {
      kern.relu_backward(count, z_prev, dprev);
    } else if (!ws.dropout_on_) {
      activation_backward_rows(prev_act, z_prev, ws.ap(l - 1), dprev, batch, s.inputs);
    } else if (prev_act != Activation::softmax) {
      // a⁽ˡ⁻¹⁾ carries the dropout scale, so take f′ from z
      for (int i = 0; i < count; ++i) dprev[i] *= activation_derivative(prev_act, z_prev[i]);
    } else {
      // softmax′ needs the unmasked a = softmax(z): recomputed into scratch, the forward's a stays
      float* a_plain = ws.scratchp();  // (B, I)
      activate_rows(prev_act, z_prev, a_plain, batch, s.inputs);
      activation_backward_rows(prev_act, z_prev, a_plain, dprev, batch, s.inputs);
    }
  }
}

}  // namespace nnlab
