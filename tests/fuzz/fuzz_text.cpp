// The string tables at run time (text/text.h): any key, in both languages, filled with any values.
// Input: a key (line 1; or a table key chosen by bytes 0–1 when line 1 is "#"), then up to three
// "name=value" lines. Checks: T never returns null; a filled text is valid UTF-8 whatever bytes
// the values hold (a value quoting a file is repaired, not passed on).
#include "fuzz_util.h"
#include "text/text.h"

using namespace nnlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto lines = fuzz::lines(fuzz::as_text(data, size), 4);
  if (lines.empty()) return 0;
  std::string key(lines[0]);
  if (key == "#" && size >= 2 && text::key_count() > 0)
    key = text::key_at((data[0] | data[1] << 8) % text::key_count());
  std::string names[3], values[3];
  for (size_t i = 1; i < lines.size(); ++i) {
    const size_t eq = lines[i].find('=');
    names[i - 1] = std::string(lines[i].substr(0, eq));
    values[i - 1] = eq == std::string_view::npos ? std::string() : std::string(lines[i].substr(eq + 1));
  }
  for (text::Lang lang : {text::Lang::en, text::Lang::zh}) {
    const char* plain = text::T_in(lang, key);
    FUZZ_CHECK(plain != nullptr, key);
    const std::string filled = text::tr_in(
        lang, key, {{names[0].c_str(), values[0]}, {names[1].c_str(), values[1]}, {names[2].c_str(), values[2]}});
    fuzz::check_text(filled, "a filled text is valid UTF-8");
    fuzz::check_text(text::tr_count(key, static_cast<long long>(values[0].size()), {{names[0].c_str(), values[0]}}),
                     "a counted text is valid UTF-8");
  }
  return 0;
}
