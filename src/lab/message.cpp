// Keyed messages (see message.h).
#include "lab/message.h"

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

std::string message_text_in(text::Lang lang, const Message& m) {
  if (m.empty()) return "";
  return text::tr_with(lang, m.key, [&](std::string_view name, std::string* out) {
    const MessageValue* value = nullptr;
    for (const MessageValue& v : m.values)
      if (v.name == name) value = &v;
    if (!value) return false;
    *out += value->inner.empty() ? value->text : message_text_in(lang, value->inner.front());
    return true;
  });
}

std::string message_text(const Message& m) { return message_text_in(text::language(), m); }

// (T_in gives a missing key back as itself; no text in the tables is its own key.)
bool message_key_known(const std::string& key) { return !key.empty() && key != text::T_in(text::Lang::en, key); }

}  // namespace nnlab::lab
