// Mlp: the lessons' numbers through forward(), shapes and validation, and finite-difference
// gradient checks of backward() for every output activation × loss and for deeper nets.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "core/mlp.h"
#include "core/rng.h"

using namespace nnlab;

namespace {
void set(std::span<float> dst, std::initializer_list<float> v) {
  REQUIRE(dst.size() == v.size());
  size_t i = 0;
  for (float x : v) dst[i++] = x;
}

// Mean batch loss at the current parameters (fresh forward).
double loss_at(const Mlp& m, const std::vector<float>& x, const std::vector<float>& y, int B, Loss loss,
               Workspace& ws) {
  forward(m, x.data(), B, ws);
  return batch_loss(m, ws, y.data(), B, loss);
}

// Compares backward()'s gradient of every parameter with a central difference of batch_loss.
void check_gradients(Mlp& m, const std::vector<float>& x, const std::vector<float>& y, int B, Loss loss) {
  Workspace ws;
  ws.resize(m, B);
  m.zero_grad();
  forward(m, x.data(), B, ws);
  backward(m, x.data(), y.data(), B, loss, ws);
  const std::vector<float> analytic(m.grads().begin(), m.grads().end());
  auto p = m.params();
  int bad = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    const float saved = p[i];
    const float h = 1e-2f * std::max(1.0f, std::fabs(saved)) * 0.1f;
    p[i] = saved + h;
    const double lp = loss_at(m, x, y, B, loss, ws);
    p[i] = saved - h;
    const double lm = loss_at(m, x, y, B, loss, ws);
    p[i] = saved;
    const double numeric = (lp - lm) / (2.0 * h);
    const double err = std::fabs(numeric - analytic[i]);
    if (err > 2e-3 + 2e-2 * std::fabs(numeric)) {
      ++bad;
      if (bad <= 3) {
        CAPTURE(i);
        CAPTURE(numeric);
        CAPTURE(analytic[i]);
        CHECK(err <= 2e-3 + 2e-2 * std::fabs(numeric));
      }
    }
  }
  CHECK(bad == 0);
}

// Random inputs and targets fitting the loss: one-hot rows for cross-entropy, values in (0, 1)
// for bce, anything for the squared losses.
void make_data(Rng& rng, int B, int I, int O, Loss loss, std::vector<float>* x, std::vector<float>* y) {
  x->resize(static_cast<size_t>(B) * I);
  y->resize(static_cast<size_t>(B) * O);
  for (float& v : *x) v = rng.uniform(-1.0f, 1.0f);
  for (int b = 0; b < B; ++b) {
    const int hot = static_cast<int>(rng.below(O));
    for (int o = 0; o < O; ++o) {
      float& t = (*y)[b * O + o];
      if (loss == Loss::cross_entropy) t = o == hot ? 1.0f : 0.0f;
      else if (loss == Loss::bce) t = rng.uniform(0.05f, 0.95f);
      else t = rng.uniform(-1.0f, 1.0f);
    }
  }
}
}  // namespace

