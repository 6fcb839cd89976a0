// What the MNIST lab shows of training, as one plain struct: the phase and why it stopped, the
// counters, the curves, the last evaluation and the weights. The engine (engine.h) keeps its live
// state in one; the page's copy of the lab receives them from the training worker (wire.h) and
// the view draws from them, wherever the training runs.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "lab/message.h"

namespace nnlab::lab {

enum class Phase : uint8_t { idle, running, paused, finished, diverged };
inline constexpr int kPhaseCount = 5;
const char* phase_name(Phase p);   // "idle", "running", … (state()'s codes, the same in every language)
const char* phase_label(Phase p);  // the phase as the lab shows it, in the current language

// Why training stopped (Phase::finished or Phase::diverged).
enum class StopReason : uint8_t {
  none,
  epochs_done,    // the planned epochs are done (raise epochs to go on)
  early_stopped,  // the validation loss stopped improving (best weights restored)
  diverged,       // a loss or weight became NaN/∞ (last good weights restored)
};
inline constexpr int kStopReasonCount = 4;

struct EpochPoint {  // the curves' per-epoch points (epoch 0 = before training)
  int epoch;
  float train_loss, train_accuracy;  // the training subset, evaluated after the epoch (dropout off)
  float test_loss, test_accuracy;    // the test split
};
struct BatchPoint {  // the smoothed per-batch curve (exponential moving average of minibatches)
  float epoch;       // fractional epochs
  float loss, accuracy;
};

struct Snapshot {
  uint32_t commands = 0;  // commands the engine had applied when this was taken
  Phase phase = Phase::idle;
  StopReason stop = StopReason::none;
  int stop_epoch = 0;       // early stop: after this epoch
  int patience = 0;         //   … having waited this many epochs
  int64_t stop_step = 0;    // divergence: at this step
  bool evaluating = false;  // an evaluation of the current weights is under way
  int epochs_done = 0;
  int64_t steps = 0;         // minibatch updates so far
  float last_loss = 0;       // the last minibatch's loss
  float epoch_fraction = 0;  // progress through the current epoch, [0, 1]
  double ms_per_step = 0;    // compute time per minibatch (smoothed)
  double samples_per_s = 0;  // training images per second of wall time
  std::vector<EpochPoint> history;
  std::vector<BatchPoint> batches;
  std::vector<int> confusion;             // (C, C) confusion[true·C + predicted]; empty before the first evaluation
  std::vector<uint8_t> test_predictions;  // (N_test) each test digit's predicted class
  std::vector<float> test_confidence;     // (N_test) … and its probability
  std::vector<float> params;              // (P) the network's weights and biases (Mlp::params layout)
  Message refusal;                        // the last command the engine refused, and why (empty = none)
};

// What the stop means, in a sentence ("finished 5 epochs", "diverged at step 312: …"), made from
// the snapshot's reason and numbers; empty while nothing stopped.
Message stop_message(const Snapshot& s);

}  // namespace nnlab::lab
