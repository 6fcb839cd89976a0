// The Playground's data: points on the plane x, y ∈ [−6, 6] with a class or a value.
//
// Six generators are TensorFlow Playground's (their geometry, sizes and noise as it defines them),
// two are ours for several classes; every draw comes from the seeded Rng (core/rng.h), computed in
// double and rounded once to float, so a seed gives the same points natively and in wasm.
//
//   circle     500   class 1 inside radius 0–2.5, class 0 in the ring 3.5–5; noise moves the point
//                    the label is decided at by uniform ±5·noise in x and y
//   xor        500   x, y uniform ±5 pushed 0.3 away from the axes; class 1 where x·y ≥ 0 (noise as circle)
//   gauss      500   two Gaussians at (2, 2) (class 1) and (−2, −2) (class 0), variance 0.5 + 7·noise
//   spiral     500   two arms: r = 5i/n, t = 1.75·2πi/n (+π for class 0), jittered by uniform ±noise
//   reg-plane  1200  x, y uniform ±6, value (x + y)/10 at the point moved by uniform ±6·noise
//   reg-gauss  1200  six signed bumps at (−4|0|4, ±2.5): value = ±max(0, 1 − d/2) of the strongest
//   spiral3    600   three arms 120° apart, like spiral (classes 0, 1, 2)
//   blobs4     500   four Gaussians at (±2.5, ±2.5), one class each (0 … 3), variance as gauss
// noise is a fraction in [0, 0.5] (the UI's 0–50 %). Two classes: 0 is TF Playground's −1
// (orange), 1 its +1 (blue). After drawing, the points are shuffled and the first ⌊N·split/100⌋
// are the training points, the rest the test points (as TF Playground splits them).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace nnlab::playground {

enum class DataKind : uint8_t { circle, xor_, gauss, spiral, reg_plane, reg_gauss, spiral3, blobs4 };
inline constexpr int kDataKindCount = 8;
inline constexpr DataKind kAllData[] = {DataKind::circle,    DataKind::xor_,      DataKind::gauss,   DataKind::spiral,
                                        DataKind::reg_plane, DataKind::reg_gauss, DataKind::spiral3, DataKind::blobs4};

enum class Problem : uint8_t { binary, multiclass, regression };

inline constexpr float kDomain = 6.0f;   // the plane shown: [−6, 6] × [−6, 6]
inline constexpr int kMaxPoints = 5000;  // generated and added points together
inline constexpr int kMaxClasses = 4;

struct Point {
  float x = 0, y = 0;
  int label = 0;      // classification: the class 0 … K−1
  float value = 0;    // regression: the target (−1 … 1, a little beyond with noise)
  bool test = false;  // held out: only the test loss sees it
  bool operator==(const Point&) const = default;
};

std::string_view data_name(DataKind kind);  // "circle", "xor", …, "blobs4" (link values)
bool parse_data(std::string_view name, DataKind* out);
Problem problem_of(DataKind kind);
int class_count(DataKind kind);   // 2, 3 or 4; 0 for regression
int sample_count(DataKind kind);  // 500, 1200 or 600

// The generator's points for a noise fraction in [0, 0.5], shuffled and split (split: the
// training share in percent, 10 … 90).
std::vector<Point> generate(DataKind kind, float noise, int split_percent, uint64_t seed);

// FNV-1a over every point's bits (tests: the same points natively and in wasm).
uint64_t points_hash(const std::vector<Point>& points);

}  // namespace nnlab::playground
