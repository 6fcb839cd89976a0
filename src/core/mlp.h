// Mlp: a multi-layer perceptron of dense layers, and the batched forward / backward passes.
//
// Symbols: B = batch size, I = a layer's inputs, O = its outputs, L = number of layers.
// Layer l (0-based; the lessons print it as ⁽ˡ⁺¹⁾):
//   z⁽ˡ⁾ = a⁽ˡ⁻¹⁾·W⁽ˡ⁾ᵀ + b⁽ˡ⁾     (B, O) = (B, I)·(I, O) + (O)      with a⁽⁻¹⁾ = x
//   a⁽ˡ⁾ = f⁽ˡ⁾(z⁽ˡ⁾)              (B, O)
// W⁽ˡ⁾ is stored (O, I) row-major as in the lessons: W[o*I + i] is the weight from input i to
// output o. All weights and biases live in ONE flat buffer (params), all gradients in another
// (grads) of the same layout: per layer W (O·I floats) then b (O floats).
//
// Backward (δ = ∂L/∂z where L is the MEAN loss over the batch, so for batch 1 it is the
// per-sample δ of the lessons):
//   δ⁽ᴸ⁻¹⁾ = (1/B) ∂L/∂ŷ ⊙ f′(z)    fused: softmax + cross-entropy δ = (ŷ − y)/B,
//                                  sigmoid + bce δ = (ŷ − y)/(B·O); softmax + other losses: the
//                                  Jacobian-vector product; step: δ = 0
//   dW⁽ˡ⁾ += δ⁽ˡ⁾ᵀ·a⁽ˡ⁻¹⁾           (O, I) = (O, B)·(B, I)
//   db⁽ˡ⁾ += Σ_b δ⁽ˡ⁾               (O)
//   δ⁽ˡ⁻¹⁾ = (δ⁽ˡ⁾·W⁽ˡ⁾) ⊙ f′(z⁽ˡ⁻¹⁾)  (B, I) = (B, O)·(O, I)
//
// Batch normalisation (a layer with batchnorm = true; Ioffe & Szegedy 2015, as PyTorch's
// BatchNorm1d): between the weighted sum and the activation,
//   h = a⁽ˡ⁻¹⁾·Wᵀ + b                     (B, O)  the weighted sum
//   μ = (1/B) Σ_b h,  σ² = (1/B) Σ_b (h − μ)²   (O)  the batch's mean and (biased) variance
//   x̂ = (h − μ) / √(σ² + ε)              (B, O)
//   z = γ ⊙ x̂ + β                         (B, O)  then a = f(z) as above
// Training normalises with the batch's μ, σ² and moves the running averages towards them
// (m = 0.1: r_μ ← (1−m)·r_μ + m·μ, r_σ² ← (1−m)·r_σ² + m·σ²·B/(B−1)); inference (forward())
// normalises with the running averages, so one digit's answer never depends on the others in its
// batch. A training batch of one sample has no spread: it is normalised like inference.
// γ and β are learned parameters (in params(), after the layer's b: W, b, γ, β); the running
// averages are not — nothing learns them, the forward pass measures them — so they live in a
// buffer of their own, running() (r_μ then r_σ² per batch-norm layer), which optimizers never
// touch and which checkpoints and model files carry next to the parameters.
//   backward: dγ += Σ_b δ ⊙ x̂;  dβ += Σ_b δ;  dx̂ = δ ⊙ γ
//             dh = (1/B)·(1/√(σ²+ε))·(B·dx̂ − Σ_b dx̂ − x̂ ⊙ Σ_b (dx̂ ⊙ x̂))
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/activations.h"
#include "core/losses.h"

