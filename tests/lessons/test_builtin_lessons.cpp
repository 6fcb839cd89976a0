// The built-in lessons: their numbers equal the core's, and golden texts of the umbrella and coat
// traces (what `nnlab-cli trace umbrella|coat` prints) read exactly as the worked examples.
#include <doctest/doctest.h>

#include <string>

#include "core/mlp.h"
#include "lessons/builtin.h"
#include "lessons/steps_text.h"
#include "lessons/trace.h"

using namespace nnlab;

namespace {

// z and a of every layer for the scenario, computed by the core here in the test.
Workspace core_forward(const Scenario& s) {
  Workspace ws;
  ws.resize(s.mlp, 1);
  forward(s.mlp, s.x.data(), 1, ws);
  return ws;
}

Lesson build(const char* id) {
  Lesson lesson;
  std::string error;
  const bool ok = build_builtin_lesson(id, &lesson, &error);
  CAPTURE(error);
  REQUIRE(ok);
  return lesson;
}

const char* const kUmbrellaGolden = R"golden(The umbrella neuron
One neuron decides whether to take an umbrella. x₁ is today's temperature in °C, x₂ says whether it rains (1 = yes). Each weight says how much an input matters and in which direction (a negative w₁: the colder, the more you want cover; a large w₂: rain strongly says yes); the bias b is the neuron's opinion before it sees anything.

  1. w₁x₁ = −0.5 × 10 = −5
     formula: w₁·x₁
     Input x₁ (temperature, °C) = 10 times its weight −0.5 gives −5: a negative term, so it lowers z.
  2. w₂x₂ = 2 × 1 = 2
     formula: w₂·x₂
     Input x₂ (rain, 1 = yes) = 1 times its weight 2 gives 2: a positive term, so it raises z.
  3. z = (−0.5 × 10) + (2 × 1) + 1 = −5 + 2 + 1 = −2
     formula: z = w₁x₁ + w₂x₂ + b
     Add the two weighted inputs and the bias b = 1 (its opinion before seeing anything): the neuron's total vote is −2 (against an umbrella).
  4. a = ReLU(−2) = max(0, −2) = 0
     formula: a = ReLU(z),  ReLU(z) = max(0, z)
     ReLU is a switch: a vote of −2 is not positive, so the neuron stays off and passes on 0.
  5. ŷ = 0
     formula: ŷ = a
     The last layer's activation is the network's answer, ŷ.
  6. a = 0 ≤ 0 → no umbrella recommended
     formula: take an umbrella if a > 0
     Output 0: the total vote −2 is not positive, so ReLU keeps the neuron silent — no umbrella recommended. Whichever activation you pick, a crosses its threshold exactly where z crosses 0 (here a > 0 means z > 0): another activation changes only the graded output a, not where the decision flips.
)golden";