TEST_SUITE("core/mlp") {
  TEST_CASE("umbrella neuron: z = -2, a = 0") {
    Mlp m;
    const LayerSpec spec[] = {{2, 1, Activation::relu}};
    REQUIRE(m.build(spec, nullptr));
    set(m.weights(0), {-0.5f, 2.0f});
    set(m.bias(0), {1.0f});
    Workspace ws;
    ws.resize(m, 1);
    const float x[2] = {10.0f, 1.0f};
    forward(m, x, 1, ws);
    CHECK(ws.z(0)[0] == doctest::Approx(-2.0f));
    CHECK(ws.a(0)[0] == 0.0f);
    SUBCASE("step activation: no umbrella, and no gradient") {
      Mlp s;
      const LayerSpec step[] = {{2, 1, Activation::step}};
      REQUIRE(s.build(step, nullptr));
      set(s.weights(0), {-0.5f, 2.0f});
      set(s.bias(0), {1.0f});
      ws.resize(s, 1);
      forward(s, x, 1, ws);
      CHECK(ws.a(0)[0] == 0.0f);
      const float y = 1.0f;
      s.zero_grad();
      backward(s, x, &y, 1, Loss::half_sse, ws);
      for (float g : s.grads()) CHECK(g == 0.0f);
    }
  }

  TEST_CASE("coat network 3-2-1: z1 = [-3.5, -8], z2 = 0.2, y_hat = 0.549834") {
    Mlp m;
    const LayerSpec spec[] = {{3, 2, Activation::relu}, {2, 1, Activation::sigmoid}};
    REQUIRE(m.build(spec, nullptr));
    CHECK(m.parameter_count() == 11);
    set(m.weights(0), {-0.5f, 1.0f, 0.5f, -1.0f, 0.5f, 0.5f});
    set(m.bias(0), {0.0f, 1.0f});
    set(m.weights(1), {0.8f, -0.5f});
    set(m.bias(1), {0.2f});
    Workspace ws;
    ws.resize(m, 1);
    const float x[3] = {10.0f, 1.0f, 1.0f};
    forward(m, x, 1, ws);
    CHECK(ws.z(0)[0] == doctest::Approx(-3.5f));
    CHECK(ws.z(0)[1] == doctest::Approx(-8.0f));
    CHECK(ws.a(0)[0] == 0.0f);
    CHECK(ws.a(0)[1] == 0.0f);
    CHECK(ws.z(1)[0] == doctest::Approx(0.2f));
    CHECK(ws.a(1)[0] == doctest::Approx(0.549834f).epsilon(1e-6));
    // both hidden neurons are dead: only b⁽²⁾ learns from this sample
    const float y = 1.0f;
    m.zero_grad();
    backward(m, x, &y, 1, Loss::half_sse, ws);
    for (float g : m.dweights(0)) CHECK(g == 0.0f);
    for (float g : m.dbias(0)) CHECK(g == 0.0f);
    for (float g : m.dweights(1)) CHECK(g == 0.0f);
    // δ = (ŷ − y)·σ′(z) = (0.549834 − 1)·0.549834·0.450166
    CHECK(m.dbias(1)[0] == doctest::Approx((0.549834 - 1.0) * 0.549834 * 0.450166).epsilon(1e-5));
    CHECK(ws.delta(1)[0] == doctest::Approx(m.dbias(1)[0]));
  }

  TEST_CASE("two inputs, two neurons: z = [1.2, 1.8]") {
    Mlp m;
    const LayerSpec spec[] = {{2, 2, Activation::relu}};
    REQUIRE(m.build(spec, nullptr));
    set(m.weights(0), {0.5f, 0.3f, 0.4f, 0.6f});
    set(m.bias(0), {0.1f, 0.2f});
    Workspace ws;
    ws.resize(m, 1);
    const float x[2] = {1.0f, 2.0f};
    forward(m, x, 1, ws);
    CHECK(ws.z(0)[0] == doctest::Approx(1.2f));
    CHECK(ws.z(0)[1] == doctest::Approx(1.8f));
    CHECK(ws.a(0)[0] == doctest::Approx(1.2f));
    CHECK(ws.a(0)[1] == doctest::Approx(1.8f));
  }

  TEST_CASE("parameter counts and views") {
    Mlp m;
    const LayerSpec mnist[] = {{784, 16, Activation::relu}, {16, 16, Activation::relu}, {16, 10, Activation::softmax}};
    REQUIRE(m.build(mnist, nullptr));
    CHECK(m.parameter_count() == 13002);
    CHECK(m.layer_count() == 3);
    CHECK(m.input_size() == 784);
    CHECK(m.output_size() == 10);
    CHECK(m.weights(0).size() == 16 * 784);
    CHECK(m.bias(2).size() == 10);
    CHECK(m.weights(1).data() == m.params().data() + 16 * 784 + 16);
    CHECK(m.dweights(1).data() == m.grads().data() + 16 * 784 + 16);
    CHECK(m.bias(2).data() + 10 == m.params().data() + m.params().size());
    const LayerSpec seed0[] = {{784, 128, Activation::relu}, {128, 10, Activation::softmax}};
    REQUIRE(m.build(seed0, nullptr));
    CHECK(m.parameter_count() == 101770);
    const LayerSpec seed1[] = {{784, 30, Activation::sigmoid}, {30, 10, Activation::sigmoid}};
    REQUIRE(m.build(seed1, nullptr));
    CHECK(m.parameter_count() == 23860);
  }

  TEST_CASE("build rejects bad shapes with a message and keeps the old model") {
    Mlp m;
    const LayerSpec ok[] = {{2, 3, Activation::relu}};
    REQUIRE(m.build(ok, nullptr));
    std::string error;
    const LayerSpec zero[] = {{2, 0, Activation::relu}};
    CHECK_FALSE(m.build(zero, &error));
    CHECK(error.find("outputs") != std::string::npos);
    const LayerSpec huge[] = {{4097, 2, Activation::relu}};
    CHECK_FALSE(m.build(huge, &error));
    CHECK(error.find("4096") != std::string::npos);
    const LayerSpec chain[] = {{2, 3, Activation::relu}, {4, 1, Activation::sigmoid}};
    CHECK_FALSE(m.build(chain, &error));
    CHECK(error.find("layer 2") != std::string::npos);
    CHECK_FALSE(m.build({}, &error));
    CHECK(m.parameter_count() == 9);  // unchanged
    const LayerSpec max_ok[] = {{4096, 1, Activation::identity}};
    CHECK(m.build(max_ok, &error));
  }

  TEST_CASE("init_params: seeded, He / Xavier scale, zero bias") {
    Mlp a, b;
    const LayerSpec spec[] = {{784, 64, Activation::relu}, {64, 10, Activation::softmax}};
    REQUIRE(a.build(spec, nullptr));
    REQUIRE(b.build(spec, nullptr));
    a.init_params(42);
    b.init_params(42);
    CHECK(std::equal(a.params().begin(), a.params().end(), b.params().begin()));
    b.init_params(43);
    CHECK_FALSE(std::equal(a.params().begin(), a.params().end(), b.params().begin()));
    double ss = 0;
    for (float w : a.weights(0)) ss += w * w;
    CHECK(std::sqrt(ss / a.weights(0).size()) == doctest::Approx(std::sqrt(2.0 / 784)).epsilon(0.05));
    ss = 0;
    for (float w : a.weights(1)) ss += w * w;
    CHECK(std::sqrt(ss / a.weights(1).size()) == doctest::Approx(std::sqrt(2.0 / 74)).epsilon(0.15));
    for (float v : a.bias(0)) CHECK(v == 0.0f);
  }

  TEST_CASE("gradient check: every output activation x loss") {
    const Activation outs[] = {Activation::identity, Activation::relu, Activation::leaky_relu,
                               Activation::sigmoid,  Activation::tanh, Activation::softmax};
    Rng rng(7);
    for (int li = 0; li < kLossCount; ++li) {
      const Loss loss = static_cast<Loss>(li);
      for (Activation out : outs) {
        // bce and cross-entropy need outputs in (0, 1)
        if ((loss == Loss::bce || loss == Loss::cross_entropy) && out != Activation::sigmoid &&
            out != Activation::softmax)
          continue;
        CAPTURE(loss_name(loss));
        CAPTURE(activation_name(out));
        Mlp m;
        const LayerSpec spec[] = {{5, 4, Activation::tanh}, {4, 3, out}};
        REQUIRE(m.build(spec, nullptr));
        m.init_params(3 + li);
        for (float& b : m.params()) b += rng.uniform(-0.1f, 0.1f);
        std::vector<float> x, y;
        make_data(rng, 3, 5, 3, loss, &x, &y);
        check_gradients(m, x, y, 3, loss);
      }
    }
  }

  TEST_CASE("gradient check: deeper nets, every hidden activation, odd batch") {
    const Activation hidden[] = {Activation::identity, Activation::relu, Activation::leaky_relu,
                                 Activation::sigmoid,  Activation::tanh, Activation::softmax};
    Rng rng(11);
    for (Activation h : hidden) {
      CAPTURE(activation_name(h));
      Mlp m;
      const LayerSpec spec[] = {{7, 17, h}, {17, 5, h}, {5, 4, Activation::softmax}};
      REQUIRE(m.build(spec, nullptr));
      m.init_params(5);
      for (float& p : m.params()) p += rng.uniform(-0.05f, 0.05f);  // non-zero biases too
      std::vector<float> x, y;
      make_data(rng, 5, 7, 4, Loss::cross_entropy, &x, &y);
      check_gradients(m, x, y, 5, Loss::cross_entropy);
    }
  }

  TEST_CASE("backward accumulates until zero_grad") {
    Mlp m;
    const LayerSpec spec[] = {{3, 4, Activation::relu}, {4, 2, Activation::softmax}};
    REQUIRE(m.build(spec, nullptr));
    m.init_params(1);
    const float x[3] = {0.5f, -1.0f, 2.0f}, y[2] = {0.0f, 1.0f};
    Workspace ws;
    ws.resize(m, 1);
    m.zero_grad();
    forward(m, x, 1, ws);
    backward(m, x, y, 1, Loss::cross_entropy, ws);
    const std::vector<float> once(m.grads().begin(), m.grads().end());
    forward(m, x, 1, ws);
    backward(m, x, y, 1, Loss::cross_entropy, ws);
    for (size_t i = 0; i < once.size(); ++i) CHECK(m.grads()[i] == doctest::Approx(2.0f * once[i]));
    m.zero_grad();
    for (float g : m.grads()) CHECK(g == 0.0f);
  }

  TEST_CASE("a batch equals the mean of its samples") {
    Mlp m;
    const LayerSpec spec[] = {{784, 16, Activation::relu}, {16, 16, Activation::relu}, {16, 10, Activation::softmax}};
    REQUIRE(m.build(spec, nullptr));
    m.init_params(9);
    Rng rng(2);
    const int B = 17;
    std::vector<float> x, y;
    make_data(rng, B, 784, 10, Loss::cross_entropy, &x, &y);
    Workspace wb, w1;
    wb.resize(m, B);
    w1.resize(m, 1);
    m.zero_grad();
    forward(m, x.data(), B, wb);
    const float batch_mean = batch_loss(m, wb, y.data(), B, Loss::cross_entropy);
    backward(m, x.data(), y.data(), B, Loss::cross_entropy, wb);
    const std::vector<float> gb(m.grads().begin(), m.grads().end());
    m.zero_grad();
    double sum = 0;
    for (int b = 0; b < B; ++b) {
      forward(m, &x[b * 784], 1, w1);
      for (int o = 0; o < 10; ++o) CHECK(w1.a(2)[o] == doctest::Approx(wb.a(2)[b * 10 + o]).epsilon(1e-4));
      sum += batch_loss(m, w1, &y[b * 10], 1, Loss::cross_entropy);
      backward(m, &x[b * 784], &y[b * 10], 1, Loss::cross_entropy, w1);
    }
    CHECK(batch_mean == doctest::Approx(sum / B).epsilon(1e-5));
    for (size_t i = 0; i < gb.size(); ++i) {
      const float per_sample_mean = m.grads()[i] / B;
      if (std::fabs(gb[i] - per_sample_mean) > 1e-5f + 1e-3f * std::fabs(gb[i])) {
        CHECK(gb[i] == doctest::Approx(per_sample_mean));
        break;
      }
    }
  }

  TEST_CASE("dropout: masks scale survivors, backward follows the same masks") {
    Mlp m;
    const LayerSpec spec[] = {{6, 40, Activation::relu}, {40, 3, Activation::softmax}};
    REQUIRE(m.build(spec, nullptr));
    m.init_params(4);
    Rng data_rng(8);
    std::vector<float> x, y;
    make_data(data_rng, 4, 6, 3, Loss::cross_entropy, &x, &y);
    Workspace ws;
    ws.resize(m, 4);
    Rng rng(99);
    forward_train(m, x.data(), 4, ws, 0.5f, rng);
    int zeros = 0, scaled = 0;
    for (size_t i = 0; i < ws.a(0).size(); ++i) {
      const float plain = ws.z(0)[i] > 0.0f ? ws.z(0)[i] : 0.0f;
      if (ws.a(0)[i] == 0.0f && plain != 0.0f) ++zeros;
      if (plain != 0.0f && ws.a(0)[i] == doctest::Approx(2.0f * plain)) ++scaled;
    }
    CHECK(zeros > 10);
    CHECK(scaled > 10);
    // finite differences with the same masks (same rng seed for every forward); tanh hidden
    // units, so no nudge crosses a ReLU kink
    const LayerSpec smooth[] = {{6, 40, Activation::tanh}, {40, 3, Activation::softmax}};
    REQUIRE(m.build(smooth, nullptr));
    m.init_params(4);
    m.zero_grad();
    Rng r0(5);
    forward_train(m, x.data(), 4, ws, 0.3f, r0);
    backward(m, x.data(), y.data(), 4, Loss::cross_entropy, ws);
    auto p = m.params();
    for (size_t i = 0; i < p.size(); i += 7) {
      const float saved = p[i], h = 1e-3f;
      Rng ra(5), rb(5);
      p[i] = saved + h;
      forward_train(m, x.data(), 4, ws, 0.3f, ra);
      const double lp = batch_loss(m, ws, y.data(), 4, Loss::cross_entropy);
      p[i] = saved - h;
      forward_train(m, x.data(), 4, ws, 0.3f, rb);
      const double lm = batch_loss(m, ws, y.data(), 4, Loss::cross_entropy);
      p[i] = saved;
      CAPTURE(i);
      CHECK(m.grads()[i] == doctest::Approx((lp - lm) / (2 * h)).epsilon(2e-2).scale(0.1));
    }
  }

  TEST_CASE("stable losses from z: softmax + cross-entropy and sigmoid + bce never overflow") {
    Mlp m;
    const LayerSpec spec[] = {{1, 2, Activation::softmax}};
    REQUIRE(m.build(spec, nullptr));
    set(m.weights(0), {200.0f, -200.0f});
    Workspace ws;
    ws.resize(m, 1);
    const float x = 1.0f, y[2] = {0.0f, 1.0f};
    forward(m, &x, 1, ws);
    CHECK(batch_loss(m, ws, y, 1, Loss::cross_entropy) == doctest::Approx(400.0f));
    Mlp s;
    const LayerSpec sig[] = {{1, 1, Activation::sigmoid}};
    REQUIRE(s.build(sig, nullptr));
    set(s.weights(0), {-100.0f});
    ws.resize(s, 1);
    forward(s, &x, 1, ws);
    const float one = 1.0f;
    CHECK(batch_loss(s, ws, &one, 1, Loss::bce) == doctest::Approx(100.0f));
  }
}

