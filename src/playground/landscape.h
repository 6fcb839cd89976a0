// The loss landscape of two parameters ("walking downhill blindfolded"): the training loss over a
// window around the current values of any two weights or biases, every other parameter held where
// it is, measured by the core on a fixed sample of the training points, in passes spread over frames.
//
//   grid       kRes × kRes losses; column c is a = a₀ − s + 2s·c/(kRes−1), row r is
//              b = b₀ + s − 2s·r/(kRes−1) (row 0 at the top, as the view draws it)
//   gradient   (∂L/∂a, ∂L/∂b) at the centre, from the core's backward pass over the same sample
//   contours   marching squares over the grid at any level
//   race       SGD, momentum and Adam (the core's optimizers) started together from the centre,
//              each moving only these two parameters (every other gradient zeroed), one path each
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/losses.h"
#include "core/mlp.h"
#include "core/optimizers.h"
#include "playground/engine.h"

namespace nnlab::playground {

// One parameter: weight W⁽ˡ⁺¹⁾[out][in] of Mlp layer `layer`, or with in = −1 the bias of `out`.
struct ParamRef {
  int layer = 0, out = 0, in = -1;
  bool operator==(const ParamRef&) const = default;
};
size_t param_index(const Mlp& m, ParamRef p);  // into m.params(); SIZE_MAX when out of range
bool param_ref(const Mlp& m, size_t index, ParamRef* out);

// Line segments (x0, y0, x1, y1 in grid units: column, row) where the grid crosses `level`.
void contour_segments(std::span<const float> grid, int res, float level, std::vector<float>* out);

class Landscape {
 public:
  static constexpr int kRes = 31;
  static constexpr int kMaxSample = 500;  // training points the loss is measured on
  static constexpr int kRaceSteps = 300;

  // A new pass around the model's current values of parameters a and b (indices), ±span.
  void begin(const Mlp& model, const DataMatrix& train, Loss loss, size_t a, size_t b, float span);
  bool step(int max_points);  // ≤ max_points more grid points; true once the pass is complete
  bool busy() const { return busy_; }
  bool ready() const { return version_ > 0; }
  uint64_t version() const { return version_; }
  bool has_axes() const { return a_ != SIZE_MAX; }
  size_t a() const { return a_; }
  size_t b() const { return b_; }

  // ---- the last complete pass ----
  std::span<const float> loss() const { return done_; }  // (kRes²)
  float a0() const { return a0_; }
  float b0() const { return b0_; }
  float span() const { return span_; }
  float min_loss() const { return min_; }
  float max_loss() const { return max_; }
  float centre_loss() const { return centre_loss_; }
  float grad_a() const { return grad_a_; }
  float grad_b() const { return grad_b_; }
  float a_at(float col) const { return a0_ - span_ + 2 * span_ * col / float(kRes - 1); }
  float b_at(float row) const { return b0_ + span_ - 2 * span_ * row / float(kRes - 1); }
  float col_of(float a) const { return (a - a0_ + span_) / (2 * span_) * float(kRes - 1); }
  float row_of(float b) const { return (b0_ + span_ - b) / (2 * span_) * float(kRes - 1); }

  // ---- the race ----
  struct Racer {
    OptimizerKind kind = OptimizerKind::sgd;
    std::vector<std::pair<float, float>> path;  // (a, b) after each step, the start first
    std::vector<float> losses;                  // the sample's loss at each point of the path
    bool diverged = false;
  };
  void race_begin(float lr);  // from the last pass's centre
  int race_step(int steps);   // each racer ≤ steps more; returns the steps taken (0 once done)
  bool racing() const { return !racers_.empty() && race_steps_ < kRaceSteps; }
  bool has_race() const { return !racers_.empty(); }
  const Racer& racer(int i) const { return racers_[size_t(i)].racer; }
  int race_steps() const { return race_steps_; }
  float race_lr() const { return race_lr_; }
  void race_clear() { racers_.clear(), race_steps_ = 0; }

 private:
  float sample_loss(Mlp& m);                     // forward over the sample, mean loss
  void gradient(Mlp& m, float* ga, float* gb);  // backward over the sample

  struct Runner {
    Racer racer;
    Mlp model;
    Optimizer optimizer;
  };
  Mlp model_;
  Loss loss_ = Loss::half_sse;
  std::vector<float> x_, y_;  // (S, D), (S, O) the sample
  int rows_ = 0;
  Workspace ws_;
  size_t a_ = SIZE_MAX, b_ = SIZE_MAX;
  float a0_ = 0, b0_ = 0, span_ = 1, centre_loss_ = 0, grad_a_ = 0, grad_b_ = 0, min_ = 0, max_ = 0;
  float next_a0_ = 0, next_b0_ = 0, next_span_ = 1;
  bool busy_ = false;
  int next_ = 0;
  std::vector<float> work_, done_;
  uint64_t version_ = 0;
  std::vector<Runner> racers_;
  int race_steps_ = 0;
  float race_lr_ = 0;
};

}  // namespace nnlab::playground
