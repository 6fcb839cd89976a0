// The lab's trainer inside the page's Web Worker (web/train-worker.js loads this module): one
// LabTrainer — the same code the page mirrors it with — driven by the page's commands, trained
// in slices between them, and read out as snapshots (app/mnist_training.h).
#include <emscripten.h>

#include <cstdio>
#include <string>

#include "app/mnist_training.h"

namespace {

nnlab::app::LabTrainer& lab() {
  static nnlab::app::LabTrainer trainer;
  return trainer;
}
std::string g_snapshot;

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void trainer_command(const char* bytes, int size) {
  const std::string error = lab().apply_command(std::string_view(bytes, size_t(size)));
  // The page applied the same command without complaint, so a refusal here is a bug to report.
  if (!error.empty()) std::fprintf(stderr, "nnlab training worker: %s\n", error.c_str());
}

// Trains (or evaluates) for about budget_ms; 1 while there is more to do.
EMSCRIPTEN_KEEPALIVE int trainer_update(double budget_ms) {
  lab().update(budget_ms);
  return lab().phase() == nnlab::app::LabPhase::running || lab().evaluating();
}

EMSCRIPTEN_KEEPALIVE int trainer_snapshot() {
  g_snapshot = lab().snapshot();
  return int(g_snapshot.size());
}

EMSCRIPTEN_KEEPALIVE const char* trainer_snapshot_data() { return g_snapshot.data(); }

}  // extern "C"
