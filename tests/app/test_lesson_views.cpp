// The Network / Backprop / Concepts views' logic without drawing: set / undo / link round trips,
// the steps' numbers equal the lesson's (and so the core's), the view aliases of the app.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/lesson/lesson_session.h"
#include "app/lesson/lesson_view.h"
#include "app/views.h"
#include "lessons/builtin.h"

using namespace nnlab;
using namespace nnlab::app;

namespace {

LessonSession network_session() {
  return LessonSession({{"coat", "Coat"}, {"two-by-two", "2x2"}, {"custom", "own"}, {"mnist-anatomy", "anatomy"}});
}
LessonSession backprop_session() { return LessonSession({{"backprop-coat", "coat"}, {"backprop-sigmoid", "sigmoid"}}); }
nlohmann::json state_of(const LessonSession& s) {
  nlohmann::json j;
  s.state(&j);
  return j;
}

}  // namespace

TEST_SUITE("app lesson views") {
  TEST_CASE("the coat session reports the core's numbers and the lesson's steps") {
    LessonSession s = network_session();
    REQUIRE(s.id() == "coat");
    const nlohmann::json j = state_of(s);
    CHECK(j["layers"][0]["z"][0].get<float>() == doctest::Approx(-3.5f));
    CHECK(j["layers"][0]["z"][1].get<float>() == doctest::Approx(-8.0f));
    CHECK(j["layers"][1]["z"][0].get<float>() == doctest::Approx(0.2f));
    CHECK(j["output"][0].get<float>() == doctest::Approx(0.549834f).epsilon(1e-5));
    CHECK(j["parameters"] == 11);
    // Every step of the session is the lesson's step, text and values alike.
    Lesson lesson;
    std::string error;
    REQUIRE(build_builtin_lesson("coat", &lesson, &error));
    REQUIRE(j["steps"].size() == lesson.steps.size());
    for (size_t k = 0; k < lesson.steps.size(); ++k) {
      CAPTURE(k);
      CHECK(j["steps"][k]["substituted"] == lesson.steps[k].substituted);
      CHECK(j["steps"][k]["values"].get<std::vector<float>>() == lesson.steps[k].values);
    }
  }

  TEST_CASE("stepping: next, prev, first, last, a number, clamped at the ends") {
    LessonSession s = network_session();
    CHECK(s.command("step", "next") == std::optional<std::string>(""));
    CHECK(s.step() == 1);
    s.command("step", "prev");
    s.command("step", "prev");
    CHECK(s.step() == 0);
    s.command("step", "last");
    CHECK(s.step() == s.step_count() - 1);
    s.command("step", "next");
    CHECK(s.step() == s.step_count() - 1);
    CHECK(s.command("step", "2") == std::optional<std::string>(""));
    CHECK(s.step() == 1);
    CHECK(s.command("step", "0")->find("must be 1..") != std::string::npos);
    CHECK_FALSE(s.command("fly", "").has_value());
  }

  TEST_CASE("play advances at the chosen speed and stops at the last step") {
    LessonSession s = network_session();
    REQUIRE(s.command("play", "2") == std::optional<std::string>(""));
    s.tick(1.0f);  // 2 steps per second
    CHECK(s.step() == 2);
    s.command("pause", "");
    s.tick(5.0f);
    CHECK(s.step() == 2);
    s.command("play", "");
    for (int k = 0; k < 50; ++k) s.tick(1.0f);
    CHECK(s.step() == s.step_count() - 1);
    CHECK_FALSE(s.playing);
  }

  TEST_CASE("set w changes the output as the core computes it, keeps the step, and undo restores it") {
    LessonSession s = network_session();
    s.command("step", "6");  // z⁽²⁾ = W⁽²⁾·a⁽¹⁾ + b⁽²⁾
    const std::string current = state_of(s)["current"]["substituted"];
    // W⁽¹⁾₁₁ = 0.5 instead of −0.5: z⁽¹⁾₁ = 5 + 1 + 0.5 = 6.5 → the hidden neuron wakes up
    REQUIRE(s.set("w", "1 1 1 0.5") == "");
    nlohmann::json j = state_of(s);
    CHECK(j["layers"][0]["z"][0].get<float>() == doctest::Approx(6.5f));
    CHECK(j["layers"][0]["a"][0].get<float>() == doctest::Approx(6.5f));
    CHECK(j["output"][0].get<float>() > 0.99f);  // σ(0.8·6.5 + 0.2)
    CHECK(j["current"]["kind"] == "sum");        // still the output neuron's sum, with the new numbers
    CHECK(j["current"]["substituted"] != current);
    CHECK(s.undo_depth() == 1);
    REQUIRE(s.set("w", "1 1 1 0.5") == "");  // the same value again is no new edit
    CHECK(s.undo_depth() == 1);
    REQUIRE(s.command("undo", "") == std::optional<std::string>(""));
    CHECK(state_of(s)["layers"][0]["z"][0].get<float>() == doctest::Approx(-3.5f));
    CHECK(s.command("undo", "") == std::optional<std::string>("nothing to undo"));
  }

  TEST_CASE("bad edits are refused with a message and change nothing") {
    LessonSession s = network_session();
    CHECK(s.set("w", "1 3 1 0.5").find("neuron '3' must be 1..2") != std::string::npos);
    CHECK(s.set("w", "1 1 1 abc").find("not a finite number") != std::string::npos);
    CHECK(s.set("x", "1,2").find("needs 3 values") != std::string::npos);
    CHECK(s.set("b1", "1e999").find("not a finite number") != std::string::npos);
    CHECK(s.set("lesson", "backprop-coat").find("unknown lesson") != std::string::npos);
    CHECK(s.set("bogus", "1").find("unknown parameter") != std::string::npos);
    CHECK(s.undo_depth() == 0);
    CHECK(state_of(s)["layers"][0]["z"][0].get<float>() == doctest::Approx(-3.5f));
  }

  TEST_CASE("a drag is one undo step") {
    LessonSession s = network_session();
    s.begin_edit();
    for (float v : {0.1f, 0.2f, 0.3f}) REQUIRE(s.set_input(0, v, false) == "");
    CHECK(s.undo_depth() == 1);
    s.begin_edit();  // a gesture that changes nothing leaves no undo step
    CHECK(s.undo_depth() == 1);
    s.undo();
    CHECK(s.scenario().x[0] == 10.0f);
  }

  TEST_CASE("links round-trip every number of a small network, exactly") {
    LessonSession a = network_session();
    a.set("lesson", "two-by-two");
    a.set("w", "1 2 1 0.123456789");
    a.set("x", "3,-1.5");
    a.command("step", "3");
    std::string link;
    a.append_link(&link);
    CHECK(link.find("&lesson=two-by-two") == 0);
    LessonSession b = network_session();
    std::vector<std::string> errors;
    size_t start = 1;
    while (start < link.size()) {  // "&key=value&…"
      const size_t end = std::min(link.find('&', start), link.size());
      const std::string part = link.substr(start, end - start);
      const size_t eq = part.find('=');
      const std::string e = b.set(part.substr(0, eq), part.substr(eq + 1));
      if (!e.empty()) errors.push_back(e);
      start = end + 1;
    }
    CHECK(errors.empty());
    CHECK(b.id() == "two-by-two");
    CHECK(b.scenario().mlp.params()[2] == 0.123456789f);
    CHECK(b.scenario().x == std::vector<float>{3.0f, -1.5f});
    CHECK(b.step() == 2);
    CHECK(state_of(b)["layers"][0]["z"] == state_of(a)["layers"][0]["z"]);
  }

  TEST_CASE("your own network: shape, activations, seeded weights, all in the link") {
    LessonSession s = network_session();
    REQUIRE(s.set("lesson", "custom") == "");
    REQUIRE(s.set("net", "2-8-8-8-3") == "");
    REQUIRE(s.set("acts", "tanh,relu,leaky-relu,softmax") == "");
    CHECK(s.scenario().mlp.layer_count() == 4);
    CHECK(s.scenario().mlp.layer(3).activation == Activation::softmax);
    CHECK(s.set("net", "2-17-3").find("must be 1..16") != std::string::npos);
    CHECK(s.set("net", "2-3-3-3-3-3-3-3-3-3-3").find("at most 9 layers") != std::string::npos);
    CHECK(s.set("act", "1 softmax").find("only on the last layer") != std::string::npos);
    REQUIRE(s.command("randomize", "42") == std::optional<std::string>(""));
    const std::vector<float> weights(s.scenario().mlp.params().begin(), s.scenario().mlp.params().end());
    const nlohmann::json j = state_of(s);
    CHECK(j["shape"] == "2-8-8-8-3");
    float sum = 0;
    for (float p : j["output"].get<std::vector<float>>()) sum += p;
    CHECK(sum == doctest::Approx(1.0f));  // softmax output
    std::string link;
    s.append_link(&link);
    CHECK(link.find("&net=2-8-8-8-3&acts=tanh,relu,leaky-relu,softmax") != std::string::npos);
    // Same seed, same weights (natively and in wasm).
    LessonSession t = network_session();
    t.set("lesson", "custom");
    t.set("net", "2-8-8-8-3");
    t.set("acts", "tanh,relu,leaky-relu,softmax");
    t.set("seed", "42");
    CHECK(std::vector<float>(t.scenario().mlp.params().begin(), t.scenario().mlp.params().end()) == weights);
  }

  TEST_CASE("the MNIST anatomy reports shapes and counts, and is not editable") {
    LessonSession s = network_session();
    REQUIRE(s.set("lesson", "mnist-anatomy") == "");
    const nlohmann::json j = state_of(s);
    CHECK(j["parameters"] == 13002);
    CHECK(j["layers"][0]["parameters"] == 784 * 16 + 16);
    CHECK_FALSE(j["editable"].get<bool>());
    CHECK(s.set("w", "1 1 1 0.5").find("not editable") != std::string::npos);
    bool compared_30 = false, compared_128 = false;
    for (const auto& step : j["steps"]) {
      compared_30 |= step["substituted"].get<std::string>().find("23,860") != std::string::npos;
      compared_128 |= step["substituted"].get<std::string>().find("101,770") != std::string::npos;
    }
    CHECK(compared_30);
    CHECK(compared_128);
  }

  TEST_CASE("backprop: gradients and the update from the core; loss falls; BCE and η are choices") {
    LessonSession s = backprop_session();
    nlohmann::json j = state_of(s);
    // The coat network's hidden ReLUs are inactive for this sample: every W⁽¹⁾ gradient is exactly 0.
    for (const auto& row : j["layers"][0]["dw"])
      for (const auto& g : row) CHECK(g.get<float>() == 0.0f);
    CHECK(j["layers"][1]["db"][0].get<float>() != 0.0f);
    CHECK(j["loss_after"].get<float>() < j["loss_before"].get<float>());
    REQUIRE(s.set("lesson", "backprop-sigmoid") == "");
    j = state_of(s);
    CHECK(j["loss_before"].get<float>() == doctest::Approx(0.298371109f).epsilon(1e-5));
    CHECK(j["layers"][1]["dw"][0][0].get<float>() == doctest::Approx(0.082167041f).epsilon(1e-4));
    REQUIRE(s.set("loss", "bce") == "");
    REQUIRE(s.set("lr", "0.1") == "");
    j = state_of(s);
    CHECK(j["loss"] == "bce");
    CHECK(j["loss_after"].get<float>() < j["loss_before"].get<float>());
    const float w = j["layers"][1]["w"][0][0], dw = j["layers"][1]["dw"][0][0], after = j["layers"][1]["w_after"][0][0];
    CHECK(after == doctest::Approx(w - 0.1f * dw));
    CHECK(s.set("y", "2,0").find("0 … 1") != std::string::npos);
    CHECK(s.set("loss", "cross-entropy").find("half-sse, mse or bce") != std::string::npos);
  }

  TEST_CASE("the app: #view=coat and view backprop-coat are aliases; links carry the lesson") {
    App app;
    std::vector<std::string> warnings;
    app.apply_link("#view=coat&w1=0.5,1,0.5,-1,0.5,0.5&step=3", &warnings);
    CHECK(warnings.empty());
    CHECK(app.current() == ViewId::network);
    nlohmann::json j = nlohmann::json::parse(app.state_json());
    CHECK(j["network"]["lesson"] == "coat");
    CHECK(j["network"]["layers"][0]["z"][0].get<float>() == doctest::Approx(6.5f));
    CHECK(j["network"]["step"] == 2);
    CHECK(j["link"].get<std::string>().find("#view=network&lesson=coat&x=10,1,1&w1=0.5,1,0.5,-1,0.5,0.5") == 0);
    CHECK(app.command("view backprop-sigmoid") == "");
    CHECK(app.current() == ViewId::backprop);
    CHECK(app.command("step last") == "");
    j = nlohmann::json::parse(app.state_json());
    CHECK(j["backprop"]["lesson"] == "backprop-sigmoid");
    CHECK(j["backprop"]["current"]["kind"] == "loss_after");
    CHECK(app.command("view nowhere").find("unknown view") != std::string::npos);
    CHECK(app.command("view umbrella") == "");
    CHECK(app.current() == ViewId::neuron);
  }

  TEST_CASE("concepts: activation, z and softmax through set, state and link") {
    auto view = make_concepts_view();
    REQUIRE(view->set("act", "sigmoid") == "");
    REQUIRE(view->set("z", "0") == "");
    REQUIRE(view->set("softmax", "1,1,1,1") == "");
    nlohmann::json j;
    view->state(&j);
    CHECK(j["f"].get<float>() == doctest::Approx(0.5f));
    CHECK(j["df"].get<float>() == doctest::Approx(0.25f));
    for (const auto& p : j["softmax"]["p"]) CHECK(p.get<float>() == doctest::Approx(0.25f));
    CHECK(view->set("z", "9").find("−5 … 5") != std::string::npos);
    CHECK(view->set("act", "softmax").find("act must be") != std::string::npos);
    std::string link;
    view->append_link(&link);
    CHECK(link == "&act=sigmoid&z=0&softmax=1,1,1,1");
  }
}
