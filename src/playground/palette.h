// The Playground's colours, TF Playground's: orange (−1) through light grey (0) to blue (+1) in 31
// shades (a quantised scale), a heatmap drawn at alpha 160/255 over white, links coloured by the
// same scale and 1–10 px wide for |w| from 0 to 5. Several classes add green and purple; the loss
// landscape has a dark-to-bright scale of its own. shaders/playground_map.frag.glsl computes the
// same colours on the GPU (the tests compare the two on pixels read back).
#pragma once
#include <cstdint>

namespace nnlab::playground {

struct Rgb {
  float r, g, b;  // 0 … 1
};

inline constexpr Rgb kOrange{245 / 255.0f, 147 / 255.0f, 34 / 255.0f};  // TF #f59322: −1, class 0
inline constexpr Rgb kGrey{232 / 255.0f, 234 / 255.0f, 235 / 255.0f};    // TF #e8eaeb: 0
inline constexpr Rgb kBlue{8 / 255.0f, 119 / 255.0f, 189 / 255.0f};      // TF #0877bd: +1, class 1
inline constexpr Rgb kGreen{58 / 255.0f, 158 / 255.0f, 58 / 255.0f};     // class 2
inline constexpr Rgb kPurple{142 / 255.0f, 68 / 255.0f, 173 / 255.0f};   // class 3
inline constexpr int kShades = 31;
inline constexpr float kHeatmapAlpha = 160 / 255.0f;

Rgb class_color(int k);
// TF's scale: v in [−1, 1] (clamped) → one of 31 shades.
Rgb diverging_color(float v);
// A heatmap texel: the shade (the sign only when discretized) at alpha 160/255 over white.
Rgb heatmap_color(float v, bool discretize);
// Several classes: the probabilities' mix of the class colours, greyer where no class stands out
// (all of the argmax's colour when discretized), at the heatmap's alpha over white.
Rgb classes_heatmap_color(const float* p, int classes, bool discretize);
// The loss landscape: log-scaled between lo and hi, dark (low) to bright (high).
Rgb loss_color(float loss, float lo, float hi);
// A link's width in pixels at scale 1: TF's 1 + 9·min(|w|, 5)/5.
float link_width(float w);

// 8-bit channels as a GPU writes them (round to nearest).
inline uint8_t to_byte(float c) { return uint8_t(c <= 0 ? 0 : c >= 1 ? 255 : int(c * 255.0f + 0.5f)); }

}  // namespace nnlab::playground
