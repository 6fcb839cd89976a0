// The Neuron, Network, Backprop and Concepts views in both languages: after language_changed()
// the texts their state() reports (decision, lesson names, titles, cards, glossary, messages) are
// Chinese, with the same numbers as in English; the fixes made while moving the texts (Adam's bias
// correction, BCE's 1/n, ln, "off for this sample", the loss note, softmax up to 10, the glossary).
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "app/common/widgets.h"
#include "app/lesson/lesson_session.h"
#include "app/lesson/lesson_view.h"
#include "app/views.h"
#include "text/text.h"

using namespace nnlab;
using namespace nnlab::app;

namespace {

// Latin words a Chinese text may keep (names, symbols, code placeholders): as scripts/strings.py.
const std::set<std::string> kLatin = {"relu", "leaky", "tanh", "sigmoid", "softmax", "mnist", "adam", "sgd",
                                      "nnlab", "mse", "max", "min", "exp", "ln", "log", "step", "identity",
                                      "gpu", "ctrl", "relu′", "tanh′"};

// The Latin words of 3+ letters in `s` that a Chinese text should not have.
std::vector<std::string> english_words(const std::string& s) {
  std::vector<std::string> out;
  static const std::regex word("[A-Za-z][A-Za-z_0-9]*(′)?");  // bytes: ′ outside a bracket
  for (auto it = std::sregex_iterator(s.begin(), s.end(), word); it != std::sregex_iterator(); ++it) {
    std::string w = it->str(), lower = w;
    for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
    if (w.size() >= 3 && !kLatin.count(lower)) out.push_back(w);
  }
  return out;
}

bool has_chinese(const std::string& s) {
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0xE4 && c <= 0xE9) return true;  // U+4E00 … U+9FFF start with E4 … E9
  }
  return false;
}

// The numbers written in a text, sorted: the same in both languages.
std::vector<std::string> numbers_of(const std::string& s) {
  std::vector<std::string> out;
  static const std::regex number("(\u2212|-)?[0-9]+([.,][0-9]+)*");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), number); it != std::sregex_iterator(); ++it)
    out.push_back(it->str());
  std::sort(out.begin(), out.end());
  return out;
}

nlohmann::json state_of(const View& v) {
  nlohmann::json j;
  v.state(&j);
  return j;
}

// A text the Chinese UI shows: Chinese, no English left.
void check_chinese(const std::string& s) {
  CAPTURE(s);
  CHECK(has_chinese(s));
  CHECK(english_words(s).empty());
}

// The view's state in English and then in Chinese (and back to English at the end).
struct BothLanguages {
  nlohmann::json en, zh;
  BothLanguages(View& v) {
    text::set_language(text::Lang::en);
    v.language_changed();
    en = state_of(v);
    text::set_language(text::Lang::zh);
    v.language_changed();
    zh = state_of(v);
    text::set_language(text::Lang::en);
    v.language_changed();
  }
};

}  // namespace

