// The network's inputs: TF Playground's seven features of a point (x₁, x₂) = (x, y). A mask says
// which ones feed the network, in this order.
//
//   x1  X₁      x2  X₂      x1sq  X₁²      x2sq  X₂²      x1x2  X₁X₂      sinx1  sin X₁      sinx2  sin X₂
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace nnlab::playground {

enum class Feature : uint8_t { x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2 };
inline constexpr int kFeatureCount = 7;
using FeatureMask = uint8_t;  // bit f: Feature f is an input
inline constexpr FeatureMask kDefaultFeatures = 0b11;  // X₁, X₂

std::string_view feature_name(Feature f);  // "x1", "x2", "x1sq", … (link values)
bool parse_feature(std::string_view name, Feature* out);
const char* feature_label(Feature f);  // "X₁", "X₂", "X₁²", "X₂²", "X₁X₂", "sin X₁", "sin X₂"
float feature_value(Feature f, float x, float y);
inline bool has_feature(FeatureMask m, Feature f) { return (m >> int(f)) & 1u; }
int feature_count(FeatureMask m);
// The enabled features of (x, y), in order, into out (≥ feature_count(m) floats); returns the count.
int feature_values(FeatureMask m, float x, float y, float* out);
// The i-th enabled feature.
Feature nth_feature(FeatureMask m, int i);
// "x1,x2,sinx1" and back; false for an unknown name, a repeat or none at all.
std::string features_text(FeatureMask m);
bool parse_features(std::string_view text, FeatureMask* out);

}  // namespace nnlab::playground
