// The command language (docs/commands.md), as window.nnlab.command and the desktop's --command
// take it: up to eight lines, each run by the whole app, then a frame. Every answer is valid
// UTF-8, the app keeps drawing, state() stays JSON and the link it shows reads back as itself.
// (Two commands are left out: "data fashion" reads Debian's 70,000 Fashion-MNIST images from
// disk, seconds per input; "budget" would let the lab train up to 100 ms a frame. The unit and
// end-to-end tests run both.)
#include "app_harness.h"

using namespace nnlab;

namespace {
fuzz::HeadlessApp* g_app = nullptr;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_app = new fuzz::HeadlessApp();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return -1;
  for (std::string_view line : fuzz::lines(fuzz::as_text(data, size), 8)) {
    std::string_view verb = line;
    while (!verb.empty() && verb.front() == ' ') verb.remove_prefix(1);
    if (verb.starts_with("data") || verb.starts_with("budget")) continue;
    const std::string answer = g_app->app().command(line);
    fuzz::check_text(answer, "the answer is valid UTF-8");
  }
  g_app->frames(1);
  (void)g_app->checked_state();
  g_app->check_link_round_trip();
  return 0;
}
