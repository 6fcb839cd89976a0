// The string tables and the current language (see text.h).
#include "text/text.h"

#include <algorithm>
#include <atomic>
#include <cstring>

#include "text/table.h"
#include "text/utf8.h"

namespace nnlab::text {
namespace {

std::atomic<Lang> g_language{Lang::en};

const Entry* find(std::string_view key) {
  const Entry* end = kEntries + kEntryCount;
  const Entry* e = std::lower_bound(kEntries, end, key, [](const Entry& a, std::string_view k) { return a.key < k; });
  return e != end && e->key == key ? e : nullptr;
}

// Keys missing from the tables come back as themselves (stray bytes as U+FFFD: a key may have come
// over the wire); kept alive here so the pointer stays valid.
const char* missing(std::string_view key) {
  static std::string last[8];
  static int next = 0;
  std::string& slot = last[next++ % 8];
  if (valid_utf8(key)) slot.assign(key);
  else slot = to_valid_utf8(key);
  return slot.c_str();
}

}  // namespace

const char* lang_code(Lang lang) { return lang == Lang::zh ? "zh" : "en"; }

bool parse_lang(std::string_view code, Lang* out) {
  auto starts = [&](const char* p) { return code.size() >= 2 && (code.substr(0, 2) == p); };
  auto lower = [](std::string_view s) {
    std::string l(s);
    for (char& c : l) c = char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return l;
  };
  const std::string l = lower(code);
  code = l;
  const bool whole = code.size() == 2 || code[2] == '-' || code[2] == '_' || code[2] == '.' || code[2] == '@';
  if (starts("zh") && whole) *out = Lang::zh;
  else if ((starts("en") && whole) || code == "c" || code == "posix" || code.rfind("c.", 0) == 0) *out = Lang::en;
  else return false;
  return true;
}

Lang language() { return g_language.load(std::memory_order_relaxed); }
void set_language(Lang lang) { g_language.store(lang, std::memory_order_relaxed); }

const char* T_in(Lang lang, std::string_view key) {
  const Entry* e = find(key);
  if (!e) return missing(key);
  return lang == Lang::zh ? e->zh : e->en;
}

const char* T(std::string_view key) { return T_in(language(), key); }

std::string tr_with(Lang lang, std::string_view key, const PutValue& put) {
  std::string out;
  for (const char* p = T_in(lang, key); *p; ++p) {
    if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
      out += *p++;
      continue;
    }
    if (*p == '{') {
      if (const char* close = std::strchr(p, '}')) {
        const size_t at = out.size();
        if (put(std::string_view(p + 1, size_t(close - p - 1)), &out)) {
          // Values quote what came from outside (a typed value, a file's name or bytes): the
          // text is shown and goes into JSON, so stray bytes become U+FFFD.
          if (!valid_utf8(std::string_view(out).substr(at))) {
            const std::string repaired = to_valid_utf8(std::string_view(out).substr(at));
            out.resize(at);
            out += repaired;
          }
          p = close;
          continue;
        }
      }
    }
    out += *p;
  }
  return out;
}

std::string tr_in(Lang lang, std::string_view key, std::initializer_list<Arg> args) {
  return tr_with(lang, key, [&](std::string_view name, std::string* out) {
    const Arg* arg = std::find_if(args.begin(), args.end(), [&](const Arg& a) { return name == a.name; });
    if (arg != args.end()) *out += arg->value;
    return arg != args.end();
  });
}

std::string tr(std::string_view key, std::initializer_list<Arg> args) { return tr_in(language(), key, args); }

std::string two_sentences(const std::string& first, const std::string& second) {
  return tr("text.two_sentences", {{"first", first}, {"second", second}});
}

std::string tr_count(std::string_view key, long long n, std::initializer_list<Arg> args) {
  std::string full(key);
  full += n == 1 ? ".one" : ".other";
  return tr(full, args);
}

int key_count() { return kEntryCount; }
const char* key_at(int i) { return i >= 0 && i < kEntryCount ? kEntries[i].key : nullptr; }

}  // namespace nnlab::text
