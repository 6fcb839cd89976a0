// Hyper-parameter search: many short training runs of the lab's network, one after another, each
// scored on a validation split held out of the TRAINING digits — never on the test digits, which
// stay unseen until the chosen network is reported (a test set used to choose stops measuring how
// well the choice does on new digits).
//
//   grid      every combination of the values chosen per dimension (learning rate: `points`
//             values evenly spaced on a log scale; L2 likewise; dropout evenly on a linear scale;
//             batch sizes and hidden layers: the lists given)
//   random    `runs` draws: the learning rate and L2 log-uniform in their ranges, dropout
//             uniform, batch size and hidden layers from their lists
//   halving   successive halving: `runs` random draws train 1 epoch each, the better half (by
//             validation) trains on to 2 epochs, the better half of those to 4, … while the
//             budget (runs × epochs epochs in all) lasts: weak runs stop early
//
// Reproducible from its seed: the draws (Rng, integer and double arithmetic only) and the split
// are the same natively and in wasm; every run starts from the same weights seed, so runs differ
// only in their hyper-parameters. The search sees only the training subset's features (begin()
// takes nothing else), so the test digits cannot take part in any score.
// Pure logic: no UI, no I/O. The lab's engine drives it in slices (update()), and so does
// `nnlab-cli search`.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/mlp.h"
#include "core/trainer.h"
#include "lab/message.h"
#include "lab/settings.h"

namespace nnlab::lab {

enum class SearchMethod : uint8_t { grid, random, halving };
inline constexpr int kSearchMethodCount = 3;
const char* search_method_name(SearchMethod m);  // "grid", "random", "halving"

inline constexpr int kMaxSearchRuns = 256;
inline constexpr int kMaxSearchEpochs = 50;
inline constexpr float kSearchValidation = 0.2f;  // the part of the training subset held out

// What to vary and how. A dimension that is not varied keeps the lab's setting.
struct SearchSpec {
  SearchMethod method = SearchMethod::random;
  int runs = 12;   // random and halving: candidates (grid: the grid's size)
  int epochs = 3;  // per run (halving: the budget is runs × epochs epochs in all)
  uint64_t seed = 1;
  int points = 3;  // grid: values per range (lr, l2, dropout)
  bool vary_lr = true;
  float lr_lo = 1e-4f, lr_hi = 1e-1f;  // log scale
  bool vary_batch = false;
  std::vector<int> batches = {16, 32, 64, 128};
  bool vary_hidden = false;
  std::vector<std::vector<int>> hiddens = {{16, 16}, {32}, {64}, {128}};
  bool vary_l2 = false;
  float l2_lo = 1e-5f, l2_hi = 1e-2f;  // log scale
  bool vary_dropout = false;
  float dropout_lo = 0.0f, dropout_hi = 0.5f;  // linear

  bool operator==(const SearchSpec&) const = default;
};

// The spec's text forms, one field table (search.cpp): "search KEY VALUE" in the lab, the CLI's
// flags, state() and the wire. Keys: method runs epochs seed points lr batch hidden l2 dropout;
// lr, l2, dropout take "LO..HI" or "off", batch "16,32,64" or "off", hidden "16-16,32,64" or "off".
Message apply_search_setting(SearchSpec* spec, std::string_view key, std::string_view value);
std::string search_spec_text(const SearchSpec& spec);  // "method=random&runs=12&…" (every key)
bool search_spec_from_text(std::string_view text, SearchSpec* spec, Message* error);
std::string search_value_text(const SearchSpec& spec, std::string_view key);  // one key's value text
extern const char* const kSearchKeys[];                                          // the keys, in order
extern const int kSearchKeyCount;

// The runs a spec asks for (settings of each), from the lab's `base` settings: grid = exactly its
// combinations; random / halving = `runs` seeded draws. Error if the grid exceeds kMaxSearchRuns
// or nothing varies.
bool plan_search(const SearchSpec& spec, const Settings& base, DataShape shape, std::vector<Settings>* runs,
                 Message* error);

enum class RunStatus : uint8_t { waiting, training, done, stopped, diverged, cancelled };
inline constexpr int kRunStatusCount = 6;
const char* run_status_name(RunStatus s);  // "waiting", "training", "done", "stopped" (halving), …

struct SearchRun {
  Settings settings;
  RunStatus status = RunStatus::waiting;
  int epochs = 0;            // epochs trained
  float train_loss = -1;     // the last epoch's mean minibatch loss
  float val_loss = -1;       // on the validation split after the last epoch (−1: none yet)
  float val_accuracy = -1;
  std::vector<float> curve;  // (epochs) validation accuracy after each epoch
  std::vector<float> loss_curve;  // (epochs) validation loss after each epoch
};

enum class SearchState : uint8_t { idle, running, done, cancelled };
inline constexpr int kSearchStateCount = 4;
const char* search_state_name(SearchState s);  // "idle", "running", "done", "cancelled"

// The best run by validation: the highest validation accuracy (then the lower validation loss)
// among the runs that trained the most epochs (halving compares only its last rung); −1 if none.
int best_search_run(const std::vector<SearchRun>& runs);

class Search {
 public:
  // The training subset's features x (N, D) and labels y (N), which the search copies and splits
  // (seeded) into training and validation parts. Returns an error message if it cannot start.
  Message begin(const SearchSpec& spec, const Settings& base, DataShape shape, const float* x, const int32_t* y, int n);
  // Trains for about budget_ms (the current run's steps, its validations, the next run);
  // returns true while there is more to do.
  bool update(double budget_ms);
  void cancel();  // the run under way is dropped; what finished stays

  SearchState state() const { return state_; }
  const SearchSpec& spec() const { return spec_; }
  const std::vector<SearchRun>& runs() const { return runs_; }
  int best() const { return best_search_run(runs_); }
  float progress() const;  // [0, 1]: epochs trained of all planned
  double eta_s() const;    // seconds left, −1 unknown
  double elapsed_s() const { return elapsed_ms_ / 1000.0; }
  int train_count() const { return n_train_; }
  int validation_count() const { return n_val_; }
  // A finished run's network (weights and running averages); nullptr if its weights were not kept
  // (memory: at most kKeptBytes of weights, the worst runs' are dropped first).
  const Mlp* network(int run) const;
  static constexpr size_t kKeptBytes = size_t(64) << 20;

 private:
  bool start_run(int i);
  void end_epoch();
  void finish_run(RunStatus status);
  void next_rung();
  void keep_weights(int i);

  SearchSpec spec_;
  DataShape shape_;
  SearchState state_ = SearchState::idle;
  std::vector<SearchRun> runs_;
  std::vector<std::unique_ptr<Mlp>> kept_;             // (runs) final weights, or null
  std::vector<std::unique_ptr<TrainerCheckpoint>> paused_;  // halving: runs waiting for the next rung
  std::vector<float> train_x_, val_x_;    // (N_train, D), (N_val, D)
  std::vector<int32_t> train_y_, val_y_;  // (N_train), (N_val)
  int n_train_ = 0, n_val_ = 0;
  // the run under way
  int current_ = -1;
  int target_epochs_ = 0;  // train the current run until it has this many epochs
  Mlp model_;
  Trainer trainer_;
  // halving's rungs
  std::vector<int> rung_;  // the runs of the current rung, in order
  int rung_at_ = 0;        // next of rung_ to train
  int rung_epochs_ = 1;    // the rung's target epochs
  int64_t planned_epochs_ = 0, trained_epochs_ = 0;
  double elapsed_ms_ = 0;
};

}  // namespace nnlab::lab