const char* const kCoatGolden = R"golden(The coat network 3-2-1
Should you wear a coat? Three inputs — temperature x₁ (°C), rain x₂ and wind x₃ (1 = yes) — feed two hidden ReLU neurons, and one sigmoid neuron turns their signals into a score between 0 and 1, read against the line 0.5. Hidden neuron 1 stands for “cold, and rain or wind: you may feel cold”; hidden neuron 2 for “very cold: you must wear one”.

  1. z⁽¹⁾₁ = (−0.5 × 10) + (1 × 1) + (0.5 × 1) + 0 = −3.5
     formula: z⁽¹⁾₁ = W⁽¹⁾₁₁x₁ + W⁽¹⁾₁₂x₂ + W⁽¹⁾₁₃x₃ + b⁽¹⁾₁
     Neuron 1 of layer 1 (hidden) weighs each input by its connection and adds its bias: its weighted vote is −3.5. This neuron stands for “cold, and rain or wind: you may feel cold”.
  2. a⁽¹⁾₁ = ReLU(−3.5) = max(0, −3.5) = 0
     formula: a⁽¹⁾₁ = ReLU(z⁽¹⁾₁),  ReLU(z) = max(0, z)
     ReLU is a switch: a vote of −3.5 is not positive, so the neuron stays off and passes on 0.
  3. z⁽¹⁾₂ = (−1 × 10) + (0.5 × 1) + (0.5 × 1) + 1 = −8
     formula: z⁽¹⁾₂ = W⁽¹⁾₂₁x₁ + W⁽¹⁾₂₂x₂ + W⁽¹⁾₂₃x₃ + b⁽¹⁾₂
     Neuron 2 of layer 1 (hidden) weighs each input by its connection and adds its bias: its weighted vote is −8. This neuron stands for “very cold: you must wear one”.
  4. z⁽¹⁾₂ = −10 + 0.5 + 0.5 + 1 = −8, not −7
     a common slip: z⁽¹⁾₂ = −7
     −7 is a common slip when this sum is worked by hand. Add the four terms one at a time and the running total goes −9.5, then −9, then −8: the answer is −8, exactly what the network computes.
  5. a⁽¹⁾₂ = ReLU(−8) = max(0, −8) = 0
     formula: a⁽¹⁾₂ = ReLU(z⁽¹⁾₂),  ReLU(z) = max(0, z)
     ReLU is a switch: a vote of −8 is not positive, so the neuron stays off and passes on 0.
  6. z⁽²⁾ = (0.8 × 0) + (−0.5 × 0) + 0.2 = 0.2
     formula: z⁽²⁾ = w⁽²⁾₁a⁽¹⁾₁ + w⁽²⁾₂a⁽¹⁾₂ + b⁽²⁾
     Neuron 1 of layer 2 (output) weighs each input by its connection and adds its bias: its weighted vote is 0.2.
  7. a⁽²⁾ = σ(0.2) = 1 / (1 + e^−0.2) = 0.5498
     formula: a⁽²⁾ = σ(z⁽²⁾),  σ(z) = 1 / (1 + e^−z)
     The sigmoid squashes any vote into the range 0 … 1: 0.2 becomes 0.5498, a score between 0 and 1 (0.5 at a vote of 0).
  8. ŷ = 0.5498
     formula: ŷ = a⁽²⁾
     The last layer's activation is the network's answer, ŷ.
  9. ŷ = 0.5498 > 0.5 → wear a coat
     formula: wear a coat if ŷ > 0.5
     Both hidden neurons are inactive for this sample, so the output rests on its bias alone: σ(0.2) = 0.5498. That is a score just above the 0.5 line, leaning slightly towards “wear a coat”. The weights here were set by hand, so this score is not a probability; a trained network's output can be read as a probability only if it was trained to be one.
 10. parameters = 6 + 2 + 2 + 1 = 11
     formula: parameters = W⁽¹⁾ + b⁽¹⁾ + W⁽²⁾ + b⁽²⁾
     Every weight and every bias is one number that training can adjust: these are the model's parameters.
)golden";

}  // namespace

