// The lab's remote training (the page's Web Worker) without a worker: a loopback remote hands
// the page's messages to an engine and its snapshots back, the way the worker does (the worker's
// whole C++ side is apply_message and snapshot_message). The page's lab must end with exactly
// what training in the frame gives.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "lab/remote.h"
#include "lab/session.h"
#include "lab/settings.h"
#include "lab/wire.h"
#include "lab_fixtures.h"

using namespace nnlab;
using namespace nnlab::lab;

namespace {

class Loopback : public TrainingRemote {
 public:
  Engine worker;
  std::vector<std::string> refusals;
  Message failed;

  void send(std::string message) override { inbox_.push_back(std::move(message)); }
  bool receive(std::string* snapshot) override {
    if (outbox_.empty()) return false;
    *snapshot = std::move(outbox_);
    outbox_.clear();
    return true;
  }
  Message failure() const override { return failed; }
  // The worker's loop: apply what arrived, train a slice, post a snapshot.
  void run(double budget_ms) {
    for (const std::string& m : inbox_) {
      const std::string error = apply_message(worker, m);
      if (!error.empty()) refusals.push_back(error);
    }
    inbox_.clear();
    worker.update(budget_ms);
    outbox_ = snapshot();
  }
  std::string snapshot() const {
    Snapshot s;
    worker.snapshot(&s);
    return snapshot_message(s);
  }
  size_t pending() const { return inbox_.size(); }
  void deliver(std::string bytes) { outbox_ = std::move(bytes); }  // as if the worker had posted it

 private:
  std::vector<std::string> inbox_;
  std::string outbox_;
};

Settings small_settings() {
  return nnlab::test::tiny_settings(
      {{"arch", "16-8-4"}, {"lr", "0.05"}, {"batch", "8"}, {"epochs", "6"}, {"dropout", "0.2"}});
}

// A mirror connected to a loopback remote, with data and a fresh network.
struct Connected {
  Loopback remote;
  Session mirror{&remote};
  Settings s = small_settings();
  Connected() {
    mirror.set_data("stripes", nnlab::test::tiny_dataset(8), 4);
    REQUIRE(mirror.rebuild(s) == "");
  }
};

}  // namespace

