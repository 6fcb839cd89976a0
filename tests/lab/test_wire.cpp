// The page↔worker messages: each field list written and read by the same code, and the reader
// refusing anything that does not fit what it will be used with (never trusted because both ends
// are ours).
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "lab/byte_stream.h"
#include "lab/engine.h"
#include "lab/wire.h"
#include "lab_fixtures.h"

using namespace nnlab;
using namespace nnlab::lab;

namespace {

// An engine with the tiny dataset and a 16-8-4 network, evaluated once.
struct Worker {
  Engine engine;
  Settings s = nnlab::test::tiny_settings({{"arch", "16-8-4"}, {"batch", "8"}, {"epochs", "3"}});
  Worker() {
    REQUIRE(apply_message(engine, data_message("tiny", *nnlab::test::tiny_dataset(4), 4)) == "");
    REQUIRE(apply_message(engine, settings_message(Verb::rebuild, s, engine.shape())) == "");
    engine.update(1e9);
  }
  Snapshot snapshot() const {
    Snapshot out;
    engine.snapshot(&out);
    return out;
  }
  SnapshotFit fit() const { return {engine.model().parameter_count(), 16, 4}; }
};

// The bytes of a snapshot after `change` (the writer writes whatever it is given).
template <class F>
std::string changed(const Worker& w, F&& change) {
  Snapshot s = w.snapshot();
  change(s);
  return snapshot_message(s);
}

}  // namespace

