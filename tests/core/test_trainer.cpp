// Trainer: learns real (synthetic) problems, is deterministic, never allocates per step,
// stops on divergence with the last good weights, stops early, evaluates with a confusion matrix.
#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <new>
#include <vector>

#include "core/trainer.h"

// ---- counting global allocator (counts every operator new in this test binary) ----
namespace {
std::atomic<long> g_allocations{0};
}
void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  std::abort();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

using namespace nnlab;

namespace {
// C Gaussian blobs in 2-D around the corners of a square, N samples.
struct Blobs {
  std::vector<float> x;    // (N, 2)
  std::vector<int32_t> y;  // (N)
  DatasetView view() const { return {x.data(), y.data(), nullptr, static_cast<int>(y.size()), 2}; }
};
Blobs make_blobs(int n, uint64_t seed) {
  Blobs b;
  Rng rng(seed);
  const float cx[4] = {-1.0f, 1.0f, -1.0f, 1.0f}, cy[4] = {-1.0f, -1.0f, 1.0f, 1.0f};
  for (int i = 0; i < n; ++i) {
    const int c = i % 4;
    b.x.push_back(cx[c] + 0.35f * rng.normal());
    b.x.push_back(cy[c] + 0.35f * rng.normal());
    b.y.push_back(c);
  }
  return b;
}

Mlp blob_model(uint64_t seed) {
  Mlp m;
  const LayerSpec spec[] = {{2, 16, Activation::relu}, {16, 4, Activation::softmax}};
  REQUIRE(m.build(spec, nullptr));
  m.init_params(seed);
  return m;
}

TrainConfig blob_config() {
  TrainConfig c;
  c.loss = Loss::cross_entropy;
  c.optimizer.kind = OptimizerKind::adam;
  c.optimizer.lr = 0.01f;
  c.batch = 16;
  c.epochs = 20;
  c.seed = 3;
  return c;
}

void run_to_end(Trainer& t) {
  for (int guard = 0; guard < 100000 && !t.done(); ++guard) t.train_steps(7);
}
}  // namespace

