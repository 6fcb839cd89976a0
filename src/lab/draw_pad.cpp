// Draw pad rasterisation and MNIST preprocessing (see draw_pad.h).
#include "lab/draw_pad.h"

#include <algorithm>
#include <cmath>

namespace nnlab::lab {
namespace {

constexpr int kOut = 28;            // MNIST image side
constexpr float kBox = 20.0f;       // the digit's longer side after scaling
constexpr float kInkFloor = 0.02f;  // ink below this does not count for the bounding box

// Bilinear sample of a (height, width) image at pixel coordinates (x, y), pixel centres at +0.5.
float sample(const float* img, int width, int height, float x, float y) {
  x -= 0.5f;
  y -= 0.5f;
  const int x0 = int(std::floor(x)), y0 = int(std::floor(y));
  const float fx = x - float(x0), fy = y - float(y0);
  auto at = [&](int xi, int yi) {
    return xi < 0 || yi < 0 || xi >= width || yi >= height ? 0.0f : img[yi * width + xi];
  };
  return (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0)) +
         fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1));
}

}  // namespace

DrawPad::DrawPad() : ink_(size_t(kSide) * kSide, 0.0f) {}

void DrawPad::clear() {
  std::fill(ink_.begin(), ink_.end(), 0.0f);
  empty_ = true;
  ++version_;
}

void DrawPad::begin_stroke(float x, float y) {
  last_x_ = std::clamp(x, 0.0f, 1.0f) * kSide;
  last_y_ = std::clamp(y, 0.0f, 1.0f) * kSide;
  stamp_segment(last_x_, last_y_, last_x_, last_y_);
}

void DrawPad::add_point(float x, float y) {
  const float px = std::clamp(x, 0.0f, 1.0f) * kSide, py = std::clamp(y, 0.0f, 1.0f) * kSide;
  stamp_segment(last_x_, last_y_, px, py);
  last_x_ = px;
  last_y_ = py;
}

// Coverage of a round pen swept from a to b: 1 inside radius r, a one-pixel linear ramp at the
// edge (anti-aliasing), max-blended so overlapping strokes do not get darker than full ink.
void DrawPad::stamp_segment(float ax, float ay, float bx, float by) {
  const float r = kPenRadius * kSide;
  const int x0 = std::max(0, int(std::floor(std::min(ax, bx) - r - 1)));
  const int x1 = std::min(kSide - 1, int(std::ceil(std::max(ax, bx) + r + 1)));
  const int y0 = std::max(0, int(std::floor(std::min(ay, by) - r - 1)));
  const int y1 = std::min(kSide - 1, int(std::ceil(std::max(ay, by) + r + 1)));
  const float dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
  for (int y = y0; y <= y1; ++y)
    for (int x = x0; x <= x1; ++x) {
      const float px = float(x) + 0.5f, py = float(y) + 0.5f;
      // distance from the pixel centre to the segment: project, clamp to [0, 1]
      const float t = len2 > 0 ? std::clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0.0f, 1.0f) : 0.0f;
      const float ex = px - (ax + t * dx), ey = py - (ay + t * dy);
      const float coverage = std::clamp(r + 0.5f - std::sqrt(ex * ex + ey * ey), 0.0f, 1.0f);
      float& v = ink_[size_t(y) * kSide + x];
      v = std::max(v, coverage);
    }
  empty_ = false;
  ++version_;
}

bool mnist_preprocess(const float* ink, int width, int height, float* out) {
  std::fill(out, out + kOut * kOut, 0.0f);
  // 1. bounding box of the ink
  int bx0 = width, by0 = height, bx1 = -1, by1 = -1;
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      if (ink[y * width + x] > kInkFloor) {
        bx0 = std::min(bx0, x), bx1 = std::max(bx1, x);
        by0 = std::min(by0, y), by1 = std::max(by1, y);
      }
  if (bx1 < 0) return false;
  const float bw = float(bx1 - bx0 + 1), bh = float(by1 - by0 + 1);
  // 2. scale the longer side to 20 px, keep the aspect ratio: s target pixels per ink pixel
  const float s = kBox / std::max(bw, bh);
  const int tw = std::max(1, int(std::lround(bw * s))), th = std::max(1, int(std::lround(bh * s)));
  // area sampling: each target pixel averages n×n bilinear samples of its footprint
  const int n = std::clamp(int(std::ceil(1.0f / s)) * 2, 2, 16);
  std::vector<float> box(size_t(tw) * th, 0.0f);  // (th, tw)
  float mass = 0, mx = 0, my = 0;
  for (int ty = 0; ty < th; ++ty)
    for (int tx = 0; tx < tw; ++tx) {
      float sum = 0;
      for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
          const float sx = float(bx0) + (float(tx) + (float(i) + 0.5f) / float(n)) / s;
          const float sy = float(by0) + (float(ty) + (float(j) + 0.5f) / float(n)) / s;
          sum += sample(ink, width, height, sx, sy);
        }
      const float v = std::clamp(sum / float(n * n), 0.0f, 1.0f);
      box[size_t(ty) * tw + tx] = v;
      // 3. centre of mass, pixel centres at +0.5
      mass += v;
      mx += v * (float(tx) + 0.5f);
      my += v * (float(ty) + 0.5f);
    }
  if (mass <= 0) return false;
  // 4. shift so the centre of mass lands on (14, 14) (whole pixels, as MNIST did)
  const int ox = int(std::lround(kOut * 0.5f - mx / mass)), oy = int(std::lround(kOut * 0.5f - my / mass));
  for (int ty = 0; ty < th; ++ty)
    for (int tx = 0; tx < tw; ++tx) {
      const int x = tx + ox, y = ty + oy;
      if (x >= 0 && y >= 0 && x < kOut && y < kOut) out[y * kOut + x] = box[size_t(ty) * tw + tx];
    }
  return true;
}

}  // namespace nnlab::lab
