// The Playground's engine, without a window: the points, the network (a core Mlp), training in
// slices, evaluation and the probe. The view calls it every frame; the tests call it directly.
//
//   points     generated (datasets.h) or edited: add, move, remove; the training and test points
//              become feature matrices X (N, D) and targets Y (N, O) for the core
//   network    rebuild(settings): layers from the settings, TF Playground's first weights
//              (W uniform in [−0.5, 0.5) from the `init` seed, b = 0.1); configure(settings)
//              changes loss, optimizer, η, batch size and regularisation on the running network
//   training   one step = one minibatch through the core: forward, batch_loss, backward
//              (mean gradients), the regulariser's gradient on the weights (L1: λ·sign w, L2: λ·w,
//              i.e. the penalty λ‖w‖₁ or ½λ‖w‖² — TF Playground's functions), the core
//              Optimizer's step; one epoch = every training point once (⌈N/B⌉ steps, shuffled
//              by the seeded Rng each epoch). A non-finite loss or weight stops training and puts
//              the last good weights (and optimizer state) back.
//   evaluate   loss, accuracy and the confusion matrix on the training and the test points
//   probe      the network's output at any (x, y): a single core forward pass
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/mlp.h"
#include "core/optimizers.h"
#include "core/rng.h"
#include "playground/datasets.h"
#include "playground/note.h"
#include "playground/settings.h"

namespace nnlab::playground {

struct Evaluation {
  float loss = 0;       // mean loss over the points (the chosen loss, without the regulariser)
  float accuracy = -1;  // fraction correct (classification); −1 for regression or no points
  int count = 0;
  std::vector<int> confusion;  // (K, K): confusion[true·K + predicted], classification only
};

struct HistoryPoint {
  double epoch;  // epochs done when measured (fractions after single batches)
  float train_loss, test_loss, train_accuracy, test_accuracy;
};

// A view onto the training or test points as the core reads them.
struct DataMatrix {
  std::vector<float> x;  // (N, D) features
  std::vector<float> y;  // (N, O) targets: ±1 (tanh), 0/1 (sigmoid), one-hot (softmax), value
  std::vector<int> index;  // (N) which point of points() each row is
  int rows() const { return int(index.size()); }
};

class Engine {
 public:
  Engine();

  // ---- points ----------------------------------------------------------------------------------
  // Replaces every point (the generator's, a link's); `edited` says they are not the generator's.
  void set_points(std::vector<Point> points, bool edited);
  const std::vector<Point>& points() const { return points_; }
  bool edited() const { return edited_; }
  // A training point at (x, y) of class `label` (or with `value`); −1 when kMaxPoints are there.
  int add_point(float x, float y, int label, float value);
  void move_point(int i, float x, float y);
  void remove_point(int i);
  void clear_points();
  // The point nearest (x, y) within `radius` (plane units), test points only when `with_test`; −1 if none.
  int nearest_point(float x, float y, float radius, bool with_test) const;
  int train_count() const { return train_.rows(); }
  int test_count() const { return test_.rows(); }
  const DataMatrix& train_data() const { return train_; }
  const DataMatrix& test_data() const { return test_; }

  // ---- network ---------------------------------------------------------------------------------
  // A new network for the settings, with fresh first weights; training starts over at epoch 0.
  Note rebuild(const Settings& s);
  // Loss, optimizer (its state restarts when the kind changes), η, batch size, regulariser: the
  // running network keeps its weights and its epoch.
  void configure(const Settings& s);
  const Settings& settings() const { return settings_; }
  const Mlp& model() const { return model_; }
  // Weights from a link or a file: exactly parameter_count() finite numbers (else a note, nothing changed).
  Note set_params(std::span<const float> params);
  // One weight or bias, typed by the learner; the optimizer's state restarts (its moments belonged
  // to the old weights' path).
  Note set_param(size_t index, float value);
  uint64_t weights_version() const { return weights_version_; }  // bumps whenever a weight changes

  // ---- training --------------------------------------------------------------------------------
  int train_steps(int max_steps);  // ≤ max_steps minibatch steps; stops early on divergence
  bool step_batch();               // one minibatch; false when it diverged (or nothing to train on)
  bool step_epoch();               // to the end of the current epoch
  int epochs_done() const { return epoch_; }
  int step_in_epoch() const { return step_in_epoch_; }
  int steps_per_epoch() const;
  int64_t steps() const { return steps_; }
  int batch_size() const;  // the effective B (all points for batch "all")
  bool diverged() const { return diverged_; }
  const Note& stop_note() const { return stop_note_; }  // why training stopped (diverged)
  void clear_stop() { diverged_ = false, stop_note_ = Note(); }

  // ---- evaluation ------------------------------------------------------------------------------
  void evaluate(bool record);  // train and test evaluation; `record` appends a history point
  const Evaluation& train_eval() const { return train_eval_; }
  const Evaluation& test_eval() const { return test_eval_; }
  const std::vector<HistoryPoint>& history() const { return history_; }
  int classes() const;  // K (2 for two classes), 0 for regression

  // ---- probe -----------------------------------------------------------------------------------
  std::vector<float> features_at(float x, float y) const;
  // The network's output (O values) at (x, y) and every layer's activations (core forward, one row).
  std::vector<float> output_at(float x, float y) const;
  // The displayed score of an output row: for one output the value in [−1, 1] the colours use
  // (tanh: a, sigmoid: 2a − 1, linear: a); for softmax the predicted class.
  float score(const float* out) const;
  int predicted_class(const float* out) const;

  // ---- the path of the last steps through two parameters (the loss landscape's) ------------------
  void track(size_t a, size_t b);  // parameter indices; clears the path
  const std::vector<std::pair<float, float>>& path() const { return path_; }
  static constexpr size_t kPathLength = 400;

 private:
  void rebuild_data();  // points → train_ / test_ matrices for the current network's shape
  void encode_target(const Point& p, float* y) const;
  void begin_epoch();
  void snapshot();
  void restore_snapshot();
  Evaluation evaluate_on(const DataMatrix& d, Workspace* ws) const;
  void init_weights(uint32_t seed);
  void after_step();

  Settings settings_;
  std::vector<Point> points_;
  bool edited_ = false;
  DataMatrix train_, test_;
  Mlp model_;
  Loss loss_ = Loss::half_sse;
  Optimizer optimizer_;
  OptimizerConfig opt_config_;
  Workspace ws_;                     // (B) training batch
  mutable Workspace eval_ws_;        // (N) evaluation
  mutable Workspace probe_ws_;       // (1) the probe
  std::vector<float> bx_, by_;       // (B, D), (B, O) the gathered batch
  std::vector<int32_t> order_;       // (N_train) this epoch's order
  Rng rng_;
  int epoch_ = 0, step_in_epoch_ = 0, samples_in_epoch_ = 0;
  int64_t steps_ = 0;
  bool diverged_ = false;
  Note stop_note_;
  std::vector<float> good_params_, good_m_, good_v_;
  int64_t good_t_ = 0;
  uint64_t weights_version_ = 0;
  Evaluation train_eval_, test_eval_;
  std::vector<HistoryPoint> history_;
  size_t track_a_ = SIZE_MAX, track_b_ = SIZE_MAX;
  std::vector<std::pair<float, float>> path_;
};

}  // namespace nnlab::playground