TEST_SUITE("lessons/builtin") {
  TEST_CASE("golden text: the umbrella trace") { CHECK(steps_as_text(build("umbrella")) == kUmbrellaGolden); }

  TEST_CASE("golden text: the coat trace") { CHECK(steps_as_text(build("coat")) == kCoatGolden); }

  TEST_CASE("umbrella: products, sum, activation and decision for each activation") {
    struct Case {
      Activation act;
      const char* decision;
    };
    const Case cases[] = {{Activation::relu, "a = 0 ≤ 0 → no umbrella recommended"},
                          {Activation::sigmoid, "a = 0.1192 ≤ 0.5 → no umbrella recommended"},
                          {Activation::tanh, "a = −0.964 ≤ 0 → no umbrella recommended"},
                          {Activation::step, "a = 0 ≤ 0.5 → no umbrella recommended"}};
    for (const Case& c : cases) {
      CAPTURE(activation_name(c.act));
      const Scenario s = umbrella_scenario(c.act);
      const Workspace ws = core_forward(s);
      Lesson lesson;
      std::string error;
      REQUIRE(umbrella_lesson(s, &lesson, &error));
      const Step* t1 = find_step(lesson, StepKind::term, 0, 0, 0);
      const Step* t2 = find_step(lesson, StepKind::term, 0, 0, 1);
      REQUIRE((t1 && t2));
      CHECK(t1->values[0] == -5.0f);
      CHECK(t2->values[0] == 2.0f);
      CHECK(find_step(lesson, StepKind::sum, 0, 0)->values[0] == ws.z(0)[0]);
      CHECK(ws.z(0)[0] == -2.0f);
      CHECK(find_step(lesson, StepKind::activation, 0, 0)->values[0] == ws.a(0)[0]);
      const Step* d = find_step(lesson, StepKind::decision);
      REQUIRE(d != nullptr);
      CHECK(d->values[0] == ws.a(0)[0]);
      CHECK(d->substituted == c.decision);
    }
    SUBCASE("warmer inputs flip the decision") {
      Scenario s = umbrella_scenario(Activation::relu);
      s.x = {-4.0f, 1.0f};  // −4 °C and rain: z = 2 + 2 + 1 = 5
      Lesson lesson;
      std::string error;
      REQUIRE(umbrella_lesson(s, &lesson, &error));
      CHECK(find_step(lesson, StepKind::decision)->substituted == "a = 5 > 0 → take an umbrella");
    }
  }

  TEST_CASE("coat: hidden sums −3.5 and −8 (not the common slip −7), ŷ = 0.549834, 11 parameters") {
    const Scenario s = coat_scenario();
    const Workspace ws = core_forward(s);
    const Lesson lesson = build("coat");
    CHECK(find_step(lesson, StepKind::sum, 0, 0)->values[0] == ws.z(0)[0]);
    CHECK(find_step(lesson, StepKind::sum, 0, 1)->values[0] == ws.z(0)[1]);
    CHECK(find_step(lesson, StepKind::sum, 1, 0)->values[0] == ws.z(1)[0]);
    CHECK(find_step(lesson, StepKind::activation, 1, 0)->values[0] == ws.a(1)[0]);
    CHECK(ws.z(0)[0] == -3.5f);
    CHECK(ws.z(0)[1] == -8.0f);
    CHECK(ws.z(1)[0] == doctest::Approx(0.2));
    CHECK(ws.a(1)[0] == doctest::Approx(0.549834).epsilon(1e-6));
    CHECK(find_step(lesson, StepKind::decision)->substituted == "ŷ = 0.5498 > 0.5 → wear a coat");
    const Step* count = find_step(lesson, StepKind::shape);
    REQUIRE(count != nullptr);
    CHECK(count->values[0] == static_cast<float>(s.mlp.parameter_count()));
    CHECK(count->substituted == "parameters = 6 + 2 + 2 + 1 = 11");

    SUBCASE("the common slip is noted only while the numbers are the worked example's") {
      CHECK(find_step(lesson, StepKind::note) != nullptr);
      Scenario edited = coat_scenario();
      edited.mlp.bias(0)[1] = 2.0f;
      Lesson changed;
      std::string error;
      REQUIRE(coat_lesson(edited, &changed, &error));
      CHECK(find_step(changed, StepKind::note) == nullptr);
      CHECK(find_step(changed, StepKind::sum, 0, 1)->values[0] == -7.0f);  // now the core says −7
    }
  }

  TEST_CASE("two-by-two: z = [1.2, 1.8] with the row of W and column x highlighted") {
    const Scenario s = two_by_two_scenario();
    const Workspace ws = core_forward(s);
    const Lesson lesson = build("two-by-two");
    for (int o = 0; o < 2; ++o) {
      CAPTURE(o);
      const Step* sum = find_step(lesson, StepKind::sum, 0, o);
      REQUIRE(sum != nullptr);
      CHECK(sum->values[0] == ws.z(0)[o]);
      CHECK(find_step(lesson, StepKind::activation, 0, o)->values[0] == ws.a(0)[o]);
      // Matrix view: the cells of row o, the whole column x, b_o and z_o.
      REQUIRE(sum->highlight.weights.size() == 2);
      for (int i = 0; i < 2; ++i) {
        CHECK(sum->highlight.weights[i].layer == 0);
        CHECK(sum->highlight.weights[i].out == o);
        CHECK(sum->highlight.weights[i].in == i);
      }
      REQUIRE(sum->highlight.biases.size() == 1);
      CHECK(sum->highlight.biases[0].index == o);
      CHECK(sum->highlight.layer == 0);
      CHECK(sum->highlight.neurons.size() == 3);  // x₁, x₂ and neuron o
    }
    CHECK(ws.z(0)[0] == doctest::Approx(1.2));
    CHECK(ws.z(0)[1] == doctest::Approx(1.8));
    CHECK(find_step(lesson, StepKind::sum, 0, 0)->substituted == "z₁ = (0.5 × 1) + (0.3 × 2) + 0.1 = 1.2");
    const Step& matrix = lesson.steps.back();
    CHECK(matrix.substituted == "z = [[0.5, 0.3], [0.4, 0.6]] · [1, 2] + [0.1, 0.2] = [1.2, 1.8],  a = [1.2, 1.8]");
    CHECK(matrix.values == std::vector<float>(ws.z(0).begin(), ws.z(0).end()));
  }

  TEST_CASE("MNIST anatomy: counts read from the Mlp, 13,002 / 23,860 / 101,770") {
    const Scenario s = mnist_anatomy_scenario();
    const Lesson lesson = build("mnist-anatomy");
    CHECK(lesson.steps[0].substituted.find("28 × 28 pixels → x with 784 entries") == 0);
    for (int l = 0; l < 3; ++l) {
      const Step* shape = find_step(lesson, StepKind::shape, l);
      REQUIRE(shape != nullptr);
      CHECK(shape->values[0] == static_cast<float>(s.mlp.weights(l).size()));
      CHECK(shape->values[1] == static_cast<float>(s.mlp.bias(l).size()));
    }
    CHECK(find_step(lesson, StepKind::shape, 0)->substituted ==
          "layer 1 (hidden): W⁽¹⁾ 16 × 784 = 12,544 weights + 16 biases = 12,560 parameters, ReLU");
    const size_t n = lesson.steps.size();
    REQUIRE(n >= 3);
    CHECK(lesson.steps[n - 3].substituted == "parameters = 12,544 + 16 + 256 + 16 + 160 + 10 = 13,002");
    CHECK(lesson.steps[n - 3].values[0] == 13002.0f);
    CHECK(lesson.steps[n - 2].substituted == "784-30-10: 23,520 + 30 + 300 + 10 = 23,860 parameters");
    CHECK(lesson.steps[n - 1].substituted == "784-128-10: 100,352 + 128 + 1,280 + 10 = 101,770 parameters");
  }

  TEST_CASE("MNIST output layer: ten votes and softmax as the core computes them, then the answer") {
    const Scenario s = mnist_output_scenario();
    const Lesson lesson = build("mnist-output");
    const Workspace ws = core_forward(s);
    REQUIRE(lesson.steps.size() == 13u);  // 10 sums, softmax, ŷ, the answer
    float total = 0;
    int best = 0;
    for (int k = 0; k < 10; ++k) {
      const Step* sum = find_step(lesson, StepKind::sum, 0, k);
      REQUIRE(sum);
      CHECK(sum->values[0] == ws.z(0)[size_t(k)]);
      total += ws.a(0)[size_t(k)];
      if (ws.a(0)[size_t(k)] > ws.a(0)[size_t(best)]) best = k;
    }
    CHECK(total == doctest::Approx(1.0f));
    const Step& answer = lesson.steps.back();
    CHECK(answer.kind == StepKind::decision);
    CHECK(answer.values[0] == float(best));
    CHECK(answer.substituted.find("answer = " + std::to_string(best)) == 0);
    Scenario two_layers = s;
    const LayerSpec specs[] = {{16, 4, Activation::relu}, {4, 10, Activation::softmax}};
    REQUIRE(two_layers.mlp.build(specs, nullptr));
    Lesson out;
    std::string error;
    CHECK_FALSE(mnist_output_lesson(two_layers, &out, &error));
    CHECK(error.find("one softmax layer") != std::string::npos);
  }

  TEST_CASE("registry and the own-network helpers") {
    for (const BuiltinLesson& b : builtin_lessons()) {
      CAPTURE(b.id);
      Lesson lesson;
      std::string error;
      CHECK(build_builtin_lesson(b.id, &lesson, &error));
      CHECK(lesson.id == b.id);
      CHECK(!lesson.steps.empty());
    }
    Lesson lesson;
    std::string error;
    CHECK_FALSE(build_builtin_lesson("raincoat", &lesson, &error));
    CHECK(error.find("unknown lesson 'raincoat'") == 0);

    const LayerSpec ok[] = {{0, 8, Activation::tanh}, {0, 1, Activation::sigmoid}};
    Scenario s;
    REQUIRE(custom_scenario(4, ok, 7, &s, &error));
    CHECK(s.mlp.layer(0).inputs == 4);
    CHECK(s.mlp.layer(1).inputs == 8);
    CHECK(s.x.size() == 4);
    Scenario again;
    REQUIRE(custom_scenario(4, ok, 7, &again, &error));
    CHECK(std::equal(s.mlp.params().begin(), s.mlp.params().end(), again.mlp.params().begin()));  // seeded
    const LayerSpec too_wide[] = {{0, 17, Activation::relu}};
    CHECK_FALSE(custom_scenario(2, too_wide, 1, &s, &error));
    CHECK(error == "layer 1: neurons must be 1..16");
    const std::vector<LayerSpec> too_deep(kMaxCustomLayers + 1, LayerSpec{0, 2, Activation::relu});
    CHECK_FALSE(custom_scenario(2, too_deep, 1, &s, &error));
    const std::vector<LayerSpec> deepest(kMaxCustomLayers, LayerSpec{0, 16, Activation::tanh});
    CHECK(custom_scenario(7, deepest, 1, &s, &error));

    Scenario u = umbrella_scenario();
    REQUIRE(set_layer_activation(&u, 0, Activation::sigmoid, &error));
    CHECK(u.mlp.layer(0).activation == Activation::sigmoid);
    CHECK(u.mlp.weights(0)[0] == -0.5f);
    CHECK_FALSE(set_layer_activation(&u, 3, Activation::relu, &error));
  }
}
