// The Playground's settings: the link keys of the contract, refusals that change nothing, what
// each change needs, the problem's output and loss, classroom flags, the round trip through links.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "playground/settings.h"
#include "text/text.h"

using namespace nnlab;
using namespace nnlab::playground;

namespace {
Note set(Settings* s, const char* key, const char* value, Change* change = nullptr) {
  Change c;
  return apply_setting(s, key, value, change ? change : &c);
}
}  // namespace

TEST_SUITE("playground/settings") {
  TEST_CASE("the defaults are TF Playground's") {
    const Settings s;
    CHECK(s.data == DataKind::circle);
    CHECK(s.noise == 0);
    CHECK(s.split == 50);
    CHECK(s.batch == 10);
    CHECK(s.lr == 0.03f);
    CHECK(s.hidden == std::vector<int>{4, 2});
    CHECK(s.act == Activation::tanh);
    CHECK(s.output == Activation::tanh);
    CHECK(s.features == kDefaultFeatures);
    CHECK(s.optimizer == OptimizerKind::sgd);
    CHECK(core_loss(s) == Loss::half_sse);
    const auto layers = layer_specs(s);
    REQUIRE(layers.size() == 3);
    CHECK(layers[0].inputs == 2);
    CHECK(layers[0].outputs == 4);
    CHECK(layers[2].outputs == 1);
    CHECK(layers[2].activation == Activation::tanh);
  }

  TEST_CASE("the contract's link keys") {
    Settings s;
    Note e;
    REQUIRE(settings_from_link(
        "data=spiral&noise=25&split=70&batch=30&lr=0.1&act=relu&net=8,8,6&features=x1,x2,x1sq,sinx1&seed=77&opt=adam"
        "&loss=square&reg=l2&reg_rate=0.003&init=5&speed=max&test=on&discretize=1",
        &s, &e));
    CHECK(e.empty());
    CHECK(s.data == DataKind::spiral);
    CHECK(s.noise == 25);
    CHECK(s.split == 70);
    CHECK(s.batch == 30);
    CHECK(s.lr == 0.1f);
    CHECK(s.hidden == std::vector<int>{8, 8, 6});
    CHECK(s.acts == std::vector<Activation>(3, Activation::relu));
    CHECK(feature_count(s.features) == 4);
    CHECK(s.seed == 77);
    CHECK(s.optimizer == OptimizerKind::adam);
    CHECK(s.reg == Regularization::l2);
    CHECK(s.reg_rate == 0.003f);
    CHECK(s.init == 5);
    CHECK(s.speed == 0);
    CHECK(s.show_test);
    CHECK(s.discretize);
    // and back: the same settings from their own link
    std::string link;
    append_settings_link(s, &link);
    Settings t;
    REQUIRE(settings_from_link(link.substr(1), &t, &e));
    CHECK(t == s);
  }

  TEST_CASE("a refused value says why and changes nothing") {
    Settings s;
    const Settings before = s;
    const char* bad[][2] = {{"data", "moons"},   {"noise", "55"},      {"noise", "x"},     {"split", "95"},
                            {"net", "4,17"},     {"net", "1,1,1,1,1,1,1,1,1"}, {"net", "4,"}, {"act", "swish"},
                            {"lr", "0"},         {"lr", "11"},         {"batch", "0"},     {"batch", "5001"},
                            {"reg", "l3"},       {"reg_rate", "-1"},   {"features", "x9"}, {"features", ""},
                            {"out", "softmax"},  {"loss", "hinge"},    {"opt", "rmsprop"}, {"speed", "0"},
                            {"test", "maybe"},   {"hide", "everything"}, {"seed", "-3"},   {"acts", "relu"}};
    for (const auto& pair : bad) {
      const char *key = pair[0], *value = pair[1];
      CAPTURE(key);
      CAPTURE(value);
      const Note n = set(&s, key, value);
      CHECK_FALSE(n.empty());
      CHECK_FALSE(note_text(n).empty());
      CHECK(s == before);
    }
    const Note unknown = set(&s, "colour", "red");
    CHECK(note_text(unknown).find("colour") != std::string::npos);
    // A link's stray bytes are quoted as U+FFFD, never passed on (the text reaches the screen and JSON).
    const Note stray = set(&s, "data", "\xff\xfe'xor");
    REQUIRE_FALSE(stray.empty());
    CHECK(note_text(stray).find("\xEF\xBF\xBD") != std::string::npos);
    CHECK(note_text(stray).find('\xff') == std::string::npos);
  }

  TEST_CASE("what a change needs") {
    Settings s;
    Change c;
    REQUIRE(set(&s, "lr", "0.3", &c).empty());
    CHECK(c == Change::live);
    REQUIRE(set(&s, "batch", "all", &c).empty());
    CHECK(c == Change::live);
    CHECK(s.batch == 0);
    REQUIRE(set(&s, "net", "3", &c).empty());
    CHECK(c == Change::network);
    REQUIRE(set(&s, "noise", "10", &c).empty());
    CHECK(c == Change::data);
    REQUIRE(set(&s, "discretize", "on", &c).empty());
    CHECK(c == Change::ui);
    REQUIRE(set(&s, "net", "", &c).empty());  // no hidden layer: inputs straight to the output
    CHECK(s.hidden.empty());
    CHECK(layer_specs(s).size() == 1);
  }

  TEST_CASE("the output and the loss follow the problem") {
    Settings s;
    REQUIRE(set(&s, "data", "blobs4").empty());
    CHECK(s.output == Activation::softmax);
    CHECK(output_size(s) == 4);
    REQUIRE(set(&s, "loss", "cross-entropy").empty());
    CHECK(core_loss(s) == Loss::cross_entropy);
    REQUIRE(set(&s, "data", "reg-gauss").empty());
    CHECK(s.output == Activation::identity);
    CHECK(s.loss == LossChoice::square);
    CHECK_FALSE(set(&s, "loss", "cross-entropy").empty());
    CHECK_FALSE(set(&s, "out", "tanh").empty());
    REQUIRE(set(&s, "data", "xor").empty());
    CHECK(s.output == Activation::tanh);
    // cross-entropy needs probabilities: a sigmoid output (binary cross-entropy) or softmax
    CHECK(note_text(set(&s, "loss", "cross-entropy")).find("sigmoid") != std::string::npos);
    REQUIRE(set(&s, "out", "sigmoid").empty());
    REQUIRE(set(&s, "loss", "cross-entropy").empty());
    CHECK(core_loss(s) == Loss::bce);
    CHECK_FALSE(set(&s, "out", "tanh").empty());
  }

  TEST_CASE("per-layer activations; act sets them all") {
    Settings s;
    REQUIRE(set(&s, "net", "4,3,2").empty());
    REQUIRE(set(&s, "acts", "relu,leaky-relu,linear").empty());
    CHECK(layer_specs(s)[1].activation == Activation::leaky_relu);
    CHECK(layer_specs(s)[2].activation == Activation::identity);
    std::string link;
    append_settings_link(s, &link);
    CHECK(link.find("&acts=relu,leaky-relu,linear") != std::string::npos);
    REQUIRE(set(&s, "act", "sigmoid").empty());
    CHECK(s.acts == std::vector<Activation>(3, Activation::sigmoid));
    link.clear();
    append_settings_link(s, &link);
    CHECK(link.find("acts=") == std::string::npos);
    REQUIRE(set(&s, "net", "4,3,2,5").empty());  // a new layer takes `act`
    CHECK(s.acts.back() == Activation::sigmoid);
  }

  TEST_CASE("classroom: hide controls, lock the shape") {
    Settings s;
    REQUIRE(set(&s, "hide", "lr,reg,features,classroom").empty());
    CHECK(s.hides(Control::lr));
    CHECK(s.hides(Control::classroom));
    CHECK_FALSE(s.hides(Control::play));
    REQUIRE(set(&s, "lock", "on").empty());
    CHECK_FALSE(set(&s, "net", "8,8").empty());
    CHECK_FALSE(set(&s, "features", "x1,x2,x1sq").empty());
    CHECK(set(&s, "net", "4,2").empty());  // the same shape is no change
    CHECK(set(&s, "act", "relu").empty());  // knobs still turn
    std::string link;
    append_settings_link(s, &link);
    CHECK(link.find("&hide=features,lr,reg,classroom") != std::string::npos);
    CHECK(link.find("&lock=on") != std::string::npos);
    REQUIRE(set(&s, "lock", "off").empty());
    CHECK(set(&s, "net", "8,8").empty());
  }

  TEST_CASE("state JSON and refusals in Chinese") {
    Settings s;
    nlohmann::json j;
    settings_to_json(s, &j);
    CHECK(j["data"] == "circle");
    CHECK(j["lr"].get<double>() == doctest::Approx(0.03));
    CHECK(j["net"] == "4,2");
    CHECK(j["test"] == false);
    text::set_language(text::Lang::zh);
    const std::string zh = note_text(set(&s, "noise", "77"));
    text::set_language(text::Lang::en);
    const std::string en = note_text(set(&s, "noise", "77"));
    CHECK(zh != en);
    CHECK(zh.find("77") != std::string::npos);
    CHECK(en.find("77") != std::string::npos);
  }
}
