// "compare updates": how often to update the weights, side by side. The same network from the same
// start (the lab's settings and seed) trains three ways for the same wall-clock time each —
// online (after every sample), minibatch (after every `batch` samples) and full batch (once per
// epoch) — in turns of a few milliseconds, and the loss on a fixed probe of training digits is
// measured as they go (not counted as training time), by updates and by seconds.
// Pure logic: the lab's engine drives it in slices.
#pragma once
#include <memory>
#include <vector>

#include "core/mlp.h"
#include "core/trainer.h"
#include "lab/message.h"
#include "lab/settings.h"
#include "lab/snapshot.h"

namespace nnlab::lab {

inline constexpr int kCompareProbe = 1000;   // training digits the loss is measured on
inline constexpr int kComparePoints = 60;    // measurements per way, evenly in time

class UpdateCompare {
 public:
  // x (N, D), y (N): the training subset's features. Error if batch norm is on (online updates
  // have one sample per update) or the network cannot be built.
  Message begin(const Settings& s, DataShape shape, const float* x, const int32_t* y, int n, double budget_s);
  bool update(double budget_ms);  // true while there is more to do
  const CompareView& view() const { return view_; }
  void cancel();

 private:
  struct Way {
    Mlp model;
    Trainer trainer;
    double seconds = 0;  // training time so far
    int measured = 0;    // points so far
    bool done = false;
  };
  void measure(int w);

  CompareView view_;
  Way ways_[3];
  std::vector<float> x_;    // (N, D) the data (the trainers view it)
  std::vector<int32_t> y_;  // (N)
  int n_ = 0, probe_ = 0, dims_ = 0;
  Loss loss_ = Loss::cross_entropy;
  int turn_ = 0;
};

}  // namespace nnlab::lab
