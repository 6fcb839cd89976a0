// Batch normalisation in the core (mlp.h): the training forward against PyTorch's BatchNorm1d for
// a fixed input, inference on the running averages, every gradient against finite differences,
// the SIMD kernels against the scalar reference, and a model that trains with it.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/kernels.h"
#include "core/mlp.h"
#include "core/rng.h"
#include "core/trainer.h"

using namespace nnlab;

namespace {

// One 3 → 3 layer with W = I, b = 0, batch norm and no activation: z = BN(x).
Mlp bn_identity(const float gamma[3], const float beta[3]) {
  Mlp m;
  const LayerSpec spec[] = {{3, 3, Activation::identity, true}};
  REQUIRE(m.build(spec, nullptr));
  for (int o = 0; o < 3; ++o) {
    m.weights(0)[o * 3 + o] = 1.0f;
    m.gamma(0)[o] = gamma[o];
    m.beta(0)[o] = beta[o];
  }
  return m;
}

// The batch (4, 3), γ, β and MSE targets of the PyTorch case below.
const float kX[12] = {1, -2, 0.5f, 3, 0, -1.5f, -0.5f, 4, 2, 2, 1, -0.5f};
const float kY[12] = {0.5f, 0, -1, 1, 1, 0, 0, -1, 1, -0.5f, 0.5f, 0.5f};
const float kGamma[3] = {1, 2, 0.5f}, kBeta[3] = {0, 0.5f, -1};

}  // namespace

