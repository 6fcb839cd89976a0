// The generic hand-trace builder: every step's number equals the core's own forward/backward
// result, gradients agree with finite differences, and one small SGD step lowers the loss.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/mlp.h"
#include "lessons/builtin.h"
#include "lessons/steps_text.h"
#include "lessons/trace.h"

using namespace nnlab;

namespace {

// Forward with the core on a fresh workspace: the loss of `mlp` on (x, y).
float core_loss(const Mlp& mlp, const std::vector<float>& x, const std::vector<float>& y, Loss loss) {
  Workspace ws;
  ws.resize(mlp, 1);
  forward(mlp, x.data(), 1, ws);
  return loss_value(loss, ws.a(mlp.layer_count() - 1).data(), y.data(), mlp.output_size());
}

// Checks each step of the lesson against an independent run of the core on the scenario.
void check_steps_match_core(const Scenario& s, const Lesson& lesson) {
  Mlp mlp = s.mlp;
  Workspace ws;
  ws.resize(mlp, 1);
  forward(mlp, s.x.data(), 1, ws);
  const int last = mlp.layer_count() - 1;
  if (!s.y.empty()) {
    mlp.zero_grad();
    backward(mlp, s.x.data(), s.y.data(), 1, s.loss, ws);
  }
  int checked = 0;
  for (const Step& step : lesson.steps) {
    CAPTURE(step.substituted);
    const int l = step.layer, o = step.neuron, i = step.input;
    switch (step.kind) {
      case StepKind::sum:
        if (o < 0) break;  // the matrix summary step (checked in its own test)
        REQUIRE(step.values.size() == 1);
        CHECK(step.values[0] == ws.z(l)[o]);
        ++checked;
        break;
      case StepKind::activation:
        if (o < 0) {
          REQUIRE(step.values.size() == ws.a(l).size());
          for (size_t k = 0; k < step.values.size(); ++k) CHECK(step.values[k] == ws.a(l)[k]);
        } else {
          CHECK(step.values.at(0) == ws.a(l)[o]);
        }
        ++checked;
        break;
      case StepKind::output:
        REQUIRE(step.values.size() == ws.a(last).size());
        for (size_t k = 0; k < step.values.size(); ++k) CHECK(step.values[k] == ws.a(last)[k]);
        ++checked;
        break;
      case StepKind::loss:
        CHECK(step.values.at(0) == loss_value(s.loss, ws.a(last).data(), s.y.data(), mlp.output_size()));
        ++checked;
        break;
      case StepKind::loss_grad: {
        std::vector<float> g(mlp.output_size());
        loss_gradient(s.loss, ws.a(last).data(), s.y.data(), mlp.output_size(), g.data());
        CHECK(step.values.at(0) == g[o]);
        ++checked;
        break;
      }
      case StepKind::act_grad:
        CHECK(step.values.at(0) == activation_derivative(mlp.layer(l).activation, ws.z(l)[o]));
        ++checked;
        break;
      case StepKind::delta:
        CHECK(step.values.at(0) == ws.delta(l)[o]);
        ++checked;
        break;
      case StepKind::weight_grad:
        CHECK(step.values.at(0) == mlp.dweights(l)[o * mlp.layer(l).inputs + i]);
        ++checked;
        break;
      case StepKind::bias_grad:
        CHECK(step.values.at(0) == mlp.dbias(l)[o]);
        ++checked;
        break;
      case StepKind::update: {
        const float old_v = i >= 0 ? mlp.weights(l)[o * mlp.layer(l).inputs + i] : mlp.bias(l)[o];
        const float grad = i >= 0 ? mlp.dweights(l)[o * mlp.layer(l).inputs + i] : mlp.dbias(l)[o];
        REQUIRE(step.values.size() == 2);
        CHECK(step.values[0] == old_v);
        CHECK(step.values[1] == doctest::Approx(old_v - s.learning_rate * grad).epsilon(1e-6));
        ++checked;
        break;
      }
      default: break;
    }
  }
  CHECK(checked > 0);
}

// Finite differences on every parameter: (L(w + h) − L(w − h)) / 2h, both through the core.
void check_gradients_by_finite_differences(const Scenario& s, const Lesson& lesson) {
  const float h = 1e-3f;
  int checked = 0;
  for (const Step& step : lesson.steps) {
    if (step.kind != StepKind::weight_grad && step.kind != StepKind::bias_grad) continue;
    const int l = step.layer, o = step.neuron, i = step.input;
    Mlp plus = s.mlp, minus = s.mlp;
    float* wp = step.kind == StepKind::weight_grad ? &plus.weights(l)[o * s.mlp.layer(l).inputs + i] : &plus.bias(l)[o];
    float* wm = step.kind == StepKind::weight_grad ? &minus.weights(l)[o * s.mlp.layer(l).inputs + i]
                                                   : &minus.bias(l)[o];
    *wp += h;
    *wm -= h;
    const float numeric = (core_loss(plus, s.x, s.y, s.loss) - core_loss(minus, s.x, s.y, s.loss)) / (2 * h);
    CAPTURE(step.substituted);
    CHECK(std::fabs(step.values.at(0) - numeric) <= 2e-3f + 2e-2f * std::fabs(numeric));
    ++checked;
  }
  CHECK(checked == static_cast<int>(s.mlp.parameter_count()));
}

}  // namespace