namespace nnlab {

class Rng;

inline constexpr int kMaxLayerSize = 4096;  // inputs and outputs of any layer: 1 … 4096
inline constexpr float kBatchNormEps = 1e-5f;       // ε (PyTorch's default)
inline constexpr float kBatchNormMomentum = 0.1f;   // m of the running averages (PyTorch's default)

struct LayerSpec {
  int inputs;              // I
  int outputs;             // O
  Activation activation;   // f
  bool batchnorm = false;  // normalise the weighted sum over the batch before f (γ, β learned)
};

class Mlp {
 public:
  // Validates sizes (1..4096) and chaining (inputs == previous outputs); on failure returns
  // false, fills *error (if given) and leaves the model unchanged. Parameters start at zero.
  bool build(std::span<const LayerSpec> layers, std::string* error);

  int layer_count() const { return static_cast<int>(layers_.size()); }
  const LayerSpec& layer(int l) const;
  int input_size() const;                                    // I of layer 0
  int output_size() const;                                   // O of the last layer
  size_t parameter_count() const { return params_.size(); }  // 784-16-16-10 → 13002

  std::span<float> weights(int l);  // (O, I) view into params()
  std::span<const float> weights(int l) const;
  std::span<float> bias(int l);  // (O)
  std::span<const float> bias(int l) const;
  std::span<float> dweights(int l);  // (O, I) view into grads()
  std::span<const float> dweights(int l) const;
  std::span<float> dbias(int l);  // (O)
  std::span<const float> dbias(int l) const;
  std::span<float> gamma(int l);  // (O) batch-norm scale γ, layers with batchnorm only
  std::span<const float> gamma(int l) const;
  std::span<float> beta(int l);  // (O) batch-norm shift β
  std::span<const float> beta(int l) const;
  std::span<float> dgamma(int l);  // (O)
  std::span<float> dbeta(int l);   // (O)
  std::span<float> running_mean(int l);  // (O) r_μ, a view into running()
  std::span<const float> running_mean(int l) const;
  std::span<float> running_var(int l);  // (O) r_σ²
  std::span<const float> running_var(int l) const;
  bool has_batchnorm() const { return !running_.empty(); }
  // (R) every batch-norm layer's r_μ then r_σ²: state measured by training, not learned
  std::span<float> running() { return running_; }
  std::span<const float> running() const { return running_; }
  std::span<float> params() { return params_; }  // (P) every W, b (and γ, β), layer by layer
  std::span<const float> params() const { return params_; }
  std::span<float> grads() { return grads_; }  // (P) same layout as params()
  std::span<const float> grads() const { return grads_; }

  // W ~ N(0, 2/I) (He) for relu / leaky-relu layers, N(0, 2/(I+O)) (Xavier) otherwise; b = 0;
  // γ = 1, β = 0, r_μ = 0, r_σ² = 1.
  // Deterministic: the same seed gives the same weights natively and in wasm.
  void init_params(uint64_t seed);
  void zero_grad();  // grads() := 0

  size_t weights_offset(int l) const;  // index of W⁽ˡ⁾[0] in params()
  size_t bias_offset(int l) const;     // index of b⁽ˡ⁾[0] in params()
  size_t gamma_offset(int l) const;    // index of γ⁽ˡ⁾[0] in params() (β follows)
  size_t running_offset(int l) const;  // index of r_μ⁽ˡ⁾[0] in running() (r_σ² follows)

 private:
  std::vector<LayerSpec> layers_;
  std::vector<size_t> offsets_;  // (L) start of each layer's W in params_
  std::vector<size_t> run_off_;  // (L) start of each batch-norm layer's r_μ in running_
  std::vector<float> params_;    // (P)
  std::vector<float> grads_;     // (P)
  std::vector<float> running_;   // (R)
};

// Activations of one (model, batch size) pair. All memory is allocated in resize(); forward and
// backward never allocate, and backward never writes the forward's z or a.
class Workspace {
 public:
  void resize(const Mlp& model, int batch);  // no-op if already sized for this shape
  int batch() const { return batch_; }
  std::span<const float> z(int l) const;      // (B, O_l) pre-activations
  std::span<const float> a(int l) const;      // (B, O_l) activations (after dropout, if any)
  std::span<const float> delta(int l) const;  // (B, O_l) ∂L/∂z⁽ˡ⁾ after backward() (batch norm: ∂L/∂h)
  // Batch norm (layer l has it): the last forward's x̂ (B, O_l), and its μ and 1/√(σ² + ε)
  // (2, O_l): the batch's in training, the running averages' in inference.
  std::span<const float> xhat(int l) const;
  std::span<const float> norm_stats(int l) const;