TEST_SUITE("core/trainer") {
  TEST_CASE("learns four Gaussian blobs to > 95% accuracy") {
    const Blobs data = make_blobs(800, 1);
    Mlp m = blob_model(1);
    Trainer t;
    std::string error;
    REQUIRE_MESSAGE(t.init(&m, data.view(), blob_config(), &error), error);
    const float loss0 = evaluate(m, data.view(), Loss::cross_entropy).loss;
    run_to_end(t);
    CHECK(t.progress().state == TrainState::finished);
    CHECK(t.progress().epoch == 20);
    CHECK(t.progress().step == 20 * 50);
    CHECK(t.progress().samples_seen == 20 * 800);
    CHECK(t.history().size() == 20);
    const Evaluation e = evaluate(m, data.view(), Loss::cross_entropy);
    CHECK(e.loss < loss0 * 0.5f);
    CHECK(e.accuracy > 0.95f);
    CHECK(e.classes == 4);
    int total = 0, diagonal = 0;
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 4; ++j) total += e.confusion[i * 4 + j], diagonal += i == j ? e.confusion[i * 4 + j] : 0;
    CHECK(total == 800);
    CHECK(static_cast<float>(diagonal) / 800 == doctest::Approx(e.accuracy));
    for (int c = 0; c < 4; ++c) {
      CHECK(e.precision[c] > 0.9f);
      CHECK(e.recall[c] > 0.9f);
    }
  }

  TEST_CASE("XOR with a sigmoid output and bce (generic targets)") {
    const float x[8] = {0, 0, 0, 1, 1, 0, 1, 1};
    const float y[4] = {0, 1, 1, 0};
    std::vector<float> xs, ys;  // 4 samples × 25 copies
    for (int r = 0; r < 25; ++r)
      for (int i = 0; i < 4; ++i) xs.push_back(x[2 * i]), xs.push_back(x[2 * i + 1]), ys.push_back(y[i]);
    const DatasetView view{xs.data(), nullptr, ys.data(), 100, 2};
    Mlp m;
    const LayerSpec spec[] = {{2, 8, Activation::tanh}, {8, 1, Activation::sigmoid}};
    REQUIRE(m.build(spec, nullptr));
    m.init_params(2);
    TrainConfig c;
    c.loss = Loss::bce;
    c.optimizer.lr = 0.05f;
    c.batch = 4;
    c.epochs = 60;
    Trainer t;
    std::string error;
    REQUIRE_MESSAGE(t.init(&m, view, c, &error), error);
    run_to_end(t);
    const Evaluation e = evaluate(m, view, Loss::bce);
    CHECK(e.accuracy == 1.0f);
    CHECK(e.loss < 0.1f);
    CHECK(e.classes == 2);
  }

  TEST_CASE("same seed, same weights and results") {
    const Blobs data = make_blobs(200, 2);
    Mlp a = blob_model(5), b = blob_model(5);
    TrainConfig c = blob_config();
    c.epochs = 3;
    c.dropout = 0.2f;
    Trainer ta, tb;
    REQUIRE(ta.init(&a, data.view(), c, nullptr));
    REQUIRE(tb.init(&b, data.view(), c, nullptr));
    run_to_end(ta);
    for (int i = 0; i < 1000 && !tb.done(); ++i) tb.train_steps(1);  // different slicing, same result
    CHECK(std::equal(a.params().begin(), a.params().end(), b.params().begin()));
    CHECK(ta.progress().epoch_loss == tb.progress().epoch_loss);
  }

  TEST_CASE("nothing is allocated inside train_steps (across epoch ends and validation)") {
    const Blobs data = make_blobs(400, 3);
    Mlp m = blob_model(2);
    TrainConfig c = blob_config();
    c.epochs = 50;
    c.dropout = 0.1f;
    c.validation_fraction = 0.2f;
    c.lr_decay = 0.95f;
    Trainer t;
    REQUIRE(t.init(&m, data.view(), c, nullptr));
    t.train_steps(1);  // warm-up
    const long before = g_allocations.load();
    const int steps = t.train_steps(150);  // 20 steps per epoch: crosses several epoch ends
    const long after = g_allocations.load();
    CHECK(steps == 150);
    CHECK(t.progress().epoch >= 7);
    CHECK(t.progress().val_loss > 0.0f);
    CHECK(after - before == 0);
    // the counter does count: one evaluate() allocates
    const long e0 = g_allocations.load();
    (void)evaluate(m, data.view(), Loss::cross_entropy);
    CHECK(g_allocations.load() > e0);
  }

  TEST_CASE("Evaluator: only begin() allocates, step() never does") {
    const Blobs data = make_blobs(300, 8);
    const Mlp m = blob_model(8);
    std::vector<int32_t> predicted(300);
    std::vector<float> confidence(300);
    Evaluator ev;
    const long b0 = g_allocations.load();
    ev.begin(m, data.view(), Loss::cross_entropy, 64, predicted, confidence);
    const long b1 = g_allocations.load();
    int calls = 0;
    while (!ev.step(13)) ++calls;
    const long b2 = g_allocations.load();
    CHECK(b1 > b0);
    CHECK(calls > 20);
    CHECK(b2 - b1 == 0);
    // a second pass on the same shapes reuses everything
    ev.begin(m, data.view(), Loss::cross_entropy, 64, predicted, confidence);
    while (!ev.step(50)) {
    }
    CHECK(g_allocations.load() - b2 == 0);
    CHECK(ev.result().count == 300);
  }

  TEST_CASE("divergence: non-finite loss stops training, restores the last good weights") {
    const Blobs data = make_blobs(400, 4);
    Mlp m = blob_model(3);
    TrainConfig c = blob_config();
    c.optimizer.kind = OptimizerKind::sgd;
    c.optimizer.lr = 1e30f;  // guaranteed blow-up
    Trainer t;
    REQUIRE(t.init(&m, data.view(), c, nullptr));
    const std::vector<float> start(m.params().begin(), m.params().end());
    for (int i = 0; i < 50 && !t.done(); ++i) t.train_steps(5);
    REQUIRE(t.progress().state == TrainState::diverged);
    CHECK(t.progress().reason.find("diverged at step ") == 0);
    CHECK(t.progress().reason.find("learning rate too high?") != std::string::npos);
    for (float w : m.params()) CHECK_UNARY(std::isfinite(w));
    // diverged within the first snapshot period: the restored weights are the initial ones
    CHECK(t.progress().step < Trainer::kSnapshotEvery);
    CHECK(std::equal(start.begin(), start.end(), m.params().begin()));
    CHECK(t.train_steps(10) == 0);
  }

  TEST_CASE("early stopping restores the best validation weights") {
    // pure-noise labels: validation loss stops improving quickly
    Blobs data = make_blobs(400, 5);
    Rng rng(9);
    for (auto& y : data.y) y = static_cast<int32_t>(rng.below(4));
    Mlp m = blob_model(4);
    TrainConfig c = blob_config();
    c.epochs = 200;
    c.optimizer.lr = 0.05f;
    c.validation_fraction = 0.25f;
    c.patience = 3;
    Trainer t;
    std::string error;
    REQUIRE_MESSAGE(t.init(&m, data.view(), c, &error), error);
    CHECK(t.progress().validation_count == 100);
    CHECK(t.progress().train_count == 300);
    run_to_end(t);
    CHECK(t.progress().state == TrainState::early_stopped);
    CHECK(t.progress().epoch < 200);
    CHECK(t.progress().reason.find("early stop") == 0);
  }

  TEST_CASE("learning rate and batch size change between steps without a reset") {
    const Blobs data = make_blobs(400, 6);
    Mlp m = blob_model(6);
    Trainer t;
    REQUIRE(t.init(&m, data.view(), blob_config(), nullptr));
    t.train_steps(5);
    const auto w = std::vector<float>(m.params().begin(), m.params().end());
    t.set_learning_rate(0.001f);
    CHECK(t.progress().learning_rate == 0.001f);
    std::string error;
    REQUIRE(t.set_batch_size(50, &error));
    CHECK_FALSE(t.set_batch_size(0, &error));
    CHECK(t.progress().step == 5);
    t.train_steps(3);
    CHECK(t.progress().samples_seen == 5 * 16 + 3 * 50);
    CHECK_FALSE(std::equal(w.begin(), w.end(), m.params().begin()));
    run_to_end(t);
    CHECK(t.progress().state == TrainState::finished);
  }

  TEST_CASE("init rejects inconsistent configurations with a message") {
    const Blobs data = make_blobs(40, 7);
    Mlp m = blob_model(7);
    Trainer t;
    std::string error;
    TrainConfig c = blob_config();
    c.batch = 0;
    CHECK_FALSE(t.init(&m, data.view(), c, &error));
    CHECK(error.find("batch") != std::string::npos);
    c = blob_config();
    c.optimizer.lr = -1.0f;
    CHECK_FALSE(t.init(&m, data.view(), c, &error));
    CHECK(error.find("learning rate") != std::string::npos);
    c = blob_config();
    DatasetView v = data.view();
    v.dims = 3;
    CHECK_FALSE(t.init(&m, v, c, &error));
    CHECK(error.find("features") != std::string::npos);
    Blobs bad = data;
    bad.y[3] = 9;
    CHECK_FALSE(t.init(&m, bad.view(), c, &error));
    CHECK(error.find("label 9") != std::string::npos);
    c.patience = 2;
    CHECK_FALSE(t.init(&m, data.view(), c, &error));
    CHECK(error.find("validation") != std::string::npos);
  }
}