TEST_SUITE("lessons/trace") {
  TEST_CASE("backprop lessons: numbers from the core, gradients = finite differences, loss falls") {
    for (const char* id : {"backprop-coat", "backprop-sigmoid"}) {
      CAPTURE(id);
      const BuiltinLesson* builtin = find_builtin_lesson(id);
      REQUIRE(builtin != nullptr);
      Scenario s = builtin->scenario();
      Lesson lesson;
      std::string error;
      REQUIRE(builtin->build(s, &lesson, &error));
      check_steps_match_core(s, lesson);
      check_gradients_by_finite_differences(s, lesson);

      const Step* after = find_step(lesson, StepKind::loss_after);
      REQUIRE(after != nullptr);
      REQUIRE(after->values.size() == 2);
      CHECK(after->values[0] == core_loss(s.mlp, s.x, s.y, s.loss));
      CHECK(after->values[1] < after->values[0]);  // η = 0.5 is small enough for both

      SUBCASE("a very small learning rate also lowers the loss, recomputed by the core") {
        s.learning_rate = 0.01f;
        REQUIRE(builtin->build(s, &lesson, &error));
        after = find_step(lesson, StepKind::loss_after);
        Mlp stepped = s.mlp;
        for (const Step& step : lesson.steps)
          if (step.kind == StepKind::update) {
            if (step.input >= 0)
              stepped.weights(step.layer)[step.neuron * s.mlp.layer(step.layer).inputs + step.input] = step.values[1];
            else stepped.bias(step.layer)[step.neuron] = step.values[1];
          }
        CHECK(after->values[1] == core_loss(stepped, s.x, s.y, s.loss));
        CHECK(after->values[1] < after->values[0]);
      }
    }
  }

  TEST_CASE("the coat network's ReLUs, inactive for this sample: every gradient but b⁽²⁾'s is exactly 0") {
    Lesson lesson;
    std::string error;
    REQUIRE(build_builtin_lesson("backprop-coat", &lesson, &error));
    int nonzero = 0;
    for (const Step& step : lesson.steps) {
      if (step.kind == StepKind::weight_grad) CHECK(step.values[0] == 0.0f);
      if (step.kind == StepKind::bias_grad && step.values[0] != 0.0f) {
        ++nonzero;
        CHECK(step.layer == 1);
      }
      if (step.kind == StepKind::delta && step.layer == 0) {
        CHECK(step.values[0] == 0.0f);
        CHECK(step.explanation.find("Inactive for this sample") == 0);
      }
    }
    CHECK(nonzero == 1);
    const Step* summary = find_step(lesson, StepKind::note);
    REQUIRE(summary != nullptr);
    CHECK(summary->substituted == "1 of 11 parameters get a non-zero gradient: b⁽²⁾");
    // ½(1 − σ(0.2))² and δ⁽²⁾ = (σ(0.2) − 1)·σ′(0.2), from lessons.md's numbers.
    CHECK(find_step(lesson, StepKind::loss)->values[0] ==
          doctest::Approx(0.5 * (1 - 0.549834) * (1 - 0.549834)).epsilon(1e-5));
    CHECK(find_step(lesson, StepKind::bias_grad, 1, 0)->values[0] ==
          doctest::Approx((0.549834 - 1) * 0.549834 * (1 - 0.549834)).epsilon(1e-5));
  }

  TEST_CASE("the 2-2-2 sigmoid example reproduces Mazur's published numbers") {
    Lesson lesson;
    std::string error;
    REQUIRE(build_builtin_lesson("backprop-sigmoid", &lesson, &error));
    CHECK(find_step(lesson, StepKind::loss)->values[0] == doctest::Approx(0.298371109).epsilon(1e-5));
    CHECK(find_step(lesson, StepKind::weight_grad, 1, 0, 0)->values[0] == doctest::Approx(0.082167041).epsilon(1e-4));
    CHECK(find_step(lesson, StepKind::weight_grad, 0, 0, 0)->values[0] == doctest::Approx(0.000438568).epsilon(1e-3));
    CHECK(find_step(lesson, StepKind::update, 1, 0, 0)->values[1] == doctest::Approx(0.35891648).epsilon(1e-5));
  }

  TEST_CASE("random custom networks: every activation × loss, checked against the core") {
    const Activation hidden[] = {Activation::relu, Activation::leaky_relu, Activation::sigmoid, Activation::tanh};
    struct Head {
      Activation act;
      Loss loss;
      std::vector<float> y;
    };
    const Head heads[] = {{Activation::sigmoid, Loss::half_sse, {1, 0}},
                          {Activation::sigmoid, Loss::bce, {1, 0}},
                          {Activation::identity, Loss::mse, {0.3f, -0.7f}},
                          {Activation::tanh, Loss::half_sse, {0.5f, -0.5f}},
                          {Activation::softmax, Loss::cross_entropy, {0, 1}}};
    uint64_t seed = 1;
    for (Activation h : hidden)
      for (const Head& head : heads) {
        CAPTURE(activation_name(h));
        CAPTURE(activation_name(head.act));
        CAPTURE(loss_name(head.loss));
        const LayerSpec layers[] = {{0, 3, h}, {0, 3, h}, {0, 2, head.act}};
        Scenario s;
        std::string error;
        REQUIRE(custom_scenario(3, layers, seed++, &s, &error));
        s.x = {0.5f, -1.0f, 2.0f};
        s.y = head.y;
        s.loss = head.loss;
        s.learning_rate = 0.05f;
        Lesson lesson;
        REQUIRE(build_trace_lesson(s, TraceOptions{}, &lesson, &error));
        check_steps_match_core(s, lesson);
        check_gradients_by_finite_differences(s, lesson);
        const Step* after = find_step(lesson, StepKind::loss_after);
        REQUIRE(after != nullptr);
        CHECK(after->values[1] <= after->values[0]);
      }
  }

  TEST_CASE("scenarios that cannot be traced give a message, not a crash") {
    Scenario s = coat_scenario();
    Lesson lesson;
    std::string error;
    SUBCASE("input of the wrong length") {
      s.x = {1, 2};
      CHECK_FALSE(build_trace_lesson(s, {}, &lesson, &error));
      CHECK(error == "the input has 2 values but the network expects 3");
    }
    SUBCASE("target of the wrong length") {
      s.y = {1, 0};
      CHECK_FALSE(build_trace_lesson(s, {}, &lesson, &error));
      CHECK(error == "the target has 2 values but the network has 1 outputs");
    }
    SUBCASE("NaN weight") {
      s.mlp.weights(0)[2] = std::nanf("");
      CHECK_FALSE(build_trace_lesson(s, {}, &lesson, &error));
      CHECK(error == "a weight or bias is NaN or infinity");
    }
    SUBCASE("negative learning rate") {
      s.y = {1};
      s.learning_rate = -1;
      CHECK_FALSE(build_trace_lesson(s, {}, &lesson, &error));
      CHECK(error.find("learning rate") != std::string::npos);
    }
    SUBCASE("too wide to trace by hand") {
      s = mnist_anatomy_scenario();
      CHECK_FALSE(build_trace_lesson(s, {}, &lesson, &error));
      CHECK(error.find("at most 32") != std::string::npos);
    }
    SUBCASE("backprop without a target") {
      CHECK_FALSE(backprop_lesson(s, &lesson, &error));
      CHECK(error == "the backprop lesson needs a target y");
    }
  }

  TEST_CASE("without a target only forward steps; every step has text and a highlight") {
    Scenario s = coat_scenario();
    Lesson lesson;
    std::string error;
    REQUIRE(build_trace_lesson(s, {}, &lesson, &error));
    check_steps_match_core(s, lesson);
    for (const Step& step : lesson.steps) {
      CHECK(!step.symbolic.empty());
      CHECK(!step.substituted.empty());
      CHECK(!step.explanation.empty());
      CHECK(!step.values.empty());
      CHECK(!step.highlight.neurons.empty());
      CHECK(step.kind != StepKind::loss);
      CHECK(step.kind != StepKind::delta);
    }
    CHECK(steps_as_text(lesson).find("z⁽¹⁾₁ = (−0.5 × 10) + (1 × 1) + (0.5 × 1) + 0 = −3.5") != std::string::npos);
  }
}
