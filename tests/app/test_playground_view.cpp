// The Playground view without drawing: the hand calculation's ŷ is the Playground's own output at
// the point (for every kind of network it builds, up to the largest), a link with weights
// reproduces the same test loss, the commands and their refusals, classroom links, texts in Chinese.
#include <doctest/doctest.h>

#include <cmath>
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

// Opens the Playground with `link`, trains a little, and checks the hand calculation at (x, y).
void check_hand(App& app, const std::string& link, int epochs, float x, float y) {
  CAPTURE(link);
  std::vector<std::string> warnings;
  app.apply_link("#view=playground" + link, &warnings);
  for (const std::string& w : warnings) MESSAGE(w);
  REQUIRE(warnings.empty());
  REQUIRE(app.current() == ViewId::playground);
  for (int i = 0; i < epochs; ++i) REQUIRE(app.command("train step") == "");
  REQUIRE(app.command("probe " + std::to_string(x) + " " + std::to_string(y)) == "");
  const nlohmann::json before = state(app)["playground"];
  const std::vector<float> want = before["output_at"]["output"].get<std::vector<float>>();
  REQUIRE(!want.empty());
  REQUIRE(app.command("hand " + std::to_string(x) + " " + std::to_string(y)) == "");
  CHECK(app.current() == ViewId::network);
  const nlohmann::json lesson = state(app)["network"];
  CHECK(lesson["lesson"] == "custom");
  CHECK(lesson["shape"] == before["network"]["shape"]);
  CHECK(lesson["x"].get<std::vector<float>>() == before["output_at"]["features"].get<std::vector<float>>());
  const std::vector<float> got = lesson["output"].get<std::vector<float>>();
  REQUIRE(got.size() == want.size());
  for (size_t k = 0; k < got.size(); ++k) CHECK(std::fabs(got[k] - want[k]) <= 1e-6f);
  CHECK(lesson["step_count"].get<int>() > 0);
}

}  // namespace

