// A text the lab shows, kept without a language: its key in the string tables (text/text.h) and
// its values (numbers already written out, names, what the user typed). The engine reports its
// refusals and stops this way, and the page↔worker wire carries them so (wire.h), so a worker that
// never learns the page's language still says everything in it: the text is made where it is
// shown, in the current language, by message_text().
//
//   Message("lab.stop.diverged", {{"step", "312"}})      →  "diverged at step 312: learning rate too high? …"
//   Message("lab.wire.malformed", {{"what", inner}})      a value may itself be a message
#pragma once
#include <initializer_list>
#include <string>
#include <vector>

#include "text/text.h"

namespace nnlab::lab {

struct Message;

// One value of a message: its placeholder's name and its text, or a message whose text fills the
// placeholder (`inner`, at most one).
struct MessageValue {
  std::string name;
  std::string text;
  std::vector<Message> inner;

  MessageValue() = default;
  MessageValue(std::string name, std::string text);
  MessageValue(std::string name, Message message);
  bool operator==(const MessageValue&) const;
};

struct Message {
  std::string key;  // "" = no message
  std::vector<MessageValue> values;

  Message() = default;
  explicit Message(std::string key, std::initializer_list<MessageValue> values = {});
  bool empty() const { return key.empty(); }
  void clear() { key.clear(), values.clear(); }
  bool operator==(const Message&) const = default;
};

// key + ".one" when n == 1, else key + ".other" (English plurals; the Chinese table has both).
Message count_message(const std::string& key, long long n, std::initializer_list<MessageValue> values);

// The text in the current language ("" for an empty message), or in a given one.
std::string message_text(const Message& m);
std::string message_text_in(text::Lang lang, const Message& m);

// Whether the string tables have `key` (the wire refuses messages with unknown keys).
bool message_key_known(const std::string& key);

}  // namespace nnlab::lab
