// A text the Playground shows, kept without a language: its key in the string tables and its
// values (numbers already written out). The engine and the settings report refusals and stops this
// way; the view makes the text in the current language when it shows it (note_text), so a change
// of language rewrites every message on screen.
//
//   Note("playground.stop.diverged", {{"epoch", "12"}})   →  "training diverged in epoch 12 …"
#pragma once
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace nnlab::playground {

struct Note {
  std::string key;                                          // "" = nothing to say
  std::vector<std::pair<std::string, std::string>> values;  // placeholder name → text

  Note() = default;
  explicit Note(std::string k, std::initializer_list<std::pair<std::string, std::string>> v = {})
      : key(std::move(k)), values(v) {}
  bool empty() const { return key.empty(); }
  bool operator==(const Note&) const = default;
};

// The note's text in the current language ("" for an empty note).
std::string note_text(const Note& note);

}  // namespace nnlab::playground
