// Activations: names, values, derivatives against central differences, softmax stability.
#include <doctest/doctest.h>

#include <cmath>

#include "core/activations.h"

using namespace nnlab;

TEST_SUITE("core/activations") {
  TEST_CASE("names round-trip through parse_activation") {
    for (int i = 0; i < kActivationCount; ++i) {
      const auto act = static_cast<Activation>(i);
      Activation back{};
      REQUIRE(parse_activation(activation_name(act), &back));
      CHECK(back == act);
    }
    Activation a{};
    CHECK(activation_name(Activation::leaky_relu) == "leaky-relu");
    CHECK(parse_activation("leaky_relu", &a));
    CHECK(a == Activation::leaky_relu);
    CHECK_FALSE(parse_activation("relu6", &a));
    CHECK_FALSE(parse_activation("", &a));
  }

  TEST_CASE("values from the lessons") {
    CHECK(activate(Activation::relu, -2.0f) == 0.0f);  // the umbrella: ReLU(−2) = 0
    CHECK(activate(Activation::relu, 1.2f) == doctest::Approx(1.2f));
    CHECK(activate(Activation::sigmoid, 0.2f) == doctest::Approx(0.549834f).epsilon(1e-6));
    CHECK(activate(Activation::step, -2.0f) == 0.0f);
    CHECK(activate(Activation::step, 0.0f) == 0.0f);
    CHECK(activate(Activation::step, 0.5f) == 1.0f);
    CHECK(activate(Activation::leaky_relu, -2.0f) == doctest::Approx(-0.02f));
    CHECK(activate(Activation::tanh, 0.5f) == doctest::Approx(std::tanh(0.5f)));
    CHECK(activate(Activation::identity, -3.25f) == -3.25f);
    CHECK(activate(Activation::sigmoid, -100.0f) >= 0.0f);
    CHECK(activate(Activation::sigmoid, 100.0f) == doctest::Approx(1.0f));
  }

  TEST_CASE("derivatives match central differences away from kinks") {
    const float zs[] = {-3.0f, -0.7f, -0.1f, 0.3f, 1.1f, 2.5f};
    const Activation acts[] = {Activation::identity, Activation::relu, Activation::leaky_relu,
                               Activation::sigmoid,  Activation::tanh, Activation::step};
    for (Activation act : acts) {
      for (float z : zs) {
        CAPTURE(activation_name(act));
        CAPTURE(z);
        const double h = 1e-3;
        const double num = (activate(act, static_cast<float>(z + h)) - activate(act, static_cast<float>(z - h))) /
                           (2 * h);
        CHECK(activation_derivative(act, z) == doctest::Approx(num).epsilon(2e-3));
      }
    }
    CHECK(activation_derivative(Activation::relu, 0.0f) == 0.0f);  // convention: relu′(0) = 0
    CHECK(activation_derivative(Activation::step, 0.0f) == 0.0f);
  }

  TEST_CASE("softmax sums to one and survives huge inputs") {
    const float z[3] = {1000.0f, 1001.0f, 999.0f};
    float a[3];
    softmax(z, a, 3);
    CHECK(a[0] + a[1] + a[2] == doctest::Approx(1.0f));
    CHECK(a[1] > a[0]);
    CHECK(a[0] > a[2]);
    CHECK(std::isfinite(a[0]));
    const float z2[2] = {0.0f, std::log(3.0f)};
    softmax(z2, a, 2);
    CHECK(a[0] == doctest::Approx(0.25f));
    CHECK(a[1] == doctest::Approx(0.75f));
    float one[1] = {-5.0f};
    softmax(one, one, 1);  // in place, n = 1
    CHECK(one[0] == 1.0f);
  }

  TEST_CASE("softmax Jacobian-vector product matches differences") {
    const int n = 4;
    const float z[n] = {0.3f, -1.2f, 2.0f, 0.5f};
    const float g[n] = {0.7f, -0.2f, 0.1f, 1.5f};  // ∂L/∂a for L = g·a
    float a[n], jg[n];
    softmax(z, a, n);
    for (int i = 0; i < n; ++i) jg[i] = g[i];
    activation_backward_rows(Activation::softmax, z, a, jg, 1, n);
    for (int j = 0; j < n; ++j) {
      float zp[n], zm[n], ap[n], am[n];
      for (int i = 0; i < n; ++i) zp[i] = zm[i] = z[i];
      const float h = 1e-3f;
      zp[j] += h;
      zm[j] -= h;
      softmax(zp, ap, n);
      softmax(zm, am, n);
      double lp = 0, lm = 0;
      for (int i = 0; i < n; ++i) lp += g[i] * ap[i], lm += g[i] * am[i];
      CHECK(jg[j] == doctest::Approx((lp - lm) / (2 * h)).epsilon(1e-2));
    }
  }
}

TEST_SUITE("core/activations") {
  TEST_CASE("argmax: index of the largest value, the first one on ties") {
    const float v[5] = {0.1f, 0.7f, -2.0f, 0.7f, 0.3f};
    CHECK(argmax(v, 5) == 1);
    CHECK(argmax(v, 1) == 0);
    const float last[3] = {-3.0f, -2.0f, -1.0f};
    CHECK(argmax(last, 3) == 2);
    const float same[4] = {2.0f, 2.0f, 2.0f, 2.0f};
    CHECK(argmax(same, 4) == 0);
  }
}
