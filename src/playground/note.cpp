// Keyed texts (see note.h).
#include "playground/note.h"

#include <string_view>

#include "text/text.h"

namespace nnlab::playground {

std::string note_text(const Note& note) {
  if (note.empty()) return "";
  return text::tr_with(text::language(), note.key, [&](std::string_view name, std::string* out) {
    const std::string* value = nullptr;
    for (const auto& [n, v] : note.values)
      if (n == name) value = &v;
    if (value) *out += *value;
    return value != nullptr;
  });
}

}  // namespace nnlab::playground
