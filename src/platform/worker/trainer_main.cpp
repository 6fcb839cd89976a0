// The lab's trainer inside the page's Web Worker (web/train-worker.js loads this module): one lab
// engine — the same code the desktop trains with — driven by the page's messages (lab/wire.h),
// trained in slices between them, and read out as snapshots. It links the core, the data layer
// and the lab only: nothing here draws.
#include <emscripten.h>

#include <cstdio>
#include <string>

#include "lab/engine.h"
#include "lab/wire.h"

namespace {

nnlab::lab::Engine& engine() {
  static nnlab::lab::Engine e;
  return e;
}
std::string g_snapshot;

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void trainer_command(const char* bytes, int size) {
  const std::string error = nnlab::lab::apply_message(engine(), std::string_view(bytes, size_t(size)));
  // The page checked the same command before sending it, so a refusal here is worth a line in the
  // console (the page shows it too: the snapshot carries it).
  if (!error.empty()) std::fprintf(stderr, "nnlab training worker: %s\n", error.c_str());
}

// Trains (or evaluates, searches, compares) for about budget_ms; 1 while there is more to do.
EMSCRIPTEN_KEEPALIVE int trainer_update(double budget_ms) {
  engine().update(budget_ms);
  return engine().busy();
}

EMSCRIPTEN_KEEPALIVE int trainer_snapshot() {
  nnlab::lab::Snapshot s;
  engine().snapshot(&s);
  g_snapshot = nnlab::lab::snapshot_message(s, engine().shape());
  return int(g_snapshot.size());
}

EMSCRIPTEN_KEEPALIVE const char* trainer_snapshot_data() { return g_snapshot.data(); }

}  // extern "C"
