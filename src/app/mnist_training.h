// The MNIST lab's training controller: the data (as float features for the chosen subset and
// normalisation), the network, the core's Trainer, and everything measured while it learns.
//
// It runs inside the frame under a time budget: update(budget_ms) spends at most about that
// long on minibatch steps (train_steps(1) in a loop, timed), so the page keeps its frame rate.
// At the end of every epoch training pauses for an evaluation — the training subset and the test
// split, in chunks of 256 digits under the same budget — so the curves show train vs test loss
// and accuracy of the very same weights (the over/underfitting gap), and the confusion matrix and
// the test digits' predictions are fresh. The same evaluation runs once for the untrained
// network (epoch 0). Pure logic: no ImGui, no GPU, no host.
//
// With a remote (app/training_remote.h: the page's Web Worker) this object is a mirror: every
// command is checked and applied here too (so errors, the features and the settings are
// immediate) and sent on; update() then trains nothing and adopts the remote's snapshots — the
// weights, curves, counters — once the remote has applied every command sent so far.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/mnist_settings.h"
#include "core/mlp.h"
#include "core/trainer.h"
#include "data/idx.h"

namespace nnlab::app {

enum class LabPhase : uint8_t { idle, running, paused, finished, diverged };
const char* phase_name(LabPhase p);  // "idle", "running", "paused", "finished", "diverged"

struct EpochPoint {       // the curves' per-epoch points (epoch 0 = before training)
  int epoch;
  float train_loss, train_accuracy;  // the training subset, evaluated after the epoch (dropout off)
  float test_loss, test_accuracy;    // the test split
};
struct BatchPoint {  // the smoothed per-batch curve (exponential moving average of minibatches)
  float epoch;       // fractional epochs
  float loss, accuracy;
};

class TrainingRemote;

class LabTrainer {
 public:
  // ---- where training runs -----------------------------------------------------------------
  void set_remote(TrainingRemote* remote);  // before any data; nullptr = train in update()
  bool has_remote() const { return remote_ != nullptr; }
  // The remote's side (mnist_training_wire.cpp): applies one command a mirror sent ("" or why
  // not), and the snapshot of everything the mirror shows.
  std::string apply_command(std::string_view message);
  std::string snapshot() const;
  // The mirror's side: adopts a snapshot. False if malformed; one that does not yet reflect every
  // command sent is skipped (true).
  bool apply_snapshot(std::string_view snapshot);
  // The mirror shows the remote's state after every command sent (always true without a remote).
  bool in_sync() const { return remote_ == nullptr || synced_ == commands_; }

  // ---- data -------------------------------------------------------------------------------
  // Takes a checked dataset (train and test images of one size, labels < classes). The network
  // must be rebuilt afterwards (rebuild()).
  void set_data(std::string name, IdxDataset&& data, int classes);
  bool has_data() const { return has_data_; }
  const std::string& data_name() const { return data_name_; }
  const IdxDataset& data() const { return data_; }
  int data_version() const { return data_version_; }  // changes with every set_data()
  int inputs() const { return inputs_; }     // rows·cols (784)
  int classes() const { return classes_; }   // 10
  int train_count() const { return int(train_y_.size()); }  // the chosen subset
  int test_count() const { return int(test_y_.size()); }

  // ---- network ----------------------------------------------------------------------------
  // A fresh network from the settings (weights from the seed), features for the subset and
  // normalisation, history cleared, epoch-0 evaluation scheduled. "" or an error (then nothing changed).
  std::string rebuild(const LabSettings& s);
  // The same with given weights (a loaded model); its shape must fit the data.
  std::string adopt(const Mlp& model, const LabSettings& s);
  // lr, batch and epochs on the running network (no reset).
  std::string apply_live(const LabSettings& s);
  const Mlp& model() const { return model_; }
  bool has_model() const { return model_.layer_count() > 0; }

  // ---- control ----------------------------------------------------------------------------
  std::string start();  // "" or why not (no data, finished: raise epochs or reset)
  void pause();
  std::string step();   // one minibatch (when not running)
  void update(double budget_ms);  // once per frame: evaluation and/or training within the budget
                                  // (with a remote: take its newest snapshot)
  double last_update_ms() const { return update_ms_; }  // time the last update() took