TEST_SUITE("batch norm") {
  TEST_CASE("training forward, running averages and dγ, dβ equal PyTorch's BatchNorm1d") {
    // PyTorch (nn.BatchNorm1d(3), eps 1e-5, momentum 0.1, weight = γ, bias = β, train mode):
    //   y = bn(x); loss = nn.MSELoss()(y, t); loss.backward()
    // gives these numbers for x = kX, t = kY — by BatchNorm1d's definition: the batch's biased
    // variance normalises, the unbiased one (·B/(B−1)) enters running_var.
    const float want_y[12] = {-0.290020079f, -2.040338475f, -0.854989960f, 1.256753677f, -0.192819584f, -1.628376839f,
                              -1.450100397f, 3.502218197f,  -0.274949802f, 0.483366799f, 0.730939861f,  -1.241683399f};
    const float want_rm[3] = {0.1375f, 0.075f, 0.0125f}, want_rv[3] = {1.1229166667f, 1.525f, 1.1229166667f};
    const float want_dgamma[3] = {0.521652639f, 1.631627810f, 0.180265187f}, want_dbeta[3] = {-1 / 6.0f, 0.25f, -0.75f};
    const float want_loss = 3.0833795223f;
    for (KernelSet set : {KernelSet::reference, KernelSet::simd}) {
      CAPTURE(int(set));
      KernelSetScope scope(set);
      Mlp m = bn_identity(kGamma, kBeta);
      Workspace ws;
      ws.resize(m, 4);
      Rng rng(1);
      forward_train(m, kX, 4, ws, 0.0f, rng);
      for (int i = 0; i < 12; ++i) CHECK(ws.z(0)[i] == doctest::Approx(want_y[i]).epsilon(1e-5));
      for (int o = 0; o < 3; ++o) {
        CHECK(m.running_mean(0)[o] == doctest::Approx(want_rm[o]).epsilon(1e-6));
        CHECK(m.running_var(0)[o] == doctest::Approx(want_rv[o]).epsilon(1e-6));
      }
      CHECK(batch_loss(m, ws, kY, 4, Loss::mse) == doctest::Approx(want_loss).epsilon(1e-5));
      m.zero_grad();
      backward(m, kX, kY, 4, Loss::mse, ws);
      for (int o = 0; o < 3; ++o) {
        CHECK(m.dgamma(0)[o] == doctest::Approx(want_dgamma[o]).epsilon(1e-5));
        CHECK(m.dbeta(0)[o] == doctest::Approx(want_dbeta[o]).epsilon(1e-5));
      }
    }
  }

  TEST_CASE("inference normalises with the running averages, not the batch") {
    Mlp m = bn_identity(kGamma, kBeta);
    Workspace ws;
    ws.resize(m, 4);
    Rng rng(1);
    forward_train(m, kX, 4, ws, 0.0f, rng);  // r_μ, r_σ² as in PyTorch above
    forward(m, kX, 4, ws);
    const float want[12] = {0.813923159f, -2.860560752f, -0.769978238f, 2.701281210f, 0.378533949f, -1.713657263f,
                            -0.601595379f, 6.856723350f, -0.062218969f, 1.757602185f, 1.998081299f, -1.241817750f};
    for (int i = 0; i < 12; ++i) CHECK(ws.z(0)[i] == doctest::Approx(want[i]).epsilon(1e-5));
    // one digit alone gets the same answer as inside its batch
    Workspace one;
    one.resize(m, 1);
    forward(m, kX + 3, 1, one);
    for (int o = 0; o < 3; ++o) CHECK(one.z(0)[o] == ws.z(0)[3 + o]);
    // and forward() never moves the running averages
    CHECK(m.running_mean(0)[0] == doctest::Approx(0.1375f));
    // a training batch of one sample is normalised like inference (it has no spread) and moves nothing
    const float before = m.running_var(0)[1];
    forward_train(m, kX + 3, 1, one, 0.0f, rng);
    for (int o = 0; o < 3; ++o) CHECK(one.z(0)[o] == doctest::Approx(ws.z(0)[3 + o]));
    CHECK(m.running_var(0)[1] == before);
  }

  TEST_CASE("backward through batch norm matches finite differences (every W, b, γ, β)") {
    for (KernelSet set : {KernelSet::reference, KernelSet::simd}) {
      CAPTURE(int(set));
      KernelSetScope scope(set);
      Mlp m;
      const LayerSpec spec[] = {{5, 7, Activation::tanh, true}, {7, 3, Activation::sigmoid, true},
                                {3, 4, Activation::softmax}};
      REQUIRE(m.build(spec, nullptr));
      m.init_params(3);
      Rng r(9);
      for (float& g : m.gamma(0)) g = r.uniform(0.5f, 1.5f);
      for (float& b : m.beta(1)) b = r.uniform(-0.5f, 0.5f);
      const int B = 6;
      std::vector<float> x(B * 5), y(B * 4, 0.0f);
      for (float& v : x) v = r.uniform(-1, 1);
      for (int b = 0; b < B; ++b) y[b * 4 + b % 4] = 1;
      Workspace ws;
      ws.resize(m, B);
      Rng rng(1);
      auto loss = [&]() {
        Mlp copy = m;  // the training forward moves the running averages: measure on a copy
        forward_train(copy, x.data(), B, ws, 0.0f, rng);
        return double(batch_loss(copy, ws, y.data(), B, Loss::cross_entropy));
      };
      {
        Mlp copy = m;
        forward_train(copy, x.data(), B, ws, 0.0f, rng);
        m.zero_grad();
        backward(copy, x.data(), y.data(), B, Loss::cross_entropy, ws);
        std::copy(copy.grads().begin(), copy.grads().end(), m.grads().begin());
      }
      const std::vector<float> g(m.grads().begin(), m.grads().end());
      int checked = 0;
      for (size_t p = 0; p < m.parameter_count(); ++p) {
        const float keep = m.params()[p];
        const float h = 1e-2f;
        m.params()[p] = keep + h;
        const double up = loss();
        m.params()[p] = keep - h;
        const double down = loss();
        m.params()[p] = keep;
        const double numeric = (up - down) / (2 * h);
        CAPTURE(p);
        CHECK(g[p] == doctest::Approx(numeric).epsilon(2e-2).scale(1.0));
        ++checked;
      }
      CHECK(checked == int(m.parameter_count()));
      // γ and β are in the one flat buffer: 5·7 + 7 + 7 + 7 + 7·3 + 3 + 3 + 3 + 3·4 + 4
      CHECK(m.parameter_count() == 35 + 21 + 21 + 9 + 16);
      CHECK(m.running().size() == 2 * 7 + 2 * 3);
    }
  }

  TEST_CASE("the SIMD batch-norm kernels equal the reference on odd sizes") {
    for (int M : {2, 3, 17}) {
      for (int N : {1, 3, 17, 784}) {
        CAPTURE(M);
        CAPTURE(N);
        Rng r(uint64_t(M * 1000 + N));
        std::vector<float> h(size_t(M) * N), gamma(N), beta(N), dz(size_t(M) * N);
        for (float& v : h) v = r.uniform(-3, 3);
        for (float& v : gamma) v = r.uniform(0.5f, 2);
        for (float& v : beta) v = r.uniform(-1, 1);
        for (float& v : dz) v = r.uniform(-1, 1);
        std::vector<float> out[2][6];  // per set: mean, var, x̂, z, dh, dγ
        for (int k = 0; k < 2; ++k) {
          const Kernels& kern = kernels(k == 0 ? KernelSet::reference : KernelSet::simd);
          std::vector<float> mean(N), var(N), inv(N), x = h, z(h.size()), d = dz, dg(N, 0.5f), db(N, -0.5f),
              sums(2 * size_t(N));
          kern.bn_stats(M, N, x.data(), mean.data(), var.data());
          for (int n = 0; n < N; ++n) inv[n] = 1.0f / std::sqrt(var[n] + kBatchNormEps);
          kern.bn_normalize(M, N, x.data(), mean.data(), inv.data(), gamma.data(), beta.data(), z.data());
          kern.bn_backward(M, N, d.data(), x.data(), gamma.data(), inv.data(), dg.data(), db.data(), sums.data());
          out[k][0] = mean, out[k][1] = var, out[k][2] = x, out[k][3] = z, out[k][4] = d, out[k][5] = dg;
        }
        for (int q = 0; q < 6; ++q)
          for (size_t i = 0; i < out[0][q].size(); ++i)
            CHECK(out[1][q][i] == doctest::Approx(out[0][q][i]).epsilon(1e-4).scale(1.0));
      }
    }
  }

  TEST_CASE("a network with batch norm trains, and a checkpoint restores its exact future") {
    const int N = 96, D = 6;
    std::vector<float> x(N * D);
    std::vector<int32_t> y(N);
    Rng r(4);
    for (int i = 0; i < N; ++i) {
      y[i] = i % 3;
      for (int d = 0; d < D; ++d) x[i * D + d] = r.uniform(-0.3f, 0.3f) + (d % 3 == y[i] ? 1.0f : 0.0f);
    }
    const LayerSpec spec[] = {{D, 8, Activation::relu, true}, {8, 3, Activation::softmax}};
    Mlp m;
    REQUIRE(m.build(spec, nullptr));
    m.init_params(2);
    TrainConfig c;
    c.batch = 10;  // 96 = 9·10 + 6
    c.epochs = 6;
    c.optimizer.lr = 0.01f;
    c.dropout = 0.1f;
    Trainer t;
    REQUIRE(t.init(&m, {x.data(), y.data(), nullptr, N, D}, c, nullptr));
    t.train_steps(25);  // into epoch 3
    TrainerCheckpoint cp;
    t.save(&cp);
    while (!t.done()) t.train_steps(7);
    const std::vector<float> end(m.params().begin(), m.params().end()), end_run(m.running().begin(), m.running().end());
    CHECK(t.history().back().train_accuracy > 0.9f);
    t.restore(cp);
    CHECK(t.progress().step == 25);
    while (!t.done()) t.train_steps(3);
    CHECK(std::vector<float>(m.params().begin(), m.params().end()) == end);
    CHECK(std::vector<float>(m.running().begin(), m.running().end()) == end_run);
    CHECK(cp.bytes() > m.parameter_count() * sizeof(float) * 3);
  }
}