TEST_SUITE("app views in Chinese") {
  TEST_CASE("neuron: the decision, the map's note and the plot's caption in Chinese, the numbers unchanged") {
    auto view = make_neuron_view();
    for (const char* act : {"relu", "sigmoid", "tanh", "step"}) {
      CAPTURE(act);
      REQUIRE(view->set("act", act) == "");
      const BothLanguages s(*view);
      for (const char* key : {"decision", "map_note", "plot_caption"}) {
        CAPTURE(key);
        check_chinese(s.zh[key]);
        CHECK(numbers_of(s.zh[key]) == numbers_of(s.en[key]));
      }
      for (const char* key : {"z", "a", "terms", "threshold", "umbrella"}) CHECK(s.zh[key] == s.en[key]);
      // Every activation decides at z > 0: the map's note says the boundary does not move.
      CHECK(s.en["map_note"].get<std::string>().find("never moves the boundary") != std::string::npos);
    }
    CHECK(state_of(*view)["decision"] == "no umbrella");  // English again after the test's switch
    REQUIRE(view->set("x1", "30") == "");
    REQUIRE(view->set("act", "relu") == "");
    text::set_language(text::Lang::zh);
    view->language_changed();
    CHECK(state_of(*view)["decision"] == "不用带伞");
    REQUIRE(view->set("x1", "-10") == "");  // z = 5 + 2 + 1 = 8 → take one
    CHECK(state_of(*view)["decision"] == "带上雨伞");
    // messages: Chinese around the code names they quote
    CHECK(has_chinese(view->set("act", "swish")));
    CHECK(view->set("act", "swish").find("relu, sigmoid, tanh, step") != std::string::npos);
    CHECK(has_chinese(view->set("w9", "1")));
    text::set_language(text::Lang::en);
    view->language_changed();
    CHECK(view->set("act", "swish") == "act must be one of relu, sigmoid, tanh, step (got 'swish')");
  }

  TEST_CASE("network: the lesson names in Chinese; every step's numbers the same in both languages") {
    auto view = make_network_view();
    const BothLanguages s(*view);
    REQUIRE(s.zh["lessons"].size() == 5);
    for (size_t k = 0; k < s.zh["lessons"].size(); ++k) {
      CHECK(s.zh["lessons"][k]["id"] == s.en["lessons"][k]["id"]);
      check_chinese(s.zh["lessons"][k]["name"]);
      CHECK(numbers_of(s.zh["lessons"][k]["name"]) == numbers_of(s.en["lessons"][k]["name"]));
    }
    CHECK(s.en["lessons"][0]["name"] == "Coat 3-2-1");
    REQUIRE(s.zh["steps"].size() == s.en["steps"].size());
    for (size_t k = 0; k < s.zh["steps"].size(); ++k) CHECK(s.zh["steps"][k]["values"] == s.en["steps"][k]["values"]);
    CHECK(s.zh["layers"] == s.en["layers"]);

    // Your own network: its title and intro are the view's.
    REQUIRE(view->set("lesson", "custom") == "");
    const BothLanguages c(*view);
    CHECK(c.en["title"] == "Your own network 3-4-2");
    check_chinese(c.zh["title"]);
    CHECK(c.zh["title"].get<std::string>().find("3-4-2") != std::string::npos);
  }

  TEST_CASE("a language switch keeps the edits, the step and the undo history") {
    auto view = make_network_view();
    auto& lv = static_cast<LessonView&>(*view);
    REQUIRE(view->set("w", "1 1 1 0.5") == "");
    REQUIRE(view->command("step", "4") == std::optional<std::string>(""));
    text::set_language(text::Lang::zh);
    view->language_changed();
    const nlohmann::json j = state_of(*view);
    CHECK(j["layers"][0]["z"][0].get<float>() == doctest::Approx(6.5f));
    CHECK(j["step"] == 3);
    CHECK(lv.session().undo_depth() == 1);
    REQUIRE(view->command("undo", "") == std::optional<std::string>(""));
    CHECK(state_of(*view)["layers"][0]["z"][0].get<float>() == doctest::Approx(-3.5f));
    check_chinese(*view->command("undo", ""));
    text::set_language(text::Lang::en);
    view->language_changed();
  }

  TEST_CASE("backprop: the lesson names say 'off for this sample', not dead; the loss note in both languages") {
    auto view = make_backprop_view();
    const BothLanguages s(*view);
    const std::string coat = s.en["lessons"][0]["name"];
    CHECK(coat.find("dead") == std::string::npos);
    CHECK(coat.find("for this sample") != std::string::npos);
    for (const auto& l : s.zh["lessons"]) check_chinese(l["name"]);
    CHECK(s.en["loss_note"].get<std::string>().find("smaller: the network learned") != std::string::npos);
    check_chinese(s.zh["loss_note"]);
    CHECK(numbers_of(s.zh["loss_note"]) == numbers_of(s.en["loss_note"]));
    CHECK(s.zh["loss_before"] == s.en["loss_before"]);
    CHECK(s.zh["loss_after"] == s.en["loss_after"]);
  }

  TEST_CASE("backprop: the loss note says why the loss did not fall") {
    LessonSession s(std::vector<LessonChoice>{{"backprop-coat", "lessonview.lesson.backprop_coat"}});
    SUBCASE("every gradient 0: nothing learned from this sample (no advice about η)") {
      // the target equal to the output: ∂L/∂ŷ = 0, so every gradient is exactly 0
      REQUIRE(s.set_target(0, s.trace()->ws.a(1)[0]) == "");
      REQUIRE(s.trace()->loss_after == s.trace()->loss_value);
      const std::string note = LessonView::loss_after_text(*s.trace());
      CHECK(note.find("every gradient is 0") != std::string::npos);
      CHECK(note.find("try a smaller") == std::string::npos);
    }
    SUBCASE("the loss grew: a smaller η") {
      // ŷ = 0.5498 below y = 0.6; one step of η = 100 pushes the bias far past it
      REQUIRE(s.set("y", "0.6") == "");
      REQUIRE(s.set("lr", "100") == "");
      REQUIRE(s.trace()->loss_after > s.trace()->loss_value);
      CHECK(LessonView::loss_after_text(*s.trace()).find("try a smaller \u03b7") != std::string::npos);
    }
  }

  TEST_CASE("the lesson session's messages in Chinese keep the command syntax and the numbers") {
    LessonSession s({{"coat", "lessonview.lesson.coat"}, {"mnist-anatomy", "lessonview.lesson.mnist_anatomy"}});
    text::set_language(text::Lang::zh);
    const std::string usage = s.set("w", "1 1");
    CHECK(usage.find("set w LAYER NEURON INPUT VALUE") != std::string::npos);
    CHECK(usage.find("用法") != std::string::npos);
    const std::string neuron = s.set("w", "1 3 1 0.5");
    check_chinese(neuron);
    CHECK(neuron.find("1..2") != std::string::npos);
    const std::string count = s.set("x", "1,2");
    check_chinese(count);
    CHECK(numbers_of(count) == std::vector<std::string>{"2", "3"});
    CHECK(has_chinese(s.set("bogus", "1")));
    REQUIRE(s.set("lesson", "mnist-anatomy") == "");
    check_chinese(s.set("w", "1 1 1 0.5"));
    check_chinese(s.set("y", "1"));
    check_chinese(s.set("lr", "0.1"));
    text::set_language(text::Lang::en);
    CHECK(s.set("w", "1 1 1 0.5") == "this lesson's weights are not editable");
    CHECK(s.set("w", "1 1") == "usage: set w LAYER NEURON INPUT VALUE (from 1, e.g. set w 1 1 2 0.25)");
  }

  TEST_CASE("concepts: titles, cards and glossary in Chinese; the formulas the same in both") {
    auto view = make_concepts_view();
    const BothLanguages s(*view);
    for (const auto& item : s.zh["titles"].items()) {  // (no structured binding: clang 14 cannot capture it)
      const std::string key = item.key();
      CAPTURE(key);
      check_chinese(item.value());
    }
    for (const char* group : {"losses", "optimizers"}) {
      REQUIRE(s.zh[group].size() == s.en[group].size());
      for (size_t k = 0; k < s.zh[group].size(); ++k) {
        const auto &zh = s.zh[group][k], &en = s.en[group][k];
        CAPTURE(en["id"]);
        CHECK(zh["formula"] == en["formula"]);
        if (en["id"] != "adam") check_chinese(zh["title"]);  // "Adam" is its name in both
        check_chinese(zh["text"]);
        CHECK(numbers_of(zh["text"]) == numbers_of(en["text"]));
      }
    }
    auto card = [&](const char* group, const char* id) {
      for (const auto& c : s.en[group])
        if (c["id"] == id) return c;
      FAIL("no card " << id);
      return nlohmann::json();
    };
    // Adam as the core computes it: bias-corrected m̂ and v̂ in the update.
    const std::string adam = card("optimizers", "adam")["formula"];
    CHECK(adam.find("m\u0302 = m/(1 \u2212 \u03b2\u2081\u1d57)") != std::string::npos);
    CHECK(adam.find("v\u0302 = v/(1 \u2212 \u03b2\u2082\u1d57)") != std::string::npos);
    CHECK(adam.find("w \u2190 w \u2212 \u03b7\u00b7m\u0302/(\u221av\u0302 + \u03b5)") != std::string::npos);
    // BCE averaged over the outputs, as losses.cpp computes it; ln, not log.
    CHECK(card("losses", "bce")["formula"] == "L = \u2212(1/n) \u03a3 [y ln \u0177 + (1 \u2212 y) ln(1 \u2212 \u0177)]");
    for (const auto& c : s.en["losses"]) CHECK(c["formula"].get<std::string>().find("log") == std::string::npos);
    CHECK(card("losses", "loss")["text"].get<std::string>().find("natural logarithm") != std::string::npos);
  }

  TEST_CASE("concepts: the glossary has every term, each in both languages, the meaning in the current one") {
    auto view = make_concepts_view();
    const BothLanguages s(*view);
    const std::pair<const char*, const char*> terms[] = {
        {"neuron", "神经元"},
        {"weight", "权重"},
        {"bias", "偏置"},
        {"activation", "激活值"},
        {"activation function", "激活函数"},
        {"weighted sum", "加权求和"},
        {"linear transformation", "线性变换"},
        {"input layer", "输入层"},
        {"hidden layer", "隐藏层"},
        {"output layer", "输出层"},
        {"fully connected layer", "全连接层"},
        {"forward propagation", "前向传播"},
        {"backpropagation", "反向传播"},
        {"chain rule", "链式法则"},
        {"loss function", "损失函数"},
        {"mean squared error", "均方误差"},
        {"cross-entropy", "交叉熵"},
        {"gradient descent", "梯度下降"},
        {"learning rate", "学习率"},
        {"optimizer", "优化器"},
        {"batch / batch size", "批次 / 批量大小"},
        {"epoch", "轮次"},
        {"overfitting", "过拟合"},
        {"underfitting", "欠拟合"},
        {"regularization", "正则化"},
        {"normalization", "归一化"},
        {"accuracy", "准确率"},
        {"confusion matrix", "混淆矩阵"},
        {"hyper-parameter", "超参数"},
    };
    REQUIRE(s.zh["glossary"].size() == std::size(terms));
    for (size_t k = 0; k < std::size(terms); ++k) {
      const auto &zh = s.zh["glossary"][k], &en = s.en["glossary"][k];
      CAPTURE(terms[k].first);
      CHECK(en["en"] == terms[k].first);
      CHECK(en["zh"] == terms[k].second);
      CHECK(zh["en"] == terms[k].first);
      CHECK(zh["zh"] == terms[k].second);
      CHECK(en["term"] == terms[k].first);
      CHECK(zh["term"] == terms[k].second);
      check_chinese(zh["meaning"]);
      CHECK_FALSE(has_chinese(en["meaning"]));
      CHECK(numbers_of(zh["meaning"]) == numbers_of(en["meaning"]));
    }
  }

  TEST_CASE("concepts: softmax takes 2 … 10 values and refuses 11, in both languages") {
    auto view = make_concepts_view();
    REQUIRE(view->set("softmax", "0,1,2,3,4,5,6,7,8,9") == "");
    nlohmann::json j = state_of(*view);
    CHECK(j["softmax"]["p"].size() == 10);
    float sum = 0;
    for (const auto& p : j["softmax"]["p"]) sum += p.get<float>();
    CHECK(sum == doctest::Approx(1.0f));
    CHECK(view->set("softmax", "0,1,2,3,4,5,6,7,8,9,10") == "softmax takes 2 … 10 numbers");
    CHECK(state_of(*view)["softmax"]["z"].size() == 10);  // unchanged
    text::set_language(text::Lang::zh);
    const std::string refused = view->set("softmax", "0,1,2,3,4,5,6,7,8,9,10");
    check_chinese(refused);
    CHECK(numbers_of(refused) == std::vector<std::string>{"10", "2"});
    check_chinese(view->set("z", "9"));
    CHECK(view->set("z", "9").find("\u22125 … 5") != std::string::npos);
    text::set_language(text::Lang::en);
  }

  TEST_CASE("wrapping: between words and Chinese characters, never inside a number") {
    const auto one = [](unsigned) { return 1.0f; };  // every character 1 wide
    using L = std::vector<std::string_view>;
    CHECK(wrap_lines("e ≈ 2.718", 6, one) == L{"e ≈", "2.718"});    // not "e ≈ 2." + "718"
    CHECK(wrap_lines("一二三四五六", 4, one) == L{"一二三四", "五六"});
    CHECK(wrap_lines("一二三，四", 3, one) == L{"一二", "三，四"});  // ， stays after 三
    CHECK(wrap_lines("学习率 η = 0.5", 6, one) == L{"学习率 η", "= 0.5"});
    CHECK(wrap_lines("（一二三", 2, one) == L{"（一", "二三"});  // （ goes with what follows
    CHECK(wrap_lines("a\nb", 10, one) == L{"a", "b"});
    CHECK(wrap_lines("abcdef", 3, one) == L{"abc", "def"});  // a word longer than the line is cut
    CHECK(wrap_lines("", 3, one).empty());
  }
}
