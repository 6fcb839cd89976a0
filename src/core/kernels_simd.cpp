// Vectorised GEMM kernels (same results as kernels_ref.cpp, up to rounding).
//
// [SECTION] GEMM: register-blocked "load-splat" micro-kernel, MR rows × NV vectors of C per tile:
//           for each k, NV vectors of B's row k are loaded, each of the MR A values is broadcast
//           and multiply-added into MR·NV accumulators. Column tails use masked loads/stores.
// [SECTION] Packing: Wᵀ in column panels, so the forward GEMM streams B contiguously.
// The vector layer is simd_vec.h; element-wise and optimizer kernels are in kernels_simd_update.cpp.
#include <cmath>
#include <cstring>

#include "core/kernels.h"
#include "core/simd_vec.h"

namespace nnlab {

namespace {
using namespace simdv;

// =============================================================================================
// [SECTION] GEMM
enum class Mode { store, accumulate, bias_act };

constexpr int kPanel = kNV * W;  // columns per packed panel of B (a multiple of 4)
static_assert(kNV >= 1 && kNV <= 3, "gemm_panels dispatches 1..3 vectors per panel");

// Width of the panel starting at column n0: kPanel, or the rest rounded up to whole vectors.
inline int panel_width(int N, int n0) {
  const int rest = (N - n0 + W - 1) / W * W;
  return rest < kPanel ? rest : kPanel;
}

struct GemmArgs {
  int K;
  const float* A;  // element (m, k) at A[m·a_rs + k·a_cs]
  int a_rs, a_cs;
  const float* B;  // row k at B + k·ldb
  int ldb;
  bool b_padded;      // B rows are zero-padded to whole vectors (packed panels): no masked loads
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
  if (last == W || g.b_padded) {  // full vectors
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
      if (tail) vstore_n(crow + j * W, c, last);
      else vstore(crow + j * W, c);
      if constexpr (mode == Mode::bias_act) {
        if (g.ep == Epilogue::none) continue;
        const V y = g.ep == Epilogue::relu ? vrelu(c) : vleaky(c);
        if (tail) vstore_n(yrow + j * W, y, last);
        else vstore(yrow + j * W, y);
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
    case 4:
      if constexpr (kMR > 4) {
        tile<4, NV, mode>(g, m0, n0, last);
        return;
      }
      break;
    case 5:
      if constexpr (kMR > 5) {
        tile<5, NV, mode>(g, m0, n0, last);
        return;
      }
      break;
    case 6:
      if constexpr (kMR > 6) {
        tile<6, NV, mode>(g, m0, n0, last);
        return;
      }
      break;
    case 7:
      if constexpr (kMR > 7) {
        tile<7, NV, mode>(g, m0, n0, last);
        return;
      }
      break;
    default: break;
  }
}

template <int NV, Mode mode>
void column_block(const GemmArgs& g, int M, int n0, int last) {
  int m0 = 0;
  for (; m0 + kMR <= M; m0 += kMR) tile<kMR, NV, mode>(g, m0, n0, last);
  if (m0 < M) tile_rows<NV, mode>(g, m0, M - m0, n0, last);
}

// Packed B: one column block per panel (rows of panel_width floats), as many vectors as the
// panel has valid columns. g.B is the start of the packed buffer.
template <Mode mode>
void gemm_panels(const GemmArgs& g, int M, int N) {
  for (int n0 = 0; n0 < N; n0 += kPanel) {
    const int valid = N - n0 < kPanel ? N - n0 : kPanel;
    const int nv = (valid + W - 1) / W;
    const int last = valid - (nv - 1) * W;
    GemmArgs gp = g;
    gp.ldb = panel_width(N, n0);
    gp.B = g.B + static_cast<ptrdiff_t>(n0) * g.K - n0;  // so that gp.B + n0 is the panel's start
    switch (nv) {
      case 1: column_block<1, mode>(gp, M, n0, last); break;
      case 2:
        if constexpr (kNV >= 2) column_block<2, mode>(gp, M, n0, last);
        break;
      case 3:
        if constexpr (kNV >= 3) column_block<3, mode>(gp, M, n0, last);
        break;
      default: break;
    }
  }
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
  const GemmArgs g{K, A, lda, 1, B, ldb, false, bias, Z, ep == Epilogue::none ? nullptr : Y, ldc, ep};
  gemm<Mode::bias_act>(g, M, N);
}

size_t packed_weights_size(int N, int K) {
  const int full = N / kPanel * kPanel;
  return static_cast<size_t>(full + (full < N ? panel_width(N, full) : 0)) * static_cast<size_t>(K);
}

// Panel at column p0 (width P = panel_width): panel[k·P + j] = W[(p0 + j)·K + k], 0 past N.
// 4×4 register transposes, as in transpose().
void pack_weights(int N, int K, const float* W, float* packed) {
  for (int p0 = 0; p0 < N; p0 += kPanel) {
    const int P = panel_width(N, p0);
    float* panel = packed + static_cast<ptrdiff_t>(p0) * K;
    for (int j0 = 0; j0 < P; j0 += 4) {
      const float* rows[4];
      for (int t = 0; t < 4; ++t) rows[t] = p0 + j0 + t < N ? W + static_cast<ptrdiff_t>(p0 + j0 + t) * K : nullptr;
      int k = 0;
      for (; k + 4 <= K; k += 4) {
        simde__m128 r[4];
        for (int t = 0; t < 4; ++t) r[t] = rows[t] ? simde_mm_loadu_ps(rows[t] + k) : simde_mm_setzero_ps();
        const simde__m128 t0 = simde_mm_unpacklo_ps(r[0], r[1]), t1 = simde_mm_unpacklo_ps(r[2], r[3]);
        const simde__m128 t2 = simde_mm_unpackhi_ps(r[0], r[1]), t3 = simde_mm_unpackhi_ps(r[2], r[3]);
        float* d = panel + static_cast<ptrdiff_t>(k) * P + j0;
        simde_mm_storeu_ps(d, simde_mm_movelh_ps(t0, t1));
        simde_mm_storeu_ps(d + P, simde_mm_movehl_ps(t1, t0));
        simde_mm_storeu_ps(d + 2 * P, simde_mm_movelh_ps(t2, t3));
        simde_mm_storeu_ps(d + 3 * P, simde_mm_movehl_ps(t3, t2));
      }
      for (; k < K; ++k)
        for (int t = 0; t < 4; ++t) panel[static_cast<ptrdiff_t>(k) * P + j0 + t] = rows[t] ? rows[t][k] : 0.0f;
    }
  }
}

void gemm_bias_act_packed(int M, int N, int K, const float* A, int lda, const float* packed, const float* bias,
                          float* Z, float* Y, int ldc, Epilogue ep) {
  const GemmArgs g{K, A, lda, 1, packed, 0, true, bias, Z, ep == Epilogue::none ? nullptr : Y, ldc, ep};
  gemm_panels<Mode::bias_act>(g, M, N);
}

void gemm_tn_acc(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc) {
  const GemmArgs g{K, A, 1, lda, B, ldb, false, nullptr, C, nullptr, ldc, Epilogue::none};
  gemm<Mode::accumulate>(g, M, N);
}

void gemm_nn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc) {
  const GemmArgs g{K, A, lda, 1, B, ldb, false, nullptr, C, nullptr, ldc, Epilogue::none};
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
      for (int r = r0; r < r0 + 4; ++r)
        dst[static_cast<ptrdiff_t>(c0) * rows + r] = src[static_cast<ptrdiff_t>(r) * cols + c0];
  }
  for (; r0 < rows; ++r0)
    for (int c = 0; c < cols; ++c)
      dst[static_cast<ptrdiff_t>(c) * rows + r0] = src[static_cast<ptrdiff_t>(r0) * cols + c];
}

}  // namespace simd

}  // namespace nnlab
