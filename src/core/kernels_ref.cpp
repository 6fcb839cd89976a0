// Scalar reference kernels: the plain loops every SIMD kernel in kernels_simd.cpp must match.
#include <cmath>

#include "core/kernels.h"

namespace nnlab::ref {

// Z = A·B + bias; Y = epilogue(Z)
void gemm_bias_act(int M, int N, int K, const float* A, int lda, const float* B, int ldb, const float* bias, float* Z,
                   float* Y, int ldc, Epilogue ep) {
  for (int m = 0; m < M; ++m) {
    for (int n = 0; n < N; ++n) {
      float acc = bias ? bias[n] : 0.0f;
      for (int k = 0; k < K; ++k) acc += A[m * lda + k] * B[k * ldb + n];
      Z[m * ldc + n] = acc;
      if (ep == Epilogue::relu) Y[m * ldc + n] = acc > 0.0f ? acc : 0.0f;
      if (ep == Epilogue::leaky_relu) Y[m * ldc + n] = acc > 0.0f ? acc : 0.01f * acc;
    }
  }
}

// C += Aᵀ·B, A stored (K, M)
void gemm_tn_acc(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc) {
  for (int m = 0; m < M; ++m) {
    for (int n = 0; n < N; ++n) {
      float acc = 0.0f;
      for (int k = 0; k < K; ++k) acc += A[k * lda + m] * B[k * ldb + n];
      C[m * ldc + n] += acc;
    }
  }
}

// C = A·B
void gemm_nn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc) {
  for (int m = 0; m < M; ++m) {
    for (int n = 0; n < N; ++n) {
      float acc = 0.0f;
      for (int k = 0; k < K; ++k) acc += A[m * lda + k] * B[k * ldb + n];
      C[m * ldc + n] = acc;
    }
  }
}

void transpose(int rows, int cols, const float* src, float* dst) {
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) dst[c * rows + r] = src[r * cols + c];
}

void col_sum_acc(int M, int N, const float* A, int lda, float* out) {
  for (int m = 0; m < M; ++m)
    for (int n = 0; n < N; ++n) out[n] += A[m * lda + n];
}

void relu_backward(int n, const float* z, float* g) {
  for (int i = 0; i < n; ++i) g[i] = z[i] > 0.0f ? g[i] : 0.0f;
}

// w -= η (g + 2λw)
void sgd_step(size_t n, float* w, const float* g, float lr, float l2) {
  for (size_t i = 0; i < n; ++i) w[i] -= lr * (g[i] + 2.0f * l2 * w[i]);
}

// v = μv + g; w -= ηv
void momentum_step(size_t n, float* w, const float* g, float* v, float lr, float mu, float l2) {
  for (size_t i = 0; i < n; ++i) {
    v[i] = mu * v[i] + (g[i] + 2.0f * l2 * w[i]);
    w[i] -= lr * v[i];
  }
}

// m = β₁m + (1−β₁)g; v = β₂v + (1−β₂)g²; w -= η m̂ / (√v̂ + ε)
void adam_step(size_t n, float* w, const float* g, float* m, float* v, const AdamStep& s) {
  for (size_t i = 0; i < n; ++i) {
    const float gi = g[i] + 2.0f * s.l2 * w[i];
    float mi = s.beta1 * m[i] + (1.0f - s.beta1) * gi;
    float vi = s.beta2 * v[i] + (1.0f - s.beta2) * gi * gi;
    mi = std::fabs(mi) < 1e-30f ? 0.0f : mi;
    vi = vi < 1e-30f ? 0.0f : vi;
    m[i] = mi;
    v[i] = vi;
    w[i] -= s.lr * (mi * s.c1) / (std::sqrt(vi * s.c2) + s.eps);
  }
}

// μ = (1/M) Σ_m h;  σ² = (1/M) Σ_m (h − μ)²   (two passes, in double: the reference)
void bn_stats(int M, int N, const float* H, float* mean, float* var) {
  for (int n = 0; n < N; ++n) {
    double s = 0.0;
    for (int m = 0; m < M; ++m) s += H[static_cast<size_t>(m) * N + n];
    const double mu = s / M;
    double q = 0.0;
    for (int m = 0; m < M; ++m) {
      const double d = H[static_cast<size_t>(m) * N + n] - mu;
      q += d * d;
    }
    mean[n] = static_cast<float>(mu);
    var[n] = static_cast<float>(q / M);
  }
}

// x̂ = (h − μ)·inv_std;  z = γ ⊙ x̂ + β
void bn_normalize(int M, int N, float* X, const float* mean, const float* inv_std, const float* gamma,
                  const float* beta, float* Z) {
  for (int m = 0; m < M; ++m)
    for (int n = 0; n < N; ++n) {
      const size_t i = static_cast<size_t>(m) * N + n;
      X[i] = (X[i] - mean[n]) * inv_std[n];
      Z[i] = gamma[n] * X[i] + beta[n];
    }
}

// dγ += Σ dz⊙x̂;  dβ += Σ dz;  dh = γ·inv_std/M · (M·dz − Σ dz − x̂ ⊙ Σ dz⊙x̂)
void bn_backward(int M, int N, float* D, const float* xhat, const float* gamma, const float* inv_std, float* dgamma,
                 float* dbeta, float* sums) {
  float* sum_d = sums;       // (N) Σ_m dz
  float* sum_dx = sums + N;  // (N) Σ_m dz ⊙ x̂
  for (int n = 0; n < N; ++n) sum_d[n] = sum_dx[n] = 0.0f;
  for (int m = 0; m < M; ++m)
    for (int n = 0; n < N; ++n) {
      const size_t i = static_cast<size_t>(m) * N + n;
      sum_d[n] += D[i];
      sum_dx[n] += D[i] * xhat[i];
    }
  for (int n = 0; n < N; ++n) {
    dgamma[n] += sum_dx[n];
    dbeta[n] += sum_d[n];
  }
  const float inv_m = 1.0f / static_cast<float>(M);
  for (int m = 0; m < M; ++m)
    for (int n = 0; n < N; ++n) {
      const size_t i = static_cast<size_t>(m) * N + n;
      D[i] = gamma[n] * inv_std[n] * inv_m * (static_cast<float>(M) * D[i] - sum_d[n] - xhat[i] * sum_dx[n]);
    }
}

bool all_finite(size_t n, const float* p) {
  for (size_t i = 0; i < n; ++i)
    if (!std::isfinite(p[i])) return false;
  return true;
}

// The packed forward GEMM: "packing" is the transpose, Wᵀ (K, N), and the product the plain one.
size_t packed_weights_size(int N, int K) { return static_cast<size_t>(N) * static_cast<size_t>(K); }

void pack_weights(int N, int K, const float* W, float* packed) { transpose(N, K, W, packed); }

// Z = A·Wᵀ + bias; Y = epilogue(Z)
void gemm_bias_act_packed(int M, int N, int K, const float* A, int lda, const float* packed, const float* bias,
                          float* Z, float* Y, int ldc, Epilogue ep) {
  gemm_bias_act(M, N, K, A, lda, packed, N, bias, Z, Y, ldc, ep);
}

void tanh_act(size_t n, const float* z, float* a) {
  for (size_t i = 0; i < n; ++i) a[i] = std::tanh(z[i]);
}

const char* isa_name() { return "scalar"; }

}  // namespace nnlab::ref
