// What the lessons say, where a sentence depends on the numbers: a product's effect on z follows
// the product's sign, "already where the loss wants it" only when the error is 0, a hidden
// sigmoid is not a probability, inactive for this sample is not dead, Mazur's published step
// moves the weights only, digit outputs are numbered by the digit, losses say ln and their name.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/mlp.h"
#include "lessons/builtin.h"
#include "lessons/steps_text.h"
#include "lessons/trace.h"

using namespace nnlab;

namespace {

bool has(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

float core_loss(const Mlp& mlp, const Scenario& s) {
  Workspace ws;
  ws.resize(mlp, 1);
  forward(mlp, s.x.data(), 1, ws);
  return loss_value(s.loss, ws.a(mlp.layer_count() - 1).data(), s.y.data(), mlp.output_size());
}

// 2 inputs → 3 tanh → 2 softmax, cross-entropy, target class 1 (the CLI's --target 1).
Scenario softmax_scenario() {
  const LayerSpec layers[] = {{0, 3, Activation::tanh}, {0, 2, Activation::softmax}};
  Scenario s;
  std::string error;
  REQUIRE(custom_scenario(2, layers, 3, &s, &error));
  s.x = {0.7f, -1.2f};
  s.y = {0.0f, 1.0f};
  s.loss = Loss::cross_entropy;
  s.learning_rate = 0.1f;
  return s;
}

}  // namespace

TEST_SUITE("lessons/texts") {
  TEST_CASE("a product raises, lowers or leaves z by its own sign, not by the weight's") {
    Scenario s = umbrella_scenario();
    s.x = {-5.0f, 0.0f};  // −0.5 × (−5) = 2.5 and 2 × 0 = 0
    Lesson lesson;
    std::string error;
    REQUIRE(umbrella_lesson(s, &lesson, &error));
    const Step* t1 = find_step(lesson, StepKind::term, 0, 0, 0);
    const Step* t2 = find_step(lesson, StepKind::term, 0, 0, 1);
    REQUIRE((t1 && t2));
    CHECK(t1->values[0] == 2.5f);
    CHECK(has(t1->explanation, "gives 2.5: a positive term, so it raises z."));
    CHECK(t2->values[0] == 0.0f);
    CHECK(has(t2->explanation, "leaves z unchanged"));
    s.mlp.weights(0)[1] = 0.0f;
    s.x = {10.0f, 1.0f};
    REQUIRE(umbrella_lesson(s, &lesson, &error));
    CHECK(has(find_step(lesson, StepKind::term, 0, 0, 0)->explanation, "a negative term, so it lowers z."));
    CHECK(has(find_step(lesson, StepKind::term, 0, 0, 1)->explanation, "the weight is 0"));
  }

  TEST_CASE("every activation flips the umbrella's decision at z = 0: the decision step says so") {
    for (Activation act : {Activation::relu, Activation::sigmoid, Activation::tanh, Activation::step,
                           Activation::leaky_relu, Activation::identity}) {
      CAPTURE(activation_name(act));
      for (float temperature : {10.0f, 6.0f, 5.9f, -4.0f}) {  // z = −2, 0, 0.05, 5
        Scenario s = umbrella_scenario(act);
        s.x = {temperature, 1.0f};
        Lesson lesson;
        std::string error;
        REQUIRE(umbrella_lesson(s, &lesson, &error));
        const Step* d = find_step(lesson, StepKind::decision);
        const float z = find_step(lesson, StepKind::sum)->values[0];
        CHECK((d->values[0] > d->values[1]) == (z > 0));  // a > threshold ⇔ z > 0
        CHECK(has(d->explanation, "changes only the graded output a, not where the decision flips"));
      }
    }
  }

  TEST_CASE("a zero ∂L/∂ŷ on a softmax + cross-entropy output is not called 'already where the loss wants it'") {
    Scenario s = softmax_scenario();
    s.first_output = 0;
    Lesson lesson;
    std::string error;
    REQUIRE(build_trace_lesson(s, {}, &lesson, &error));
    const Step* g0 = find_step(lesson, StepKind::loss_grad, 1, 0);
    const Step* d0 = find_step(lesson, StepKind::delta, 1, 0);
    REQUIRE((g0 && d0));
    CHECK(g0->values[0] == 0.0f);
    CHECK(d0->values[0] != 0.0f);
    CHECK_FALSE(has(g0->explanation, "already where the loss wants it"));
    CHECK(has(g0->explanation, "δ⁽²⁾₀"));
    CHECK(g0->substituted.rfind("∂L/∂ŷ₀ = ", 0) == 0);  // class 0 is ŷ₀ like --target 0

    // With half squared error and ŷ = y exactly, it is.
    const LayerSpec one[] = {{0, 1, Activation::identity}};
    Scenario id;
    REQUIRE(custom_scenario(1, one, 1, &id, &error));
    id.mlp.weights(0)[0] = 2.0f, id.mlp.bias(0)[0] = 0.0f;
    id.x = {0.25f};
    id.y = {0.5f};
    REQUIRE(build_trace_lesson(id, {}, &lesson, &error));
    CHECK(has(find_step(lesson, StepKind::loss_grad)->explanation, "already where the loss wants it"));
  }

  TEST_CASE("a hidden sigmoid says how strongly the unit is on, not a probability") {
    const LayerSpec layers[] = {{0, 2, Activation::sigmoid}, {0, 1, Activation::sigmoid}};
    Scenario s;
    std::string error;
    REQUIRE(custom_scenario(2, layers, 5, &s, &error));
    Lesson lesson;
    REQUIRE(build_trace_lesson(s, {}, &lesson, &error));
    const std::string hidden = find_step(lesson, StepKind::activation, 0, 0)->explanation;
    CHECK(has(hidden, "how strongly this unit is on (not a probability)"));
    CHECK_FALSE(has(find_step(lesson, StepKind::activation, 1, 0)->explanation, "reads as a probability"));
  }

  TEST_CASE("the coat's decision: a score just above the 0.5 line, not 55 in 100 days") {
    Lesson lesson;
    std::string error;
    REQUIRE(build_builtin_lesson("coat", &lesson, &error));
    const Step* d = find_step(lesson, StepKind::decision);
    CHECK(has(d->explanation, "just above the 0.5 line, leaning slightly towards “wear a coat”"));
    CHECK(has(d->explanation, "only if it was trained to be one"));
    CHECK_FALSE(has(d->explanation, "in 100"));
    Scenario warm = coat_scenario();
    warm.x = {0.0f, 1.0f, 1.0f};  // both hidden neurons on: ŷ = σ(0.8·1.5 − 0.5·2 + 0.2) = σ(0.4)
    REQUIRE(coat_lesson(warm, &lesson, &error));
    d = find_step(lesson, StepKind::decision);
    CHECK(has(d->explanation, "is a score between 0 and 1"));
    CHECK_FALSE(has(d->explanation, "inactive"));
  }

  TEST_CASE("inactive for this sample, not dead: only b⁽²⁾ learns, and the summary says the difference once") {
    Lesson lesson;
    std::string error;
    REQUIRE(build_builtin_lesson("backprop-coat", &lesson, &error));
    int said_dead = 0;
    for (const Step& step : lesson.steps) said_dead += has(step.explanation, "dead") || has(step.explanation, "Dead");
    CHECK(said_dead == 1);
    const Step* summary = find_step(lesson, StepKind::note);
    REQUIRE(summary != nullptr);
    CHECK(has(summary->explanation, "ReLU neurons inactive for this sample (z⁽¹⁾₁ = −3.5, z⁽¹⁾₂ = −8)"));
    CHECK(has(summary->explanation, "Inactive is not dead"));
    CHECK(has(summary->explanation, "at x = [0, 1, 1], z⁽¹⁾₁ = 1.5 > 0"));
    // The numbers of that sentence are the core's: z⁽¹⁾₁ at x = [0, 1, 1].
    Scenario other = coat_scenario();
    other.x = {0.0f, 1.0f, 1.0f};
    CoreTrace t;
    REQUIRE(run_forward_trace(other, &t, &error));
    CHECK(t.ws.z(0)[0] == 1.5f);
  }

  TEST_CASE("Mazur's published 0.291027924 is the step on the weights only; the lesson's step moves the biases too") {
    const Scenario s = backprop_sigmoid_scenario();
    Lesson lesson;
    std::string error;
    REQUIRE(build_builtin_lesson("backprop-sigmoid", &lesson, &error));
    Mlp weights_only = s.mlp, both = s.mlp;
    for (const Step& step : lesson.steps) {
      if (step.kind != StepKind::update) continue;
      if (step.input >= 0) {
        const size_t k = size_t(step.neuron * s.mlp.layer(step.layer).inputs + step.input);
        weights_only.weights(step.layer)[k] = step.values[1];
        both.weights(step.layer)[k] = step.values[1];
      } else {
        both.bias(step.layer)[step.neuron] = step.values[1];
      }
    }
    CHECK(core_loss(weights_only, s) == doctest::Approx(0.291027924).epsilon(1e-5));
    const Step* after = find_step(lesson, StepKind::loss_after);
    CHECK(after->values[1] == core_loss(both, s));
    CHECK(after->values[1] == doctest::Approx(0.2805).epsilon(1e-3));
    CHECK(has(lesson.intro, "Mazur updates only the weights and reports L = 0.291027924"));
    CHECK(has(lesson.intro, "so L falls to 0.2805"));
    // Another learning rate is not Mazur's example: no citation of his numbers.
    Scenario other = s;
    other.learning_rate = 0.1f;
    REQUIRE(backprop_lesson(other, &lesson, &error));
    CHECK_FALSE(has(lesson.intro, "Mazur"));
  }

  TEST_CASE("the MNIST output layer numbers its outputs by the digit; layers agree with the anatomy lesson") {
    Lesson lesson;
    std::string error;
    REQUIRE(build_builtin_lesson("mnist-output", &lesson, &error));
    CHECK(find_step(lesson, StepKind::sum, 0, 0)->symbolic.rfind("z₀ = W₀₁x₁ + … + W₀,₁₆x₁₆ + b₀", 0) == 0);
    CHECK(find_step(lesson, StepKind::sum, 0, 9)->symbolic.rfind("z₉ = ", 0) == 0);
    CHECK(has(find_step(lesson, StepKind::sum, 0, 7)->explanation, "the digit 7"));
    const Step& answer = lesson.steps.back();
    const int best = int(answer.values[0]);
    static const char* const kDigits[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
    REQUIRE((best >= 0 && best <= 9));
    const std::string sub = std::string("ŷ") + kDigits[best];
    CHECK(answer.substituted.rfind("answer = " + std::to_string(best) + " (" + sub + " = ", 0) == 0);
    CHECK(has(answer.explanation, (sub + " stands for the digit " + std::to_string(best)).c_str()));
    CHECK(has(lesson.intro, "ŷ₀ … ŷ₉"));
    CHECK(has(lesson.intro, "layer 3 of 784-16-16-10"));
    CHECK_FALSE(has(steps_as_text(lesson), "layer 1"));  // the anatomy lesson's layer 1 is a hidden one
    Lesson anatomy;
    REQUIRE(build_builtin_lesson("mnist-anatomy", &anatomy, &error));
    CHECK(find_step(anatomy, StepKind::shape, 2)->substituted.rfind("layer 3 (output): W⁽³⁾ 10 × 16", 0) == 0);
  }

  TEST_CASE("losses with a logarithm write ln and say once what it is; titles name the loss") {
    Scenario s = softmax_scenario();
    Lesson lesson;
    std::string error;
    REQUIRE(backprop_lesson(s, &lesson, &error));
    const Step* loss = find_step(lesson, StepKind::loss);
    CHECK(loss->symbolic == "L = −Σ y ln ŷ");
    CHECK(has(loss->substituted, "× ln "));
    CHECK_FALSE(has(loss->substituted, "log"));
    CHECK(has(loss->explanation, "ln is the natural logarithm, the log PyTorch uses."));
    CHECK(lesson.title == "Backprop by hand: 2-3-2, cross-entropy");
    REQUIRE(build_builtin_lesson("backprop-coat", &lesson, &error));
    CHECK(lesson.title == "Backprop by hand: 3-2-1, half squared error");
    CHECK_FALSE(has(find_step(lesson, StepKind::loss)->explanation, "ln"));
    Scenario bce = backprop_coat_scenario();
    bce.loss = Loss::bce;
    REQUIRE(backprop_lesson(bce, &lesson, &error));
    CHECK(lesson.title == "Backprop by hand: 3-2-1, binary cross-entropy");
    CHECK(find_step(lesson, StepKind::loss)->symbolic == "L = −[y ln ŷ + (1 − y) ln(1 − ŷ)]");
  }
}
