// Vectorised kernels (same signatures and results as kernels_ref.cpp, up to rounding).
//
// [SECTION] Vector layer: one small set of operations on V (W floats) over SIMDe
//           AVX-512 (W = 16) / AVX2+FMA (W = 8) natively, 128-bit (W = 4) elsewhere; in wasm
//           SIMDe's SSE maps onto SIMD128 (and ReLU uses f32x4.pmax, one instruction).
// [SECTION] GEMM: register-blocked "load-splat" micro-kernel, MR rows × NV vectors of C per tile:
//           for each k, NV vectors of B's row k are loaded, each of the MR A values is broadcast
//           and multiply-added into MR·NV accumulators. Column tails use masked loads.
// [SECTION] Element-wise kernels: ReLU′, column sums, optimizer updates, finite check.
#include <cmath>
#include <cstring>

#include "core/kernels.h"

#if defined(__AVX512F__)
#include <immintrin.h>  // masked loads/stores (SIMDe 0.7.4 lacks them); native when __AVX512F__
#include <simde/x86/avx512.h>
#elif defined(__AVX2__) && defined(__FMA__)
#include <simde/x86/avx2.h>
#include <simde/x86/fma.h>
#else
#include <simde/x86/sse2.h>
#endif
#if defined(__SSE__) && !defined(__EMSCRIPTEN__)
#include <xmmintrin.h>  // MXCSR (flush-to-zero)
#endif

