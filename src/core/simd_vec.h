// The vector layer under the SIMD kernels: one small set of operations on V (W floats) over
// SIMDe — AVX-512 (W = 16) / AVX2+FMA (W = 8) natively, 128-bit (W = 4) elsewhere; in wasm SIMDe's
// SSE maps onto SIMD128 (and ReLU uses f32x4.pmax, one instruction). Included ONLY by the
// kernels_simd*.cpp translation units: SIMDe stays out of the rest of the code.
#pragma once

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

namespace nnlab::simdv {

#if defined(__AVX512F__)
inline constexpr int W = 16;
using V = simde__m512;
inline constexpr const char* kIsa = "avx512";
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
  return simde_mm512_mask_mov_ps(simde_mm512_mul_ps(a, vset1(0.01f)),
                                 simde_mm512_cmp_ps_mask(a, vzero(), SIMDE_CMP_GT_OQ), a);
}
inline V vabs(V a) { return simde_mm512_abs_ps(a); }
// keep where mask(a > b) else 0
inline V vkeep_gt(V keep, V a, V b) {
  return simde_mm512_maskz_mov_ps(simde_mm512_cmp_ps_mask(a, b, SIMDE_CMP_GT_OQ), keep);
}
inline V vkeep_ge(V keep, V a, V b) {
  return simde_mm512_maskz_mov_ps(simde_mm512_cmp_ps_mask(a, b, SIMDE_CMP_GE_OQ), keep);
}
// a clamped to [lo, hi] (compare masks, as vrelu)
inline V vclamp(V a, V lo, V hi) {
  a = simde_mm512_mask_mov_ps(a, simde_mm512_cmp_ps_mask(a, hi, SIMDE_CMP_GT_OQ), hi);
  return simde_mm512_mask_mov_ps(a, simde_mm512_cmp_ps_mask(a, lo, SIMDE_CMP_LT_OQ), lo);
}
#elif defined(__AVX2__) && defined(__FMA__)
inline constexpr int W = 8;
using V = simde__m256;
inline constexpr const char* kIsa = "avx2";
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
inline V vclamp(V a, V lo, V hi) { return simde_mm256_min_ps(simde_mm256_max_ps(a, lo), hi); }
#else
inline constexpr int W = 4;
using V = simde__m128;
#if defined(__wasm_simd128__)
inline constexpr const char* kIsa = "wasm128";
#else
inline constexpr const char* kIsa = "sse";
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
#if defined(__wasm_simd128__)
inline V vclamp(V a, V lo, V hi) { return wasm_f32x4_pmin(wasm_f32x4_pmax(a, lo), hi); }
#else
inline V vclamp(V a, V lo, V hi) { return simde_mm_min_ps(simde_mm_max_ps(a, lo), hi); }
#endif
#endif

// Micro-kernel shape: MR rows × NV vectors. 32 vector registers with AVX-512, 16 otherwise.
#if defined(__AVX512F__)
#ifndef NNLAB_AVX512_MR  // 8×2: ≈ 110 GFLOP/s forward, ≈ 90 dW at 64×784×128 (thread CPU time)
#define NNLAB_AVX512_MR 8
#define NNLAB_AVX512_NV 2
#endif
inline constexpr int kMR = NNLAB_AVX512_MR, kNV = NNLAB_AVX512_NV;
#elif defined(__AVX2__)
inline constexpr int kMR = 6, kNV = 2;
#else
#ifndef NNLAB_WASM_MR
// 3×3 measured best in node (CPU time, 64×784×128: fwd ≈ 40 GFLOP/s vs 4×2 ≈ 35, 4×3 ≈ 24):
// 9 accumulators + 3 B vectors + 1 splat stay in V8's 15 usable xmm registers; 4×3 spills.
#define NNLAB_WASM_MR 3
#define NNLAB_WASM_NV 3
#endif
inline constexpr int kMR = NNLAB_WASM_MR, kNV = NNLAB_WASM_NV;
#endif

}  // namespace nnlab::simdv
