// The lessons in Chinese: every built-in lesson (and the generic trace of small networks, with a
// target) built in both languages has the same steps with bit-identical values and the same
// numbers in its texts, and no English word is left in what a Chinese reader sees.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "lessons/activation_explorer.h"
#include "lessons/activation_text.h"
#include "lessons/builtin.h"
#include "lessons/notation.h"
#include "lessons/steps_text.h"
#include "lessons/trace.h"
#include "text/text.h"

using namespace nnlab;

namespace {

// Sets the language for one test and puts English back afterwards (tests run in English).
struct Language {
  explicit Language(text::Lang lang) { text::set_language(lang); }
  ~Language() { text::set_language(text::Lang::en); }
};

// Terms a Chinese text keeps in Latin: function names and symbols of formulas, proper names.
const std::set<std::string> kKeptInLatin = {"ReLU",    "Leaky",   "leaky",    "Sigmoid", "tanh",   "Softmax",
                                            "softmax", "step",    "identity", "max",     "argmax", "Mazur",
                                            "MNIST",   "PyTorch", "log",      "NaN"};

// ASCII letter runs of 3 or more letters that are not kept in Latin.
std::vector<std::string> english_words(const std::string& text) {
  std::vector<std::string> words;
  for (size_t i = 0; i < text.size();) {
    const auto letter = [&](size_t k) {
      const char c = text[k];
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    };
    if (!letter(i)) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && letter(j)) ++j;
    const std::string word = text.substr(i, j - i);
    if (word.size() >= 3 && !kKeptInLatin.count(word)) words.push_back(word);
    i = j;
  }
  return words;
}

// Every number written in a text (ASCII digits with their . and , and a leading minus sign), sorted:
// the same multiset in both languages, whatever each language's word order.
std::vector<std::string> numbers(const std::string& text) {
  std::vector<std::string> out;
  const std::string minus = "−";
  for (size_t i = 0; i < text.size();) {
    if (!(text[i] >= '0' && text[i] <= '9')) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && ((text[j] >= '0' && text[j] <= '9') || text[j] == '.' || text[j] == ',')) ++j;
    std::string n = text.substr(i, j - i);
    while (!n.empty() && (n.back() == '.' || n.back() == ',')) n.pop_back();  // "0.5498." ends a sentence
    if (i >= minus.size() && text.compare(i - minus.size(), minus.size(), minus) == 0) n = minus + n;
    out.push_back(n);
    i = j;
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}

void check_chinese_text(const char* what, const std::string& zh, const std::string& en) {
  CAPTURE(what);
  CAPTURE(zh);
  CHECK(english_words(zh) == std::vector<std::string>{});
  CHECK(numbers(zh) == numbers(en));
}

// The same lesson built once in English and once in Chinese.
void check_both(const std::function<Lesson()>& build) {
  Lesson en, zh;
  {
    Language lang(text::Lang::en);
    en = build();
  }
  {
    Language lang(text::Lang::zh);
    zh = build();
  }
  CAPTURE(en.title);
  REQUIRE(!en.steps.empty());
  CHECK(zh.id == en.id);
  CHECK(zh.title != en.title);
  check_chinese_text("title", zh.title, en.title);
  check_chinese_text("intro", zh.intro, en.intro);
  REQUIRE(zh.steps.size() == en.steps.size());
  for (size_t k = 0; k < en.steps.size(); ++k) {
    const Step &e = en.steps[k], &z = zh.steps[k];
    CAPTURE(k);
    CAPTURE(e.substituted);
    CHECK(z.kind == e.kind);
    CHECK(z.layer == e.layer);
    CHECK(z.neuron == e.neuron);
    CHECK(z.input == e.input);
    CHECK(same_bits(z.values, e.values));
    CHECK(z.highlight.layer == e.highlight.layer);
    CHECK(z.highlight.neurons.size() == e.highlight.neurons.size());
    CHECK(z.highlight.weights.size() == e.highlight.weights.size());
    CHECK(z.highlight.biases.size() == e.highlight.biases.size());
    check_chinese_text("symbolic", z.symbolic, e.symbolic);
    check_chinese_text("substituted", z.substituted, e.substituted);
    check_chinese_text("explanation", z.explanation, e.explanation);
    CHECK(z.explanation != e.explanation);
  }
  // What the CLI prints: only the layout's words change.
  Language lang(text::Lang::zh);
  CHECK(english_words(steps_as_text(zh)) == std::vector<std::string>{});
}

Lesson builtin(const char* id) {
  Lesson lesson;
  std::string error;
  const bool ok = build_builtin_lesson(id, &lesson, &error);
  CAPTURE(error);
  REQUIRE(ok);
  return lesson;
}

