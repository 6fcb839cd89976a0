// Every text a user sees, in English and in Chinese, from two string tables: strings/en.txt and
// strings/zh.txt, one line per key ("lab.start = Start"). Sentences with values use named
// placeholders ("epoch {epoch} of {epochs}") so each language keeps its own word order; nothing
// is glued together from fragments. scripts/strings.py checks the tables at build time (the same
// keys in both, the same placeholders in both versions of a text, no English left in the Chinese
// table) and compiles them into the binary; it also lists the characters the Chinese font needs.
//
// The current language is process-wide: the app sets it from a link, the stored choice or the
// system's, the CLI from --lang. Numbers and formulas are written the same in both languages.
#pragma once
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

namespace nnlab::text {

enum class Lang : uint8_t { en, zh };
inline constexpr Lang kLangs[] = {Lang::en, Lang::zh};

const char* lang_code(Lang lang);  // "en", "zh"
// "en", "zh", and the forms systems and browsers use: "zh-CN", "zh_TW.UTF-8", "en-GB", "C".
// Any zh… is Chinese, any en… (and "C", "POSIX") English; false for anything else.
bool parse_lang(std::string_view code, Lang* out);

Lang language();
void set_language(Lang lang);

// A value for a placeholder: its name without braces, and its text (numbers already formatted).
struct Arg {
  const char* name;
  std::string value;
};

// The text of `key` in the current language. Never null: a key missing from the tables (which the
// build refuses for every key the sources use) comes back as the key itself.
const char* T(std::string_view key);
// The same with its placeholders {name} filled in; "{{" and "}}" stand for braces.
std::string tr(std::string_view key, std::initializer_list<Arg> args);
// The same in a given language (the CLI's --lang, tests).
const char* T_in(Lang lang, std::string_view key);
std::string tr_in(Lang lang, std::string_view key, std::initializer_list<Arg> args);
// The same for values known only at run time (keyed messages that travel without a language):
// put(name, &out) appends the text of placeholder `name` and says whether it has one (else the
// placeholder stays visible). What it appends is made valid UTF-8.
using PutValue = std::function<bool(std::string_view name, std::string* out)>;
std::string tr_with(Lang lang, std::string_view key, const PutValue& put);
// Two whole sentences one after the other, as the language writes them (a space between them in
// English, none in Chinese).
std::string two_sentences(const std::string& first, const std::string& second);
// key + ".one" when n == 1, else key + ".other" (English plurals; the Chinese table has both).
std::string tr_count(std::string_view key, long long n, std::initializer_list<Arg> args);

// The characters the Latin font draws (and the build cuts it to): pairs of first and last code
// point, ending in 0. Other characters in the tables come from the Chinese font.
extern const char16_t kLatinGlyphRanges[];

// For tests: the number of keys, and the i-th key in sorted order.
int key_count();
const char* key_at(int i);

}  // namespace nnlab::text
