// SIMD kernels against the scalar reference on awkward sizes (1, 3, 17, 784), natively and in wasm.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/kernels.h"
#include "core/rng.h"

using namespace nnlab;

namespace {
std::vector<float> random_vec(Rng& rng, size_t n, float lo = -1.0f, float hi = 1.0f) {
  std::vector<float> v(n);
  for (float& x : v) x = rng.uniform(lo, hi);
  return v;
}

// |a − b| ≤ tol·(1 + |b|) for every element (a NaN is never close); reports the first mismatch.
void check_close(const std::vector<float>& a, const std::vector<float>& b, float tol) {
  REQUIRE(a.size() == b.size());
  size_t mismatches = 0, first = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!(std::fabs(a[i] - b[i]) <= tol * (1.0f + std::fabs(b[i])))) {
      if (mismatches++ == 0) first = i;
    }
  }
  CAPTURE(first);
  CAPTURE(a.empty() ? 0.0f : a[first]);
  CAPTURE(b.empty() ? 0.0f : b[first]);
  CHECK(mismatches == 0);
}

constexpr int kSizes[] = {1, 3, 17, 784};
}  // namespace

TEST_SUITE("core/kernels") {
  TEST_CASE("isa name") {
    const std::string isa = simd::isa_name();
    CHECK((isa == "avx512" || isa == "avx2" || isa == "sse" || isa == "wasm128"));
#if defined(__wasm_simd128__)
    CHECK(isa == "wasm128");
#endif
    CHECK(std::string(ref::isa_name()) == "scalar");
  }

  TEST_CASE("gemm_bias_act: Z = A·B + bias with every epilogue") {
    Rng rng(1);
    for (int M : kSizes)
      for (int N : {1, 3, 10, 17, 33})
        for (int K : kSizes) {
          if (M * K > 20000 && N > 17) continue;  // keep the suite fast
          CAPTURE(M);
          CAPTURE(N);
          CAPTURE(K);
          const auto A = random_vec(rng, static_cast<size_t>(M) * K);
          const auto B = random_vec(rng, static_cast<size_t>(K) * N);
          const auto bias = random_vec(rng, N);
          for (Epilogue ep : {Epilogue::none, Epilogue::relu, Epilogue::leaky_relu}) {
            std::vector<float> z_ref(static_cast<size_t>(M) * N), y_ref(z_ref.size(), 7.0f);
            std::vector<float> z(z_ref.size()), y(z_ref.size(), 7.0f);
            ref::gemm_bias_act(M, N, K, A.data(), K, B.data(), N, bias.data(), z_ref.data(), y_ref.data(), N, ep);
            simd::gemm_bias_act(M, N, K, A.data(), K, B.data(), N, bias.data(), z.data(), y.data(), N, ep);
            check_close(z, z_ref, 1e-4f);
            check_close(y, y_ref, 1e-4f);  // also: Y untouched (7) for Epilogue::none
          }
        }
  }

  TEST_CASE("pack_weights + gemm_bias_act_packed equal the plain forward GEMM on Wᵀ") {
    Rng rng(6);
    for (int M : {1, 3, 17, 64})
      for (int N : {1, 3, 10, 16, 17, 33, 128})
        for (int K : kSizes) {
          CAPTURE(M);
          CAPTURE(N);
          CAPTURE(K);
          const auto Wt = random_vec(rng, static_cast<size_t>(N) * K);  // W (N, K), a layer's weights
          const auto A = random_vec(rng, static_cast<size_t>(M) * K);
          const auto bias = random_vec(rng, N);
          std::vector<float> B(static_cast<size_t>(K) * N);  // Wᵀ (K, N)
          ref::transpose(N, K, Wt.data(), B.data());
          std::vector<float> packed(simd::packed_weights_size(N, K), 5.0f);
          REQUIRE(packed.size() >= B.size());
          simd::pack_weights(N, K, Wt.data(), packed.data());
          std::vector<float> ref_packed(ref::packed_weights_size(N, K));  // ref: packing is Wᵀ itself
          ref::pack_weights(N, K, Wt.data(), ref_packed.data());
          CHECK(ref_packed == B);
          for (Epilogue ep : {Epilogue::none, Epilogue::relu, Epilogue::leaky_relu}) {
            std::vector<float> z_ref(static_cast<size_t>(M) * N), y_ref(z_ref.size(), 7.0f);
            std::vector<float> z(z_ref.size()), y(z_ref.size(), 7.0f);
            ref::gemm_bias_act(M, N, K, A.data(), K, B.data(), N, bias.data(), z_ref.data(), y_ref.data(), N, ep);
            simd::gemm_bias_act_packed(M, N, K, A.data(), K, packed.data(), bias.data(), z.data(), y.data(), N, ep);
            check_close(z, z_ref, 1e-4f);
            check_close(y, y_ref, 1e-4f);
            std::vector<float> z_rp(z_ref.size()), y_rp(z_ref.size(), 7.0f);
            ref::gemm_bias_act_packed(M, N, K, A.data(), K, ref_packed.data(), bias.data(), z_rp.data(), y_rp.data(), N,
                                      ep);
            CHECK(z_rp == z_ref);  // the same loops on the same numbers: bit for bit
            CHECK(y_rp == y_ref);
          }
        }
  }

  TEST_CASE("gemm_tn_acc: C += Aᵀ·B") {
    Rng rng(2);
    for (int M : kSizes)
      for (int N : kSizes)
        for (int K : {1, 3, 17, 64}) {
          if (M == 784 && N == 784) continue;
          CAPTURE(M);
          CAPTURE(N);
          CAPTURE(K);
          const auto A = random_vec(rng, static_cast<size_t>(K) * M);
          const auto B = random_vec(rng, static_cast<size_t>(K) * N);
          auto c_ref = random_vec(rng, static_cast<size_t>(M) * N);
          auto c = c_ref;
          ref::gemm_tn_acc(M, N, K, A.data(), M, B.data(), N, c_ref.data(), N);
          simd::gemm_tn_acc(M, N, K, A.data(), M, B.data(), N, c.data(), N);
          check_close(c, c_ref, 1e-4f);
        }
  }

  TEST_CASE("gemm_nn: C = A·B, with leading dimensions larger than the width") {
    Rng rng(3);
    for (int M : kSizes)
      for (int N : kSizes)
        for (int K : {1, 3, 10, 17}) {
          if (M == 784 && N == 784) continue;
          CAPTURE(M);
          CAPTURE(N);
          CAPTURE(K);
          const int lda = K + 2, ldb = N + 5, ldc = N + 1;
          const auto A = random_vec(rng, static_cast<size_t>(M) * lda);
          const auto B = random_vec(rng, static_cast<size_t>(K) * ldb);
          std::vector<float> c_ref(static_cast<size_t>(M) * ldc, 3.0f), c(c_ref.size(), 3.0f);
          ref::gemm_nn(M, N, K, A.data(), lda, B.data(), ldb, c_ref.data(), ldc);
          simd::gemm_nn(M, N, K, A.data(), lda, B.data(), ldb, c.data(), ldc);
          check_close(c, c_ref, 1e-4f);  // includes the padding columns (untouched: 3)
        }
  }

  TEST_CASE("transpose, col_sum_acc, relu_backward") {
    Rng rng(4);
    for (int r : kSizes)
      for (int c : kSizes) {
        if (r * c > 784 * 17) continue;
        CAPTURE(r);
        CAPTURE(c);
        const auto src = random_vec(rng, static_cast<size_t>(r) * c);
        std::vector<float> t_ref(src.size()), t(src.size());
        ref::transpose(r, c, src.data(), t_ref.data());
        simd::transpose(r, c, src.data(), t.data());
        CHECK(t == t_ref);
        auto s_ref = random_vec(rng, c);
        auto s = s_ref;
        ref::col_sum_acc(r, c, src.data(), c, s_ref.data());
        simd::col_sum_acc(r, c, src.data(), c, s.data());
        check_close(s, s_ref, 1e-5f);
      }
    for (int n : kSizes) {
      auto z = random_vec(rng, n);
      z[0] = 0.0f;  // relu′(0) = 0
      auto g_ref = random_vec(rng, n);
      auto g = g_ref;
      ref::relu_backward(n, z.data(), g_ref.data());
      simd::relu_backward(n, z.data(), g.data());
      CHECK(g == g_ref);
      CHECK(g[0] == 0.0f);
    }
  }

  TEST_CASE("optimizer kernels: sgd, momentum, adam") {
    Rng rng(5);
    for (int n : kSizes) {
      CAPTURE(n);
      const auto g = random_vec(rng, n);
      auto w_ref = random_vec(rng, n), v_ref = random_vec(rng, n), m_ref = random_vec(rng, n);
      auto v2_ref = random_vec(rng, n, 0.0f, 1.0f);
      m_ref[0] = 1e-35f;  // flushed to 0 by both
      auto w = w_ref, v = v_ref, m = m_ref, v2 = v2_ref;
      ref::sgd_step(n, w_ref.data(), g.data(), 0.1f, 0.01f);
      simd::sgd_step(n, w.data(), g.data(), 0.1f, 0.01f);
      check_close(w, w_ref, 1e-6f);
      ref::momentum_step(n, w_ref.data(), g.data(), v_ref.data(), 0.1f, 0.9f, 0.01f);
      simd::momentum_step(n, w.data(), g.data(), v.data(), 0.1f, 0.9f, 0.01f);
      check_close(w, w_ref, 1e-6f);
      check_close(v, v_ref, 1e-6f);
      std::vector<float> zero(n, 0.0f);
      const AdamStep s{1e-3f, 0.9f, 0.999f, 1.0f / (1.0f - 0.9f), 1.0f / (1.0f - 0.999f), 1e-8f, 0.01f};
      AdamStep no_l2 = s;
      no_l2.l2 = 0.0f;  // g = 0 exactly: m[0] = 0.9·1e-35 is flushed
      ref::adam_step(n, w_ref.data(), zero.data(), m_ref.data(), v2_ref.data(), no_l2);
      simd::adam_step(n, w.data(), zero.data(), m.data(), v2.data(), no_l2);
      CHECK(m[0] == 0.0f);
      ref::adam_step(n, w_ref.data(), g.data(), m_ref.data(), v2_ref.data(), s);
      simd::adam_step(n, w.data(), g.data(), m.data(), v2.data(), s);
      check_close(w, w_ref, 1e-5f);
      check_close(m, m_ref, 1e-5f);
      check_close(v2, v2_ref, 1e-5f);
    }
  }

  TEST_CASE("all_finite finds NaN and Inf anywhere") {
    for (int n : kSizes) {
      std::vector<float> v(n, 1.5f);
      CHECK(simd::all_finite(n, v.data()));
      CHECK(ref::all_finite(n, v.data()));
      for (int at : {0, n / 2, n - 1}) {
        for (float bad : {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
                          -std::numeric_limits<float>::infinity()}) {
          v[at] = bad;
          CHECK_FALSE(simd::all_finite(n, v.data()));
          CHECK_FALSE(ref::all_finite(n, v.data()));
          v[at] = 1.5f;
        }
      }
    }
  }

  TEST_CASE("tanh_act: the vectorised tanh within 4e-7 of tanh, never beyond ±1") {
    for (int n : kSizes) {
      Rng rng(static_cast<uint64_t>(n));
      std::vector<float> z = random_vec(rng, size_t(n), -12.0f, 12.0f);
      std::vector<float> a(z.size()), a_ref(z.size());
      simd::tanh_act(size_t(n), z.data(), a.data());
      ref::tanh_act(size_t(n), z.data(), a_ref.data());
      for (int i = 0; i < n; ++i) {
        CAPTURE(z[i]);
        CHECK(std::fabs(double(a[i]) - std::tanh(double(z[i]))) <= 4e-7);
        CHECK(std::fabs(a[i]) <= 1.0f);
        CHECK(std::fabs(a_ref[i] - std::tanh(z[i])) == 0.0f);
      }
    }
    // A fine sweep, small values (tanh z ≈ z) and the odd symmetry.
    std::vector<float> z, a;
    for (int i = -200000; i <= 200000; ++i) z.push_back(float(i) * 5e-5f);
    for (int i = 1; i <= 40; ++i) z.push_back(std::ldexp(1.0f, -i));
    a.resize(z.size());
    simd::tanh_act(z.size(), z.data(), a.data());
    double worst = 0, worst_rel_small = 0;
    for (size_t i = 0; i < z.size(); ++i) {
      const double t = std::tanh(double(z[i]));
      worst = std::max(worst, std::fabs(a[i] - t));
      if (std::fabs(z[i]) < 0.01f && z[i] != 0) worst_rel_small = std::max(worst_rel_small, std::fabs(a[i] - t) / std::fabs(t));
    }
    CHECK(worst <= 4e-7);
    CHECK(worst_rel_small <= 4e-7);
    float p = 0.3f, m = -0.3f, ap, am;
    simd::tanh_act(1, &p, &ap);
    simd::tanh_act(1, &m, &am);
    CHECK(ap == -am);
  }
}
