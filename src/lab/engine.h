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
#include "lab/compare.h"
#include "lab/search.h"
#include "lab/settings.h"
#include "lab/snapshot.h"

namespace nnlab::lab {

// Why a command cannot run now (empty if it can), from what the lab shows: the same rules for the
// engine and for the page's copy of the lab, which answers before the worker does. Everything the
// engine says is a keyed Message (message.h): it has no language, the lab's view makes the text.
Message start_refusal(const Snapshot& s, const Settings& settings, bool has_model);
Message step_refusal(const Snapshot& s, const Settings& settings, bool has_model);

// The timeline keeps whole checkpoints (weights, running averages, the optimizer's state, the
// shuffled order: everything "continue from here" needs to train on exactly as the run did) at
// epoch 0, after ⅛, ¼ and ½ of the first epoch and after every epoch, within kTimelineBytes.
// Over the bound, whole epochs go first, odd ones before even ones (3, 5, 7 …, then 2, 6, 10 …,
// then 4, 12 …; the oldest first among equals); epoch 0, the first epoch's moments and the newest
// are always kept. A network whose one checkpoint takes more than an eighth of the bound has no
// timeline (TimelineView::too_big), so those six always fit.
inline constexpr size_t kTimelineBytes = size_t(64) << 20;

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
  const Mlp& model() const { return s_.timeline.shown >= 0 ? view_model_ : model_; }  // the network on screen
  const Mlp& live_model() const { return model_; }
  bool has_model() const { return model_.layer_count() > 0; }
  const Settings& settings() const { return settings_; }

  // ---- control ----------------------------------------------------------------------------
  Message start();  // empty or why not (no data, finished: raise epochs or reset)
  void pause();
  Message step();                 // one minibatch (when not running)
  void update(double budget_ms);  // evaluation and/or training within about budget_ms
  double last_update_ms() const { return update_ms_; }

  // ---- update frequency, search, timeline ------------------------------------------------------
  Message compare_updates(double budget_s);  // "compare updates": pauses training, runs in update()
  Message start_search(const SearchSpec& spec);
  void cancel_search();  // and the comparison
  // "use this": run i's settings and weights become the lab's network (*settings: its settings).
  Message use_search_run(int i, Settings* settings);
  const Search* search() const { return search_.get(); }
  // Shows timeline mark i (pausing training; −1 = the present): model() is then the network as it
  // was, and the confusion matrix and test predictions are measured for it.
  Message view_mark(int i);
  // Training goes on from the mark on screen; the later history is dropped.
  Message continue_from_view();
  int viewing() const { return s_.timeline.shown; }
  bool busy() const;  // training, measuring, searching or comparing: update() has work

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
  void mark(float epoch);  // a timeline checkpoint of the present
  void first_epoch_mark();  // ⅛, ¼, ½ of the first epoch
  void trim_timeline();
  void refresh_views();  // s_.search, s_.compare, s_.timeline from their owners
  void evaluate_view(double deadline_ms);

  struct Moment {  // one timeline checkpoint
    TimelineMark mark;
    TrainerCheckpoint trainer;
    std::vector<BatchPoint> batches;
    size_t history = 0;
    int epochs_done = 0, trainer_epoch_seen = 0, batch_stride = 1, batch_count = 0;
    float ema_loss = -1, ema_accuracy = 0;
    size_t bytes() const { return trainer.bytes() + batches.size() * sizeof(BatchPoint) + sizeof(*this); }
  };
  std::vector<Moment> timeline_;
  int first_epoch_marks_ = 0;  // of ⅛, ¼, ½ taken
  Mlp view_model_;              // the network of the mark on screen
  Evaluator view_eval_;
  bool view_evaluating_ = false;
  std::vector<int32_t> view_predicted_;
  std::vector<int> live_confusion_;  // the present's, while a mark is on screen
  std::vector<uint8_t> live_predictions_;
  std::vector<float> live_confidence_;
  std::unique_ptr<Search> search_;
  std::unique_ptr<UpdateCompare> compare_;

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
