// Keyed messages (see message.h).
#include "lab/message.h"

#include "text/utf8.h"

#include <cstring>
#include <string_view>

namespace nnlab::lab {

MessageValue::MessageValue(std::string name, std::string text) : name(std::move(name)), text(std::move(text)) {}
MessageValue::MessageValue(std::string name, Message message) : name(std::move(name)) {
  inner.push_back(std::move(message));
}
bool MessageValue::operator==(const MessageValue& o) const {
  return name == o.name && text == o.text && inner == o.inner;
}

Message::Message(std::string key, std::initializer_list<MessageValue> values) : key(std::move(key)), values(values) {}

Message count_message(const std::string& key, long long n, std::initializer_list<MessageValue> values) {
  return Message(key + (n == 1 ? ".one" : ".other"), values);
}

// The table's text with {name} filled in from the values; {{ and }} stand for braces (as
// text::tr does, for values known only at run time).
std::string message_text_in(text::Lang lang, const Message& m) {
  if (m.empty()) return "";
  std::string out;
  for (const char* p = text::T_in(lang, m.key); *p; ++p) {
    if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
      out += *p++;
      continue;
    }
    if (*p == '{') {
      if (const char* close = std::strchr(p, '}')) {
        const std::string_view name(p + 1, size_t(close - p - 1));
        const MessageValue* value = nullptr;
        for (const MessageValue& v : m.values)
          if (v.name == name) value = &v;
        if (value) {
          // (the wire refuses invalid UTF-8; a message made here may quote anything)
          out += value->inner.empty() ? to_valid_utf8(value->text) : message_text_in(lang, value->inner.front());
          p = close;
          continue;
        }
      }
    }
    out += *p;
  }
  return out;
}

std::string message_text(const Message& m) { return message_text_in(text::language(), m); }

// (T_in gives a missing key back as itself; no text in the tables is its own key.)
bool message_key_known(const std::string& key) { return !key.empty() && key != text::T_in(text::Lang::en, key); }

}  // namespace nnlab::lab
