// Vectorised element-wise kernels: ReLU′, column sums, optimizer updates, finite check, and the
// native flush-to-zero scope (same results as kernels_ref.cpp, up to rounding).
#include <cmath>
#include <cstring>

#include "core/kernels.h"
#include "core/simd_vec.h"

namespace nnlab {

namespace simd {
using namespace simdv;

// =============================================================================================
// [SECTION] Element-wise kernels
void col_sum_acc(int M, int N, const float* A, int lda, float* out) {
  int n = 0;
  for (; n + W <= N; n += W) {
    V s = vload(out + n);
    for (int m = 0; m < M; ++m) s = vadd(s, vload(A + static_cast<ptrdiff_t>(m) * lda + n));
    vstore(out + n, s);
  }
  if (n < N) {
    const int last = N - n;
    V s = vload_n(out + n, last);
    for (int m = 0; m < M; ++m) s = vadd(s, vload_n(A + static_cast<ptrdiff_t>(m) * lda + n, last));
    vstore_n(out + n, s, last);
  }
}

void relu_backward(int n, const float* z, float* g) {
  int i = 0;
  for (; i + W <= n; i += W) vstore(g + i, vkeep_gt(vload(g + i), vload(z + i), vzero()));
  for (; i < n; ++i) g[i] = z[i] > 0.0f ? g[i] : 0.0f;
}

void sgd_step(size_t n, float* w, const float* g, float lr, float l2) {
  const V vlr = vset1(lr), v2l2 = vset1(2.0f * l2);
  size_t i = 0;
  for (; i + W <= n; i += W) {
    const V wi = vload(w + i);
    vstore(w + i, vsub(wi, vmul(vlr, vfma(v2l2, wi, vload(g + i)))));  // w − η(g + 2λw)
  }
  for (; i < n; ++i) w[i] -= lr * (g[i] + 2.0f * l2 * w[i]);
}

void momentum_step(size_t n, float* w, const float* g, float* v, float lr, float mu, float l2) {
  const V vlr = vset1(lr), vmu = vset1(mu), v2l2 = vset1(2.0f * l2);
  size_t i = 0;
  for (; i + W <= n; i += W) {
    const V wi = vload(w + i);
    const V vi = vfma(vmu, vload(v + i), vfma(v2l2, wi, vload(g + i)));  // μv + g + 2λw
    vstore(v + i, vi);
    vstore(w + i, vsub(wi, vmul(vlr, vi)));
  }
  for (; i < n; ++i) {
    v[i] = mu * v[i] + (g[i] + 2.0f * l2 * w[i]);
    w[i] -= lr * v[i];
  }
}

void adam_step(size_t n, float* w, const float* g, float* m, float* v, const AdamStep& s) {
  const V b1 = vset1(s.beta1), b1c = vset1(1.0f - s.beta1), b2 = vset1(s.beta2), b2c = vset1(1.0f - s.beta2);
  const V c1 = vset1(s.c1), c2 = vset1(s.c2), eps = vset1(s.eps), lr = vset1(s.lr), two_l2 = vset1(2.0f * s.l2);
  const V tiny = vset1(1e-30f);
  size_t i = 0;
  for (; i + W <= n; i += W) {
    const V wi = vload(w + i);
    const V gi = vfma(two_l2, wi, vload(g + i));
    V mi = vfma(b1, vload(m + i), vmul(b1c, gi));            // β₁m + (1−β₁)g
    V vi = vfma(b2, vload(v + i), vmul(b2c, vmul(gi, gi)));  // β₂v + (1−β₂)g²
    mi = vkeep_ge(mi, vabs(mi), tiny);                       // flush tiny moments: no denormals
    vi = vkeep_ge(vi, vi, tiny);
    vstore(m + i, mi);
    vstore(v + i, vi);
    const V step = vdiv(vmul(mi, c1), vadd(vsqrt(vmul(vi, c2)), eps));  // m̂ / (√v̂ + ε)
    vstore(w + i, vsub(wi, vmul(lr, step)));
  }
  if (i < n) ref::adam_step(n - i, w + i, g + i, m + i, v + i, s);
}

// x − x is 0 for every finite x and NaN for ±Inf and NaN; NaN survives the sum. Four
// independent sums so the adds are not one long dependency chain.
// Batch norm: columns W at a time (a vector holds W neurons), the rows (the batch) in a loop;
// a column tail uses masked loads/stores.
namespace {
template <class F>
void by_columns(int N, F&& f) {  // f(n0, width)
  int n = 0;
  for (; n + W <= N; n += W) f(n, W);
  if (n < N) f(n, N - n);
}
inline V load(const float* p, int w) { return w == W ? vload(p) : vload_n(p, w); }
inline void store(float* p, V v, int w) {
  if (w == W) vstore(p, v);
  else vstore_n(p, v, w);
}
}  // namespace

void bn_stats(int M, int N, const float* H, float* mean, float* var) {
  const V inv_m = vset1(1.0f / static_cast<float>(M));
  by_columns(N, [&](int n, int w) {
    V s = vzero();
    for (int m = 0; m < M; ++m) s = vadd(s, load(H + static_cast<ptrdiff_t>(m) * N + n, w));
    const V mu = vmul(s, inv_m);
    V q = vzero();
    for (int m = 0; m < M; ++m) {
      const V d = vsub(load(H + static_cast<ptrdiff_t>(m) * N + n, w), mu);
      q = vfma(d, d, q);
    }
    store(mean + n, mu, w);
    store(var + n, vmul(q, inv_m), w);
  });
}

void bn_normalize(int M, int N, float* X, const float* mean, const float* inv_std, const float* gamma,
                  const float* beta, float* Z) {
  by_columns(N, [&](int n, int w) {
    const V mu = load(mean + n, w), is = load(inv_std + n, w), g = load(gamma + n, w), b = load(beta + n, w);
    for (int m = 0; m < M; ++m) {
      float* x = X + static_cast<ptrdiff_t>(m) * N + n;
      const V xh = vmul(vsub(load(x, w), mu), is);  // x̂ = (h − μ)·inv_std
      store(x, xh, w);
      store(Z + static_cast<ptrdiff_t>(m) * N + n, vfma(g, xh, b), w);  // z = γx̂ + β
    }
  });
}

void bn_backward(int M, int N, float* D, const float* xhat, const float* gamma, const float* inv_std, float* dgamma,
                 float* dbeta, float* sums) {
  (void)sums;  // the column sums stay in registers here
  const V vm = vset1(static_cast<float>(M)), inv_m = vset1(1.0f / static_cast<float>(M));
  by_columns(N, [&](int n, int w) {
    V sd = vzero(), sdx = vzero();
    for (int m = 0; m < M; ++m) {
      const ptrdiff_t i = static_cast<ptrdiff_t>(m) * N + n;
      const V d = load(D + i, w);
      sd = vadd(sd, d);
      sdx = vfma(d, load(xhat + i, w), sdx);
    }
    store(dgamma + n, vadd(load(dgamma + n, w), sdx), w);
    store(dbeta + n, vadd(load(dbeta + n, w), sd), w);
    const V k = vmul(vmul(load(gamma + n, w), load(inv_std + n, w)), inv_m);  // γ·inv_std/M
    for (int m = 0; m < M; ++m) {
      const ptrdiff_t i = static_cast<ptrdiff_t>(m) * N + n;
      const V d = load(D + i, w);
      // dh = k·(M·dz − Σdz − x̂·Σ dz⊙x̂)
      store(D + i, vmul(k, vsub(vsub(vmul(vm, d), sd), vmul(load(xhat + i, w), sdx))), w);
    }
  });
}

bool all_finite(size_t n, const float* p) {
  V acc[4] = {vzero(), vzero(), vzero(), vzero()};
  size_t i = 0;
  for (; i + 4 * W <= n; i += 4 * W)
    for (int j = 0; j < 4; ++j) {
      const V x = vload(p + i + j * W);
      acc[j] = vadd(acc[j], vsub(x, x));
    }
  for (; i + W <= n; i += W) {
    const V x = vload(p + i);
    acc[0] = vadd(acc[0], vsub(x, x));
  }
  float lanes[W];
  vstore(lanes, vadd(vadd(acc[0], acc[1]), vadd(acc[2], acc[3])));
  for (int j = 0; j < W; ++j)
    if (lanes[j] != 0.0f) return false;
  for (; i < n; ++i)
    if (!std::isfinite(p[i])) return false;
  return true;
}

// tanh as one rational function of z on [−c, c] (c ≈ 7.905, where it reaches ±1 in float): an odd
// degree-13 numerator over an even degree-6 denominator, the fit Eigen's fast tanh uses. Measured
// against tanh in double over [−10, 10]: |error| ≤ 3.9e-7, |result| ≤ 1 (tests/core/test_kernels.cpp).
void tanh_act(size_t n, const float* z, float* a) {
  const V lo = vset1(-7.90531110763549805f), hi = vset1(7.90531110763549805f);
  const V a1 = vset1(4.89352455891786e-03f), a3 = vset1(6.37261928875436e-04f), a5 = vset1(1.48572235717979e-05f),
          a7 = vset1(5.12229709037114e-08f), a9 = vset1(-8.60467152213735e-11f), a11 = vset1(2.00018790482477e-13f),
          a13 = vset1(-2.76076847742355e-16f);
  const V b0 = vset1(4.89352518554385e-03f), b2 = vset1(2.26843463243900e-03f), b4 = vset1(1.18534705686654e-04f),
          b6 = vset1(1.19825839466702e-06f);
  auto one = [&](V x) {
    x = vclamp(x, lo, hi);
    const V x2 = vmul(x, x);
    V p = vfma(vfma(vfma(vfma(vfma(vfma(a13, x2, a11), x2, a9), x2, a7), x2, a5), x2, a3), x2, a1);
    p = vmul(p, x);                                       // x·P(x²)
    const V q = vfma(vfma(vfma(b6, x2, b4), x2, b2), x2, b0);  // Q(x²)
    return vdiv(p, q);
  };
  size_t i = 0;
  for (; i + W <= n; i += W) vstore(a + i, one(vload(z + i)));
  if (i < n) {
    const int last = static_cast<int>(n - i);
    vstore_n(a + i, one(vload_n(z + i, last)), last);
  }
}

}  // namespace simd

// =============================================================================================
DenormalScope::DenormalScope() {
#if defined(__SSE__) && !defined(__EMSCRIPTEN__)
  saved_ = _mm_getcsr();
  _mm_setcsr(saved_ | 0x8040u);  // FTZ (bit 15) | DAZ (bit 6)
#else
  (void)saved_;
#endif
}

DenormalScope::~DenormalScope() {
#if defined(__SSE__) && !defined(__EMSCRIPTEN__)
  _mm_setcsr(saved_);
#endif
}

}  // namespace nnlab