  // ---- what it measured --------------------------------------------------------------------
  LabPhase phase() const { return phase_; }
  const std::string& message() const { return message_; }  // why it stopped (diverged, finished …)
  // The message reports a problem (divergence, or the training worker failed), not progress.
  bool message_is_error() const { return phase_ == LabPhase::diverged || remote_failed_; }
  bool evaluating() const { return eval_.active; }
  int epochs_done() const { return epochs_done_; }
  float epoch_fraction() const;   // progress through the current epoch, [0, 1]
  int64_t steps() const { return steps_; }
  double samples_per_s() const { return samples_per_s_; }
  double ms_per_step() const { return ms_per_step_; }
  double eta_s() const;           // to the end of the last epoch, −1 if unknown
  float last_batch_loss() const { return last_loss_; }
  const std::vector<EpochPoint>& epochs() const { return history_; }
  const std::vector<BatchPoint>& batches() const { return batches_; }
  int weights_version() const { return weights_version_; }  // changes whenever weights change
  // After an evaluation: (C, C) confusion[true·C + predicted] and per test digit its prediction.
  const std::vector<int>& confusion() const { return confusion_; }
  const std::vector<uint8_t>& test_predictions() const { return test_pred_; }  // (N_test)
  const std::vector<float>& test_confidence() const { return test_conf_; }     // (N_test)
  const float* test_features(int i) const { return &test_x_[size_t(i) * inputs_]; }  // (D)

  // Pixels in [0, 1] (like x/255) → the network's input under the current normalisation.
  void normalise(const float* unit_pixels, float* out) const;  // (D) → (D)
  // Forward pass of one input (already normalised); probe() then holds every layer's z and a.
  void forward_one(const float* x);
  const Workspace& probe() const { return probe_; }

 private:
  void update_within(double budget_ms);
  void send(std::string message);
  void take_snapshots();
  // Commands as bytes (mnist_training_wire.cpp).
  static std::string data_command(const std::string& name, const IdxDataset& data, int classes);
  static std::string settings_command(char verb, const LabSettings& s);  // 'r'ebuild, 'l'ive
  static std::string adopt_command(const Mlp& model, const LabSettings& s);
  static std::string plain_command(char verb);  // 's'tart, 'p'ause, 'o'ne step
  double update_ms_ = 0;
  TrainingRemote* remote_ = nullptr;
  bool remote_failed_ = false;   // training moved back into the frame
  uint32_t commands_ = 0;        // mirror: commands sent; remote: commands applied
  uint32_t synced_ = 0;          // mirror: commands reflected by the last snapshot taken
  float remote_fraction_ = 0;    // mirror: the remote's progress through the epoch
  std::string install(const Mlp& model, const LabSettings& s);
  void prepare_features(const LabSettings& s);
  bool init_trainer(std::string* error);
  void begin_evaluation(int epoch);
  void evaluate_chunk();
  void after_steps(int64_t samples, bool timed);
  void record_batch(float loss, float accuracy);

  // data
  bool has_data_ = false;
  std::string data_name_;
  IdxDataset data_;
  int inputs_ = 784, classes_ = 10, data_version_ = 0;
  int features_key_[3] = {-1, -1, -1};  // (data version, subset, normalisation) of the features
  std::vector<float> train_x_, test_x_;       // (N_train, D), (N_test, D)
  std::vector<int32_t> train_y_, test_y_;     // (N_train), (N_test)
  float mean_ = 0, std_ = 1;                  // of the training subset's x/255 (standardise)

  // network and training
  LabSettings settings_;
  Mlp model_;
  Trainer trainer_;
  bool trainer_ready_ = false;
  int trainer_epoch_seen_ = 0;
  LabPhase phase_ = LabPhase::idle;
  std::string message_;
  int epochs_done_ = 0;
  int64_t steps_ = 0;
  float last_loss_ = 0;
  double ms_per_step_ = 0, samples_per_s_ = 0;
  double window_ms_ = 0;            // wall time of the current samples/s window
  int64_t window_samples_ = 0;
  double last_update_ = -1;         // clock of the previous update() while running, ms
  int weights_version_ = 0;

  // curves
  std::vector<EpochPoint> history_;
  std::vector<BatchPoint> batches_;
  float ema_loss_ = -1, ema_accuracy_ = 0;
  int batch_stride_ = 1, batch_count_ = 0;

  // evaluation in chunks
  struct Eval {
    bool active = false;
    int epoch = 0, pass = 0, next = 0;  // pass 0: training subset, 1: test split
    double loss_sum = 0;
    int correct = 0;
    float train_loss = 0, train_accuracy = 0;
    std::vector<int> confusion;  // (C, C)
  } eval_;
  Workspace eval_ws_;              // batch 256
  std::vector<float> eval_y_;      // (256, C) one-hot
  std::vector<int> confusion_;
  std::vector<uint8_t> test_pred_;
  std::vector<float> test_conf_;
  Workspace probe_;                // batch 1
};

}  // namespace nnlab::app
