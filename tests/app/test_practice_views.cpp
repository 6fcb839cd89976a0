// "Your turn" through the app's text surface: practice on|off, answer, problems and their links,
// state().practice in the Neuron, Network and Backprop views, the gradient check beside dw and db,
// train on, and the exports' readable refusals — in English and Chinese.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/views.h"
#include "text/text.h"

using namespace nnlab;
using namespace nnlab::app;

namespace {

nlohmann::json state(const App& app) { return nlohmann::json::parse(app.state_json()); }

}  // namespace

TEST_SUITE("app practice") {
  TEST_CASE("neuron: practice on fades the last step; a wrong answer says where, the right one hides one more") {
    App app;
    REQUIRE(app.command("view neuron") == "");
    REQUIRE(app.command("practice reset") == "");
    CHECK(app.command("answer 0").find("Your turn") != std::string::npos);  // off: a readable refusal
    REQUIRE(app.command("practice on") == "");
    nlohmann::json p = state(app)["neuron"]["practice"];
    CHECK(p["on"] == true);
    REQUIRE(p["hidden_steps"].size() == 1);
    const int asked = p["step"];
    CHECK(p["status"][asked] == "open");
    // a = ReLU(−2): −2 is z itself
    REQUIRE(app.command("answer -2") == "");
    p = state(app)["neuron"]["practice"];
    CHECK(p["right"] == false);
    CHECK(p["feedback"].get<std::string>().find("ReLU keeps only what is above 0") != std::string::npos);
    CHECK(p["hidden_steps"].size() == 1);
    REQUIRE(app.command("answer 0") == "");
    p = state(app)["neuron"]["practice"];
    CHECK(p["right"] == true);
    CHECK(p["hidden_steps"].size() == 2);
    CHECK(p["step"].get<int>() < asked);
    CHECK(p["attempts"] == 2);
    CHECK(p["solved"] == 1);
    CHECK(p["progress"]["umbrella"]["attempted"] == 1);
    CHECK(p["progress"]["umbrella"]["solved"] == 0);  // right only at the second try
    // unreadable text: a message, nothing counted
    CHECK(app.command("answer ten").find("not a number") != std::string::npos);
    p = state(app)["neuron"]["practice"];
    CHECK(p["feedback"].get<std::string>().find("not a number") != std::string::npos);
    CHECK(p["attempts"] == 2);
    // the link keeps Your turn; off hides nothing
    CHECK(app.link().find("practice=on") != std::string::npos);
    REQUIRE(app.command("practice off") == "");
    CHECK(state(app)["neuron"]["practice"]["on"] == false);
    CHECK(app.command("practice sideways").find("practice on|off") != std::string::npos);
  }

  TEST_CASE("network: the coat's −7 is a common slip; problems open from a link and reproduce") {
    App app;
    std::vector<std::string> warnings;
    app.apply_link("#view=network&lesson=coat&problem=coat-z2", &warnings);
    CHECK(warnings.empty());
    nlohmann::json p = state(app)["network"]["practice"];
    REQUIRE(p["problem"].is_object());
    CHECK(p["problem"]["id"] == "coat-z2");
    REQUIRE(app.command("answer -7") == "");
    p = state(app)["network"]["practice"];
    CHECK(p["problem"]["right"] == false);
    CHECK(p["problem"]["feedback"].get<std::string>().find("common slip") != std::string::npos);
    REQUIRE(app.command("answer -8") == "");
    CHECK(state(app)["network"]["practice"]["problem"]["right"] == true);

    // a generated problem: the same question from its link in another app
    REQUIRE(app.command("problem gen-31") == "");
    const std::string link = app.link();
    CHECK(link.find("problem=gen-31") != std::string::npos);
    const std::string question = state(app)["network"]["practice"]["problem"]["question"];
    App other;
    other.apply_link(link, &warnings);
    CHECK(warnings.empty());
    CHECK(state(other)["network"]["practice"]["problem"]["question"] == question);
    CHECK(app.command("problem nowhere").find("nowhere") != std::string::npos);
    // a problem open when the language changes speaks the new one
    auto backprop = make_backprop_view();
    REQUIRE(backprop->set("problem", "coat-learners") == "");
    text::set_language(text::Lang::zh);
    backprop->language_changed();
    nlohmann::json zh;
    backprop->state(&zh);
    text::set_language(text::Lang::en);
    const std::string title = zh["practice"]["problem"]["title"], asked = zh["practice"]["problem"]["question"];
    CHECK(title.find("参数") != std::string::npos);
    CHECK(asked.find("Which") == std::string::npos);
  }

  TEST_CASE("backprop: dw_numeric and db_numeric beside dw and db; train on lowers the loss") {
    App app;
    REQUIRE(app.command("view backprop-coat") == "");
    nlohmann::json j = state(app)["backprop"];
    REQUIRE(j["layers"].size() == 2);
    for (const auto& layer : j["layers"]) {
      REQUIRE(layer.contains("dw_numeric"));
      REQUIRE(layer["dw_numeric"].size() == layer["dw"].size());
      for (size_t o = 0; o < layer["dw"].size(); ++o)
        for (size_t i = 0; i < layer["dw"][o].size(); ++i)
          CHECK(layer["dw_numeric"][o][i].get<double>() == doctest::Approx(layer["dw"][o][i].get<double>()).epsilon(1e-3));
      for (size_t o = 0; o < layer["db"].size(); ++o)
        CHECK(layer["db_numeric"][o].get<double>() == doctest::Approx(layer["db"][o].get<double>()).epsilon(1e-3));
    }
    CHECK(j["gradient_check"]["agree"] == true);
    REQUIRE(app.command("train on 20") == "");
    j = state(app)["backprop"]["train_on"];
    REQUIRE(j["losses"].size() == 21);
    CHECK(j["losses"][20].get<float>() < j["losses"][0].get<float>());
    CHECK(app.command("train on 0").find("1 to") != std::string::npos);
    CHECK(app.command("set samples 1,2:1").find("3 inputs") != std::string::npos);
    // in Your turn the practice state is the Backprop view's too
    REQUIRE(app.command("practice on") == "");
    CHECK(state(app)["backprop"]["practice"]["on"] == true);
    CHECK(state(app)["backprop"]["practice"]["status"].size() == state(app)["backprop"]["steps"].size());
    // the Python export belongs to the lab
    CHECK(app.command("export python").find("MNIST") != std::string::npos);
  }

  TEST_CASE("in Chinese: the diagnosis and the refusals are Chinese, the numbers the same") {
    text::set_language(text::Lang::zh);
    App app;
    REQUIRE(app.command("view neuron") == "");
    REQUIRE(app.command("practice on") == "");
    REQUIRE(app.command("answer 0") == "");
    REQUIRE(app.command("answer 16") == "");
    const std::string feedback = state(app)["neuron"]["practice"]["feedback"];
    const std::string off = app.command("practice sideways");
    text::set_language(text::Lang::en);
    CHECK(feedback.find("你用了 x₂ = 10；x₂ 是 1。") != std::string::npos);
    CHECK(off.find("用法") != std::string::npos);
  }
}