TEST_SUITE("app playground view") {
  TEST_CASE("the hand calculation's ŷ equals the Playground's output at that point") {
    App app;
    check_hand(app, "", 3, 1.5f, -2.25f);
    check_hand(app, "&data=xor&features=x1,x2,x1x2&net=3&out=sigmoid&loss=cross-entropy", 2, -3.0f, 0.5f);
    check_hand(app, "&data=blobs4&net=5,4&act=relu&loss=cross-entropy", 2, 2.0f, 2.0f);
    check_hand(app, "&data=reg-gauss&net=6,6&acts=leaky-relu,sigmoid", 2, 0.1f, 5.9f);
    check_hand(app, "&data=circle&net=", 2, 0.0f, 0.0f);  // no hidden layer
    // the largest network the Playground builds: 7 features, 8 hidden layers of 16, 4 classes
    check_hand(app, "&data=blobs4&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2&net=16,16,16,16,16,16,16,16&act=tanh", 1, -4.5f,
               3.25f);
    const nlohmann::json s = state(app);
    CHECK(s["network"]["parameters"] == 7 * 16 + 16 + 7 * (16 * 16 + 16) + 16 * 4 + 4);
  }

  TEST_CASE("a link with weights reproduces the network and its test loss") {
    App a;
    REQUIRE(a.command("view playground") == "");
    REQUIRE(a.command("link #view=playground&data=spiral&noise=15&seed=9&features=x1,x2,sinx1,sinx2&net=6,4&lr=0.1") == "");
    for (int i = 0; i < 20; ++i) REQUIRE(a.command("train step") == "");
    const nlohmann::json sa = state(a);
    const std::string link = sa["link"];
    CHECK(sa["playground"]["link_has_weights"] == true);
    CHECK(link.find("&w=") != std::string::npos);
    App b;
    std::vector<std::string> warnings;
    b.apply_link(link, &warnings);
    CHECK(warnings.empty());
    const nlohmann::json sb = state(b);
    CHECK(sb["view"] == "playground");
    CHECK(sb["playground"]["test_loss"].get<float>() == sa["playground"]["test_loss"].get<float>());
    CHECK(sb["playground"]["network"]["layers"] == sa["playground"]["network"]["layers"]);
    CHECK(sb["playground"]["points"] == sa["playground"]["points"]);
    // past the limit a link has the settings but not the weights
    REQUIRE(a.command("set net 16,16,16") == "");
    REQUIRE(a.command("train step") == "");
    CHECK(state(a)["playground"]["link_has_weights"] == false);
  }

  TEST_CASE("edited points travel in the link; refusals change nothing") {
    App a;
    REQUIRE(a.command("view playground") == "");
    REQUIRE(a.command("point clear") == "");
    REQUIRE(a.command("point add 1 2 1") == "");
    REQUIRE(a.command("point add -3 -1 0") == "");
    REQUIRE(a.command("point add 4 4 -1") == "");  // TF's −1 is class 0
    nlohmann::json s = state(a)["playground"];
    CHECK(s["point_count"] == 3);
    CHECK(s["points"][2][2] == 0);
    CHECK(a.command("point add 9 0 1").find("outside") != std::string::npos);
    CHECK(a.command("point add 1 1 2").find("class") != std::string::npos);
    CHECK(a.command("point move 7 0 0").find("usage") != std::string::npos);
    REQUIRE(a.command("point move 0 -1 -1") == "");
    REQUIRE(a.command("point remove 1") == "");
    s = state(a)["playground"];
    CHECK(s["point_count"] == 2);
    CHECK(s["points"][0][0] == -1.0f);
    App b;
    std::vector<std::string> warnings;
    b.apply_link(state(a)["link"].get<std::string>(), &warnings);
    CHECK(warnings.empty());
    CHECK(state(b)["playground"]["points"] == s["points"]);
    // bad settings and bad weights: a message, nothing changed
    const std::string link = state(a)["link"];
    CHECK_FALSE(a.command("set lr 50").empty());
    CHECK_FALSE(a.command("set net 4,99").empty());
    CHECK_FALSE(a.command("set w 1,2,3").empty());
    CHECK_FALSE(a.command("set pts 1,2,3").empty());
    CHECK_FALSE(a.command("set data moons").empty());
    CHECK(state(a)["link"] == link);
    CHECK(a.command("train fly").find("usage") != std::string::npos);
  }

  TEST_CASE("training commands, divergence, the landscape and its race") {
    App a;
    REQUIRE(a.command("view playground") == "");
    REQUIRE(a.command("train step") == "");
    nlohmann::json s = state(a)["playground"];
    CHECK(s["epoch"] == 1);
    REQUIRE(a.command("train step batch") == "");
    s = state(a)["playground"];
    CHECK(s["epoch"] == 1);
    CHECK(s["step_in_epoch"] == 1);
    REQUIRE(a.command("train reset") == "");
    CHECK(state(a)["playground"]["epoch"] == 0);
    // a learning rate far too high: training stops with the last good weights and says why
    REQUIRE(a.command("link #view=playground&data=reg-plane&net=8,8&act=relu&lr=10&batch=1") == "");
    for (int i = 0; i < 30 && !state(a)["playground"]["diverged"].get<bool>(); ++i) REQUIRE(a.command("train step") == "");
    s = state(a)["playground"];
    REQUIRE(s["diverged"] == true);
    CHECK(s["message"].get<std::string>().find("infinite") != std::string::npos);
    for (const auto& layer : s["network"]["layers"])
      for (const auto& row : layer["w"])
        for (const auto& w : row) CHECK(std::isfinite(w.get<float>()));
    // the landscape of two weights, and the three optimizers racing on it
    REQUIRE(a.command("link #view=playground&data=circle&net=3&lr=0.1") == "");
    CHECK_FALSE(a.command("race").empty());  // no axes yet
    REQUIRE(a.command("landscape w 1 1 1 w 2 1 2") == "");
    REQUIRE(a.command("race 0.3") == "");
    s = state(a)["playground"]["landscape"];
    CHECK(s["ready"] == true);
    CHECK(s["race"].size() == 3);
    CHECK(s["race"][0]["optimizer"] == "sgd");
    CHECK(s["race"][2]["optimizer"] == "adam");
    CHECK(a.command("landscape w 1 1 1 w 1 1 1").find("different") != std::string::npos);
    CHECK(a.command("landscape w 9 1 1 b 1 1").find("usage") != std::string::npos);
  }

  TEST_CASE("classroom links hide controls and lock the shape") {
    App a;
    std::vector<std::string> warnings;
    a.apply_link("#view=playground&data=spiral&net=4&hide=lr,features,classroom&lock=on", &warnings);
    CHECK(warnings.empty());
    CHECK_FALSE(a.command("set net 8,8").empty());
    CHECK(a.command("set lr 0.1") == "");  // hidden from the screen, still scriptable
    const std::string link = state(a)["link"];
    CHECK(link.find("&hide=features,lr,classroom&lock=on") != std::string::npos);
    CHECK(a.command("set lock off") == "");
    CHECK(a.command("set net 8,8") == "");
  }

  TEST_CASE("the Playground's messages in Chinese keep their numbers") {
    App a;
    REQUIRE(a.command("view playground") == "");
    const std::string en = a.command("set noise 77");
    text::set_language(text::Lang::zh);
    const std::string zh = a.command("set noise 77");
    const std::string zh_points = a.command("point add 9 0 1");
    text::set_language(text::Lang::en);
    CHECK(en != zh);
    CHECK(zh.find("77") != std::string::npos);
    CHECK(zh.find("noise") == std::string::npos);
    CHECK(zh_points.find("−6") != std::string::npos);
  }
}
