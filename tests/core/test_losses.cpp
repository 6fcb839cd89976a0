// Losses: names, values of the lessons' formulas, gradients against central differences.
#include <doctest/doctest.h>

#include <cmath>

#include "core/losses.h"

using namespace nnlab;

TEST_SUITE("core/losses") {
  TEST_CASE("names round-trip through parse_loss") {
    for (int i = 0; i < kLossCount; ++i) {
      const auto loss = static_cast<Loss>(i);
      Loss back{};
      REQUIRE(parse_loss(loss_name(loss), &back));
      CHECK(back == loss);
    }
    Loss l{};
    CHECK(loss_name(Loss::cross_entropy) == "cross-entropy");
    CHECK(loss_name(Loss::half_sse) == "half-sse");
    CHECK_FALSE(parse_loss("hinge", &l));
  }

  TEST_CASE("values") {
    const float y_hat[2] = {0.8f, 0.2f};
    const float y[2] = {1.0f, 0.0f};
    CHECK(loss_value(Loss::half_sse, y_hat, y, 2) == doctest::Approx(0.5 * (0.04 + 0.04)));
    CHECK(loss_value(Loss::mse, y_hat, y, 2) == doctest::Approx((0.04 + 0.04) / 2));
    CHECK(loss_value(Loss::cross_entropy, y_hat, y, 2) == doctest::Approx(-std::log(0.8)));
    CHECK(loss_value(Loss::bce, y_hat, y, 2) == doctest::Approx(-(std::log(0.8) + std::log(0.8)) / 2));
    // the coat network: ŷ = 0.549834, y = 1 → ½(1 − ŷ)²
    const float coat = 0.549834f, one = 1.0f;
    CHECK(loss_value(Loss::half_sse, &coat, &one, 1) == doctest::Approx(0.5 * 0.450166 * 0.450166));
    // saturated outputs give a large but finite loss
    const float zero = 0.0f;
    CHECK(std::isfinite(loss_value(Loss::cross_entropy, &zero, &one, 1)));
    CHECK(std::isfinite(loss_value(Loss::bce, &zero, &one, 1)));
  }

  TEST_CASE("gradients match central differences") {
    const int n = 3;
    const float y_hat[n] = {0.3f, 0.6f, 0.1f};
    const float y[n] = {0.0f, 1.0f, 0.0f};
    for (int li = 0; li < kLossCount; ++li) {
      const auto loss = static_cast<Loss>(li);
      CAPTURE(loss_name(loss));
      float grad[n];
      loss_gradient(loss, y_hat, y, n, grad);
      for (int j = 0; j < n; ++j) {
        float p[n], m[n];
        for (int i = 0; i < n; ++i) p[i] = m[i] = y_hat[i];
        const float h = 1e-3f;
        p[j] += h;
        m[j] -= h;
        const double num = (static_cast<double>(loss_value(loss, p, y, n)) - loss_value(loss, m, y, n)) / (2.0 * h);
        CHECK(grad[j] == doctest::Approx(num).epsilon(5e-3));
      }
    }
  }
}
