// Hostile input through the whole app, as the fuzz targets (tests/fuzz) found it: whatever a
// learner opens, the app says why in their language, state() stays JSON, and the lab keeps its
// data and network.
#include <doctest/doctest.h>
#include <imgui.h>

#include <nlohmann/json.hpp>
#include <string>

#include "app/app.h"
#include "data/utf8.h"
#include "platform_stubs.h"
#include "text/text.h"
#include "../fuzz/idx_bytes.h"

using namespace nnlab;

namespace {

struct HeadlessApp {
  HeadlessApp() {
    ImGui::CreateContext();
    ImGui::GetIO().DisplaySize = ImVec2(1280, 800);
    app.init({"native", 1.0f, "en"});
  }
  ~HeadlessApp() {
    text::set_language(text::Lang::en);
    ImGui::DestroyContext();
  }
  nlohmann::json state() const {
    const std::string s = app.state_json();
    REQUIRE(valid_utf8(s));
    return nlohmann::json::parse(s);
  }
  app::App app;
};

}  // namespace

TEST_SUITE("reliability") {
  TEST_CASE("a model file of the single byte 0xFE: a message, and state() stays valid JSON") {
    HeadlessApp h;
    REQUIRE(h.app.command("view mnist") == "");
    const std::string answer = h.app.open_file("model.json", "\xfe");
    CHECK(!answer.empty());
    CHECK(valid_utf8(answer));
    const nlohmann::json j = h.state();  // threw (invalid UTF-8) before
    CHECK(j.is_object());
    const std::string name_answer = h.app.open_file("bad\xff name.json", "{");
    CHECK(valid_utf8(name_answer));
    CHECK(h.state().is_object());
  }

  TEST_CASE("four good IDX files of 65 × 65 images are refused and the lab keeps its data and network") {
    for (text::Lang lang : text::kLangs) {
      CAPTURE(int(lang));
      HeadlessApp h;
      REQUIRE(h.app.command("view mnist") == "");
      // A dataset the lab can use first: 28 × 28 images.
      CHECK(h.app.open_file("train-images-idx3-ubyte", fuzz::idx_images(20, 28)) == "");
      CHECK(h.app.open_file("train-labels-idx1-ubyte", fuzz::idx_labels(20, 10)) == "");
      CHECK(h.app.open_file("t10k-images-idx3-ubyte", fuzz::idx_images(10, 28)) == "");
      CHECK(h.app.open_file("t10k-labels-idx1-ubyte", fuzz::idx_labels(10, 10)) == "");
      REQUIRE(h.app.command("train step") == "");
      const nlohmann::json before = h.state()["mnist"];
      REQUIRE(before["data"]["inputs"] == 784);
      if (lang == text::Lang::zh) {  // the web build switches once the font has come; the texts need only the table
        REQUIRE(h.app.command("lang zh") == "");
        text::set_language(text::Lang::zh);
      }
      CHECK(h.app.open_file("train-images-idx3-ubyte", fuzz::idx_images(1, 65)) == "");
      CHECK(h.app.open_file("train-labels-idx1-ubyte", fuzz::idx_labels(1, 10)) == "");
      CHECK(h.app.open_file("t10k-images-idx3-ubyte", fuzz::idx_images(1, 65)) == "");
      const std::string answer = h.app.open_file("t10k-labels-idx1-ubyte", fuzz::idx_labels(1, 10));
      CHECK(answer == text::tr("reliability.data.too_many_pixels",
                               {{"rows", "65"}, {"cols", "65"}, {"pixels", "4225"}, {"max", "4096"}}));
      if (lang == text::Lang::zh) CHECK(answer.find("4225 个像素") != std::string::npos);
      const nlohmann::json after = h.state()["mnist"];
      for (const char* key : {"inputs", "train_count", "test_count", "ready"}) CHECK(after["data"][key] == before["data"][key]);
      CHECK(after["architecture"] == before["architecture"]);
      CHECK(after["training"]["step"] == before["training"]["step"]);
    }
  }

  TEST_CASE("links with exponents read back: 1e+06 is one number, not \"1e 06\"") {
    HeadlessApp h;
    std::vector<std::string> warnings;
    h.app.apply_link("#view=network&lesson=coat&w1=1e+06,1,0.5,-1,0.5,0.5", &warnings);
    CHECK_MESSAGE(warnings.empty(), (warnings.empty() ? "" : warnings[0]));
    const nlohmann::json j = h.state();
    CHECK(j["network"]["layers"][0]["w"][0][0].get<float>() == 1e6f);
    // The link the app writes reads back as itself.
    const std::string link = h.app.link();
    warnings.clear();
    h.app.apply_link(link, &warnings);
    CHECK_MESSAGE(warnings.empty(), link);
    CHECK(h.app.link() == link);
  }

  TEST_CASE("a link with stray bytes: every warning is valid UTF-8, in the learner's language") {
    HeadlessApp h;
    for (const char* link : {"j\x83", ";\x85@", "\xc6", "#view=neuron&\xd4\xd4\xd4\x8c&b=\xff"}) {
      CAPTURE(link);
      std::vector<std::string> warnings;
      h.app.apply_link(link, &warnings);
      CHECK_FALSE(warnings.empty());
      for (const std::string& w : warnings) CHECK(valid_utf8(w));
      CHECK(h.state().is_object());
    }
    std::vector<std::string> warnings;
    REQUIRE(h.app.command("lang zh") == "");
    text::set_language(text::Lang::zh);  // the web build switches once the font has come; the texts need only the table
    h.app.apply_link("#view=neuron&oops", &warnings);
    text::set_language(text::Lang::en);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0] == "已忽略“oops”：链接的每一部分都应写成“名称=值”的形式");
  }

  TEST_CASE("Save never replaces an earlier file without asking: the first Save asks, the next replaces") {
    for (text::Lang lang : text::kLangs) {
      CAPTURE(int(lang));
      test::saved_files().clear();
      HeadlessApp h;
      if (lang == text::Lang::zh) {  // the web build switches once the font has come; the texts need only the table
        REQUIRE(h.app.command("lang zh") == "");
        text::set_language(text::Lang::zh);
      }
      REQUIRE(h.app.command("view mnist") == "");
      CHECK(h.app.open_file("train-images-idx3-ubyte", fuzz::idx_images(20, 28)) == "");
      CHECK(h.app.open_file("train-labels-idx1-ubyte", fuzz::idx_labels(20, 10)) == "");
      CHECK(h.app.open_file("t10k-images-idx3-ubyte", fuzz::idx_images(10, 28)) == "");
      CHECK(h.app.open_file("t10k-labels-idx1-ubyte", fuzz::idx_labels(10, 10)) == "");
      REQUIRE(h.app.command("save") == "");
      REQUIRE(test::saved_files().count("nnlab-model.json") == 1);
      const std::string first = test::saved_files()["nnlab-model.json"];
      REQUIRE(h.app.command("train step") == "");
      REQUIRE(h.app.command("save") == "");  // asks
      CHECK(test::saved_files()["nnlab-model.json"] == first);
      const std::string asked = h.state()["mnist"]["message"].get<std::string>();
      CHECK(asked == text::tr("reliability.save.exists", {{"name", "nnlab-model.json"}, {"command", "save replace"}}));
      REQUIRE(h.app.command("save") == "");  // replaces
      CHECK(test::saved_files()["nnlab-model.json"] != first);
      const std::string second = test::saved_files()["nnlab-model.json"];
      REQUIRE(h.app.command("train step") == "");
      REQUIRE(h.app.command("save replace") == "");  // says so at once
      CHECK(test::saved_files()["nnlab-model.json"] != second);
    }
    test::saved_files().clear();
  }

  TEST_CASE("a file named like the Chinese font but holding something else is refused before the font builder reads it") {
    HeadlessApp h;
    for (const std::string& bytes : {std::string("\0\1\0\0", 4) + std::string(64, 'x'), std::string("\0\1\0\0\0\x10", 6),
                                     std::string("\xfe")}) {
      CHECK(h.app.open_file("ui-zh.ttf", bytes) == text::T("app.font_broken"));
      CHECK(h.state().is_object());
    }
  }
}
