// Trainer: minibatch training of an Mlp over a dataset view, in bounded slices.
//
//   init()          validates, splits off a validation part, allocates everything once
//   train_steps(n)  at most n minibatch steps (forward, loss, backward, optimizer), then returns:
//                   the UI calls it every frame within its time budget; in wasm many short calls
//                   also let V8 tier the code up (it never swaps code into a running call)
// (evaluate() and Evaluator, for loss, accuracy and the confusion matrix, are in evaluate.h.)
//
// Per epoch the training indices are shuffled with the seeded Rng; the last batch of an epoch may
// be smaller. After every epoch: lr ← lr·lr_decay, and with a validation split the validation
// loss is measured; with patience > 0 training stops after `patience` epochs without improvement
// and the best weights are restored. A non-finite loss or weight stops training, restores the
// last good weights (a snapshot taken every kSnapshotEvery steps) and says why.
// Nothing is allocated inside train_steps() (tests/core/test_trainer.cpp proves it).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/evaluate.h"
#include "core/losses.h"
#include "core/mlp.h"
#include "core/optimizers.h"
#include "core/rng.h"

namespace nnlab {

struct TrainConfig {
  Loss loss = Loss::cross_entropy;
  OptimizerConfig optimizer;         // kind, lr, momentum, betas, eps, l2
  int batch = 64;                    // minibatch size B ≥ 1
  int epochs = 5;                    // ≥ 1
  float lr_decay = 1.0f;             // lr ← lr·lr_decay after each epoch (1 = constant)
  float dropout = 0.0f;              // p in [0, 1): inverted dropout on hidden layers, training only
  float validation_fraction = 0.0f;  // in [0, 0.9]: part of the data held out (seeded)
  int patience = 0;                  // early stopping after this many epochs without a better
                                     // validation loss (0 = off; needs a validation split)
  uint64_t seed = 1;                 // shuffling, split and dropout (weights: Mlp::init_params)
};

enum class TrainState : uint8_t { running, finished, early_stopped, diverged };

struct TrainProgress {
  TrainState state = TrainState::running;
  int epoch = 0;                // current epoch, 0-based (== epochs once finished)
  int step_in_epoch = 0;        // steps done in the current epoch
  int steps_per_epoch = 0;      // ⌈train samples / B⌉
  int64_t step = 0;             // minibatch steps done in total
  int64_t samples_seen = 0;     // training samples processed in total
  float learning_rate = 0.0f;   // current η (after decay)
  float batch_loss = 0.0f;      // last minibatch's mean loss
  float batch_accuracy = 0.0f;  // last minibatch's accuracy
  float epoch_loss = 0.0f;      // running mean over the current (or just finished) epoch
  float epoch_accuracy = 0.0f;
  float val_loss = -1.0f;  // last validation loss (−1: none yet / no validation split)
  float val_accuracy = -1.0f;
  float best_val_loss = -1.0f;
  int train_count = 0;       // samples used for training
  int validation_count = 0;  // samples held out
  std::string reason;        // why training stopped, e.g. "diverged at step 312: learning rate too high?"
};

// One finished epoch, for loss curves.
struct EpochRecord {
  float train_loss, train_accuracy;  // means over the epoch's batches
  float val_loss, val_accuracy;      // −1 without a validation split
  float learning_rate;
};

// Everything a Trainer and its model are at one moment between steps: weights, batch-norm running
// averages, the optimizer's state, the generator, the epoch's shuffled order and position, the
// progress and history. Restoring one and training on gives exactly the steps that followed it
// (the lab's timeline rewinds this way; the search keeps paused runs so).
struct TrainerCheckpoint {
  std::vector<float> params, running;  // (P), (R)
  std::vector<float> m, v;             // the optimizer's moments (P each, or empty)
  int64_t t = 0;
  float lr = 0.0f;
  std::vector<int32_t> order;  // (N_train)
  Rng rng;
  TrainProgress progress;
  std::vector<EpochRecord> history;
  int bad_epochs = 0;
  double epoch_loss_sum = 0.0;
  int64_t epoch_correct = 0, epoch_samples = 0;
  std::vector<float> best_params, best_running;  // early stopping's best (only with patience)
  size_t bytes() const;                          // memory held
};

class Trainer {
 public:
  static constexpr int kSnapshotEvery = 50;  // steps between "last good weights" snapshots

  // Checks the config against the model and data (error names the problem) and allocates all
  // buffers. The model's current weights are the starting point (call init_params first).
  bool init(Mlp* model, const DatasetView& data, const TrainConfig& config, std::string* error);

  int train_steps(int n);  // ≤ n steps; returns the steps done (0 once stopped)
  bool done() const { return progress_.state != TrainState::running; }
  const TrainProgress& progress() const { return progress_; }
  const std::vector<EpochRecord>& history() const { return history_; }
  const TrainConfig& config() const { return config_; }

  // Between steps, without resetting the network or the optimizer state.
  void set_learning_rate(float lr);
  bool set_batch_size(int batch, std::string* error);  // allocates (here, not per step)
  void stop(std::string reason);                       // e.g. the user pressed stop

  // The whole state between steps (see TrainerCheckpoint); restore() needs the same model shape,
  // data and config as when it was saved.
  void save(TrainerCheckpoint* out) const;
  void restore(const TrainerCheckpoint& c);

 private:
  void gather_batch(int first, int count);  // rows order_[first..first+count) → x_, y_
  void end_epoch();
  bool validate(float* loss, float* accuracy);
  void snapshot();
  void restore_snapshot();
  int batch_correct(const float* out, const float* y, int rows) const;

  Mlp* model_ = nullptr;
  DatasetView data_;
  TrainConfig config_;
  Optimizer optimizer_;
  Workspace ws_;       // training batch
  Workspace eval_ws_;  // validation batches
  Rng rng_;
  int outputs_ = 0;                                   // O
  std::vector<int32_t> order_;                        // (N_train) shuffled training indices
  std::vector<int32_t> val_idx_;                      // (N_val) validation indices
  std::vector<float> x_;                              // (B, D) gathered batch
  std::vector<float> y_;                              // (B, O) targets (one-hot from labels)
  std::vector<float> good_params_, good_running_, good_m_, good_v_;  // last good state
  int64_t good_t_ = 0;
  std::vector<float> best_params_, best_running_;  // best validation loss so far
  int bad_epochs_ = 0;
  double epoch_loss_sum_ = 0.0;
  int64_t epoch_correct_ = 0, epoch_samples_ = 0;
  TrainProgress progress_;
  std::vector<EpochRecord> history_;
};

}  // namespace nnlab