 private:
  struct Access;  // the forward pass's view of the buffers (defined in mlp.cpp only)
  friend void forward(const Mlp&, const float*, int, Workspace&);
  friend void forward_train(Mlp&, const float*, int, Workspace&, float, Rng&);
  friend float sample_loss(const Mlp&, const Workspace&, const float*, int, Loss);
  friend float batch_loss(const Mlp&, const Workspace&, const float*, int, Loss);
  friend void backward(Mlp&, const float*, const float*, int, Loss, Workspace&);
  float* zp(int l) { return buf_.data() + z_off_[l]; }
  float* ap(int l) { return buf_.data() + a_off_[l]; }
  float* dp(int l) { return buf_.data() + d_off_[l]; }
  float* maskp(int l) { return buf_.data() + mask_off_[l]; }
  float* packp(int l) { return buf_.data() + pack_off_[l]; }
  float* xhatp(int l) { return buf_.data() + xhat_off_[l]; }
  float* statp(int l) { return buf_.data() + stat_off_[l]; }
  float* scratchp() { return buf_.data() + scratch_off_; }

  int batch_ = 0;
  int rows_ = 0;                  // batch of the last forward (≤ batch_)
  bool dropout_on_ = false;       // last forward applied dropout masks
  bool batch_stats_ = false;      // last forward normalised with the batch's μ, σ² (training)
  std::vector<LayerSpec> shape_;  // the model shape this was sized for
  std::vector<size_t> z_off_, a_off_, d_off_, mask_off_, pack_off_;
  std::vector<size_t> xhat_off_;  // (B, O) batch norm's x̂ (batch-norm layers; else unused)
  std::vector<size_t> stat_off_;  // (2, O) batch norm's μ and 1/√(σ²+ε) of the last forward
  size_t scratch_off_ = 0;  // (B, max O) backward's own activations (softmax + dropout)
  std::vector<float> buf_;  // every buffer above, one allocation
};

// a⁽ˡ⁾ = f(W⁽ˡ⁾·a⁽ˡ⁻¹⁾ + b⁽ˡ⁾) for `batch` samples; x is (B, I) row-major. batch ≤ ws.batch().
// (with batch norm: inference, normalised with the running averages)
void forward(const Mlp& model, const float* x, int batch, Workspace& ws);
// a⁽ˡ⁾ = f(z⁽ˡ⁾) where z is the weighted sum, or batch norm's γ⊙x̂+β of it (running averages).
// The training forward: batch norm uses the batch's μ and σ² and moves the running averages
// (hence the non-const model); inverted dropout on every hidden layer's activations: each is
// zeroed with probability p, survivors are scaled by 1/(1 − p). backward() honours both.
void forward_train(Mlp& model, const float* x, int batch, Workspace& ws, float dropout, Rng& rng);
// Loss of sample `row` of the last forward; y is that sample's target (O). batch_loss is the
// mean of these over the batch.
float sample_loss(const Mlp& model, const Workspace& ws, const float* y, int row, Loss loss);
// Mean loss over the batch of the last forward; y is (B, O) (one-hot for classification).
// softmax + cross-entropy and sigmoid + bce are computed from z (log-sum-exp), stable for any z.
float batch_loss(const Mlp& model, const Workspace& ws, const float* y, int batch, Loss loss);
// δ of the output layer, then backprop; ACCUMULATES the batch-mean dW, db into grads().
// x and batch must be those of the last forward.
void backward(Mlp& model, const float* x, const float* y, int batch, Loss loss, Workspace& ws);

}  // namespace nnlab
