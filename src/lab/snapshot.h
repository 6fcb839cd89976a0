// What the MNIST lab shows of training, as one plain struct: the phase and why it stopped, the
// counters, the curves, the last evaluation and the weights. The engine (engine.h) keeps its live
// state in one; the page's copy of the lab receives them from the training worker (wire.h) and
// the view draws from them, wherever the training runs.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "lab/message.h"
#include "lab/search.h"

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

// The timeline: the moments whose weights the lab kept (whole epochs, and quarters of the first).
struct TimelineMark {
  float epoch;   // 0, 0.125, 0.25, 0.5, 1, 2, …
  int64_t step;  // updates done by then
};
struct TimelineView {
  std::vector<TimelineMark> marks;
  int shown = -1;      // the mark on screen, −1 = the present
  uint64_t bytes = 0;  // memory the kept moments take (≤ Engine::kTimelineBytes)
  bool too_big = false;  // one moment of this network is too big to keep within the bound
};

// "compare updates": the same network from the same start, trained online, in minibatches and in
// full batches for the same wall-clock time each.
struct ComparePoint {
  float updates;  // weight updates so far
  float seconds;  // training time so far
  float loss;     // loss on a fixed probe of training digits
};
struct CompareCurve {
  int batch = 0;              // samples per update
  int updates_per_epoch = 0;  // ⌈N / batch⌉
  std::vector<ComparePoint> points;
};
enum class CompareState : uint8_t { idle, running, done };
inline constexpr int kCompareStateCount = 3;
struct CompareView {
  CompareState state = CompareState::idle;
  float budget_s = 0;  // training time per way of updating
  float progress = 0;  // [0, 1]
  CompareCurve curves[3];  // online, minibatch, full (UpdateMode order)
};

// The search as the lab shows it (search.h).
struct SearchView {
  SearchState state = SearchState::idle;
  std::string spec;  // search_spec_text
  float progress = 0;
  double eta_s = -1;
  double elapsed_s = 0;
  int best = -1;
  int train_count = 0, validation_count = 0;
  std::vector<SearchRun> runs;
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
  std::vector<float> running;             // (R) its batch-norm running averages (Mlp::running)
  TimelineView timeline;
  CompareView compare;
  SearchView search;
  Message refusal;                        // the last command the engine refused, and why (empty = none)
};

// What the stop means, in a sentence ("finished 5 epochs", "diverged at step 312: …"), made from
// the snapshot's reason and numbers; empty while nothing stopped.
Message stop_message(const Snapshot& s);
// A run that ended worse than it started (the loss above the untrained network's, as a huge
// learning rate does): that it diverged, and a smaller learning rate to try; empty otherwise.
Message ended_worse_message(const Snapshot& s, float lr);

}  // namespace nnlab::lab
