// The Playground's network as an nnlab model file (docs/model-format.md), the same format the MNIST
// lab saves: the layers with their weights, and in "training" the loss, optimizer, η, batch size,
// epochs and the losses, plus "playground": the settings as link pairs, so opening the file gives
// back the same data, features and knobs. A model file without that record (the lab's, the CLI's)
// opens too when the Playground can build its shape: 1–7 inputs (the first features in order),
// ≤ 8 hidden layers of ≤ 16 neurons, and an output the data can use.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "playground/engine.h"
#include "playground/note.h"
#include "playground/settings.h"

namespace nnlab::playground {

inline constexpr const char* kModelFileName = "nnlab-playground.json";

// The engine's network and settings as a model file's text. False + a note (non-finite weights).
bool model_file_text(const Engine& engine, std::string* out, Note* error);
// A model file's text → settings (starting from `current`: what the file does not say stays) and
// the parameters in the core's order. On failure a note and nothing written.
Note read_model_file(std::string_view name, std::string_view text, const Settings& current, Settings* settings,
                     std::vector<float>* params);
// Whether bytes look like a model file (a JSON object naming the format "nnlab-model").
bool looks_like_model_file(std::string_view text);

}  // namespace nnlab::playground