TEST_SUITE("mnist lab remote") {
  TEST_CASE("a mirror trained by a remote ends with the weights and curves of training in the frame") {
    const Settings s = small_settings();
    Session local;
    local.set_data("stripes", nnlab::test::tiny_dataset(12), 4);
    REQUIRE(local.rebuild(s) == "");
    REQUIRE(local.start() == "");
    for (int frame = 0; frame < 100000 && local.phase() == Phase::running; ++frame) local.update(0.5);
    REQUIRE(local.phase() == Phase::finished);

    Loopback remote;
    Session mirror(&remote);
    mirror.set_data("stripes", nnlab::test::tiny_dataset(12), 4);
    REQUIRE(mirror.rebuild(s) == "");
    CHECK(mirror.evaluating());  // until the remote's first snapshot
    REQUIRE(mirror.start() == "");
    CHECK(mirror.phase() == Phase::running);  // at once, not a round trip later
    CHECK(remote.pending() == 3);
    for (int frame = 0; frame < 100000 && mirror.phase() == Phase::running; ++frame) {
      remote.run(0.5);
      mirror.update(0);
    }
    CHECK(remote.refusals.empty());
    CHECK(mirror.phase() == Phase::finished);
    CHECK(mirror.message() == local.message());
    CHECK(mirror.epochs_done() == 6);
    CHECK(mirror.steps() == local.steps());
    REQUIRE(mirror.epochs().size() == local.epochs().size());
    for (size_t e = 0; e < local.epochs().size(); ++e) {
      CHECK(mirror.epochs()[e].test_loss == local.epochs()[e].test_loss);
      CHECK(mirror.epochs()[e].train_accuracy == local.epochs()[e].train_accuracy);
    }
    CHECK(mirror.batches().size() == local.batches().size());
    CHECK(mirror.confusion() == local.confusion());
    CHECK(mirror.test_predictions() == local.test_predictions());
    const auto a = mirror.model().params(), b = local.model().params();
    REQUIRE(a.size() == b.size());
    CHECK(std::equal(a.begin(), a.end(), b.begin()));  // bit for bit: same code, same seed
  }

  TEST_CASE("snapshots older than the mirror's last command are not shown; bad bytes are refused") {
    Connected c;
    Loopback& remote = c.remote;
    Session& mirror = c.mirror;
    REQUIRE(mirror.start() == "");
    for (int i = 0; i < 3; ++i) remote.run(0.2);
    mirror.update(0);
    REQUIRE(mirror.phase() == Phase::running);
    const std::string running = remote.snapshot();
    CHECK(mirror.in_sync());
    mirror.pause();
    CHECK_FALSE(mirror.in_sync());  // (a save waits for the next snapshot)
    CHECK(mirror.phase() == Phase::paused);
    remote.deliver(running);  // well-formed, but from before the pause…
    mirror.update(0);
    CHECK(mirror.phase() == Phase::paused);  // …so it does not flip the mirror back
    CHECK_FALSE(mirror.message_is_error());
    remote.run(0.2);
    mirror.update(0);
    CHECK(mirror.in_sync());
    CHECK(mirror.phase() == Phase::paused);
    CHECK(mirror.steps() == remote.worker.state().steps);

    // One step while paused arrives with the next snapshot.
    const int64_t before = mirror.steps();
    REQUIRE(mirror.step() == "");
    remote.run(0);
    mirror.update(0);
    CHECK(mirror.steps() == before + 1);

    std::string cut = remote.snapshot();
    cut.resize(cut.size() / 2);
    for (const std::string& bad : {cut, std::string("garbage")}) {
      remote.deliver(bad);
      mirror.update(0);
      CHECK(mirror.message_is_error());
      CHECK(mirror.message().find("malformed snapshot") != std::string::npos);
      CHECK(mirror.steps() == before + 1);  // untouched
    }
    CHECK(apply_message(remote.worker, "z") != "");
    CHECK(apply_message(remote.worker, std::string("r\x01", 2)) != "");
  }

  TEST_CASE("a loaded model and live settings reach the remote; a failed remote hands training back") {
    Connected c;
    Loopback& remote = c.remote;
    Session& mirror = c.mirror;
    Settings& s = c.s;
    Mlp loaded = mirror.model();
    for (float& w : loaded.params()) w *= 0.5f;
    REQUIRE(mirror.adopt(loaded, s) == "");
    s.lr = 0.01f;
    s.epochs = 9;
    REQUIRE(mirror.apply_live(s) == "");
    remote.run(0);
    mirror.update(0);
    CHECK(remote.refusals.empty());
    const auto w = remote.worker.model().params();
    CHECK(std::equal(w.begin(), w.end(), loaded.params().begin()));

    REQUIRE(mirror.start() == "");
    remote.run(1.0);
    mirror.update(0);
    remote.failed = Message("lab.worker.stopped", {{"detail", "out of memory"}});
    mirror.update(0);
    CHECK_FALSE(mirror.trains_remotely());
    CHECK(mirror.phase() == Phase::paused);
    CHECK(mirror.message() == "training moved into the page: the training worker stopped (out of memory)");
    text::set_language(text::Lang::zh);
    CHECK(mirror.message() == "训练已改在页面里进行：训练线程意外停止了（out of memory）");
    text::set_language(text::Lang::en);
    CHECK(mirror.message_is_error());
    const int64_t steps = mirror.steps();
    REQUIRE(mirror.start() == "");  // carries on in the frame from the last weights it received
    for (int frame = 0; frame < 20; ++frame) mirror.update(1.0);
    CHECK(mirror.steps() > steps);
  }
}