Lesson built(bool (*build)(const Scenario&, Lesson*, std::string*), const Scenario& s) {
  Lesson lesson;
  std::string error;
  const bool ok = build(s, &lesson, &error);
  CAPTURE(error);
  REQUIRE(ok);
  return lesson;
}

Lesson traced(const Scenario& s) {
  Lesson lesson;
  std::string error;
  const bool ok = build_trace_lesson(s, TraceOptions{}, &lesson, &error);
  CAPTURE(error);
  REQUIRE(ok);
  return lesson;
}

}  // namespace

TEST_SUITE("lessons/zh") {
  TEST_CASE("every built-in lesson in Chinese: the same steps and numbers, no English left") {
    for (const BuiltinLesson& b : builtin_lessons()) {
      CAPTURE(b.id);
      check_both([&] { return builtin(b.id); });
      std::string en_title, zh_title;
      {
        Language lang(text::Lang::zh);
        zh_title = b.title();
      }
      en_title = b.title();
      CHECK(english_words(zh_title) == std::vector<std::string>{});
      CHECK(numbers(zh_title) == numbers(en_title));
    }
  }

  TEST_CASE("the lessons' other branches in Chinese: edited scenarios, every activation and loss") {
    for (Activation act : {Activation::relu, Activation::leaky_relu, Activation::sigmoid, Activation::tanh,
                           Activation::step, Activation::identity})
      for (const std::vector<float>& x : {std::vector<float>{10, 1}, {-4, 1}, {-5, 0}, {6, 1}}) {
        CAPTURE(activation_name(act));
        Scenario s = umbrella_scenario(act);
        s.x = x;
        check_both([&] { return built(umbrella_lesson, s); });
      }
    Scenario zero_weight = umbrella_scenario();
    zero_weight.mlp.weights(0)[1] = 0.0f;
    check_both([&] { return built(umbrella_lesson, zero_weight); });

    // The coat's score on every side of the line: just above (both hidden neurons on), well above,
    // well below, just below, exactly on it.
    struct Coat {
      std::vector<float> x;
      float w2, b2;  // W⁽²⁾ from hidden neuron 2, b⁽²⁾
    };
    for (const Coat& c : {Coat{{0, 1, 1}, -0.5f, 0.2f}, Coat{{0, 1, 1}, 0.0f, 0.2f}, Coat{{-20, 1, 1}, -0.5f, 0.2f},
                          Coat{{10, 1, 1}, -0.5f, -0.2f}, Coat{{10, 1, 1}, -0.5f, 0.0f}}) {
      Scenario coat = coat_scenario();
      coat.x = c.x;
      coat.mlp.weights(1)[1] = c.w2;
      coat.mlp.bias(1)[0] = c.b2;
      check_both([&] { return built(coat_lesson, coat); });
    }

    for (Loss loss : {Loss::half_sse, Loss::mse, Loss::bce}) {
      Scenario s = backprop_coat_scenario();
      s.loss = loss;
      s.x = {0.0f, 1.0f, 1.0f};  // every gradient non-zero
      check_both([&] { return built(backprop_lesson, s); });
    }
    Scenario overshoot = backprop_sigmoid_scenario();
    overshoot.learning_rate = 60.0f;  // the loss goes up
    check_both([&] { return built(backprop_lesson, overshoot); });
    Scenario flat = backprop_sigmoid_scenario();
    flat.learning_rate = 0.0f;  // no update steps
    check_both([&] { return built(backprop_lesson, flat); });

    Scenario classes = mnist_output_scenario();
    const LayerSpec four[] = {{16, 4, Activation::softmax}};
    REQUIRE(classes.mlp.build(four, nullptr));
    classes.mlp.init_params(2);
    check_both([&] { return built(mnist_output_lesson, classes); });

    Scenario one = mnist_anatomy_scenario();
    const LayerSpec shapes[] = {{9, 1, Activation::sigmoid}};
    REQUIRE(one.mlp.build(shapes, nullptr));
    one.x.assign(9, 0.0f);
    check_both([&] { return built(anatomy_lesson, one); });
  }

  TEST_CASE("the generic trace of small custom networks with a target, in Chinese") {
    struct Case {
      Activation hidden, out;
      Loss loss;
      std::vector<float> y;
      int first_output;
    };
    const Case cases[] = {{Activation::tanh, Activation::softmax, Loss::cross_entropy, {0, 1}, 0},
                          {Activation::relu, Activation::sigmoid, Loss::bce, {1, 0}, 1},
                          {Activation::leaky_relu, Activation::identity, Loss::mse, {0.3f, -0.7f}, 1},
                          {Activation::sigmoid, Activation::tanh, Loss::half_sse, {0.5f, -0.5f}, 1},
                          {Activation::step, Activation::sigmoid, Loss::half_sse, {1, 0}, 1},
                          {Activation::relu, Activation::softmax, Loss::half_sse, {0, 1}, 1}};
    uint64_t seed = 11;
    for (const Case& c : cases) {
      CAPTURE(activation_name(c.hidden));
      CAPTURE(activation_name(c.out));
      const LayerSpec layers[] = {{0, 3, c.hidden}, {0, 2, c.out}};
      Scenario s;
      std::string error;
      REQUIRE(custom_scenario(2, layers, seed++, &s, &error));
      s.x = {0.7f, -1.2f};
      s.y = c.y;
      s.loss = c.loss;
      s.learning_rate = 0.1f;
      s.first_output = c.first_output;
      check_both([&] { return traced(s); });
    }
    Scenario forward_only;
    const LayerSpec layers[] = {{0, 4, Activation::relu}, {0, 1, Activation::sigmoid}};
    std::string error;
    REQUIRE(custom_scenario(3, layers, 4, &forward_only, &error));
    check_both([&] { return traced(forward_only); });
  }

  TEST_CASE("the softmax lesson, the activation table and the messages in Chinese") {
    const float z[] = {2.0f, 1.0f, 0.1f, -1.0f};
    check_both([&] { return softmax_lesson(z); });

    for (int i = 0; i < kActivationCount; ++i) {
      const Activation act = static_cast<Activation>(i);
      CAPTURE(activation_name(act));
      const ActivationText en = activation_text(act);
      const std::string en_label = en.label, en_formula = en.formula, en_derivative = en.derivative;
      Language lang(text::Lang::zh);
      const ActivationText& zh = activation_text(act);
      CHECK(std::string(zh.symbol) == en.symbol);
      check_chinese_text("label", zh.label, en_label);
      check_chinese_text("formula", zh.formula, en_formula);
      check_chinese_text("derivative", zh.derivative, en_derivative);
    }
    {
      Language lang(text::Lang::zh);
      CHECK(std::string(activation_text(Activation::step).label) == "阶跃函数");
      CHECK(std::string(activation_text(Activation::step).formula) == "step(z) = 1（z > 0 时），否则为 0");
      CHECK(std::string(activation_text(Activation::identity).label) == "恒等函数");
    }
    CHECK(std::string(activation_text(Activation::step).label) == "step");  // English again

    Language lang(text::Lang::zh);
    std::string error;
    Lesson lesson;
    Scenario s = coat_scenario();
    s.x = {1, 2};
    CHECK_FALSE(build_trace_lesson(s, {}, &lesson, &error));
    check_chinese_text("error", error, "2 3");
    CHECK_FALSE(build_builtin_lesson("raincoat", &lesson, &error));
    CHECK(error.find("raincoat") != std::string::npos);
    CHECK_FALSE(backprop_lesson(coat_scenario(), &lesson, &error));
    CHECK(english_words(error) == std::vector<std::string>{});
    const LayerSpec too_wide[] = {{0, kMaxCustomNeurons + 1, Activation::relu}};
    CHECK_FALSE(custom_scenario(2, too_wide, 1, &s, &error));
    CHECK(english_words(error) == std::vector<std::string>{});
  }

  TEST_CASE("the brief's sentences, and a lesson built again after a change of language") {
    Language lang(text::Lang::zh);
    const Lesson coat = builtin("coat");
    const Step* h1 = find_step(coat, StepKind::sum, 0, 0);
    CHECK(h1->substituted == "z⁽¹⁾₁ = (−0.5 × 10) + (1 × 1) + (0.5 × 1) + 0 = −3.5");
    CHECK(h1->explanation.rfind("第 1 层（隐藏层）的神经元 1 把每个输入乘以对应的权重再加上偏置：加权求和得 −3.5。",
                                0) == 0);
    CHECK(Notation(coat_scenario().mlp).layer_name(1) == "第 2 层（输出层）");
    const Lesson backprop = builtin("backprop-coat");
    CHECK(find_step(backprop, StepKind::delta, 0, 0)->explanation.find("这个样本让它处于关闭状态") == 0);
    CHECK(backprop.title == "手算反向传播：3-2-1，半平方误差");
    text::set_language(text::Lang::en);
    CHECK(builtin("coat").title == "The coat network 3-2-1");
  }
}
