// Evaluator: evaluation a slice at a time gives exactly evaluate()'s numbers for any slicing;
// predictions and confidences are the forward pass's argmax and winning output.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/evaluate.h"
#include "core/rng.h"

using namespace nnlab;

namespace {
// N samples of D features in (−1, 1), labels 0..C−1 at random.
struct Data {
  std::vector<float> x;    // (N, D)
  std::vector<int32_t> y;  // (N)
  int dims = 0;
  DatasetView view() const { return {x.data(), y.data(), nullptr, static_cast<int>(y.size()), dims}; }
};
Data make_data(int n, int dims, int classes, uint64_t seed) {
  Data d;
  d.dims = dims;
  Rng rng(seed);
  for (int i = 0; i < n * dims; ++i) d.x.push_back(rng.uniform(-1.0f, 1.0f));
  for (int i = 0; i < n; ++i) d.y.push_back(static_cast<int32_t>(rng.below(static_cast<uint32_t>(classes))));
  return d;
}

Mlp make_model(std::initializer_list<LayerSpec> layers, uint64_t seed) {
  Mlp m;
  const std::vector<LayerSpec> spec(layers);
  REQUIRE(m.build(spec, nullptr));
  m.init_params(seed);
  return m;
}

void check_same(const Evaluation& a, const Evaluation& b) {
  CHECK(a.loss == b.loss);  // exactly: the same per-sample losses added in the same order
  CHECK(a.accuracy == b.accuracy);
  CHECK(a.count == b.count);
  CHECK(a.classes == b.classes);
  CHECK(a.confusion == b.confusion);
  CHECK(a.precision == b.precision);
  CHECK(a.recall == b.recall);
}
}  // namespace

TEST_SUITE("core/evaluate") {
  TEST_CASE("slices of 1, 7 and 256 rows give exactly evaluate()'s result") {
    const Data data = make_data(531, 12, 4, 1);
    const Mlp m = make_model({{12, 9, Activation::relu}, {9, 4, Activation::softmax}}, 2);
    for (int batch : {256, 5, 1}) {
      CAPTURE(batch);
      const Evaluation whole = evaluate(m, data.view(), Loss::cross_entropy, batch);
      REQUIRE(whole.count == 531);
      for (int chunk : {1, 7, 256}) {
        CAPTURE(chunk);
        Evaluator ev;
        ev.begin(m, data.view(), Loss::cross_entropy, batch);
        int calls = 0;
        while (!ev.step(chunk)) {
          ++calls;
          CHECK(ev.evaluated() == calls * chunk);
        }
        CHECK(calls == (531 + chunk - 1) / chunk - 1);
        CHECK(ev.done());
        CHECK(ev.step(chunk));  // done stays done
        check_same(ev.result(), whole);
      }
    }
    // the same numbers as one forward pass over everything
    Workspace ws;
    ws.resize(m, 531);
    std::vector<float> onehot(531 * 4, 0.0f);
    for (int i = 0; i < 531; ++i) onehot[i * 4 + data.y[i]] = 1.0f;
    forward(m, data.x.data(), 531, ws);
    CHECK(evaluate(m, data.view(), Loss::cross_entropy).loss ==
          doctest::Approx(batch_loss(m, ws, onehot.data(), 531, Loss::cross_entropy)).epsilon(1e-6));
  }

  TEST_CASE("predicted classes and confidences are the argmax and the max of the forward pass") {
    const Data data = make_data(77, 6, 5, 3);
    const Mlp m = make_model({{6, 8, Activation::tanh}, {8, 5, Activation::softmax}}, 4);
    std::vector<int32_t> predicted(77, -1);
    std::vector<float> confidence(77, -1.0f);
    Evaluator ev;
    ev.begin(m, data.view(), Loss::cross_entropy, 16, predicted, confidence);
    while (!ev.step(7)) {
    }
    Workspace ws;
    ws.resize(m, 77);
    forward(m, data.x.data(), 77, ws);
    const auto out = ws.a(1);  // (77, 5)
    int correct = 0;
    for (int i = 0; i < 77; ++i) {
      CAPTURE(i);
      const float* yhat = out.data() + i * 5;
      CHECK(predicted[i] == argmax(yhat, 5));
      CHECK(confidence[i] == doctest::Approx(yhat[argmax(yhat, 5)]).epsilon(1e-6));
      for (int c = 0; c < 5; ++c) CHECK(confidence[i] >= yhat[c] - 1e-6f);  // the max probability
      correct += predicted[i] == data.y[i];
    }
    CHECK(ev.result().accuracy == static_cast<float>(correct) / 77.0f);
  }

  TEST_CASE("one sigmoid output: class ŷ > 0.5, confidence max(ŷ, 1 − ŷ)") {
    Data data = make_data(40, 3, 2, 5);
    const Mlp m = make_model({{3, 4, Activation::tanh}, {4, 1, Activation::sigmoid}}, 6);
    std::vector<int32_t> predicted(40);
    std::vector<float> confidence(40);
    Evaluator ev;
    ev.begin(m, data.view(), Loss::bce, 256, predicted, confidence);
    REQUIRE(ev.step(1000));
    CHECK(ev.result().classes == 2);
    Workspace ws;
    ws.resize(m, 40);
    forward(m, data.x.data(), 40, ws);
    for (int i = 0; i < 40; ++i) {
      const float yhat = ws.a(1)[i];
      CHECK(predicted[i] == (yhat > 0.5f ? 1 : 0));
      CHECK(confidence[i] == doctest::Approx(std::fmax(yhat, 1.0f - yhat)).epsilon(1e-6));
    }
  }

  TEST_CASE("a dataset the model cannot read: count 0, done at once") {
    const Data data = make_data(10, 3, 2, 7);
    const Mlp m = make_model({{4, 2, Activation::softmax}}, 8);  // 4 inputs, the data has 3
    Evaluator ev;
    ev.begin(m, data.view(), Loss::cross_entropy);
    CHECK(ev.done());
    CHECK(ev.step(5));
    CHECK(ev.result().count == 0);
    CHECK(evaluate(m, data.view(), Loss::cross_entropy).count == 0);
  }

  TEST_CASE("a non-finite loss is not clamped: Evaluation::loss is not finite, accuracy still counts") {
    const Data data = make_data(9, 2, 1, 9);
    std::vector<float> targets(9, 1.0f);
    const DatasetView view{data.x.data(), nullptr, targets.data(), 9, 2};
    Mlp m = make_model({{2, 1, Activation::identity}}, 10);
    m.bias(0)[0] = 3e38f;  // ŷ ≈ 3e38: ½(y − ŷ)² overflows to +Inf
    const Evaluation e = evaluate(m, view, Loss::half_sse, 4);
    CHECK_FALSE(std::isfinite(e.loss));
    CHECK(e.count == 9);
    CHECK(e.accuracy == 1.0f);  // ŷ > 0.5 and y > 0.5 for every sample
  }
}
