// Activation explorer data: curves and softmax values come from the core.
#include <doctest/doctest.h>

#include <cmath>

#include "lessons/activation_explorer.h"

using namespace nnlab;

TEST_SUITE("lessons/activation_explorer") {
  TEST_CASE("five curves sampled from the core's activate / activation_derivative") {
    const std::vector<ActivationCurve> curves = activation_curves(-4.0f, 4.0f, 81);
    REQUIRE(curves.size() == 5);
    const Activation expected[] = {Activation::relu, Activation::leaky_relu, Activation::sigmoid, Activation::tanh,
                                   Activation::step};
    for (size_t c = 0; c < curves.size(); ++c) {
      const ActivationCurve& curve = curves[c];
      CAPTURE(curve.name);
      CHECK(curve.activation == expected[c]);
      CHECK(!curve.formula.empty());
      CHECK(!curve.derivative.empty());
      REQUIRE(curve.z.size() == 81);
      REQUIRE(curve.f.size() == 81);
      REQUIRE(curve.df.size() == 81);
      CHECK(curve.z.front() == -4.0f);
      CHECK(curve.z.back() == 4.0f);
      for (size_t k = 0; k < curve.z.size(); ++k) {
        CHECK(curve.f[k] == activate(curve.activation, curve.z[k]));
        CHECK(curve.df[k] == activation_derivative(curve.activation, curve.z[k]));
      }
    }
    CHECK(curves[2].f[40] == doctest::Approx(0.5));    // σ(0)
    CHECK(curves[2].df[40] == doctest::Approx(0.25));  // σ′(0)
  }

  TEST_CASE("the current neuron's point on the curve") {
    const ActivationPoint p = activation_point(Activation::sigmoid, 0.2f);
    CHECK(p.z == 0.2f);
    CHECK(p.f == activate(Activation::sigmoid, 0.2f));
    CHECK(p.df == activation_derivative(Activation::sigmoid, 0.2f));
  }

  TEST_CASE("softmax on a small vector: the core's probabilities, summing to 1") {
    const float z[] = {1.0f, 2.0f, 0.5f};
    std::vector<float> expected(3);
    softmax(z, expected.data(), 3);
    CHECK(softmax_probabilities(z) == expected);
    const Lesson lesson = softmax_lesson(z);
    REQUIRE(lesson.steps.size() == 4);
    for (int i = 0; i < 3; ++i) CHECK(lesson.steps[i].values[0] == expected[i]);
    CHECK(lesson.steps[1].substituted == "p₂ = e^2 / (e^1 + e^2 + e^0.5) = 0.6285");
    CHECK(lesson.steps[3].values[0] == doctest::Approx(1.0));
    CHECK(lesson.steps[3].substituted == "0.2312 + 0.6285 + 0.1402 = 1");
  }
}