TEST_SUITE("core/mlp") {
  // backward() reads the forward's z⁽ˡ⁾ and a⁽ˡ⁾ (and writes only δ and the gradients): with
  // dropout a softmax hidden layer's unmasked a is recomputed into the workspace's scratch, never
  // over the a that the lessons and the trainer's accuracy read.
  TEST_CASE("backward leaves the forward's z and a bit for bit as they were (dropout, every activation)") {
    constexpr Activation kAll[] = {Activation::identity, Activation::relu, Activation::leaky_relu,
                                   Activation::sigmoid,  Activation::tanh, Activation::softmax,
                                   Activation::step};
    struct Head {
      Activation act;
      Loss loss;
    };
    for (Activation hidden : kAll) {
      for (Head head : {Head{Activation::softmax, Loss::cross_entropy}, Head{Activation::sigmoid, Loss::bce},
                        Head{hidden, Loss::half_sse}}) {
        CAPTURE(activation_name(hidden));
        CAPTURE(activation_name(head.act));
        Mlp m;
        const LayerSpec spec[] = {{5, 7, hidden}, {7, 6, hidden}, {6, 3, head.act}};
        REQUIRE(m.build(spec, nullptr));
        m.init_params(21);
        Rng data_rng(3);
        std::vector<float> x, y;
        make_data(data_rng, 4, 5, 3, head.loss == Loss::half_sse ? Loss::bce : head.loss, &x, &y);
        Workspace ws;
        ws.resize(m, 4);
        Rng rng(17);
        forward_train(m, x.data(), 4, ws, 0.4f, rng);
        std::vector<std::vector<float>> z, a;
        for (int l = 0; l < m.layer_count(); ++l) {
          z.emplace_back(ws.z(l).begin(), ws.z(l).end());
          a.emplace_back(ws.a(l).begin(), ws.a(l).end());
        }
        m.zero_grad();
        backward(m, x.data(), y.data(), 4, head.loss, ws);
        for (int l = 0; l < m.layer_count(); ++l) {
          CAPTURE(l);
          REQUIRE(ws.a(l).size() == a[l].size());
          CHECK(std::memcmp(ws.z(l).data(), z[l].data(), z[l].size() * sizeof(float)) == 0);
          CHECK(std::memcmp(ws.a(l).data(), a[l].data(), a[l].size() * sizeof(float)) == 0);
        }
      }
    }
  }
}
