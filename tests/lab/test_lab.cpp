// The MNIST lab's logic without a window: settings, the draw pad's MNIST preprocessing, model and
// IDX files, and the lab training where it is shown (no worker) on tiny data and the embedded digits.
#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <numeric>
#include <string>

#include "data/mnist_embedded.h"
#include "lab/draw_pad.h"
#include "lab/files.h"
#include "lab/session.h"
#include "lab/settings.h"
#include "lab_fixtures.h"

using namespace nnlab;
using namespace nnlab::lab;

namespace {

// An IDX file in memory: magic, dimensions (big-endian), then the bytes.
std::string idx_file(uint32_t magic, std::initializer_list<uint32_t> dims, const std::string& body) {
  std::string s;
  auto put = [&](uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) s += char((v >> shift) & 0xff);
  };
  put(magic);
  for (uint32_t d : dims) put(d);
  return s + body;
}

using nnlab::test::tiny_dataset;
using nnlab::test::tiny_settings;

}  // namespace

TEST_SUITE("mnist lab") {
  TEST_CASE("settings: checked one key at a time, absurd values rejected with nothing changed") {
    Settings s;
    bool live = false;
    CHECK(apply_setting(&s, "arch", "784-128-10", {784, 10}, &live) == "");
    CHECK(s.hidden == std::vector<int>{128});
    CHECK_FALSE(live);
    CHECK(apply_setting(&s, "arch", "32-32", {784, 10}, &live) == "");  // hidden layers only
    CHECK(s.hidden == std::vector<int>{32, 32});
    CHECK(apply_setting(&s, "lr", "0.01", {784, 10}, &live) == "");
    CHECK(live);
    CHECK(s.lr == doctest::Approx(0.01f));
    const Settings before = s;
    for (auto bad : {std::pair{"lr", "0"},
                     {"lr", "-1"},
                     {"lr", "11"},
                     {"lr", "abc"},
                     {"lr", "nan"},
                     {"batch", "0"},
                     {"batch", "2.5"},
                     {"batch", "5000"},
                     {"arch", "784-0-10"},
                     {"arch", "784-2000-10"},
                     {"arch", "100-16-10"},
                     {"arch", "784-16-9"},
                     {"arch", "784-1-1-1-1-1-1-1-10"},
                     {"dropout", "1"},
                     {"l2", "-0.1"},
                     {"subset", "2k"},
                     {"act", "softmax"},
                     {"loss", "bce"},
                     {"opt", "rmsprop"},
                     {"epochs", "0"},
                     {"norm", "zscore"},
                     {"nonsense", "1"}}) {
      const char* key = bad.first;  // (no structured binding: clang 14 cannot capture it in CAPTURE)
      const char* value = bad.second;
      CAPTURE(key);
      CAPTURE(value);
      const std::string error = apply_setting(&s, key, value, {784, 10}, &live);
      CHECK_FALSE(error.empty());
      CHECK(s == before);
    }
  }

  TEST_CASE("settings: link and stored JSON round trip; corrupted JSON is refused") {
    Settings s;
    bool live;
    REQUIRE(apply_setting(&s, "arch", "784-30-10", {784, 10}, &live) == "");
    REQUIRE(apply_setting(&s, "lr", "0.003", {784, 10}, &live) == "");
    REQUIRE(apply_setting(&s, "subset", "5k", {784, 10}, &live) == "");
    REQUIRE(apply_setting(&s, "norm", "standardise", {784, 10}, &live) == "");
    REQUIRE(apply_setting(&s, "opt", "momentum", {784, 10}, &live) == "");
    std::string link;
    append_settings_link(s, {784, 10}, &link);
    CHECK(link.find("&arch=784-30-10") != std::string::npos);
    CHECK(link.find("&lr=0.003") != std::string::npos);
    CHECK(link.find("&subset=5k") != std::string::npos);
    nlohmann::json j;
    settings_to_json(s, {784, 10}, &j);
    Settings back;
    std::string error;
    REQUIRE(settings_from_text(j.dump(), {784, 10}, &back, &error));
    CHECK(back == s);
    Settings untouched;
    CHECK_FALSE(settings_from_text("{\"lr\": ", {784, 10}, &untouched, &error));
    CHECK_FALSE(settings_from_text("{\"lr\": -5}", {784, 10}, &untouched, &error));
    CHECK_FALSE(settings_from_text("[1, 2]", {784, 10}, &untouched, &error));
    CHECK(untouched == Settings{});
    // One bad value (lr 1e-62 rounds to 0 in a float) costs only itself: the others are kept.
    Settings kept;
    bool kept_others = false;
    CHECK_FALSE(settings_from_text(R"({"arch": "784-30-10", "lr": 1e-62, "batch": 32, "opt": "sgd"})", {784, 10}, &kept,
                                   &error, &kept_others));
    CHECK(kept_others);
    CHECK_MESSAGE(error.find("1e-62") != std::string::npos, error);
    CHECK(kept.hidden == std::vector<int>{30});
    CHECK(kept.batch == 32);
    CHECK(kept.lr == Settings{}.lr);
    // Stored with 20 × 20 images: the hidden layers are kept for MNIST's 784 inputs.
    Settings wider;
    REQUIRE_MESSAGE(settings_from_text(R"({"arch": "400-64-10"})", {784, 10}, &wider, &error), error);
    CHECK(wider.hidden == std::vector<int>{64});
  }

  TEST_CASE("draw pad: MNIST preprocessing fits a 20-pixel box and centres the mass") {
    DrawPad pad;
    float out[784];
    CHECK_FALSE(mnist_preprocess(pad.ink(), DrawPad::kSide, DrawPad::kSide, out));
    // A vertical bar in the top-left corner: tall, thin, far from the centre.
    pad.begin_stroke(0.1f, 0.05f);
    for (int i = 1; i <= 10; ++i) pad.add_point(0.1f, 0.05f + 0.04f * float(i));
    REQUIRE(mnist_preprocess(pad.ink(), DrawPad::kSide, DrawPad::kSide, out));
    int y0 = 28, y1 = -1, x0 = 28, x1 = -1;
    double mass = 0, mx = 0, my = 0;
    for (int y = 0; y < 28; ++y)
      for (int x = 0; x < 28; ++x) {
        const float v = out[y * 28 + x];
        CHECK(v >= 0.0f);
        CHECK(v <= 1.0f);
        if (v > 0.02f) y0 = std::min(y0, y), y1 = std::max(y1, y), x0 = std::min(x0, x), x1 = std::max(x1, x);
        mass += v, mx += v * (x + 0.5), my += v * (y + 0.5);
      }
    CHECK(y1 - y0 + 1 >= 19);  // the longer side is 20 pixels
    CHECK(y1 - y0 + 1 <= 21);
    CHECK(x1 - x0 + 1 < 10);  // aspect ratio kept: still thin
    CHECK(mx / mass == doctest::Approx(14.0).epsilon(0.05));
    CHECK(my / mass == doctest::Approx(14.0).epsilon(0.05));
    pad.clear();
    CHECK(pad.empty());
  }

  TEST_CASE("files: IDX files arrive in any order; a bad one is refused with its name") {
    const auto data = tiny_dataset(3);
    const IdxDataset& d = *data;
    auto images = [](const IdxImages& im) {
      return idx_file(0x803, {uint32_t(im.count), 4, 4}, std::string(im.pixels.begin(), im.pixels.end()));
    };
    auto labels = [](const IdxLabels& l) {
      return idx_file(0x801, {uint32_t(l.count)}, std::string(l.labels.begin(), l.labels.end()));
    };
    CHECK(classify_lab_file("t10k-labels-idx1-ubyte", labels(d.test.labels)) == LabFileKind::idx);
    CHECK(classify_lab_file("nnlab-model.json", "{}") == LabFileKind::model);
    CHECK(classify_lab_file("mnist-embedded.bin", "") == LabFileKind::embedded_pack);
    CHECK(classify_lab_file("holiday.png", "\x89PNG") == LabFileKind::unknown);
    IdxCollector c;
    CHECK(c.add("t10k-labels-idx1-ubyte", labels(d.test.labels), 10) == "");
    CHECK(c.add("train-images-idx3-ubyte", images(d.train.images), 10) == "");
    const std::string bad = c.add("train-labels-idx1-ubyte", idx_file(0x801, {12}, "abc"), 10);
    CHECK(bad.find("train-labels-idx1-ubyte") != std::string::npos);
    CHECK_FALSE(c.complete());
    CHECK(c.missing() == "train-labels-idx1-ubyte, t10k-images-idx3-ubyte");
    CHECK(c.add("train-labels-idx1-ubyte", labels(d.train.labels), 10) == "");
    CHECK(c.add("t10k-images-idx3-ubyte", images(d.test.images), 10) == "");
    REQUIRE(c.complete());
    IdxDataset out;
    REQUIRE(c.take(&out) == "");
    CHECK(out.train.images.pixels == d.train.images.pixels);
    CHECK(out.test.labels.labels == d.test.labels.labels);
  }

  TEST_CASE("training here: learns a tiny dataset in timed slices, evaluates every epoch") {
    Session lab;
    lab.set_data("tiny", tiny_dataset(16), 4);
    Settings s = tiny_settings({{"arch", "16-8-4"}, {"lr", "0.05"}, {"batch", "8"}, {"epochs", "20"}});
    bool live;
    REQUIRE(lab.rebuild(s) == "");
    CHECK(lab.model().parameter_count() == 16 * 8 + 8 + 8 * 4 + 4);
    CHECK(lab.start() == "");
    for (int frame = 0; frame < 10000 && lab.phase() == Phase::running; ++frame) lab.update(2.0);
    CHECK(lab.phase() == Phase::finished);
    CHECK(lab.epochs_done() == 20);
    REQUIRE(lab.epochs().size() == 21);  // epoch 0 (untrained) and one point per epoch
    CHECK(lab.epochs().front().epoch == 0);
    CHECK(lab.epochs().back().test_accuracy == doctest::Approx(1.0f));
    CHECK(lab.epochs().back().test_loss < lab.epochs().front().test_loss);
    CHECK(lab.steps() == 20 * 8);  // 64 digits / batch 8 per epoch
    const auto& cm = lab.confusion();
    REQUIRE(cm.size() == 16u);
    CHECK(std::accumulate(cm.begin(), cm.end(), 0) == 64);
    for (int c = 0; c < 4; ++c) CHECK(cm[size_t(c) * 4 + c] == 16);
    // Finished: Start says why; raising epochs lets it continue.
    CHECK_FALSE(lab.start().empty());
    REQUIRE(apply_setting(&s, "epochs", "21", {16, 4}, &live) == "");
    CHECK(lab.apply_live(s) == "");
    CHECK(lab.start() == "");
  }

  TEST_CASE("training here: divergence stops with a message and finite weights") {
    Session lab;
    lab.set_data("tiny", tiny_dataset(16), 4);
    Settings s = tiny_settings(
        {{"arch", "16-8-4"}, {"opt", "sgd"}, {"loss", "mse"}, {"act", "leaky-relu"}, {"lr", "10"}, {"epochs", "200"}});
    REQUIRE(lab.rebuild(s) == "");
    // Weights so large that the second layer's pre-activations overflow float (like a learning
    // rate far too high does after a few steps).
    Mlp big = lab.model();
    for (float& w : big.params()) w *= 1e25f;
    REQUIRE(lab.adopt(big, s) == "");
    REQUIRE(lab.start() == "");
    for (int frame = 0; frame < 2000 && lab.phase() == Phase::running; ++frame) lab.update(2.0);
    REQUIRE(lab.phase() == Phase::diverged);
    CHECK(lab.message().find("diverged") != std::string::npos);
    for (float w : lab.model().params()) CHECK(std::isfinite(w));
  }

  TEST_CASE("model files: save → load round trip; a model that does not fit the data is refused") {
    Session lab;
    lab.set_data("tiny", tiny_dataset(4), 4);
    Settings s = tiny_settings({{"arch", "16-5-4"}});
    REQUIRE(lab.rebuild(s) == "");
    std::string text;
    REQUIRE(model_file_text(lab, s, &text) == "");
    Mlp m;
    Settings loaded;
    REQUIRE(read_model_file("nnlab-model.json", text, {16, 4}, &m, &loaded) == "");
    CHECK(loaded.hidden == std::vector<int>{5});
    CHECK(std::equal(m.params().begin(), m.params().end(), lab.model().params().begin()));
    Settings untouched = loaded;
    Mlp other;
    const std::string wrong = read_model_file("other.json", text, {784, 10}, &other, &untouched);
    CHECK(wrong.find("other.json") != std::string::npos);
    CHECK(untouched == loaded);
    CHECK_FALSE(read_model_file("broken.json", "{\"format\": \"nnlab-model\", ", {16, 4}, &other, &untouched).empty());
    CHECK(other.layer_count() == 0);
  }

  TEST_CASE("embedded digits: the lab sees 7,996 / 2,004 and a 784-16-16-10 network") {
    auto d = std::make_shared<IdxDataset>();
    std::string error;
    REQUIRE_MESSAGE(load_embedded_mnist(d.get(), &error), error);  // every build carries or finds them
    Session lab;
    lab.set_data("embedded", d, 10);
    Settings s;
    REQUIRE(lab.rebuild(s) == "");
    CHECK(lab.train_count() == 7996);
    CHECK(lab.test_count() == 2004);
    CHECK(lab.model().parameter_count() == 13002);
    bool live;
    REQUIRE(apply_setting(&s, "subset", "1k", {784, 10}, &live) == "");
    REQUIRE(lab.rebuild(s) == "");
    CHECK(lab.train_count() == 1000);
    CHECK(lab.step() == "");
    CHECK(lab.steps() == 1);
    CHECK(std::isfinite(lab.shown().last_loss));
  }
}
