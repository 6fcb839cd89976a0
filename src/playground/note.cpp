// Keyed texts (see note.h).
#include "playground/note.h"

#include <cstring>
#include <string_view>

#include "text/text.h"

namespace nnlab::playground {

// The table's text with {name} filled in; {{ and }} stand for braces (as text::tr does).
std::string note_text(const Note& note) {
  if (note.empty()) return "";
  std::string out;
  for (const char* p = text::T(note.key); *p; ++p) {
    if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
      out += *p++;
      continue;
    }
    if (*p == '{') {
      if (const char* close = std::strchr(p, '}')) {
        const std::string_view name(p + 1, size_t(close - p - 1));
        const std::string* value = nullptr;
        for (const auto& [n, v] : note.values)
          if (n == name) value = &v;
        if (value) {
          out += *value;
          p = close;
          continue;
        }
      }
    }
    out += *p;
  }
  return out;
}

}  // namespace nnlab::playground
