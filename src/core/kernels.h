// Compute kernels of the core, in two implementations with the same signatures:
//   nnlab::ref::*   kernels_ref.cpp   plain scalar loops: the reference, easy to read
//   nnlab::simd::*  kernels_simd.cpp  SIMDe vectors: AVX-512 / AVX2 natively, SIMD128 in wasm
// Tests compare the two on awkward sizes (1, 3, 17, 784). Matrices are row-major with a leading
// dimension ld (the distance between rows, in floats). The layers use:
//   forward   Z = X·Wᵀ + b          pack_weights(W) once per pass, then gemm_bias_act_packed
//                                   (M=B, N=O, K=I, A=X, B=Wᵀ in the set's packed layout)
//   backward  dW += δᵀ·X            gemm_tn_acc  (M=O, N=I, K=B, A=δ stored (B, O), B=X)
//             δ_prev = δ·W          gemm_nn      (M=B, N=I, K=O, A=δ, B=W)
//
// [SECTION] Kernels     the declarations, once for ref and once for simd
// [SECTION] Kernel sets both implementations in one binary as tables of function pointers; the
//                       layers and the optimizers call active_kernels(): the SIMD set, or the
//                       reference set when built with NNLAB_REFERENCE_KERNELS=ON (so a reader
//                       can step through mlp.cpp and kernels_ref.cpp alone), switchable at run
//                       time (KernelSetScope, for the tests that train with both)
#pragma once

#include <cstddef>
#include <cstdint>

namespace nnlab {

// What the forward GEMM stores besides Z: nothing, or Y = relu(Z) / leaky_relu(Z).
enum class Epilogue : uint8_t { none, relu, leaky_relu };

// Adam's per-step constants (see optimizers.h).
struct AdamStep {
  float lr;     // η
  float beta1;  // β₁
  float beta2;  // β₂
  float c1;     // 1 / (1 − β₁ᵗ)
  float c2;     // 1 / (1 − β₂ᵗ)
  float eps;    // ε
  float l2;     // λ: g += 2λw (0 for biases)
};

// =============================================================================================
// [SECTION] Kernels
#define NNLAB_KERNEL_DECLARATIONS                                                                                 \
  /* Z(M,N) = A(M,K)·B(K,N) + bias(N); Y(M,N) = epilogue(Z) unless Epilogue::none (Y unused). */                 \
  void gemm_bias_act(int M, int N, int K, const float* A, int lda, const float* B, int ldb, const float* bias,    \
                     float* Z, float* Y, int ldc, Epilogue ep);                                                   \
  /* C(M,N) += Aᵀ·B where A is stored (K, M) and B is (K, N). */                                               \
  void gemm_tn_acc(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc);     \
  /* C(M,N) = A(M,K)·B(K,N). */                                                                                  \
  void gemm_nn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc);         \
  /* dst(cols, rows) = src(rows, cols)ᵀ, both dense. */                                                         \
  void transpose(int rows, int cols, const float* src, float* dst);                                               \
  /* out(N) += Σ_m A(m, :)  (db += Σ_b δ). */                                                                  \
  void col_sum_acc(int M, int N, const float* A, int lda, float* out);                                            \
  /* g(n) := g ⊙ [z > 0]  (ReLU′). */                                                                         \
  void relu_backward(int n, const float* z, float* g);                                                            \
  /* w -= η (g + 2λw). */                                                                                       \
  void sgd_step(size_t n, float* w, const float* g, float lr, float l2);                                          \
  /* v = μv + (g + 2λw); w -= ηv. */                                                                           \
  void momentum_step(size_t n, float* w, const float* g, float* v, float lr, float mu, float l2);                 \
  /* Adam with bias correction; moments below 1e-30 are flushed to 0 (no slow denormals). */                      \
  void adam_step(size_t n, float* w, const float* g, float* m, float* v, const AdamStep& s);                      \
  /* Batch norm over the rows (the batch) of H (M, N), ld = N. mean(N), var(N) := column mean and */            \
  /* biased variance (1/M)Σ(h − μ)². */                                                                           \
  void bn_stats(int M, int N, const float* H, float* mean, float* var);                                           \
  /* X(M, N) := (X − μ)·inv_std (x̂, in place); Z(M, N) = γ ⊙ x̂ + β. */                                       \
  void bn_normalize(int M, int N, float* X, const float* mean, const float* inv_std, const float* gamma,          \
                    const float* beta, float* Z);                                                                 \
  /* dγ += Σ_m dZ ⊙ x̂; dβ += Σ_m dZ; D(M, N) := dH = γ·inv_std/M·(M·dZ − Σ_m dZ − x̂ ⊙ Σ_m dZ ⊙ x̂), */         \
  /* D holds dZ on entry (in place); sums (2N) is scratch. */                                                     \
  void bn_backward(int M, int N, float* D, const float* xhat, const float* gamma, const float* inv_std,           \
                   float* dgamma, float* dbeta, float* sums);                                                     \
  /* true if every value is finite (no NaN, no ±Inf). */                                                         \
  bool all_finite(size_t n, const float* p);                                                                      \
  /* a(n) = tanh(z): ref std::tanh; simd a rational approximation, |error| ≤ 4e-7 (within 7 ulp). */          \
  void tanh_act(size_t n, const float* z, float* a);                                                              \
  /* The forward GEMM on W (N, K) in the set's packed layout, equal to                          */                \
  /* gemm_bias_act(M, N, K, A, lda, Wᵀ, N, bias, Z, Y, ldc, ep). ref packs plainly Wᵀ (K, N);   */            \
  /* simd cuts Wᵀ into zero-padded column panels so B streams through the cache in order.       */              \
  size_t packed_weights_size(int N, int K);                       /* floats, for W (N, K) */                      \
  void pack_weights(int N, int K, const float* W, float* packed); /* W (N, K) → packed */                       \
  void gemm_bias_act_packed(int M, int N, int K, const float* A, int lda, const float* packed, const float* bias, \
                            float* Z, float* Y, int ldc, Epilogue ep);                                            \
  /* "scalar" (ref); "avx512", "avx2", "sse" or "wasm128" (simd). */                                              \
  const char* isa_name();

