// Worker→page snapshots (lab/wire.h) as the page's lab (lab/session.h) takes them: the input's
// first byte says what happens around the snapshot, the rest is the snapshot. Whatever arrives,
// the page's lab reads it or refuses it with a message and keeps what it showed; a snapshot it
// reads is the very bytes it would write. Then, on request, the worker fails and the page carries
// on from what it was shown, training a few slices itself.
#include <nlohmann/json.hpp>

#include "fake_remote.h"
#include "fuzz_util.h"
#include "lab/session.h"
#include "lab/wire.h"
#include "lab_data.h"

using namespace nnlab;
using namespace nnlab::lab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t flags = data[0];
  const std::string bytes(fuzz::as_text(data + 1, size - 1));
  fuzz::FakeRemote remote;
  Session lab(&remote);
  lab.set_data("small", fuzz::small_dataset(), 4);
  Settings s;
  bool live = false;
  (void)apply_setting(&s, "arch", "16-8-4", lab.shape(), &live);
  (void)apply_setting(&s, "batch", "4", lab.shape(), &live);
  FUZZ_CHECK(lab.rebuild(s).empty(), "the network");
  if (flags & 1) (void)lab.start();
  if (flags & 2) (void)lab.apply_live(s);

  // The page's own check, with the page's own fit.
  const SnapshotFit fit{lab.model().parameter_count(), size_t(lab.test_count()), lab.classes()};
  Snapshot read;
  std::string error;
  if (read_snapshot(bytes, fit, &read, &error)) FUZZ_CHECK(snapshot_message(read) == bytes, "read = written");
  else fuzz::check_text(error, "the message is valid UTF-8");

  const Snapshot before = lab.shown();
  remote.snapshots.push_back((flags & 4) ? fuzz::answering(bytes, remote.sent) : bytes);
  lab.update(1);
  fuzz::check_text(lab.message(), "the lab's message is valid UTF-8");
  if (lab.shown().steps != before.steps || lab.shown().commands != before.commands) {
    FUZZ_CHECK(lab.shown().test_predictions.size() == size_t(lab.test_count()), "one prediction per test digit");
    FUZZ_CHECK(lab.shown().confusion.empty() || lab.shown().confusion.size() == 16, "a 4 × 4 confusion matrix");
  }
  (void)lab.eta_s();

  if (flags & 8) {  // the worker fails: the page trains from what it showed
    remote.failed = lab::Message("lab.worker.stopped", {{"detail", "a fault"}});
    lab.update(1);
    FUZZ_CHECK(!lab.trains_remotely(), "the page trains itself now");
    fuzz::check_text(lab.message(), "the lab's message is valid UTF-8");
    if (flags & 16) (void)lab.start();
    if (flags & 32) (void)lab.step();
    for (int i = 0; i < 3; ++i) lab.update(0.3);
    fuzz::check_text(lab.message(), "the lab's message is valid UTF-8");
    FUZZ_CHECK(lab.shown().test_predictions.size() == size_t(lab.test_count()), "one prediction per test digit");
  }
  return 0;
}