namespace nnlab {

// =============================================================================================
// [SECTION] Vector layer
namespace {

#if defined(__AVX512F__)
constexpr int W = 16;
using V = simde__m512;
constexpr const char* kIsa = "avx512";
inline V vload(const float* p) { return simde_mm512_loadu_ps(p); }
inline void vstore(float* p, V v) { simde_mm512_storeu_ps(p, v); }
inline V vload_n(const float* p, int n) { return _mm512_maskz_loadu_ps(static_cast<__mmask16>((1u << n) - 1u), p); }
inline void vstore_n(float* p, V v, int n) { _mm512_mask_storeu_ps(p, static_cast<__mmask16>((1u << n) - 1u), v); }
inline V vset1(float x) { return simde_mm512_set1_ps(x); }
inline V vzero() { return simde_mm512_setzero_ps(); }
inline V vfma(V a, V b, V c) { return simde_mm512_fmadd_ps(a, b, c); }  // a·b + c
inline V vadd(V a, V b) { return simde_mm512_add_ps(a, b); }
inline V vsub(V a, V b) { return simde_mm512_sub_ps(a, b); }
inline V vmul(V a, V b) { return simde_mm512_mul_ps(a, b); }
inline V vdiv(V a, V b) { return simde_mm512_div_ps(a, b); }
inline V vsqrt(V a) { return _mm512_maskz_sqrt_ps(static_cast<__mmask16>(0xFFFF), a); }  // (as vrelu)
// relu via a compare mask (GCC 12's _mm512_max_ps trips -Wmaybe-uninitialized in its header)
inline V vrelu(V a) { return simde_mm512_maskz_mov_ps(simde_mm512_cmp_ps_mask(a, vzero(), SIMDE_CMP_GT_OQ), a); }
inline V vleaky(V a) {
  return simde_mm512_mask_mov_ps(simde_mm512_mul_ps(a, vset1(0.01f)), simde_mm512_cmp_ps_mask(a, vzero(), SIMDE_CMP_GT_OQ), a);
}
inline V vabs(V a) { return simde_mm512_abs_ps(a); }
// keep where mask(a > b) else 0
inline V vkeep_gt(V keep, V a, V b) { return simde_mm512_maskz_mov_ps(simde_mm512_cmp_ps_mask(a, b, SIMDE_CMP_GT_OQ), keep); }
inline V vkeep_ge(V keep, V a, V b) { return simde_mm512_maskz_mov_ps(simde_mm512_cmp_ps_mask(a, b, SIMDE_CMP_GE_OQ), keep); }
#elif defined(__AVX2__) && defined(__FMA__)
constexpr int W = 8;
using V = simde__m256;
constexpr const char* kIsa = "avx2";
inline simde__m256i tail_mask(int n) {
  return simde_mm256_cmpgt_epi32(simde_mm256_set1_epi32(n), simde_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}
inline V vload(const float* p) { return simde_mm256_loadu_ps(p); }
inline void vstore(float* p, V v) { simde_mm256_storeu_ps(p, v); }
inline V vload_n(const float* p, int n) { return simde_mm256_maskload_ps(p, tail_mask(n)); }
inline void vstore_n(float* p, V v, int n) { simde_mm256_maskstore_ps(p, tail_mask(n), v); }
inline V vset1(float x) { return simde_mm256_set1_ps(x); }
inline V vzero() { return simde_mm256_setzero_ps(); }
inline V vfma(V a, V b, V c) { return simde_mm256_fmadd_ps(a, b, c); }
inline V vadd(V a, V b) { return simde_mm256_add_ps(a, b); }
inline V vsub(V a, V b) { return simde_mm256_sub_ps(a, b); }
inline V vmul(V a, V b) { return simde_mm256_mul_ps(a, b); }
inline V vdiv(V a, V b) { return simde_mm256_div_ps(a, b); }
inline V vsqrt(V a) { return simde_mm256_sqrt_ps(a); }
inline V vrelu(V a) { return simde_mm256_max_ps(a, vzero()); }
inline V vleaky(V a) { return simde_mm256_max_ps(a, vmul(a, vset1(0.01f))); }
inline V vabs(V a) { return simde_mm256_andnot_ps(simde_mm256_set1_ps(-0.0f), a); }
inline V vkeep_gt(V keep, V a, V b) { return simde_mm256_and_ps(simde_mm256_cmp_ps(a, b, SIMDE_CMP_GT_OQ), keep); }
inline V vkeep_ge(V keep, V a, V b) { return simde_mm256_and_ps(simde_mm256_cmp_ps(a, b, SIMDE_CMP_GE_OQ), keep); }
#else
constexpr int W = 4;
using V = simde__m128;
#if defined(__wasm_simd128__)
constexpr const char* kIsa = "wasm128";
#else
constexpr const char* kIsa = "sse";
#endif
inline V vload(const float* p) { return simde_mm_loadu_ps(p); }
inline void vstore(float* p, V v) { simde_mm_storeu_ps(p, v); }
inline V vload_n(const float* p, int n) {
  return simde_mm_setr_ps(p[0], n > 1 ? p[1] : 0.0f, n > 2 ? p[2] : 0.0f, 0.0f);
}
inline void vstore_n(float* p, V v, int n) {
  float tmp[4];
  simde_mm_storeu_ps(tmp, v);
  for (int i = 0; i < n; ++i) p[i] = tmp[i];
}
inline V vset1(float x) { return simde_mm_set1_ps(x); }
inline V vzero() { return simde_mm_setzero_ps(); }
inline V vfma(V a, V b, V c) { return simde_mm_add_ps(simde_mm_mul_ps(a, b), c); }  // wasm has no FMA
inline V vadd(V a, V b) { return simde_mm_add_ps(a, b); }
inline V vsub(V a, V b) { return simde_mm_sub_ps(a, b); }
inline V vmul(V a, V b) { return simde_mm_mul_ps(a, b); }
inline V vdiv(V a, V b) { return simde_mm_div_ps(a, b); }
inline V vsqrt(V a) { return simde_mm_sqrt_ps(a); }
#if defined(__wasm_simd128__)
inline V vmax(V a, V b) { return wasm_f32x4_pmax(a, b); }  // a < b ? b : a, one instruction
#else
inline V vmax(V a, V b) { return simde_mm_max_ps(a, b); }
#endif
inline V vrelu(V a) { return vmax(a, vzero()); }
inline V vleaky(V a) { return vmax(a, vmul(a, vset1(0.01f))); }
inline V vabs(V a) { return simde_mm_andnot_ps(simde_mm_set1_ps(-0.0f), a); }
inline V vkeep_gt(V keep, V a, V b) { return simde_mm_and_ps(simde_mm_cmpgt_ps(a, b), keep); }
inline V vkeep_ge(V keep, V a, V b) { return simde_mm_and_ps(simde_mm_cmpge_ps(a, b), keep); }
#endif

// Micro-kernel shape: MR rows × NV vectors. 32 vector registers with AVX-512, 16 otherwise.
#if defined(__AVX512F__)
constexpr int kMR = 8, kNV = 2;
#elif defined(__AVX2__)
constexpr int kMR = 6, kNV = 2;
#else
#ifndef NNLAB_WASM_MR
#define NNLAB_WASM_MR 4  // 4×3 measured best in node: 12 accumulators + 3 B vectors + 1 splat
#define NNLAB_WASM_NV 3
#endif
constexpr int kMR = NNLAB_WASM_MR, kNV = NNLAB_WASM_NV;
#endif

// =============================================================================================
// [SECTION] GEMM
enum class Mode { store, accumulate, bias_act };

struct GemmArgs {
  int K;
  const float* A;  // element (m, k) at A[m·a_rs + k·a_cs]
  int a_rs, a_cs;
  const float* B;  // row k at B + k·ldb
  int ldb;
  const float* bias;  // (N) for Mode::bias_act, may be null
  float* C;           // Z for bias_act
  float* Y;           // activation output for bias_act with an epilogue
  int ldc;
  Epilogue ep;
};

// One tile: rows [m0, m0+MR) × columns [n0, n0 + (NV−1)·W + last), last ≤ W valid in the last vector.
template <int MR, int NV, Mode mode>
[[gnu::noinline]] void tile(const GemmArgs& g, int m0, int n0, int last) {
  V acc[MR][NV];
  if constexpr (mode == Mode::bias_act) {
    for (int j = 0; j < NV; ++j) {
      const bool tail = j == NV - 1 && last < W;
      const V b = g.bias ? (tail ? vload_n(g.bias + n0 + j * W, last) : vload(g.bias + n0 + j * W)) : vzero();
      for (int i = 0; i < MR; ++i) acc[i][j] = b;
    }
  } else {
    for (int i = 0; i < MR; ++i)
      for (int j = 0; j < NV; ++j) acc[i][j] = vzero();
  }
  // Pointers are bumped by hand: emscripten builds with LLVM's loop strength reduction off, so
  // k·ldb-style indexing would cost two multiplies per k in wasm.
  const float* ak = g.A + static_cast<ptrdiff_t>(m0) * g.a_rs;  // A(m0, k)
  const float* brow = g.B + n0;                                 // B(k, n0)
  const ptrdiff_t a_cs = g.a_cs, ldb = g.ldb;
  ptrdiff_t aoff[MR];  // A(m0 + i, k) = ak[aoff[i]]
  for (int i = 0; i < MR; ++i) aoff[i] = static_cast<ptrdiff_t>(i) * g.a_rs;
  if (last == W) {
    for (int k = 0; k < g.K; ++k, ak += a_cs, brow += ldb) {
      V bv[NV];
      for (int j = 0; j < NV; ++j) bv[j] = vload(brow + j * W);
      for (int i = 0; i < MR; ++i) {
        const V av = vset1(ak[aoff[i]]);
        for (int j = 0; j < NV; ++j) acc[i][j] = vfma(av, bv[j], acc[i][j]);
      }
    }
  } else {
    for (int k = 0; k < g.K; ++k, ak += a_cs, brow += ldb) {
      V bv[NV];
      for (int j = 0; j < NV; ++j) bv[j] = j == NV - 1 ? vload_n(brow + j * W, last) : vload(brow + j * W);
      for (int i = 0; i < MR; ++i) {
        const V av = vset1(ak[aoff[i]]);
        for (int j = 0; j < NV; ++j) acc[i][j] = vfma(av, bv[j], acc[i][j]);
      }
    }
  }
  for (int i = 0; i < MR; ++i) {
    float* crow = g.C + static_cast<ptrdiff_t>(m0 + i) * g.ldc + n0;
    float* yrow = g.Y ? g.Y + static_cast<ptrdiff_t>(m0 + i) * g.ldc + n0 : nullptr;
    for (int j = 0; j < NV; ++j) {
      const bool tail = j == NV - 1 && last < W;
      V c = acc[i][j];
      if constexpr (mode == Mode::accumulate) c = vadd(c, tail ? vload_n(crow + j * W, last) : vload(crow + j * W));
      if (tail) vstore_n(crow + j * W, c, last); else vstore(crow + j * W, c);
      if constexpr (mode == Mode::bias_act) {
        if (g.ep == Epilogue::none) continue;
        const V y = g.ep == Epilogue::relu ? vrelu(c) : vleaky(c);
        if (tail) vstore_n(yrow + j * W, y, last); else vstore(yrow + j * W, y);
      }
    }
  }
}

// Rows [m0, m0+rows), rows < MR, of one column block.
template <int NV, Mode mode>
void tile_rows(const GemmArgs& g, int m0, int rows, int n0, int last) {
  switch (rows) {
    case 1: tile<1, NV, mode>(g, m0, n0, last); return;
    case 2: tile<2, NV, mode>(g, m0, n0, last); return;
    case 3: tile<3, NV, mode>(g, m0, n0, last); return;
    case 4: if constexpr (kMR > 4) { tile<4, NV, mode>(g, m0, n0, last); return; } break;
    case 5: if constexpr (kMR > 5) { tile<5, NV, mode>(g, m0, n0, last); return; } break;
    case 6: if constexpr (kMR > 6) { tile<6, NV, mode>(g, m0, n0, last); return; } break;
    case 7: if constexpr (kMR > 7) { tile<7, NV, mode>(g, m0, n0, last); return; } break;
    default: break;
  }
}

template <int NV, Mode mode>
void column_block(const GemmArgs& g, int M, int n0, int last) {
  int m0 = 0;
  for (; m0 + kMR <= M; m0 += kMR) tile<kMR, NV, mode>(g, m0, n0, last);
  if (m0 < M) tile_rows<NV, mode>(g, m0, M - m0, n0, last);
}

template <Mode mode>
void gemm(const GemmArgs& g, int M, int N) {
  int n0 = 0;
  for (; n0 + kNV * W <= N; n0 += kNV * W) column_block<kNV, mode>(g, M, n0, W);
  for (; n0 < N; n0 += W) column_block<1, mode>(g, M, n0, N - n0 < W ? N - n0 : W);
}

}  // namespace

namespace simd {

const char* isa_name() { return kIsa; }

void gemm_bias_act(int M, int N, int K, const float* A, int lda, const float* B, int ldb, const float* bias, float* Z,
                   float* Y, int ldc, Epilogue ep) {
  const GemmArgs g{K, A, lda, 1, B, ldb, bias, Z, ep == Epilogue::none ? nullptr : Y, ldc, ep};
  gemm<Mode::bias_act>(g, M, N);
}

void gemm_tn_acc(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc) {
  const GemmArgs g{K, A, 1, lda, B, ldb, nullptr, C, nullptr, ldc, Epilogue::none};
  gemm<Mode::accumulate>(g, M, N);
}

void gemm_nn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc) {
  const GemmArgs g{K, A, lda, 1, B, ldb, nullptr, C, nullptr, ldc, Epilogue::none};
  gemm<Mode::store>(g, M, N);
}

// Transpose in 4×4 register blocks (128-bit on every target: SIMD128 in wasm), sweeping 4 source
// rows at a time left to right.
void transpose(int rows, int cols, const float* src, float* dst) {
  int r0 = 0;
  for (; r0 + 4 <= rows; r0 += 4) {
    const float* s0 = src + static_cast<ptrdiff_t>(r0) * cols;
    int c0 = 0;
    for (; c0 + 4 <= cols; c0 += 4) {
      const simde__m128 a = simde_mm_loadu_ps(s0 + c0), b = simde_mm_loadu_ps(s0 + cols + c0),
                        c = simde_mm_loadu_ps(s0 + 2 * cols + c0), d = simde_mm_loadu_ps(s0 + 3 * cols + c0);
      const simde__m128 t0 = simde_mm_unpacklo_ps(a, b), t1 = simde_mm_unpacklo_ps(c, d);  // a0 b0 a1 b1 | c0 d0 c1 d1
      const simde__m128 t2 = simde_mm_unpackhi_ps(a, b), t3 = simde_mm_unpackhi_ps(c, d);  // a2 b2 a3 b3 | c2 d2 c3 d3
      float* d0 = dst + static_cast<ptrdiff_t>(c0) * rows + r0;
      simde_mm_storeu_ps(d0, simde_mm_movelh_ps(t0, t1));             // a0 b0 c0 d0
      simde_mm_storeu_ps(d0 + rows, simde_mm_movehl_ps(t1, t0));      // a1 b1 c1 d1
      simde_mm_storeu_ps(d0 + 2 * rows, simde_mm_movelh_ps(t2, t3));  // a2 b2 c2 d2
      simde_mm_storeu_ps(d0 + 3 * rows, simde_mm_movehl_ps(t3, t2));  // a3 b3 c3 d3
    }
    for (; c0 < cols; ++c0)
      for (int r = r0; r < r0 + 4; ++r) dst[static_cast<ptrdiff_t>(c0) * rows + r] = src[static_cast<ptrdiff_t>(r) * cols + c0];
  }
  for (; r0 < rows; ++r0)
    for (int c = 0; c < cols; ++c) dst[static_cast<ptrdiff_t>(c) * rows + r0] = src[static_cast<ptrdiff_t>(r0) * cols + c];
}

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
    V mi = vfma(b1, vload(m + i), vmul(b1c, gi));        // β₁m + (1−β₁)g
    V vi = vfma(b2, vload(v + i), vmul(b2c, vmul(gi, gi)));  // β₂v + (1−β₂)g²
    mi = vkeep_ge(mi, vabs(mi), tiny);                  // flush tiny moments: no denormals
    vi = vkeep_ge(vi, vi, tiny);
    vstore(m + i, mi);
    vstore(v + i, vi);
    const V step = vdiv(vmul(mi, c1), vadd(vsqrt(vmul(vi, c2)), eps));  // m̂ / (√v̂ + ε)
    vstore(w + i, vsub(wi, vmul(lr, step)));
  }
  if (i < n) ref::adam_step(n - i, w + i, g + i, m + i, v + i, s);
}

// x − x is 0 for every finite x and NaN for ±Inf and NaN; NaN survives the sum.
bool all_finite(size_t n, const float* p) {
  V acc = vzero();
  size_t i = 0;
  for (; i + W <= n; i += W) {
    const V x = vload(p + i);
    acc = vadd(acc, vsub(x, x));
  }
  float lanes[W];
  vstore(lanes, acc);
  for (int j = 0; j < W; ++j)
    if (lanes[j] != 0.0f) return false;
  for (; i < n; ++i)
    if (!std::isfinite(p[i])) return false;
  return true;
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
