// The seven input features (see features.h).
#include "playground/features.h"

#include <cmath>

namespace nnlab::playground {
namespace {
constexpr const char* kNames[kFeatureCount] = {"x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"};
constexpr const char* kLabels[kFeatureCount] = {"X\u2081",        "X\u2082",       "X\u2081\u00b2",
                                                "X\u2082\u00b2",   "X\u2081X\u2082", "sin X\u2081",
                                                "sin X\u2082"};
}  // namespace

std::string_view feature_name(Feature f) { return kNames[int(f)]; }
const char* feature_label(Feature f) { return kLabels[int(f)]; }

bool parse_feature(std::string_view name, Feature* out) {
  for (int i = 0; i < kFeatureCount; ++i)
    if (name == kNames[i]) {
      *out = Feature(i);
      return true;
    }
  return false;
}

float feature_value(Feature f, float x, float y) {
  switch (f) {
    case Feature::x1: return x;
    case Feature::x2: return y;
    case Feature::x1sq: return x * x;
    case Feature::x2sq: return y * y;
    case Feature::x1x2: return x * y;
    case Feature::sinx1: return std::sin(x);
    case Feature::sinx2: return std::sin(y);
  }
  return 0;
}

int feature_count(FeatureMask m) {
  int n = 0;
  for (int i = 0; i < kFeatureCount; ++i) n += (m >> i) & 1;
  return n;
}

int feature_values(FeatureMask m, float x, float y, float* out) {
  int n = 0;
  for (int i = 0; i < kFeatureCount; ++i)
    if ((m >> i) & 1) out[n++] = feature_value(Feature(i), x, y);
  return n;
}

Feature nth_feature(FeatureMask m, int k) {
  for (int i = 0; i < kFeatureCount; ++i)
    if (((m >> i) & 1) && k-- == 0) return Feature(i);
  return Feature::x1;
}

std::string features_text(FeatureMask m) {
  std::string out;
  for (int i = 0; i < kFeatureCount; ++i)
    if ((m >> i) & 1) out += (out.empty() ? "" : ",") + std::string(kNames[i]);
  return out;
}

bool parse_features(std::string_view text, FeatureMask* out) {
  FeatureMask m = 0;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    const std::string_view name = text.substr(0, comma);
    Feature f;
    if (!parse_feature(name, &f) || has_feature(m, f)) return false;
    m |= FeatureMask(1u << int(f));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  if (m == 0) return false;
  *out = m;
  return true;
}

}  // namespace nnlab::playground
