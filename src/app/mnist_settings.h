// The MNIST lab's settings: what the learner chooses (architecture, activation, loss, optimizer,
// hyper-parameters, subset, normalisation), checked one key at a time, and their text forms for
// "set KEY VALUE", deep links ("#view=mnist&arch=784-16-16-10&lr=0.001…") and the stored JSON.
// Pure logic: no ImGui, no GPU, no host; tests/app/test_mnist_settings.cpp covers it.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/activations.h"
#include "core/losses.h"
#include "core/optimizers.h"
#include "data/dataset_prep.h"

namespace nnlab::app {

inline constexpr int kLabMaxHiddenLayers = 6;
inline constexpr int kLabMaxHiddenSize = 1024;
inline constexpr int kLabMaxEpochs = 200;
inline constexpr int kLabMaxBatch = 4096;

struct LabSettings {
  std::vector<int> hidden = {16, 16};                  // hidden layer sizes (784-16-16-10)
  Activation activation = Activation::relu;            // hidden layers; the output is softmax
  Loss loss = Loss::cross_entropy;                     // cross-entropy or mse
  OptimizerKind optimizer = OptimizerKind::adam;
  float lr = 1e-3f;                                    // η, (0, 10]
  int batch = 64;                                      // B, 1..4096
  int epochs = 5;                                      // 1..200
  float l2 = 0.0f;                                     // λ, [0, 1]
  float dropout = 0.0f;                                // p, [0, 0.9]
  std::uint64_t seed = 1;                              // weights, shuffling, dropout
  int subset = 0;                                      // training digits: 1000, 5000, 0 = all
  Normalisation normalisation = Normalisation::unit;   // x/255 or standardised
  int patience = 0;                                    // early stopping (0 = off), needs a validation split

  bool operator==(const LabSettings&) const = default;
};

// The presets the lab offers (3Blue1Brown's 784-16-16-10, the seeds' 784-30-10 and 784-128-10).
inline constexpr const char* kArchPresets[] = {"784-16-16-10", "784-30-10", "784-128-10"};

// "784-16-16-10" for `inputs` = 784 and `classes` = 10.
std::string arch_text(const std::vector<int>& hidden, int inputs, int classes);
// Parses "784-16-16-10" (also "784,16,16,10" or "16-16" for the hidden layers only): the first
// number must be `inputs` and the last `classes`. On failure *hidden is untouched.
bool parse_arch(std::string_view text, int inputs, int classes, std::vector<int>* hidden, std::string* error);

// The activations, losses and subsets the lab offers, with their names in links and the UI.
inline constexpr Activation kLabActivations[] = {Activation::relu, Activation::leaky_relu, Activation::sigmoid,
                                                  Activation::tanh};
inline constexpr Loss kLabLosses[] = {Loss::cross_entropy, Loss::mse};
std::string subset_text(int subset);  // "1k", "5k", "all"
const char* normalisation_text(Normalisation n);  // "unit", "standardise"

// Applies one setting ("lr", "0.001"). Returns "" or a readable error (and *s is untouched).
// *live is set to true when the change applies to a running network without a reset (lr, batch,
// epochs), false when the network must be rebuilt.
std::string apply_setting(LabSettings* s, std::string_view key, std::string_view value, int inputs, int classes,
                          bool* live);

// Every setting as "&key=value" pairs (the link after "#view=mnist"), in a fixed order.
void append_settings_link(const LabSettings& s, int inputs, int classes, std::string* link);
// The settings as a JSON object (state() and the stored settings).
void settings_to_json(const LabSettings& s, int inputs, int classes, nlohmann::json* out);
// The stored settings text → *s, key by key through apply_setting. Malformed JSON or any bad
// value: returns false with a message and leaves *s untouched.
bool settings_from_text(std::string_view text, int inputs, int classes, LabSettings* s, std::string* error);

}  // namespace nnlab::app
