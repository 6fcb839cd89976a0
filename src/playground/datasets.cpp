// The generators (see datasets.h). Every random number is a double built from the Rng's 32-bit
// draws; each point's coordinates are computed in double and rounded to float once.
#include "playground/datasets.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/rng.h"

namespace nnlab::playground {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr const char* kNames[kDataKindCount] = {"circle",    "xor",       "gauss",   "spiral",
                                                "reg-plane", "reg-gauss", "spiral3", "blobs4"};

// Uniform in [a, b) from one 32-bit draw.
double uniform(Rng& rng, double a, double b) { return a + (b - a) * (double(rng.next_u32()) * (1.0 / 4294967296.0)); }

// Normal with the given mean and variance: Marsaglia's polar method (as TF Playground's).
double normal(Rng& rng, double mean, double variance) {
  double v1, v2, s;
  do {
    v1 = uniform(rng, -1, 1);
    v2 = uniform(rng, -1, 1);
    s = v1 * v1 + v2 * v2;
  } while (s > 1 || s == 0);
  return mean + std::sqrt(variance) * (std::sqrt(-2 * std::log(s) / s) * v1);
}

Point classified(double x, double y, int label) {
  Point p;
  p.x = float(x);
  p.y = float(y);
  p.label = label;
  return p;
}

// circle: class 1 inside radius 2.5, class 0 in the ring 3.5 … 5; the label is decided at the
// point moved by the noise (so noisy points of one class lie on the other's side).
void circle(Rng& rng, int n, double noise, std::vector<Point>* out) {
  constexpr double radius = 5;
  auto label_at = [&](double x, double y) { return std::sqrt(x * x + y * y) < radius * 0.5 ? 1 : 0; };
  for (int ring = 0; ring < 2; ++ring)
    for (int i = 0; i < n / 2; ++i) {
      const double r = ring == 0 ? uniform(rng, 0, radius * 0.5) : uniform(rng, radius * 0.7, radius);
      const double angle = uniform(rng, 0, 2 * kPi);
      const double x = r * std::sin(angle), y = r * std::cos(angle);
      const double nx = uniform(rng, -radius, radius) * noise, ny = uniform(rng, -radius, radius) * noise;
      out->push_back(classified(x, y, label_at(x + nx, y + ny)));
    }
}

void xor_data(Rng& rng, int n, double noise, std::vector<Point>* out) {
  constexpr double padding = 0.3;
  for (int i = 0; i < n; ++i) {
    double x = uniform(rng, -5, 5);
    x += x > 0 ? padding : -padding;
    double y = uniform(rng, -5, 5);
    y += y > 0 ? padding : -padding;
    const double nx = uniform(rng, -5, 5) * noise, ny = uniform(rng, -5, 5) * noise;
    out->push_back(classified(x, y, (x + nx) * (y + ny) >= 0 ? 1 : 0));
  }
}

// Gaussians around `centres`, n/k points each, class = the centre's index (or `labels`).
void blobs(Rng& rng, int n, double noise, const double (*centres)[2], const int* labels, int k,
           std::vector<Point>* out) {
  const double variance = 0.5 + (4.0 - 0.5) * noise / 0.5;  // 0.5 … 4 as noise goes 0 … 0.5
  for (int c = 0; c < k; ++c)
    for (int i = 0; i < n / k; ++i) {
      const double x = normal(rng, centres[c][0], variance);
      const double y = normal(rng, centres[c][1], variance);
      out->push_back(classified(x, y, labels[c]));
    }
}

// `arms` spiral arms: r = 5i/n, t = 1.75·2πi/n + the arm's turn, jittered by uniform ±noise.
void spirals(Rng& rng, int n_per_arm, double noise, const double* turns, const int* labels, int arms,
             std::vector<Point>* out) {
  for (int a = 0; a < arms; ++a)
    for (int i = 0; i < n_per_arm; ++i) {
      const double r = double(i) / n_per_arm * 5;
      const double t = 1.75 * double(i) / n_per_arm * 2 * kPi + turns[a];
      const double x = r * std::sin(t) + uniform(rng, -1, 1) * noise;
      const double y = r * std::cos(t) + uniform(rng, -1, 1) * noise;
      out->push_back(classified(x, y, labels[a]));
    }
}

// Regression: points uniform over the plane, the value taken at the point moved by ±6·noise.
template <class F>
void regression(Rng& rng, int n, double noise, F value_at, std::vector<Point>* out) {
  constexpr double radius = 6;
  for (int i = 0; i < n; ++i) {
    const double x = uniform(rng, -radius, radius), y = uniform(rng, -radius, radius);
    const double nx = uniform(rng, -radius, radius) * noise, ny = uniform(rng, -radius, radius) * noise;
    Point p;
    p.x = float(x);
    p.y = float(y);
    p.value = float(value_at(x + nx, y + ny));
    out->push_back(p);
  }
}

double plane_value(double x, double y) { return (x + y) / 10; }

double gauss_bumps_value(double x, double y) {
  constexpr double bumps[6][3] = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1}, {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
  double best = 0;
  for (const auto& b : bumps) {
    const double d = std::sqrt((x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1]));
    const double v = b[2] * std::clamp(1 - d / 2, 0.0, 1.0);
    if (std::fabs(v) > std::fabs(best)) best = v;
  }
  return best;
}

}  // namespace

