// The page→worker messages (lab/wire.h) as the training worker applies them: data, rebuild, live,
// adopt, start, pause, step. The input is a few framed messages ([u32 length][bytes] each) applied
// in turn to a worker that already has a small dataset and a network, with a slice of training
// after each. Whatever arrives is applied or refused with a keyed message, and every snapshot the
// worker then writes is one the page accepts.
#include "fuzz_util.h"
#include "lab/engine.h"
#include "lab/wire.h"
#include "lab_data.h"

using namespace nnlab;
using namespace nnlab::lab;

namespace {

void check_snapshot(const Engine& engine) {
  Snapshot s;
  engine.snapshot(&s);
  const std::string bytes = snapshot_message(s);
  const SnapshotFit fit{engine.model().parameter_count(), engine.state().test_predictions.size(),
                        engine.shape().classes};
  Snapshot back;
  std::string error;
  FUZZ_CHECK(read_snapshot(bytes, fit, &back, &error), error);
  FUZZ_CHECK(snapshot_message(back) == bytes, "the page reads what the worker wrote");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Engine engine;
  Settings s;
  bool live = false;
  (void)apply_setting(&s, "arch", "16-8-4", {16, 4}, &live);
  (void)apply_setting(&s, "batch", "4", {16, 4}, &live);
  FUZZ_CHECK(apply_message(engine, data_message("small", *fuzz::small_dataset(), 4)).empty(), "the dataset");
  FUZZ_CHECK(apply_message(engine, settings_message(Verb::rebuild, s, engine.shape())).empty(), "the network");
  for (std::string_view message : fuzz::frames(fuzz::as_text(data, size), 8)) {
    const uint32_t before = engine.state().commands;
    const Message result = apply_message_keyed(engine, message);
    FUZZ_CHECK(engine.state().commands == before + 1, "every message is counted");
    if (!result.empty()) {
      FUZZ_CHECK(message_key_known(result.key), result.key);
      FUZZ_CHECK(engine.state().refusal == result, "the refusal travels in the snapshot");
    }
    for (text::Lang lang : text::kLangs) fuzz::check_text(message_text_in(lang, result), "the refusal's text");
    engine.update(0.2);
    check_snapshot(engine);
  }
  return 0;
}
