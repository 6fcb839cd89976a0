// The MNIST lab's engine: the data as float features for the chosen subset and normalisation,
// the network, the core's Trainer, and everything measured while it learns (a Snapshot).
//
// It trains in slices under a time budget: update(budget_ms) spends at most about that long on
// minibatch steps, so whoever calls it — the desktop's frame, or the page's training worker —
// keeps its pace. At the end of every epoch training pauses for an evaluation of the training
// subset and the test split through the core's Evaluator, a chunk at a time under the same
// budget, so the curves show train vs test loss and accuracy of the very same weights (the
// over/underfitting gap), and the confusion matrix and the test digits' predictions are fresh.
// The same evaluation runs once for the untrained network (epoch 0).
// Pure logic: no UI, no GPU, no host, no I/O.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/evaluate.h"
#include "core/mlp.h"
#include "core/trainer.h"
#include "data/idx.h"
#include "lab/settings.h"
#include "lab/snapshot.h"

namespace nnlab::lab {

// Why a command cannot run now (empty if it can), from what the lab shows: the same rules for the
// engine and for the page's copy of the lab, which answers before the worker does. Everything the
// engine says is a keyed Message (message.h): it has no language, the lab's view makes the text.
Message start_refusal(const Snapshot& s, const Settings& settings, bool has_model);
Message step_refusal(const Snapshot& s, const Settings& settings, bool has_model);

class Engine {
 public:
  // ---- data -------------------------------------------------------------------------------
  // A checked dataset (train and test images of one size, labels < classes). The network must
  // be rebuilt afterwards (rebuild()).
  void set_data(std::shared_ptr<const IdxDataset> data, int classes);
  bool has_data() const { return data_ != nullptr; }
  DataShape shape() const { return {inputs_, classes_}; }

  // ---- network ----------------------------------------------------------------------------
  // A fresh network from the settings (weights from the seed), features for the subset and
  // normalisation, history cleared, epoch-0 evaluation scheduled. Empty or an error (then nothing changed).
  Message rebuild(const Settings& s);
  // The same with given weights (a loaded model); its shape must fit the data.
  Message adopt(const Mlp& model, const Settings& s);
  // Carries on from what another engine showed (`shown`, whose params are the model's): the
  // curves, counters and phase (running becomes paused); an unfinished evaluation starts over.
  Message resume(const Mlp& model, const Settings& s, const Snapshot& shown);
  // lr, batch and epochs on the running network (no reset).
  Message apply_live(const Settings& s);
  const Mlp& model() const { return model_; }
  bool has_model() const { return model_.layer_count() > 0; }
  const Settings& settings() const { return settings_; }

  // ---- control ----------------------------------------------------------------------------
  Message start();  // empty or why not (no data, finished: raise epochs or reset)
  void pause();
  Message step();                 // one minibatch (when not running)
  void update(double budget_ms);  // evaluation and/or training within about budget_ms
  double last_update_ms() const { return update_ms_; }

  // ---- what it shows ----------------------------------------------------------------------
  const Snapshot& state() const { return s_; }                // everything but params
  void snapshot(Snapshot* out) const;                         // everything, params included
  int version() const { return version_; }                    // changes whenever the state or the weights change
  void note_command() { ++s_.commands, s_.refusal.clear(); }  // the wire counts the commands it applied
  void refuse(Message why) { s_.refusal = std::move(why), ++version_; }

 private:
  Message install(const Mlp& model, const Settings& s);
  void prepare_features(const Settings& s);
  bool init_trainer(Message* error);
  void begin_evaluation(int epoch);
  void evaluate_for(double deadline_ms);
  void after_steps(int64_t samples, bool timed);
  void record_batch(float loss, float accuracy);
  void finish_epochs();
  float trainer_fraction() const;

  // data
  std::shared_ptr<const IdxDataset> data_;
  int inputs_ = 784, classes_ = 10, data_version_ = 0;
  int features_key_[3] = {-1, -1, -1};     // (data version, subset, normalisation) of the features
  std::vector<float> train_x_, test_x_;    // (N_train, D), (N_test, D)
  std::vector<int32_t> train_y_, test_y_;  // (N_train), (N_test)

  // network and training
  Settings settings_;
  Mlp model_;
  Trainer trainer_;
  bool trainer_ready_ = false;
  int trainer_epoch_seen_ = 0;
  Snapshot s_;  // what the lab shows (params: model_'s)
  int version_ = 0;
  double update_ms_ = 0;
  double window_ms_ = 0;  // wall time of the current samples/s window
  int64_t window_samples_ = 0;
  double last_update_ = -1;  // clock of the previous update() while running, ms

  // curves
  float ema_loss_ = -1, ema_accuracy_ = 0;
  int batch_stride_ = 1, batch_count_ = 0;

  // evaluation, a chunk at a time: pass 0 the training subset, pass 1 the test split
  Evaluator evaluator_;
  int eval_epoch_ = 0, eval_pass_ = 0;
  float eval_train_loss_ = 0, eval_train_accuracy_ = 0;
  std::vector<int32_t> eval_predicted_;  // (N_test)
};

}  // namespace nnlab::lab
