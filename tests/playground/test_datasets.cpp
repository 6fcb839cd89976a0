// The Playground's generators: sizes, split, label balance and geometry as TF Playground defines
// them, noise, seeds, and the very same points natively and in wasm (a hash fixed here, which both
// builds of this test check).
#include <doctest/doctest.h>

#include <cmath>
#include <map>

#include "playground/datasets.h"
#include "playground/features.h"

using namespace nnlab::playground;

namespace {
constexpr double kPi = 3.14159265358979323846;

std::map<int, int> label_counts(const std::vector<Point>& pts) {
  std::map<int, int> n;
  for (const Point& p : pts) ++n[p.label];
  return n;
}
float radius(const Point& p) { return std::sqrt(p.x * p.x + p.y * p.y); }
}  // namespace

TEST_SUITE("playground/datasets") {
  TEST_CASE("names, problems, classes and sizes") {
    for (DataKind d : kAllData) {
      DataKind back;
      REQUIRE(parse_data(data_name(d), &back));
      CHECK(back == d);
    }
    DataKind d;
    CHECK_FALSE(parse_data("moons", &d));
    CHECK(problem_of(DataKind::circle) == Problem::binary);
    CHECK(problem_of(DataKind::reg_gauss) == Problem::regression);
    CHECK(problem_of(DataKind::blobs4) == Problem::multiclass);
    CHECK(class_count(DataKind::spiral3) == 3);
    CHECK(class_count(DataKind::blobs4) == 4);
    CHECK(class_count(DataKind::reg_plane) == 0);
    for (DataKind k : kAllData) {
      CAPTURE(data_name(k));
      const auto pts = generate(k, 0, 50, 7);
      const int n = problem_of(k) == Problem::regression ? 1200 : k == DataKind::spiral3 ? 600 : 500;
      CHECK(int(pts.size()) == n);
      int train = 0;
      for (const Point& p : pts) train += !p.test;
      CHECK(train == n / 2);
      for (const Point& p : pts) {
        CHECK(std::fabs(p.x) <= 6.5f);
        CHECK(std::fabs(p.y) <= 6.5f);
      }
    }
    // TF Playground's split: the first ⌊N·split/100⌋ of the shuffled points train.
    int train = 0;
    for (const Point& p : generate(DataKind::spiral, 0, 30, 1)) train += !p.test;
    CHECK(train == 150);
    train = 0;
    for (const Point& p : generate(DataKind::reg_plane, 0, 90, 1)) train += !p.test;
    CHECK(train == 1080);
  }

  TEST_CASE("circle: class 1 inside radius 2.5, class 0 in the ring 3.5 … 5; noise mislabels some") {
    const auto pts = generate(DataKind::circle, 0, 50, 3);
    const auto n = label_counts(pts);
    CHECK(n.at(0) == 250);
    CHECK(n.at(1) == 250);
    for (const Point& p : pts) {
      if (p.label == 1) CHECK(radius(p) <= 2.5f + 1e-5f);
      else {
        CHECK(radius(p) >= 3.5f - 1e-5f);
        CHECK(radius(p) <= 5.0f + 1e-5f);
      }
    }
    int wrong = 0;
    for (const Point& p : generate(DataKind::circle, 0.5f, 50, 3)) wrong += (radius(p) < 2.5f) != (p.label == 1);
    CHECK(wrong > 25);
    CHECK(wrong < 250);
  }

  TEST_CASE("xor: quadrants, 0.3 away from the axes, class 1 where x·y ≥ 0") {
    const auto pts = generate(DataKind::xor_, 0, 50, 4);
    const auto n = label_counts(pts);
    CHECK(n.at(1) > 200);
    CHECK(n.at(0) > 200);
    for (const Point& p : pts) {
      CHECK(std::fabs(p.x) >= 0.3f - 1e-6f);
      CHECK(std::fabs(p.x) <= 5.3f + 1e-5f);
      CHECK(std::fabs(p.y) >= 0.3f - 1e-6f);
      CHECK(p.label == (p.x * p.y >= 0 ? 1 : 0));
    }
  }

  TEST_CASE("gauss: two blobs at (2, 2) and (−2, −2), variance 0.5 growing with noise to 4") {
    for (float noise : {0.0f, 0.5f}) {
      const auto pts = generate(DataKind::gauss, noise, 50, 5);
      double sx[2] = {}, sy[2] = {}, sxx[2] = {};
      int n[2] = {};
      for (const Point& p : pts) sx[p.label] += p.x, sy[p.label] += p.y, sxx[p.label] += p.x * p.x, ++n[p.label];
      CHECK(n[0] == 250);
      CHECK(n[1] == 250);
      const double want_var = noise == 0 ? 0.5 : 4.0;
      for (int c = 0; c < 2; ++c) {
        const double mx = sx[c] / n[c], my = sy[c] / n[c], var = sxx[c] / n[c] - mx * mx;
        const double centre = c == 1 ? 2.0 : -2.0;
        CHECK(mx == doctest::Approx(centre).epsilon(0.15 * std::sqrt(want_var)));
        CHECK(my == doctest::Approx(centre).epsilon(0.15 * std::sqrt(want_var)));
        CHECK(var == doctest::Approx(want_var).epsilon(0.25));
      }
    }
  }

  TEST_CASE("spiral: two arms r = 5i/n, t = 1.75·2πi/n (+π for class 0)") {
    const auto pts = generate(DataKind::spiral, 0, 50, 6);
    const auto n = label_counts(pts);
    CHECK(n.at(0) == 250);
    CHECK(n.at(1) == 250);
    for (const Point& p : pts) {
      const double r = radius(p);
      CHECK(r <= 5.0 + 1e-5);
      if (r < 0.05) continue;
      // x = r sin t, y = r cos t with t = 1.75·2π·(r/5) + (class 0 ? π : 0)
      const double t = 1.75 * 2 * kPi * r / 5 + (p.label == 0 ? kPi : 0);
      CHECK(p.x == doctest::Approx(r * std::sin(t)).epsilon(1e-3).scale(1));
      CHECK(p.y == doctest::Approx(r * std::cos(t)).epsilon(1e-3).scale(1));
    }
    // noise jitters each coordinate by at most ±noise
    const auto clean = generate(DataKind::spiral, 0, 50, 6), noisy = generate(DataKind::spiral, 0.5f, 50, 6);
    double moved = 0;
    for (size_t i = 0; i < clean.size(); ++i) moved += std::fabs(clean[i].x - noisy[i].x);
    CHECK(moved > 0);
  }

  TEST_CASE("spiral3 and blobs4: three arms 120° apart, four blobs, one class each") {
    const auto arms = generate(DataKind::spiral3, 0, 50, 8);
    const auto n3 = label_counts(arms);
    CHECK(n3.size() == 3);
    for (const auto& [c, count] : n3) CHECK(count == 200);
    for (const Point& p : arms) {
      const double r = radius(p);
      if (r < 0.05) continue;
      const double t = 1.75 * 2 * kPi * r / 5 + 2 * kPi * p.label / 3;
      CHECK(p.x == doctest::Approx(r * std::sin(t)).epsilon(1e-3).scale(1));
    }
    const auto blobs = generate(DataKind::blobs4, 0, 50, 8);
    const auto n4 = label_counts(blobs);
    CHECK(n4.size() == 4);
    for (const auto& [c, count] : n4) CHECK(count == 125);
    const float centres[4][2] = {{2.5f, 2.5f}, {-2.5f, 2.5f}, {-2.5f, -2.5f}, {2.5f, -2.5f}};
    int near = 0;
    for (const Point& p : blobs) {
      const float dx = p.x - centres[p.label][0], dy = p.y - centres[p.label][1];
      near += dx * dx + dy * dy < 4.0f;
    }
    CHECK(near > 450);
  }

  TEST_CASE("regression: the plane (x + y)/10 and the six signed bumps") {
    for (const Point& p : generate(DataKind::reg_plane, 0, 50, 9))
      CHECK(p.value == doctest::Approx((p.x + p.y) / 10).epsilon(1e-5).scale(1));
    int positive = 0, negative = 0;
    for (const Point& p : generate(DataKind::reg_gauss, 0, 50, 9)) {
      CHECK(std::fabs(p.value) <= 1.0f);
      positive += p.value > 0.5f, negative += p.value < -0.5f;
      // at the bump at (0, 2.5) the value is −(1 − d/2)
      const float d = std::sqrt(p.x * p.x + (p.y - 2.5f) * (p.y - 2.5f));
      if (d < 1.0f) CHECK(p.value == doctest::Approx(-(1 - d / 2)).epsilon(1e-4));
    }
    CHECK(positive > 20);
    CHECK(negative > 20);
  }

  TEST_CASE("a seed gives the same points, another seed others; the same natively and in wasm") {
    CHECK(points_hash(generate(DataKind::spiral, 0.25f, 50, 42)) == points_hash(generate(DataKind::spiral, 0.25f, 50, 42)));
    CHECK(points_hash(generate(DataKind::spiral, 0.25f, 50, 42)) != points_hash(generate(DataKind::spiral, 0.25f, 50, 43)));
    // Fixed values: this very test runs natively and compiled to wasm under node.
    const uint64_t expected[kDataKindCount] = {
        0xf36223a359e1988aull, 0x682230524c8d69a7ull, 0x83eb4cc4a75f1621ull, 0x433f462f40fb2916ull,
        0x85e7013405d05beaull, 0x818ace97a58df433ull, 0xbdd74dfed342a15dull, 0x80643b90d8e2f980ull,
    };
    for (DataKind k : kAllData) {
      const uint64_t h = points_hash(generate(k, 0.25f, 50, 1234));
      CAPTURE(data_name(k));
      CHECK(h == expected[int(k)]);
    }
  }

  TEST_CASE("features: the seven inputs, their masks and names") {
    float f[kFeatureCount];
    CHECK(feature_values(0b1111111, 2, 3, f) == 7);
    CHECK(f[0] == 2);
    CHECK(f[1] == 3);
    CHECK(f[2] == 4);
    CHECK(f[3] == 9);
    CHECK(f[4] == 6);
    CHECK(f[5] == doctest::Approx(std::sin(2.0f)));
    CHECK(f[6] == doctest::Approx(std::sin(3.0f)));
    FeatureMask m;
    REQUIRE(parse_features("x1,sinx2,x1x2", &m));
    CHECK(feature_count(m) == 3);
    CHECK(features_text(m) == "x1,x1x2,sinx2");  // always in the table's order
    CHECK(nth_feature(m, 1) == Feature::x1x2);
    CHECK_FALSE(parse_features("x1,x1", &m));
    CHECK_FALSE(parse_features("x3", &m));
    CHECK_FALSE(parse_features("", &m));
  }
}
