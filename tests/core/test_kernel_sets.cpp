// Both kernel sets in one binary: the tables, the run-time switch, and seeded training runs with
// the reference and the SIMD kernels that end at the same weights and losses.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/kernels.h"
#include "core/trainer.h"

using namespace nnlab;

namespace {
// A learnable classification problem: x ~ U(−1, 1)^D (a fraction `zeros` of it 0, MNIST-like),
// labels from a random linear teacher.
struct Problem {
  std::vector<float> x;    // (N, D)
  std::vector<int32_t> y;  // (N)
  int dims = 0;
  DatasetView view() const { return {x.data(), y.data(), nullptr, static_cast<int>(y.size()), dims}; }
};
Problem make_problem(int n, int dims, int classes, float zeros, uint64_t seed) {
  Problem p;
  p.dims = dims;
  Rng rng(seed);
  std::vector<float> teacher(static_cast<size_t>(classes) * dims);
  for (float& w : teacher) w = rng.normal();
  p.x.resize(static_cast<size_t>(n) * dims);
  for (int i = 0; i < n; ++i) {
    float* xi = &p.x[static_cast<size_t>(i) * dims];
    for (int d = 0; d < dims; ++d) xi[d] = rng.uniform() < zeros ? 0.0f : rng.uniform(-1.0f, 1.0f);
    std::vector<float> score(classes, 0.0f);
    for (int c = 0; c < classes; ++c)
      for (int d = 0; d < dims; ++d) score[c] += teacher[static_cast<size_t>(c) * dims + d] * xi[d];
    p.y.push_back(argmax(score.data(), classes));
  }
  return p;
}

struct Run {
  std::vector<float> params;
  std::vector<float> epoch_losses;  // training loss of every epoch
  float eval_loss = 0.0f;
};

// Trains a fresh model (seeded init) with the given kernel set active throughout.
Run train_with(KernelSet set, std::span<const LayerSpec> spec, const Problem& data, const TrainConfig& config) {
  const KernelSetScope use(set);
  REQUIRE(active_kernels().set == set);
  Mlp m;
  REQUIRE(m.build(spec, nullptr));
  m.init_params(11);
  Trainer t;
  std::string error;
  REQUIRE_MESSAGE(t.init(&m, data.view(), config, &error), error);
  for (int guard = 0; guard < 100000 && !t.done(); ++guard) t.train_steps(5);
  REQUIRE(t.progress().state == TrainState::finished);
  Run r;
  r.params.assign(m.params().begin(), m.params().end());
  for (const EpochRecord& e : t.history()) r.epoch_losses.push_back(e.train_loss);
  r.eval_loss = evaluate(m, data.view(), config.loss).loss;
  return r;
}

// max over i of |a − b| / (1 + |b|)
double max_rel_diff(const std::vector<float>& a, const std::vector<float>& b) {
  REQUIRE(a.size() == b.size());
  double worst = 0.0;
  for (size_t i = 0; i < a.size(); ++i)
    worst = std::fmax(worst, std::fabs(double(a[i]) - b[i]) / (1.0 + std::fabs(double(b[i]))));
  return worst;
}
}  // namespace

TEST_SUITE("core/kernel_sets") {
  TEST_CASE("two tables, the build's set active by default, a scope switches and restores") {
    const Kernels& r = kernels(KernelSet::reference);
    const Kernels& s = kernels(KernelSet::simd);
    CHECK(r.set == KernelSet::reference);
    CHECK(s.set == KernelSet::simd);
    CHECK((r.gemm_bias_act_packed == &ref::gemm_bias_act_packed));
    CHECK((r.adam_step == &ref::adam_step));
    CHECK((s.gemm_bias_act_packed == &simd::gemm_bias_act_packed));
    CHECK((s.adam_step == &simd::adam_step));
    CHECK(std::string(r.isa_name()) == "scalar");
    CHECK(active_kernels().set == default_kernel_set());
    {
      const KernelSetScope outer(KernelSet::reference);
      CHECK(active_kernels().set == KernelSet::reference);
      {
        const KernelSetScope inner(KernelSet::simd);
        CHECK(active_kernels().set == KernelSet::simd);
      }
      CHECK(active_kernels().set == KernelSet::reference);
    }
    CHECK(active_kernels().set == default_kernel_set());
  }

  // Tolerance 1e-5 relative, |Δ| ≤ 1e-5·(1 + |value|), on every weight and every epoch's loss.
  // Both sets add the same products in the same order; they differ in rounding only. Natively
  // the SIMD kernels fuse a·b + c into one FMA by hand and GCC contracts the reference loops into
  // FMAs too (-ffp-contract=fast), but not always the same product (Adam's moments, SGD's w − η·g);
  // in wasm neither has an FMA. A few ulps per step, grown over 3 epochs: measured at most 9e-8
  // natively (AVX-512) and 4e-8 in wasm (where the momentum runs agree bit for bit); 1e-5 is
  // a hundred times that.
  TEST_CASE("both kernel sets train to the same result within float tolerance") {
    struct Case {
      const char* name;
      std::vector<LayerSpec> spec;
      int n, dims, classes;
      float zeros;
    };
    const Case cases[] = {
        {"17-9-5 tanh", {{17, 9, Activation::tanh}, {9, 5, Activation::softmax}}, 300, 17, 5, 0.0f},
        {"17-9-5 leaky-relu", {{17, 9, Activation::leaky_relu}, {9, 5, Activation::softmax}}, 300, 17, 5, 0.0f},
        {"784-16-10 relu", {{784, 16, Activation::relu}, {16, 10, Activation::softmax}}, 256, 784, 10, 0.8f},
    };
    for (const Case& c : cases) {
      const Problem data = make_problem(c.n, c.dims, c.classes, c.zeros, 5);
      for (OptimizerKind kind : {OptimizerKind::adam, OptimizerKind::momentum}) {
        CAPTURE(c.name);
        CAPTURE(optimizer_name(kind));
        TrainConfig config;
        config.optimizer.kind = kind;
        config.optimizer.lr = kind == OptimizerKind::adam ? 3e-3f : 2e-2f;
        config.optimizer.l2 = 1e-4f;
        config.batch = 32;
        config.epochs = 3;
        config.dropout = 0.2f;
        config.seed = 9;
        const Run r = train_with(KernelSet::reference, c.spec, data, config);
        const Run s = train_with(KernelSet::simd, c.spec, data, config);
        CHECK(r.epoch_losses.back() < r.epoch_losses.front());  // it did learn
        CHECK(max_rel_diff(s.params, r.params) <= 1e-5);
        CHECK(max_rel_diff(s.epoch_losses, r.epoch_losses) <= 1e-5);
        CHECK(s.eval_loss == doctest::Approx(r.eval_loss).epsilon(1e-5));
      }
    }
  }
}