namespace ref {
NNLAB_KERNEL_DECLARATIONS
}  // namespace ref

namespace simd {
NNLAB_KERNEL_DECLARATIONS
}  // namespace simd

#undef NNLAB_KERNEL_DECLARATIONS

// =============================================================================================
// [SECTION] Kernel sets
enum class KernelSet : uint8_t { reference, simd };

// One implementation's kernels, field by field the declarations above.
struct Kernels {
  KernelSet set;
  const char* set_name;  // "reference", "simd"
  decltype(&ref::gemm_bias_act) gemm_bias_act;
  decltype(&ref::gemm_tn_acc) gemm_tn_acc;
  decltype(&ref::gemm_nn) gemm_nn;
  decltype(&ref::transpose) transpose;
  decltype(&ref::col_sum_acc) col_sum_acc;
  decltype(&ref::relu_backward) relu_backward;
  decltype(&ref::sgd_step) sgd_step;
  decltype(&ref::momentum_step) momentum_step;
  decltype(&ref::adam_step) adam_step;
  decltype(&ref::bn_stats) bn_stats;
  decltype(&ref::bn_normalize) bn_normalize;
  decltype(&ref::bn_backward) bn_backward;
  decltype(&ref::all_finite) all_finite;
  decltype(&ref::tanh_act) tanh_act;
  decltype(&ref::packed_weights_size) packed_weights_size;
  decltype(&ref::pack_weights) pack_weights;
  decltype(&ref::gemm_bias_act_packed) gemm_bias_act_packed;
  decltype(&ref::isa_name) isa_name;
};

const Kernels& kernels(KernelSet set);  // the table of one set
const Kernels& active_kernels();        // what forward, backward, the optimizers and the trainer call
KernelSet default_kernel_set();         // the build's: reference with NNLAB_REFERENCE_KERNELS=ON, else simd
void set_kernel_set(KernelSet set);     // the active set for the whole program, from now on

// Makes `set` the active set for its lifetime, then restores the previous one (tests).
class KernelSetScope {
 public:
  explicit KernelSetScope(KernelSet set);
  ~KernelSetScope();
  KernelSetScope(const KernelSetScope&) = delete;
  KernelSetScope& operator=(const KernelSetScope&) = delete;

 private:
  KernelSet saved_;
};

// Sets flush-to-zero / denormals-are-zero for its lifetime (native x86); no-op in wasm, where
// the kernels clamp tiny values instead.
class DenormalScope {
 public:
  DenormalScope();
  ~DenormalScope();
  DenormalScope(const DenormalScope&) = delete;
  DenormalScope& operator=(const DenormalScope&) = delete;

 private:
  unsigned saved_ = 0;
};

}  // namespace nnlab
