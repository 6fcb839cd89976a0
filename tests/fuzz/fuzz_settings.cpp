// The MNIST lab's settings (lab/settings.h) in every text form: the stored JSON (read at every
// start), the link form (links and the page↔worker wire) and "set KEY VALUE". Whatever the text,
// it is accepted or refused with a message and nothing changed; settings that were accepted are
// written back to a stored text and a link that read back equal — also when the lab's data had
// another shape (the next start reads them with MNIST's 784 inputs and 10 classes).
#include <nlohmann/json.hpp>

#include "fuzz_util.h"
#include "lab/settings.h"

using namespace nnlab;
using namespace nnlab::lab;

namespace {

void check_written_forms(const Settings& s, DataShape shape) {
  nlohmann::json j;
  settings_to_json(s, shape, &j);
  const std::string stored = j.dump();
  for (DataShape next : {shape, DataShape{784, 10}}) {
    Settings back;
    std::string error;
    FUZZ_CHECK(settings_from_text(stored, next, &back, &error), stored + ": " + error);
    FUZZ_CHECK(back == s, stored);
  }
  std::string link;
  append_settings_link(s, shape, &link);
  FUZZ_CHECK(link.find('+') == std::string::npos, link);
  Settings back;
  std::string error;
  FUZZ_CHECK(settings_from_link(link, shape, &back, &error), link + ": " + error);
  FUZZ_CHECK(back == s, link);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t mode = data[0];
  const std::string_view text = fuzz::as_text(data + 1, size - 1);
  const DataShape shapes[] = {{784, 10}, {16, 4}, {400, 10}, {4096, 256}};
  const DataShape shape = shapes[(mode >> 2) % 4];
  Settings s;
  const Settings defaults;
  std::string error;
  switch (mode % 3) {
    case 0:  // the stored JSON
    {
      bool kept = false;
      if (settings_from_text(text, shape, &s, &error, &kept)) check_written_forms(s, shape);
      else if (!kept) FUZZ_CHECK(s == defaults, "a refused text leaves the settings untouched");
      else check_written_forms(s, shape);  // the good ones kept: still settings that write and read back
      break;
    }
    case 1: {  // the link form (every key present), as the wire carries it
      Message why;
      if (settings_from_link(text, shape, &s, &why)) check_written_forms(s, shape);
      else FUZZ_CHECK(s == defaults && !why.empty(), "refused with a reason, nothing changed");
      error = message_text(why);
      break;
    }
    default:  // "KEY VALUE" lines, one setting at a time
      for (std::string_view line : fuzz::lines(text, 16)) {
        const std::size_t sp = line.find(' ');
        bool live = false;
        const Settings before = s;
        error = apply_setting(&s, line.substr(0, sp), sp == std::string_view::npos ? "" : line.substr(sp + 1), shape,
                              &live);
        if (!error.empty()) FUZZ_CHECK(s == before, "a refused value changes nothing");
        fuzz::check_text(error, "the message is valid UTF-8");
      }
      check_written_forms(s, shape);
  }
  fuzz::check_text(error, "the message is valid UTF-8");
  return 0;
}