TEST_SUITE("lab wire") {
  TEST_CASE("a snapshot round-trips bit for bit") {
    Worker w;
    const Snapshot s = w.snapshot();
    REQUIRE(!s.history.empty());
    Snapshot back;
    std::string error;
    REQUIRE_MESSAGE(read_snapshot(snapshot_message(s), w.fit(), &back, &error), error);
    CHECK(back.commands == s.commands);
    CHECK(back.phase == s.phase);
    CHECK(back.history.size() == s.history.size());
    CHECK(back.history[0].test_loss == s.history[0].test_loss);
    CHECK(back.confusion == s.confusion);
    CHECK(back.test_predictions == s.test_predictions);
    CHECK(back.test_confidence == s.test_confidence);
    REQUIRE(back.params.size() == s.params.size());
    CHECK(std::memcmp(back.params.data(), s.params.data(), s.params.size() * sizeof(float)) == 0);
  }

  TEST_CASE("snapshots that do not fit the page are refused, naming the field") {
    Worker w;
    struct Case {
      const char* field;
      std::string bytes;
    };
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const Case cases[] = {
        {"confusion", changed(w, [](Snapshot& s) { s.confusion = {16}; })},  // one entry for 4 classes
        {"confusion", changed(w, [](Snapshot& s) { s.confusion[0] = 2'000'000'000; })},
        {"epochs done", changed(w, [](Snapshot& s) { s.epochs_done = -3; })},
        {"samples per second", changed(w, [](Snapshot& s) { s.samples_per_s = 1e300; })},
        {"params", changed(w, [](Snapshot& s) { s.params.pop_back(); })},
        {"params", changed(w, [nan](Snapshot& s) { s.params[3] = nan; })},
        {"test predictions", changed(w, [](Snapshot& s) { s.test_predictions[0] = 7; })},  // class 7 of 4
        {"test confidence", changed(w, [](Snapshot& s) { s.test_confidence.resize(3); })},
        {"history test loss", changed(w, [nan](Snapshot& s) { s.history[0].test_loss = nan; })},
        {"phase", changed(w, [](Snapshot& s) { s.phase = Phase(9); })},
        {"refusal", changed(w, [](Snapshot& s) { s.refusal = Message("lab.refuse.running", {{"x", "\xfe"}}); })},
        {"refusal", changed(w, [](Snapshot& s) { s.refusal = Message("lab.no_such_text"); })},  // not in the tables
    };
    for (const Case& c : cases) {
      CAPTURE(c.field);
      Snapshot untouched;
      untouched.steps = 42;
      std::string error;
      CHECK_FALSE(read_snapshot(c.bytes, w.fit(), &untouched, &error));
      CHECK(error.find(c.field) != std::string::npos);
      CHECK(untouched.steps == 42);
    }
    std::string cut = snapshot_message(w.snapshot());
    for (size_t n : {size_t(0), size_t(3), cut.size() / 2, cut.size() - 1}) {
      Snapshot s;
      std::string error;
      CHECK_FALSE(read_snapshot(cut.substr(0, n), w.fit(), &s, &error));
    }
    std::string error;
    Snapshot s;
    CHECK_FALSE(read_snapshot(cut + "x", w.fit(), &s, &error));
  }

  TEST_CASE("messages to the worker are checked like files: labels, sizes, settings, weights") {
    Worker w;
    const uint32_t before = w.engine.state().commands;
    uint32_t sent = 1;
    SUBCASE("a label not below the number of classes") {
      auto data = std::make_shared<IdxDataset>(*nnlab::test::tiny_dataset(2));
      data->train.labels.labels[1] = 9;  // 4 classes
      CHECK(apply_message(w.engine, data_message("bad", *data, 4)).find("labels") != std::string::npos);
    }
    SUBCASE("images too large for a layer (65 × 65 = 4,225 pixels)") {
      IdxDataset big;
      for (IdxSplit* split : {&big.train, &big.test}) {
        split->images.rows = split->images.cols = 65;
        split->images.count = split->labels.count = 1;
        split->images.pixels.assign(65 * 65, 0);
        split->labels.labels = {0};
      }
      CHECK(apply_message(w.engine, data_message("big", big, 4)).find("pixels") != std::string::npos);
    }
    SUBCASE("settings outside the table's ranges: a batch of 33,751,296") {
      // The wire carries the settings' link form; write one by hand with an absurd batch.
      std::string link;
      append_settings_link(w.s, w.engine.shape(), &link);
      const size_t at = link.find("&batch=");
      link.replace(at, link.find('&', at + 1) - at, "&batch=33751296");
      ByteWriter bw;
      bw.put(char(Verb::rebuild));
      bw.put_string(link);
      CHECK(apply_message(w.engine, bw.take()).find("settings") != std::string::npos);
    }
    SUBCASE("weights that are not the network the settings name") {
      Mlp other;
      const LayerSpec layers[] = {{16, 5, Activation::relu}, {5, 4, Activation::softmax}};
      REQUIRE(other.build(layers, nullptr));
      CHECK(apply_message(w.engine, adopt_message(other, w.s, w.engine.shape())).find("params") != std::string::npos);
    }
    SUBCASE("garbage and empty messages") {
      CHECK_FALSE(apply_message(w.engine, "").empty());
      CHECK_FALSE(apply_message(w.engine, "zzz").empty());
      CHECK_FALSE(apply_message(w.engine, std::string(1, char(Verb::start)) + "x").empty());
      sent = 3;
    }
    // Refused, counted (the page counts what it sent), reported in the snapshot, nothing changed.
    CHECK(w.engine.state().commands == before + sent);
    CHECK_FALSE(w.engine.state().refusal.empty());
    CHECK(w.engine.model().parameter_count() == 16 * 8 + 8 + 8 * 4 + 4);
    CHECK(w.engine.shape().inputs == 16);
  }

  TEST_CASE("every setting travels: the link form reads back equal, and a missing one is refused") {
    Settings s = nnlab::test::tiny_settings({{"arch", "16-7-5-4"},
                                             {"act", "tanh"},
                                             {"loss", "mse"},
                                             {"opt", "momentum"},
                                             {"lr", "1e-5"},
                                             {"batch", "3"},
                                             {"epochs", "17"},
                                             {"l2", "0.25"},
                                             {"dropout", "0.5"},
                                             {"seed", "4294967295"},
                                             {"subset", "1k"},
                                             {"norm", "standardise"},
                                             {"patience", "4"}});
    std::string link;
    append_settings_link(s, {16, 4}, &link);
    CHECK(link.find('+') == std::string::npos);  // exponents are written without a plus sign
    Settings back;
    std::string error;
    REQUIRE_MESSAGE(settings_from_link(link, {16, 4}, &back, &error), error);
    CHECK(back == s);
    const size_t at = link.find("&seed=");
    const std::string missing = link.substr(0, at) + link.substr(link.find('&', at + 1));
    CHECK_FALSE(settings_from_link(missing, {16, 4}, &back, &error));
    CHECK(error.find("seed") != std::string::npos);
  }

  TEST_CASE("an empty vector reads back without touching a null pointer") {
    ByteWriter bw;
    bw.put_span(std::span<const float>());
    const std::string bytes = bw.take();
    ByteReader r(bytes);
    std::vector<float> v(3, 1.0f);
    CHECK(r.get_vector(&v, 10));
    CHECK(v.empty());
    CHECK(r.done());
  }

  TEST_CASE("a network adopted with weights so large its outputs overflow: every snapshot still fits the page") {
    Worker w;
    Mlp huge;
    const LayerSpec layers[] = {{16, 8, Activation::relu}, {8, 4, Activation::softmax}};
    REQUIRE(huge.build(layers, nullptr));
    for (float& p : huge.params()) p = 3e38f;
    REQUIRE(apply_message(w.engine, adopt_message(huge, w.s, w.engine.shape())) == "");
    w.engine.update(1e9);
    Snapshot s = w.snapshot();
    for (float c : s.test_confidence) CHECK((c >= 0.0f && c <= 1.0f));
    Snapshot back;
    std::string error;
    CHECK_MESSAGE(read_snapshot(snapshot_message(s), w.fit(), &back, &error), error);
  }
}