std::string_view data_name(DataKind kind) { return kNames[int(kind)]; }

bool parse_data(std::string_view name, DataKind* out) {
  for (int i = 0; i < kDataKindCount; ++i)
    if (name == kNames[i]) {
      *out = DataKind(i);
      return true;
    }
  return false;
}

Problem problem_of(DataKind kind) {
  switch (kind) {
    case DataKind::reg_plane:
    case DataKind::reg_gauss: return Problem::regression;
    case DataKind::spiral3:
    case DataKind::blobs4: return Problem::multiclass;
    default: return Problem::binary;
  }
}

int class_count(DataKind kind) {
  switch (problem_of(kind)) {
    case Problem::regression: return 0;
    case Problem::binary: return 2;
    case Problem::multiclass: return kind == DataKind::spiral3 ? 3 : 4;
  }
  return 2;
}

int sample_count(DataKind kind) {
  if (problem_of(kind) == Problem::regression) return 1200;
  return kind == DataKind::spiral3 ? 600 : 500;
}

std::vector<Point> generate(DataKind kind, float noise_fraction, int split_percent, uint64_t seed) {
  Rng rng(seed);
  const double noise = std::clamp(double(noise_fraction), 0.0, 0.5);
  const int n = sample_count(kind);
  std::vector<Point> points;
  points.reserve(size_t(n));
  switch (kind) {
    case DataKind::circle: circle(rng, n, noise, &points); break;
    case DataKind::xor_: xor_data(rng, n, noise, &points); break;
    case DataKind::gauss: {
      const double centres[2][2] = {{2, 2}, {-2, -2}};
      const int labels[2] = {1, 0};
      blobs(rng, n, noise, centres, labels, 2, &points);
      break;
    }
    case DataKind::spiral: {
      const double turns[2] = {0, kPi};
      const int labels[2] = {1, 0};
      spirals(rng, n / 2, noise, turns, labels, 2, &points);
      break;
    }
    case DataKind::reg_plane: regression(rng, n, noise, plane_value, &points); break;
    case DataKind::reg_gauss: regression(rng, n, noise, gauss_bumps_value, &points); break;
    case DataKind::spiral3: {
      const double turns[3] = {0, 2 * kPi / 3, 4 * kPi / 3};
      const int labels[3] = {0, 1, 2};
      spirals(rng, n / 3, noise, turns, labels, 3, &points);
      break;
    }
    case DataKind::blobs4: {
      const double centres[4][2] = {{2.5, 2.5}, {-2.5, 2.5}, {-2.5, -2.5}, {2.5, -2.5}};
      const int labels[4] = {0, 1, 2, 3};
      blobs(rng, n, noise, centres, labels, 4, &points);
      break;
    }
  }
  rng.shuffle(points.data(), int(points.size()));
  const int train = int(std::floor(double(points.size()) * std::clamp(split_percent, 10, 90) / 100.0));
  for (size_t i = 0; i < points.size(); ++i) points[i].test = int(i) >= train;
  return points;
}

uint64_t points_hash(const std::vector<Point>& points) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](const void* p, size_t n) {
    const unsigned char* b = static_cast<const unsigned char*>(p);
    for (size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 1099511628211ull;
  };
  for (const Point& p : points) {
    mix(&p.x, 4), mix(&p.y, 4), mix(&p.value, 4);
    const int32_t label = p.label;
    const uint8_t test = p.test;
    mix(&label, 4), mix(&test, 1);
  }
  return h;
}

}  // namespace nnlab::playground
