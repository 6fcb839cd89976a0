// Optimizers against hand-computed values (three steps each), L2 on weights only, state reset.
#include <doctest/doctest.h>

#include <cmath>

#include "core/mlp.h"
#include "core/optimizers.h"

using namespace nnlab;

namespace {
// A 1-1 network: params = [w, b]; we set the gradient by hand.
struct Tiny {
  Mlp m;
  Tiny(float w, float b) {
    const LayerSpec spec[] = {{1, 1, Activation::identity}};
    REQUIRE(m.build(spec, nullptr));
    m.params()[0] = w;
    m.params()[1] = b;
  }
  void grad(float gw, float gb) {
    m.grads()[0] = gw;
    m.grads()[1] = gb;
  }
};
}  // namespace

TEST_SUITE("core/optimizers") {
  TEST_CASE("names") {
    OptimizerKind k{};
    for (int i = 0; i < kOptimizerCount; ++i) {
      REQUIRE(parse_optimizer(optimizer_name(static_cast<OptimizerKind>(i)), &k));
      CHECK(static_cast<int>(k) == i);
    }
    CHECK(optimizer_name(OptimizerKind::adam) == "adam");
    CHECK_FALSE(parse_optimizer("rmsprop", &k));
  }

  TEST_CASE("sgd: w ← w − ηg, three steps") {
    Tiny t(1.0f, 0.5f);
    Optimizer opt;
    opt.init(t.m, {OptimizerKind::sgd, 0.1f});
    const float gs[3] = {0.5f, -1.0f, 2.0f};
    float w = 1.0f, b = 0.5f;
    for (float g : gs) {
      t.grad(g, -g);
      opt.step(t.m);
      w -= 0.1f * g;
      b += 0.1f * g;
      CHECK(t.m.params()[0] == doctest::Approx(w));
      CHECK(t.m.params()[1] == doctest::Approx(b));
    }
    CHECK(t.m.params()[0] == doctest::Approx(0.85f));  // 1 − 0.1(0.5 − 1 + 2)
  }

  TEST_CASE("momentum: v ← μv + g, w ← w − ηv, three steps") {
    Tiny t(1.0f, 0.0f);
    Optimizer opt;
    OptimizerConfig c;
    c.kind = OptimizerKind::momentum;
    c.lr = 0.1f;
    c.momentum = 0.9f;
    opt.init(t.m, c);
    // g = 1, 1, 1: v = 1, 1.9, 2.71; w = 1 − 0.1·(1 + 1.9 + 2.71) = 0.439
    for (int i = 0; i < 3; ++i) {
      t.grad(1.0f, 0.0f);
      opt.step(t.m);
    }
    CHECK(t.m.params()[0] == doctest::Approx(0.439f));
    CHECK(t.m.params()[1] == 0.0f);
  }

  TEST_CASE("adam: bias-corrected, three steps") {
    Tiny t(0.5f, 0.0f);
    Optimizer opt;
    OptimizerConfig c;  // defaults: adam, 1e-3, 0.9, 0.999, 1e-8
    opt.init(t.m, c);
    const double gs[3] = {0.2, -0.1, 0.4};
    double m = 0, v = 0, w = 0.5;
    for (int i = 0; i < 3; ++i) {
      t.grad(static_cast<float>(gs[i]), 0.0f);
      opt.step(t.m);
      m = 0.9 * m + 0.1 * gs[i];
      v = 0.999 * v + 0.001 * gs[i] * gs[i];
      const double mh = m / (1 - std::pow(0.9, i + 1)), vh = v / (1 - std::pow(0.999, i + 1));
      w -= 1e-3 * mh / (std::sqrt(vh) + 1e-8);
      CHECK(t.m.params()[0] == doctest::Approx(w).epsilon(1e-6));
    }
    CHECK(opt.steps() == 3);
    // by hand: step 1 moves by exactly η (m̂/√v̂ = g/|g|): 0.499; step 2: m̂ = 0.008/0.19,
    // √v̂ = √(4.996e-5/0.001999) → 0.498734; step 3: m̂ = 0.0472/0.271, √v̂ = √(2.0991e-4/0.002997)
    // → 0.498076
    CHECK(t.m.params()[0] == doctest::Approx(0.498076).epsilon(2e-5));
  }

  TEST_CASE("L2 applies to weights, never to biases") {
    Tiny t(2.0f, 3.0f);
    Optimizer opt;
    OptimizerConfig c;
    c.kind = OptimizerKind::sgd;
    c.lr = 0.1f;
    c.l2 = 0.5f;
    opt.init(t.m, c);
    t.grad(0.0f, 0.0f);
    opt.step(t.m);
    CHECK(t.m.params()[0] == doctest::Approx(2.0f - 0.1f * 2.0f * 0.5f * 2.0f));  // g = 2λw
    CHECK(t.m.params()[1] == 3.0f);
  }

  TEST_CASE("reset clears the state; set_learning_rate keeps it") {
    Tiny t(1.0f, 0.0f);
    Optimizer opt;
    OptimizerConfig c;
    c.kind = OptimizerKind::momentum;
    c.lr = 0.1f;
    opt.init(t.m, c);
    t.grad(1.0f, 0.0f);
    opt.step(t.m);  // v = 1, w = 0.9
    opt.set_learning_rate(0.2f);
    opt.step(t.m);  // v = 1.9, w = 0.9 − 0.38
    CHECK(t.m.params()[0] == doctest::Approx(0.52f));
    opt.reset();
    opt.step(t.m);  // v = 1 again
    CHECK(t.m.params()[0] == doctest::Approx(0.32f));
    CHECK(opt.steps() == 1);
  }
}
