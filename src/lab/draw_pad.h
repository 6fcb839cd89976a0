// The draw-a-digit pad's data: strokes rasterised with an anti-aliased round pen, and the MNIST
// preprocessing that turns the ink into what the network was trained on (LeCun et al.: "the
// images were size normalized to fit in a 20x20 pixel box while preserving their aspect ratio
// … and centered in a 28x28 image by computing the center of mass of the pixels").
// Pure logic: no ImGui, no GPU; tests/lab/test_lab.cpp covers it.
#pragma once
#include <vector>

namespace nnlab::lab {

class DrawPad {
 public:
  static constexpr int kSide = 112;            // raster side, pixels (4 × 28)
  static constexpr float kPenRadius = 0.045f;  // pen radius as a fraction of the pad side

  DrawPad();
  void clear();
  // Pen positions in pad coordinates: (0, 0) top left, (1, 1) bottom right (clamped).
  void begin_stroke(float x, float y);  // a dot where the pen touches down
  void add_point(float x, float y);     // a segment from the previous point
  bool empty() const { return empty_; }
  int version() const { return version_; }          // changes with every edit (for caching)
  const float* ink() const { return ink_.data(); }  // (kSide, kSide) row-major, in [0, 1]

 private:
  void stamp_segment(float ax, float ay, float bx, float by);  // pixels, max-blended

  std::vector<float> ink_;  // (kSide, kSide)
  float last_x_ = 0, last_y_ = 0;
  bool empty_ = true;
  int version_ = 0;
};

// MNIST preprocessing of an ink image (height, width) in [0, 1]: bounding box of the ink, scale
// it (area-sampled) so its longer side is 20 pixels keeping the aspect ratio, then place it in a
// 28 × 28 image with its centre of mass at the image centre. out is (28, 28) in [0, 1].
// Returns false (out all zero) when there is no ink.
bool mnist_preprocess(const float* ink, int width, int height, float* out);

}  // namespace nnlab::lab
