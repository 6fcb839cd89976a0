// The lab's view drawing whatever its training worker sends (lab/wire.h snapshots through
// lab/session.h into app/lab): the whole app with a worker that is not there, on a small dataset
// of 4 × 4 images (so a snapshot is a few kilobytes). The input's first byte picks the lab's tab
// and whether the snapshot answers every command sent; the rest is the snapshot. Whatever it is,
// the lab draws (curves, confusion matrix, digits, weights, the network inside), state() stays
// JSON with valid UTF-8, and a refused snapshot changes nothing on screen.
#include "app_harness.h"
#include "fake_remote.h"
#include "idx_bytes.h"

using namespace nnlab;

namespace {

fuzz::FakeRemote g_remote;
fuzz::HeadlessApp* g_app = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_app = new fuzz::HeadlessApp(&g_remote);
  app::App& app = g_app->app();
  (void)app.command("view mnist");
  const std::pair<const char*, std::string> files[] = {
      {"train-images-idx3-ubyte", fuzz::idx_images(30, 4)},
      {"train-labels-idx1-ubyte", fuzz::idx_labels(30, 10)},
      {"t10k-images-idx3-ubyte", fuzz::idx_images(10, 4)},
      {"t10k-labels-idx1-ubyte", fuzz::idx_labels(10, 10)}};
  for (const auto& [name, bytes] : files) FUZZ_CHECK(app.open_file(name, bytes).empty(), name);
  FUZZ_CHECK(app.command("set arch 16-6-10").empty(), "a small network");
  g_app->frames(2);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t flags = data[0];
  const std::string bytes(fuzz::as_text(data + 1, size - 1));
  static const char* const kTabs[] = {"tab weights", "tab digits", "tab confusion", "tab inside"};
  (void)g_app->app().command(kTabs[flags & 3]);
  if (flags & 4) (void)g_app->app().command("select cell 3 5");
  g_remote.snapshots.push_back((flags & 8) ? fuzz::answering(bytes, g_remote.sent) : bytes);
  g_app->frames(2);
  (void)g_app->checked_state();
  return 0;
}
