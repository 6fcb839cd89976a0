// The MNIST lab's settings: what the learner chooses (architecture, activation, loss, optimizer,
// hyper-parameters, subset, normalisation), and their one field table. Every text form — "set KEY
// VALUE", deep links ("#view=mnist&arch=784-16-16-10&lr=0.001…"), the stored JSON, state() and the
// page↔worker wire — is read and written by walking that table (settings.cpp), so a new setting is
// a member here, a row there, a widget in the lab view, and a test.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/activations.h"
#include "core/losses.h"
#include "core/mlp.h"
#include "core/optimizers.h"
#include "core/trainer.h"
#include "data/dataset_prep.h"
#include "lab/message.h"

namespace nnlab::lab {

inline constexpr int kMaxHiddenLayers = 6;
inline constexpr int kMaxHiddenSize = 1024;
inline constexpr int kMaxEpochs = 200;
inline constexpr int kMaxBatch = 4096;

// How often the weights are updated: after every sample, after every minibatch of `batch`
// samples, or once per epoch after the whole training subset (full batch).
enum class UpdateMode : uint8_t { online, minibatch, full };
inline constexpr int kUpdateModeCount = 3;
const char* update_mode_name(UpdateMode u);  // "online", "minibatch", "full"

struct Settings {
  std::vector<int> hidden = {16, 16};        // hidden layer sizes (784-16-16-10)
  Activation activation = Activation::relu;  // hidden layers; the output is softmax
  Loss loss = Loss::cross_entropy;           // cross-entropy or mse
  OptimizerKind optimizer = OptimizerKind::adam;
  float lr = 1e-3f;                                   // η, (0, 10]
  int batch = 64;                                     // B, 1..4096
  int epochs = 5;                                     // 1..200
  float l2 = 0.0f;                                    // λ, [0, 1]
  float dropout = 0.0f;                               // p, [0, 0.9]
  std::uint64_t seed = 1;                             // weights, shuffling, dropout
  int subset = 0;                                     // training digits: 1000, 5000, 0 = all
  Normalisation normalisation = Normalisation::unit;  // x/255 or standardised
  int patience = 0;                                   // early stopping (0 = off), needs a validation split
  UpdateMode update = UpdateMode::minibatch;          // online (B = 1), minibatch (B = batch), full (B = N)
  bool batchnorm = false;                             // batch norm after each hidden layer's weighted sum

  bool operator==(const Settings&) const = default;
};

// The data the settings are checked against: the first layer takes `inputs`, the last gives `classes`.
struct DataShape {
  int inputs = 784;
  int classes = 10;
};

// The presets the lab offers (3Blue1Brown's 784-16-16-10, and 784-30-10, 784-128-10).
inline constexpr const char* kArchPresets[] = {"784-16-16-10", "784-30-10", "784-128-10"};

// The activations and losses the lab offers.
inline constexpr Activation kActivations[] = {Activation::relu, Activation::leaky_relu, Activation::sigmoid,
                                              Activation::tanh};
inline constexpr Loss kLosses[] = {Loss::cross_entropy, Loss::mse};

// The samples per update for `train_count` training samples: 1, batch (at most N) or N.
int effective_batch(const Settings& s, int train_count);
// Updates per epoch: ⌈N / B⌉ (7,996 online, 125 for batch 64, 1 full batch, for N = 7,996).
int updates_per_epoch(const Settings& s, int train_count);
// The core's training configuration for these settings (batch: effective_batch; with early
// stopping a tenth of the data is held out for validation).
TrainConfig lab_train_config(const Settings& s, int train_count);
// Why these settings cannot go together (empty if they can): batch norm needs ≥ 2 samples per update.
Message combination_refusal(const Settings& s);

// Every layer's size: inputs, hidden…, classes.
std::vector<int> layer_sizes(const std::vector<int>& hidden, DataShape shape);
// "784-16-16-10".
std::string arch_text(const std::vector<int>& hidden, DataShape shape);
// Parses "784-16-16-10" (also "784,16,16,10" or "16-16" for the hidden layers only): the first
// number must be `inputs` and the last `classes`. On failure *hidden is untouched.
bool parse_arch(std::string_view text, DataShape shape, std::vector<int>* hidden, Message* error);
std::string subset_text(int subset);              // "1k", "5k", "all"
const char* normalisation_text(Normalisation n);  // "unit", "standardise"

// The network the settings describe: inputs → hidden layers (the settings' activation) → a softmax
// layer of `classes`, weights all zero (Mlp::init_params draws them). False + message if too big.
bool build_network(const Settings& s, DataShape shape, Mlp* out, Message* error);
// Why a model (a loaded file) cannot be the lab's network for this data (empty if it can): its
// inputs and outputs must match, and it must end in softmax.
Message fit_refusal(const Mlp& model, DataShape shape);

// Applies one setting ("lr", "0.001"). Returns an empty message or why not (and *s is untouched).
// *live is set to true when the change applies to a running network without a reset (lr, batch,
// epochs), false when the network must be rebuilt.
Message check_setting(Settings* s, std::string_view key, std::string_view value, DataShape shape, bool* live);
// The same, its refusal as text in the current language ("" when accepted).
std::string apply_setting(Settings* s, std::string_view key, std::string_view value, DataShape shape, bool* live);

// Every setting as "&key=value" pairs (the link after "#view=mnist"), in the table's order.
void append_settings_link(const Settings& s, DataShape shape, std::string* link);
// The same pairs parsed back: each through apply_setting; every key must be known and every value
// accepted, and every setting must be present (the wire's form of the settings).
bool settings_from_link(std::string_view link, DataShape shape, Settings* s, Message* error);
bool settings_from_link(std::string_view link, DataShape shape, Settings* s, std::string* error);
// The settings as a JSON object (state() and the stored settings).
void settings_to_json(const Settings& s, DataShape shape, nlohmann::json* out);
// The stored settings text → *s, key by key through apply_setting. Malformed JSON: returns false
// with a message and leaves *s untouched. A bad value (of a version before, or edited by hand):
// returns false with a message naming it, and *s has every other stored setting (one bad value
// never costs the learner all the rest); *kept_others (if given) says so.
bool settings_from_text(std::string_view text, DataShape shape, Settings* s, std::string* error,
                        bool* kept_others = nullptr);

}  // namespace nnlab::lab
