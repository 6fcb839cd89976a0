// The Playground's colours (see palette.h); shaders/playground_map.frag.glsl mirrors every line.
#include "playground/palette.h"

#include <algorithm>
#include <cmath>

namespace nnlab::playground {
namespace {

Rgb mix(Rgb a, Rgb b, float t) { return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t}; }
Rgb over_white(Rgb c) {
  return {c.r * kHeatmapAlpha + (1 - kHeatmapAlpha), c.g * kHeatmapAlpha + (1 - kHeatmapAlpha),
          c.b * kHeatmapAlpha + (1 - kHeatmapAlpha)};
}

}  // namespace

Rgb class_color(int k) {
  switch (k) {
    case 0: return kOrange;
    case 1: return kBlue;
    case 2: return kGreen;
    default: return kPurple;
  }
}

Rgb diverging_color(float v) {
  if (!std::isfinite(v)) return kGrey;
  // d3's quantize scale over [−1, 1] with 31 colours: the bin, then the colour at bin/30 of the
  // orange → grey → blue scale (grey at the middle).
  const int bin = std::clamp(int(std::floor((v + 1.0f) * 0.5f * float(kShades))), 0, kShades - 1);
  const float t = float(bin) / float(kShades - 1);
  return t < 0.5f ? mix(kOrange, kGrey, t / 0.5f) : mix(kGrey, kBlue, (t - 0.5f) / 0.5f);
}

Rgb heatmap_color(float v, bool discretize) {
  if (discretize && std::isfinite(v)) v = v >= 0 ? 1.0f : -1.0f;
  return over_white(diverging_color(v));
}

Rgb classes_heatmap_color(const float* p, int classes, bool discretize) {
  Rgb sum{0, 0, 0};
  int best = 0;
  for (int k = 0; k < classes; ++k) {
    if (!std::isfinite(p[k])) return over_white(kGrey);
    const Rgb c = class_color(k);
    sum = {sum.r + p[k] * c.r, sum.g + p[k] * c.g, sum.b + p[k] * c.b};
    if (p[k] > p[best]) best = k;
  }
  if (discretize) return over_white(class_color(best));
  const float chance = 1.0f / float(classes);
  const float t = std::clamp((p[best] - chance) / (1.0f - chance), 0.0f, 1.0f);
  return over_white(mix(kGrey, sum, t));
}

Rgb loss_color(float loss, float lo, float hi) {
  constexpr Rgb kLow{0.07f, 0.05f, 0.25f}, kMid{0.13f, 0.55f, 0.55f}, kHigh{0.99f, 0.90f, 0.15f};
  if (!std::isfinite(loss)) return kHigh;
  const float l0 = std::log(std::max(lo, 1e-12f)), l1 = std::log(std::max(hi, lo * 1.0001f + 1e-12f));
  const float t = std::clamp((std::log(std::max(loss, 1e-12f)) - l0) / std::max(l1 - l0, 1e-6f), 0.0f, 1.0f);
  return t < 0.5f ? mix(kLow, kMid, t / 0.5f) : mix(kMid, kHigh, (t - 0.5f) / 0.5f);
}

float link_width(float w) { return 1.0f + 9.0f * std::min(std::fabs(w), 5.0f) / 5.0f; }

}  // namespace nnlab::playground
