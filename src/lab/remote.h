// Where the lab's training can run outside the caller's frame: in the browser, a Web Worker with
// its own lab engine (src/platform/worker/). The page's lab (session.h) sends each command as
// bytes (wire.h) and receives snapshots, so the page's frames never wait for a minibatch and
// training never waits for a frame. Implemented by the platform; nullptr where there is none
// (the desktop trains in the frame).
#pragma once
#include <string>

#include "lab/message.h"

namespace nnlab::lab {

class TrainingRemote {
 public:
  virtual ~TrainingRemote() = default;
  virtual void send(std::string message) = 0;
  // The newest snapshot that arrived since the last call (older ones are superseded), if any.
  virtual bool receive(std::string* snapshot) = 0;
  // Non-empty once the remote has failed for good (the worker could not start or crashed): what
  // happened, kept without a language (message.h) so it is said in the one the page shows.
  virtual Message failure() const = 0;
};

}  // namespace nnlab::lab
