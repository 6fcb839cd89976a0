// A training worker that is not there: the page's lab (lab/session.h) sends it messages, and the
// fuzz target hands the lab whatever snapshot it likes, or makes the worker fail.
#pragma once
#include <deque>
#include <string>

#include "lab/remote.h"

namespace nnlab::fuzz {

class FakeRemote : public lab::TrainingRemote {
 public:
  void send(std::string message) override {
    ++sent;
    last = std::move(message);
  }
  bool receive(std::string* snapshot) override {
    if (snapshots.empty()) return false;
    *snapshot = std::move(snapshots.back());  // the newest supersedes the others, as in the page
    snapshots.clear();
    return true;
  }
  lab::Message failure() const override { return failed; }

  std::uint32_t sent = 0;
  std::string last;
  std::deque<std::string> snapshots;
  lab::Message failed;
};

// The snapshot bytes with their command count replaced (bytes 4…7, after the magic), so that
// the lab takes them as its answer to every command it sent.
inline std::string answering(std::string bytes, std::uint32_t commands) {
  if (bytes.size() >= 8)
    for (int i = 0; i < 4; ++i) bytes[std::size_t(4 + i)] = char((commands >> (8 * i)) & 0xff);
  return bytes;
}

}  // namespace nnlab::fuzz