TEST_SUITE("core/trainer") {
  // The same seed gives the same weights and the same training run natively (AVX-512 / AVX2 /
  // SSE) and in wasm. The numbers were printed by the native build; the wasm test run checks them
  // too (FMA vs mul+add rounding is why there is a tolerance at all).
  TEST_CASE("cross-build golden: seeded init and a short seeded training run") {
    Mlp m;
    const LayerSpec spec[] = {{784, 16, Activation::relu}, {16, 16, Activation::relu}, {16, 10, Activation::softmax}};
    REQUIRE(m.build(spec, nullptr));
    m.init_params(2024);
    double sum = 0, abs_sum = 0;
    for (float w : m.params()) sum += w, abs_sum += std::fabs(w);
    CHECK(m.params()[0] == doctest::Approx(-0.00228534802).epsilon(1e-6));
    CHECK(sum == doctest::Approx(12.3575937).epsilon(1e-6));
    CHECK(abs_sum == doctest::Approx(615.415954).epsilon(1e-6));

    Rng rng(77);
    const int N = 512;
    std::vector<float> x(static_cast<size_t>(N) * 784);
    std::vector<int32_t> y(N);
    for (int i = 0; i < N; ++i) {
      y[i] = i % 10;
      for (int d = 0; d < 784; ++d) x[i * 784 + d] = (d % 10 == y[i]) ? rng.uniform() : 0.1f * rng.uniform();
    }
    TrainConfig c;  // adam 1e-3, cross-entropy
    c.batch = 32;
    c.epochs = 2;
    c.seed = 5;
    c.dropout = 0.1f;
    Trainer t;
    const DatasetView view{x.data(), y.data(), nullptr, N, 784};
    REQUIRE(t.init(&m, view, c, nullptr));
    run_to_end(t);
    const Evaluation e = evaluate(m, view, Loss::cross_entropy);
    CHECK(e.loss == doctest::Approx(1.24015713).epsilon(1e-4));
    CHECK(e.accuracy == doctest::Approx(0.69921875).epsilon(0.01));
    CHECK(t.progress().epoch_loss == doctest::Approx(1.58229077).epsilon(1e-4));
  }
}
