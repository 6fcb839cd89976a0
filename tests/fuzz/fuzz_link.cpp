// Deep links (app/common/link.h and every view's keys), applied to the whole app as the page does
// with its URL: each is applied or skipped with a warning, the app keeps drawing, state() stays
// JSON, and the link it then shows reads back as itself.
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
  std::vector<std::string> warnings;
  g_app->app().apply_link(fuzz::as_text(data, size), &warnings);
  for (const std::string& w : warnings) fuzz::check_text(w, "a warning is valid UTF-8");
  g_app->frames(1);
  (void)g_app->checked_state();
  g_app->check_link_round_trip();
  return 0;
}
