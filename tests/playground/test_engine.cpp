// The Playground's engine: training reaches TF Playground's results on circle, several classes
// train with softmax, divergence stops with the last good weights, regularisation, live changes,
// editing points, and the probe, the maps and the landscape agree with the core.
#include <doctest/doctest.h>

#include <cmath>

#include "core/mlp.h"
#include "playground/engine.h"
#include "playground/files.h"
#include "playground/landscape.h"
#include "playground/maps.h"

using namespace nnlab;
using namespace nnlab::playground;

namespace {
Settings with(std::initializer_list<std::pair<const char*, const char*>> kv) {
  Settings s;
  for (const auto& kv_pair : kv) {
    const char *k = kv_pair.first, *v = kv_pair.second;
    Change c;
    const Note n = apply_setting(&s, k, v, &c);
    REQUIRE_MESSAGE(n.empty(), k, " ", v);
  }
  return s;
}

void start(Engine* e, const Settings& s) {
  e->set_points(generate(s.data, s.noise / 100.0f, s.split, s.seed), false);
  REQUIRE(e->rebuild(s).empty());
}
}  // namespace

TEST_SUITE("playground/engine") {
  TEST_CASE("circle with the default 4-2 tanh network reaches a test loss below 0.05") {
    Engine e;
    start(&e, Settings{});
    CHECK(e.train_count() == 250);
    CHECK(e.test_count() == 250);
    CHECK(e.model().parameter_count() == 4 * 2 + 4 + 2 * 4 + 2 + 2 + 1);
    CHECK(e.steps_per_epoch() == 25);
    const float before = e.test_eval().loss;
    int epochs = 0;
    while (epochs < 500) {
      REQUIRE(e.step_epoch());
      ++epochs;
      e.evaluate(true);
      if (e.test_eval().loss < 0.05f) break;
    }
    MESSAGE("circle reached test loss " << e.test_eval().loss << " after " << epochs << " epochs");
    CHECK(e.test_eval().loss < 0.05f);
    CHECK(e.test_eval().loss < before);
    CHECK(e.test_eval().accuracy > 0.95f);
    CHECK(e.epochs_done() == epochs);
    CHECK(e.history().size() == size_t(epochs) + 1);
  }

  TEST_CASE("several classes train with softmax and cross-entropy") {
    Engine e;
    start(&e, with({{"data", "blobs4"}, {"loss", "cross-entropy"}, {"act", "relu"}, {"lr", "0.05"}}));
    CHECK(e.model().output_size() == 4);
    CHECK(e.classes() == 4);
    const float before = e.test_eval().loss;
    for (int i = 0; i < 60; ++i) REQUIRE(e.step_epoch());
    e.evaluate(true);
    CHECK(e.test_eval().loss < before * 0.5f);
    CHECK(e.test_eval().accuracy > 0.9f);
    int total = 0;
    for (int c : e.test_eval().confusion) total += c;
    CHECK(total == e.test_count());
    // three spiral arms with more features and Adam
    Engine s;
    start(&s, with({{"data", "spiral3"}, {"loss", "cross-entropy"}, {"features", "x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2"},
                    {"net", "8,8"}, {"opt", "adam"}, {"lr", "0.01"}}));
    // Natively and in wasm the sums round differently and the paths part after a few epochs (at a
    // learning rate of 0.03 one path got stuck near 70 %): 0.01, and the test is that it gets
    // there within 300 epochs, not where a given epoch lands.
    const float start_acc = s.test_eval().accuracy;
    int epochs = 0;
    while (epochs < 300) {
      for (int i = 0; i < 10; ++i) REQUIRE(s.step_epoch());
      epochs += 10;
      s.evaluate(true);
      if (s.test_eval().accuracy > 0.8f) break;
    }
    MESSAGE("spiral3: test accuracy " << start_acc << " → " << s.test_eval().accuracy << " after " << epochs << " epochs");
    CHECK(s.test_eval().accuracy > 0.8f);
  }

  TEST_CASE("regression trains a linear output") {
    Engine e;
    start(&e, with({{"data", "reg-plane"}}));
    const float before = e.test_eval().loss;
    for (int i = 0; i < 20; ++i) REQUIRE(e.step_epoch());
    e.evaluate(true);
    CHECK(e.test_eval().loss < before);
    CHECK(e.test_eval().loss < 0.01f);
    CHECK(e.test_eval().accuracy == -1.0f);
  }

  TEST_CASE("divergence stops training with a message and the last good weights") {
    Engine e;
    start(&e, with({{"data", "reg-plane"}, {"act", "relu"}, {"net", "8,8"}, {"lr", "10"}, {"batch", "1"}}));
    bool stopped = false;
    for (int i = 0; i < 200 && !stopped; ++i) stopped = !e.step_epoch();
    REQUIRE(stopped);
    CHECK(e.diverged());
    CHECK(e.stop_note().key == "playground.stop.diverged");
    for (float w : e.model().params()) CHECK(std::isfinite(w));
    CHECK_FALSE(e.step_batch());  // stays stopped …
    Settings s = e.settings();
    s.lr = 0.001f;
    REQUIRE(e.rebuild(s).empty());
    CHECK_FALSE(e.diverged());
    CHECK(e.step_batch());  // … until the learner starts again
  }

  TEST_CASE("L1 and L2 pull the weights towards zero") {
    auto weight_size = [](const Settings& s) {
      Engine e;
      start(&e, s);
      for (int i = 0; i < 40; ++i) e.step_epoch();
      double sum = 0;
      for (int l = 0; l < e.model().layer_count(); ++l)
        for (float w : e.model().weights(l)) sum += std::fabs(w);
      return sum;
    };
    const double plain = weight_size(with({{"net", "8,8"}, {"lr", "0.1"}}));
    const double l1 = weight_size(with({{"net", "8,8"}, {"lr", "0.1"}, {"reg", "l1"}, {"reg_rate", "0.01"}}));
    const double l2 = weight_size(with({{"net", "8,8"}, {"lr", "0.1"}, {"reg", "l2"}, {"reg_rate", "0.03"}}));
    CHECK(l1 < plain * 0.9);
    CHECK(l2 < plain * 0.9);
  }

  TEST_CASE("batch sizes, steps and live changes") {
    Engine e;
    start(&e, with({{"batch", "all"}}));
    CHECK(e.batch_size() == 250);
    CHECK(e.steps_per_epoch() == 1);
    REQUIRE(e.step_batch());
    CHECK(e.epochs_done() == 1);
    Settings s = e.settings();
    s.batch = 7;
    s.lr = 0.5f;
    e.configure(s);
    CHECK(e.steps_per_epoch() == 36);
    const std::vector<float> before(e.model().params().begin(), e.model().params().end());
    CHECK(std::equal(before.begin(), before.end(), e.model().params().begin()));  // the weights stay
    REQUIRE(e.step_batch());
    CHECK(e.step_in_epoch() == 1);
    CHECK(e.epochs_done() == 1);
    REQUIRE(e.step_epoch());
    CHECK(e.epochs_done() == 2);
    CHECK(e.step_in_epoch() == 0);
  }

  TEST_CASE("points: add, move, remove, and they train") {
    Engine e;
    start(&e, Settings{});
    const int n = int(e.points().size());
    const int i = e.add_point(1.5f, -2.0f, 1, 0);
    CHECK(i == n);
    CHECK(e.edited());
    CHECK(e.train_count() == 251);
    CHECK(e.nearest_point(1.52f, -2.01f, 0.2f, false) == i);
    e.move_point(i, 3, 3);
    CHECK(e.points()[size_t(i)].x == 3);
    CHECK(e.nearest_point(1.5f, -2.0f, 0.01f, false) == -1);
    e.remove_point(i);
    CHECK(int(e.points().size()) == n);
    e.clear_points();
    CHECK(e.train_count() == 0);
    CHECK_FALSE(e.step_batch());
    for (int k = 0; k < 20; ++k) e.add_point(float(k % 5) - 2, float(k / 5) - 2, k % 2, 0);
    CHECK(e.train_count() == 20);
    CHECK(e.step_epoch());
    // points outside the plane are kept on it
    const int j = e.add_point(40, -40, 0, 0);
    CHECK(e.points()[size_t(j)].x == 6);
    CHECK(e.points()[size_t(j)].y == -6);
  }

  TEST_CASE("the probe, the maps and a link's weights agree with the core") {
    Engine e;
    start(&e, with({{"data", "spiral"}, {"net", "8,8,8,8,8,8"}, {"features", "x1,x2,sinx1"}}));
    for (int i = 0; i < 5; ++i) e.step_epoch();
    Maps maps;
    maps.begin(e.model(), e.settings().features, 2, 3);
    int calls = 0;
    while (!maps.step(Maps::kRowsPerPass)) ++calls;
    CHECK(calls == Maps::kRes / Maps::kRowsPerPass - 1);
    CHECK(maps.version() == 1);
    for (int r : {0, 37, 100, 199})
      for (int c : {0, 5, 150, 199}) {
        const auto out = e.output_at(Maps::grid_x(c), Maps::grid_y(r));
        CHECK(maps.output()[size_t(r) * Maps::kRes + c] == doctest::Approx(out[0]).epsilon(1e-5).scale(1));
      }
    // a tile's cell is the neuron at its block's centre
    Workspace ws;
    const int r = 5 * 7 + 2, c = 5 * 30 + 2;
    const auto f = e.features_at(Maps::grid_x(c), Maps::grid_y(r));
    ws.resize(e.model(), 1);
    forward(e.model(), f.data(), 1, ws);
    CHECK(maps.tile(2, 3)[7 * Maps::kTile + 30] == doctest::Approx(ws.a(2)[3]).epsilon(1e-5).scale(1));
    CHECK(maps.focus()[size_t(r) * Maps::kRes + c] == doctest::Approx(ws.a(2)[3]).epsilon(1e-5).scale(1));
    CHECK(maps.tile(6, 0).size() == size_t(Maps::kTile * Maps::kTile));
    CHECK(maps.tile(7, 0).empty());
    CHECK(maps.feature_tile(Feature::x1)[0] == doctest::Approx(Maps::grid_x(2)));
    // the weights as a link carries them reproduce the test loss exactly
    e.evaluate(false);
    const float loss = e.test_eval().loss;
    const std::vector<float> w(e.model().params().begin(), e.model().params().end());
    Engine f2;
    start(&f2, e.settings());
    REQUIRE(f2.set_params(w).empty());
    f2.evaluate(false);
    CHECK(f2.test_eval().loss == loss);
    CHECK_FALSE(f2.set_params(std::vector<float>(3, 0.0f)).empty());
  }

  TEST_CASE("the landscape: the centre is the model, the gradient the core's, contours, the race") {
    Engine e;
    start(&e, with({{"net", "3"}, {"lr", "0.1"}}));
    for (int i = 0; i < 3; ++i) e.step_epoch();
    const size_t a = param_index(e.model(), {0, 0, 0}), b = param_index(e.model(), {1, 0, -1});
    REQUIRE(a != SIZE_MAX);
    REQUIRE(b != SIZE_MAX);
    ParamRef back;
    REQUIRE(param_ref(e.model(), b, &back));
    CHECK(back == ParamRef{1, 0, -1});
    Landscape land;
    land.begin(e.model(), e.train_data(), Loss::half_sse, a, b, 2.0f);
    while (!land.step(100)) {
    }
    const int mid = Landscape::kRes / 2;
    CHECK(land.loss()[size_t(mid) * Landscape::kRes + mid] == doctest::Approx(land.centre_loss()).epsilon(1e-6));
    CHECK(land.a_at(float(mid)) == doctest::Approx(e.model().params()[a]));
    CHECK(land.b_at(0) == doctest::Approx(e.model().params()[b] + 2.0f));
    // the gradient against central differences of the grid
    const float h = 2 * land.span() / float(Landscape::kRes - 1);
    const float da = (land.loss()[size_t(mid) * Landscape::kRes + mid + 1] - land.loss()[size_t(mid) * Landscape::kRes + mid - 1]) / (2 * h);
    CHECK(land.grad_a() == doctest::Approx(da).epsilon(0.05).scale(0.01));
    std::vector<float> seg;
    contour_segments(land.loss(), Landscape::kRes, (land.min_loss() + land.max_loss()) / 2, &seg);
    CHECK(seg.size() % 4 == 0);
    CHECK_FALSE(seg.empty());
    // a bowl's contour is a closed ring of segments around its centre
    std::vector<float> bowl(25);
    for (int r = 0; r < 5; ++r)
      for (int c = 0; c < 5; ++c) bowl[size_t(r) * 5 + c] = float((r - 2) * (r - 2) + (c - 2) * (c - 2));
    seg.clear();
    contour_segments(bowl, 5, 1.5f, &seg);
    REQUIRE(seg.size() / 4 == 12);
    for (size_t i = 0; i < seg.size(); i += 2) {  // every end meets exactly one other segment's end
      int meets = 0;
      for (size_t j = 0; j < seg.size(); j += 2)
        meets += j / 4 != i / 4 && std::fabs(seg[i] - seg[j]) < 1e-5f && std::fabs(seg[i + 1] - seg[j + 1]) < 1e-5f;
      CHECK(meets == 1);
    }
    // the race: a small step size goes downhill for all three; a huge one overshoots
    land.race_begin(0.05f);
    REQUIRE(land.has_race());
    while (land.race_step(50) > 0) {
    }
    for (int i = 0; i < 3; ++i) {
      const auto& r = land.racer(i);
      CHECK(r.path.size() == r.losses.size());
      CHECK(r.losses.back() <= r.losses.front() + 1e-6f);
    }
    land.race_begin(40.0f);
    while (land.race_step(50) > 0) {
    }
    const auto& sgd = land.racer(0);
    bool rose = sgd.diverged;
    for (size_t k = 1; k < sgd.losses.size(); ++k) rose |= sgd.losses[k] > sgd.losses[k - 1];
    CHECK(rose);
  }

  TEST_CASE("model files: save and open give the same network and settings") {
    Engine e;
    start(&e, with({{"data", "xor"}, {"features", "x1,x2,x1x2"}, {"net", "5,3"}, {"acts", "relu,tanh"}, {"lr", "0.1"}}));
    for (int i = 0; i < 4; ++i) e.step_epoch();
    std::string text;
    Note err;
    REQUIRE(model_file_text(e, &text, &err));
    CHECK(looks_like_model_file(text));
    Settings s;
    std::vector<float> params;
    REQUIRE(read_model_file("net.json", text, Settings{}, &s, &params).empty());
    CHECK(s.data == DataKind::xor_);
    CHECK(s.hidden == std::vector<int>{5, 3});
    CHECK(s.acts[0] == Activation::relu);
    CHECK(std::equal(params.begin(), params.end(), e.model().params().begin()));
    // a model file without the Playground's record opens by its shape
    const std::string plain =
        R"({"format":"nnlab-model","version":1,"layers":[{"inputs":2,"outputs":2,"activation":"relu","weights":[[1,2],[3,4]],"bias":[0,0]},)"
        R"({"inputs":2,"outputs":3,"activation":"softmax","weights":[[1,1],[1,1],[1,1]],"bias":[0,0,0]}]})";
    REQUIRE(read_model_file("lab.json", plain, Settings{}, &s, &params).empty());
    CHECK(s.data == DataKind::spiral3);
    CHECK(s.hidden == std::vector<int>{2});
    CHECK(params.size() == 6 + 9);
    // broken and unfit files say why and give nothing
    params.clear();
    CHECK_FALSE(read_model_file("x.json", "{not json", Settings{}, &s, &params).empty());
    const std::string wide =
        R"({"format":"nnlab-model","version":1,"layers":[{"inputs":9,"outputs":1,"activation":"tanh","weights":[[1,1,1,1,1,1,1,1,1]],"bias":[0]}]})";
    const Note n = read_model_file("wide.json", wide, Settings{}, &s, &params);
    CHECK(n.key == "playground.file.too_big");
    CHECK(params.empty());
  }
}
