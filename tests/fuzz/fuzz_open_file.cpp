// Files a learner drops on the window or picks in the page (App::open_file): the input is up to
// four files, each a framed name and framed bytes ([u32 length][bytes], tests/fuzz/fuzz_util.h),
// opened one after the other as a learner drops them. Whatever they are — a model, IDX data, the
// MNIST pack, the Chinese font's name, garbage — the app opens each or says why not, keeps drawing
// (in English, and now and then in Chinese), and state() stays JSON with every text valid UTF-8 (a
// message quoting the file's bytes included). A file it refuses changes nothing: the lab keeps
// its data, its network and its settings, and the view shows what it showed.
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
  const std::vector<std::string_view> parts = fuzz::frames(fuzz::as_text(data, size), 8);
  if (size & 1) (void)g_app->app().command("view mnist");  // the lab takes models and data first
  else (void)g_app->app().command("view network");
  for (std::size_t i = 0; i < parts.size(); i += 2) {
    const std::string name(parts[i].substr(0, 256)), bytes(i + 1 < parts.size() ? parts[i + 1] : "");
    const nlohmann::json before = g_app->checked_state();
    const std::string link = g_app->app().link();
    const std::string answer = g_app->app().open_file(name, bytes);
    fuzz::check_text(answer, "the answer is valid UTF-8");
    const bool chinese = (size + i) % 4 == 3;
    if (chinese) (void)g_app->app().command("lang zh");
    g_app->frames(1);
    if (chinese) (void)g_app->checked_state(), (void)g_app->app().command("lang en");
    const nlohmann::json after = g_app->checked_state();
    if (!answer.empty()) {
      const nlohmann::json &lab = before["mnist"], &now = after["mnist"];
      FUZZ_CHECK(now["data"] == lab["data"], answer + ": " + lab["data"].dump() + " → " + now["data"].dump());
      FUZZ_CHECK(now["architecture"] == lab["architecture"], answer);
      FUZZ_CHECK(now["settings"] == lab["settings"], answer);
      FUZZ_CHECK(now["training"]["step"] == lab["training"]["step"], answer);
      FUZZ_CHECK(g_app->app().link() == link, answer);
    }
  }
  return 0;
}
