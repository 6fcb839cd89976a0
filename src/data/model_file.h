// Model files: the JSON format "nnlab-model" version 2 (docs/model-format.md); version 1 files
// (no batch norm) still open.
//
//   {"format": "nnlab-model", "version": 1,
//    "layers": [{"inputs": 3, "outputs": 2, "activation": "relu",
//                "weights": [[-0.5, 1, 0.5], [-1, 0.5, 0.5]], "bias": [0, 1],
//                "batchnorm": {"gamma": […], "beta": […], "running_mean": […], "running_var": […]}}, ...],
//               ("batchnorm" only on layers that have it, version 2)
//    "training": {"loss": "cross-entropy", "optimizer": "adam", "lr": 0.001, ...}}   (optional)
//
// weights[o][i] is the weight from input i to output o (the core's W[o*I + i]).
// Floats are written with the shortest text that reads back bit-exactly, so save → load
// round-trips every bit. Loading validates everything (JSON syntax, types, shapes, sizes 1..4096,
// chaining, activation names, finite values) and reports the first problem with the file's name;
// it never throws (the web build compiles nlohmann::json with JSON_NOEXCEPTION) and never crashes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/mlp.h"

namespace nnlab {

inline constexpr int kModelFormatVersion = 2;     // written; 1 and 2 are read
inline constexpr int kModelFormatOldestVersion = 1;
inline constexpr int kMaxModelLayers = 64;
// The largest model file read: 64 MiB of text (about five million parameters as the app writes
// them, a 784-4096-1024-10 network). Larger text is refused before it is parsed, so a huge file
// never costs more memory than this bound allows (parsing takes about 10 × the text at most).
inline constexpr std::size_t kMaxModelFileBytes = std::size_t(64) << 20;

// The optional "training" object: how the model was (or should be) trained, and how it did.
// Absent fields stay empty; `present` is false when the file has no "training" object at all.
struct TrainingInfo {
  bool present = false;
  std::string loss;       // "half-sse" | "mse" | "bce" | "cross-entropy" (checked) or empty
  std::string optimizer;  // "sgd" | "momentum" | "adam" … (free text) or empty
  std::string data;       // where the training data came from: "embedded", a directory … or empty
  std::optional<double> lr, momentum, l2, dropout;  // finite, ≥ 0
  std::optional<int> batch, epochs;                 // ≥ 0
  std::optional<std::uint64_t> seed;
  std::optional<double> train_loss, train_accuracy, test_loss, test_accuracy;  // finite
  std::string extra;  // any other keys, kept verbatim as a JSON object text ("" = none)
};

// Mlp (+ optional training info) → JSON text. Fails (naming `name`) on a non-finite parameter.
bool model_to_json(const Mlp& model, const TrainingInfo* training, std::string* out, std::string* error,
                   std::string_view name = "model");
// JSON text → Mlp (+ training info if `training` is given). `name` (a file name, "upload" …)
// starts every error message. On failure *model and *training are left unchanged.
bool model_from_json(std::string_view text, std::string_view name, Mlp* model, TrainingInfo* training,
                     std::string* error);

// Files: save writes path.tmp then renames it over path (the old file survives a failed save).
bool save_model(const std::string& path, const Mlp& model, const TrainingInfo* training, std::string* error);
bool load_model(const std::string& path, Mlp* model, TrainingInfo* training, std::string* error);

}  // namespace nnlab
