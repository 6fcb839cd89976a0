// The lab as its view sees it: the settings' effect on the network, the data, and what training
// shows — wherever the training runs.
//
//   trains here   (the desktop; or the page after its worker failed) an Engine inside this object,
//                 driven from update() within the frame's budget;
//   trains there  (the page) a TrainingRemote: every command is checked here (so errors are
//                 immediate) and sent as a message (wire.h); update() takes the newest snapshot
//                 once it reflects every command sent. The page keeps only what it shows: the
//                 dataset once, the network, the snapshot — no features, no trainer — and builds
//                 an Engine only if the worker fails (then training carries on from the last
//                 weights the worker sent).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/mlp.h"
#include "data/idx.h"
#include "lab/engine.h"
#include "lab/remote.h"
#include "lab/settings.h"
#include "lab/snapshot.h"

namespace nnlab::lab {

class Session {
 public:
  explicit Session(TrainingRemote* remote = nullptr);  // nullptr: train here

  // ---- data -------------------------------------------------------------------------------
  // A checked dataset (train and test images of one size, labels < classes); the network must be
  // rebuilt afterwards.
  void set_data(std::string name, std::shared_ptr<const IdxDataset> data, int classes);
  bool has_data() const { return data_ != nullptr; }
  const std::string& data_name() const { return data_name_; }
  const IdxDataset& data() const { return *data_; }
  int data_version() const { return data_version_; }  // changes with every set_data()
  DataShape shape() const { return shape_; }
  int inputs() const { return shape_.inputs; }
  int classes() const { return shape_.classes; }
  int train_count() const { return train_count_; }  // the chosen subset
  int test_count() const { return has_data() ? data_->test.labels.count : 0; }

  // ---- network ----------------------------------------------------------------------------
  // Each returns "" or why not, as text in the current language (the engine's keyed Message).
  std::string rebuild(const Settings& s);                  // a fresh network from the seed
  std::string adopt(const Mlp& model, const Settings& s);  // a loaded model
  std::string apply_live(const Settings& s);               // lr, batch, epochs on the running network
  const Mlp& model() const { return local_ ? local_->model() : model_; }
  bool has_model() const { return model().layer_count() > 0; }

  // ---- control ----------------------------------------------------------------------------
  std::string start();
  void pause();
  std::string step();
  void update(double budget_ms);  // once per frame

  // ---- update frequency, search, timeline (engine.h) -----------------------------------------
  std::string compare_updates(double budget_s);
  std::string start_search(const SearchSpec& spec);
  void cancel_search();  // and the comparison
  // "use this": run i's settings (into *settings) and weights become the lab's network.
  std::string use_search_run(int i, Settings* settings);
  std::string view_mark(int i);  // −1: the present
  std::string continue_from_view();
  const SearchView& search() const { return shown_.search; }
  const CompareView& comparison() const { return shown_.compare; }
  const TimelineView& timeline() const { return shown_.timeline; }
  const Settings& settings() const { return settings_; }
  double last_update_ms() const { return update_ms_; }

  // ---- what it shows ----------------------------------------------------------------------
  const Snapshot& shown() const { return shown_; }  // params: see model()
  Phase phase() const { return shown_.phase; }
  bool evaluating() const { return shown_.evaluating; }
  int epochs_done() const { return shown_.epochs_done; }
  int64_t steps() const { return shown_.steps; }
  const std::vector<EpochPoint>& epochs() const { return shown_.history; }
  const std::vector<BatchPoint>& batches() const { return shown_.batches; }
  const std::vector<int>& confusion() const { return shown_.confusion; }
  const std::vector<uint8_t>& test_predictions() const { return shown_.test_predictions; }
  const std::vector<float>& test_confidence() const { return shown_.test_confidence; }
  double eta_s() const;  // to the end of the last epoch, −1 if unknown
  // Why training stopped, or what went wrong with the worker, in the current language;
  // message_is_error() for problems.
  std::string message() const;
  bool message_is_error() const;
  int weights_version() const { return weights_version_; }  // changes whenever the weights change
  bool trains_remotely() const { return remote_ != nullptr; }
  // The remote shows the state after every command sent (always true when training here).
  bool in_sync() const { return remote_ == nullptr || synced_ == sent_; }

  // ---- the network on one input ---------------------------------------------------------------
  // Pixels in [0, 1] (like x/255) → the network's input under the current normalisation.
  void normalise(const float* unit_pixels, float* out) const;  // (D) → (D)
  float pixel_mean() const { return mean_; }  // of the training subset's x/255 (standardise)
  float pixel_std() const { return std_; }
  void test_input(int i, float* out) const;                    // test digit i → (D), as evaluated
  // Forward pass of one input (already normalised); probe() then holds every layer's z and a.
  void forward_one(const float* x);
  const Workspace& probe() const { return probe_; }

 private:
  void send(std::string message);
  void take_snapshot();
  void hand_over(Message why);  // the worker failed: train here from now on
  void reset_shown();
  void prepare_stats(const Settings& s);
  void sync_local();

  TrainingRemote* remote_ = nullptr;
  std::unique_ptr<Engine> local_;
  Message failure_;         // why training moved here from the worker
  Message resume_error_;    // … and why the engine here could not carry on from its weights
  Message malformed_;       // the last snapshot that was refused, and why
  uint32_t sent_ = 0;       // commands sent to the remote
  uint32_t synced_ = 0;     // commands reflected by the snapshot shown
  int local_version_ = -1;  // local_->version() last copied into shown_
  double update_ms_ = 0;

  std::string data_name_;
  std::shared_ptr<const IdxDataset> data_;
  DataShape shape_;
  int train_count_ = 0;
  int stats_key_[3] = {-1, -1, -1};  // (data version, subset, normalisation) of mean_/std_
  int data_version_ = 0;
  float mean_ = 0, std_ = 1;  // of the training subset's x/255 (standardise)

  Settings settings_;
  Mlp model_;  // trained there: the network as the last snapshot had it
  Snapshot shown_;
  int weights_version_ = 0;
  Workspace probe_;  // batch 1
};

}  // namespace nnlab::lab
