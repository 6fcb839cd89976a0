// The Playground's settings as links and "set KEY VALUE" lines (playground/settings.h), then the
// engine built from them with weights from the input (playground/engine.h). Line 1 is a link's
// pairs ("&data=spiral&net=4,2…"); every further line is "KEY VALUE", or "w NUMBERS" (weights).
// Checks: what a link gives writes back to a link that reads to the same settings; a refused
// setting leaves the settings as they were; every note is valid UTF-8 in both languages; weights
// are taken only when they are exactly the network's count of finite numbers.
#include <algorithm>
#include <cmath>

#include "data/number_text.h"
#include "fuzz_util.h"
#include "playground/engine.h"
#include "playground/settings.h"
#include "text/text.h"

using namespace nnlab;
using namespace nnlab::playground;

namespace {

void check_note(const Note& n) {
  for (text::Lang lang : {text::Lang::en, text::Lang::zh}) {
    text::set_language(lang);
    fuzz::check_text(note_text(n), "a note is valid UTF-8");
  }
}

void check_link_round_trip(const Settings& s) {
  std::string link;
  append_settings_link(s, &link);  // "&key=value…"
  Settings back;
  Note e;
  FUZZ_CHECK(settings_from_link(std::string_view(link).substr(link.empty() ? 0 : 1), &back, &e), link);
  FUZZ_CHECK(back == s, link);
}

// Small enough to build and train a step per input (the fuzzer wants thousands a second).
bool cheap(const Settings& s) {
  int neurons = 0;
  for (int n : s.hidden) neurons += n;
  return neurons <= 24;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto lines = fuzz::lines(fuzz::as_text(data, size), 24);
  if (lines.empty()) return 0;
  Settings s;
  Note error;
  if (settings_from_link(lines[0], &s, &error)) check_link_round_trip(s);
  else {
    check_note(error);
    s = Settings();
  }
  std::vector<std::string_view> weights;
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    const size_t space = line.find(' ');
    const std::string_view key = line.substr(0, space);
    const std::string_view value = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
    if (key == "w") {
      weights.push_back(value);
      continue;
    }
    const Settings before = s;
    Change change;
    const Note n = apply_setting(&s, key, value, &change);
    if (!n.empty()) {
      FUZZ_CHECK(s == before, "a refused setting changes nothing");
      check_note(n);
    } else {
      check_link_round_trip(s);
    }
  }
  if (!cheap(s)) return 0;
  Engine engine;
  const Note built = engine.rebuild(s);
  check_note(built);
  if (!built.empty()) return 0;
  for (std::string_view w : weights) {
    std::vector<float> params;
    std::string parse_error;
    if (!parse_numbers(w, &params, &parse_error)) continue;
    const std::vector<float> old(engine.model().params().begin(), engine.model().params().end());
    const Note n = engine.set_params(params);
    bool finite = true;
    for (float v : params) finite = finite && std::isfinite(v);
    if (!n.empty()) {
      check_note(n);
      FUZZ_CHECK(std::equal(old.begin(), old.end(), engine.model().params().begin(), engine.model().params().end()),
                 "refused weights change nothing");
    } else {
      FUZZ_CHECK(params.size() == old.size() && finite, "taken weights are the network's count of finite numbers");
    }
  }
  engine.train_steps(2);
  check_note(engine.stop_note());
  return 0;
}
