// activation_text.cpp — the table of activation_text.h: string-table keys per activation, looked up
// once per language (the tables' texts live as long as the program).
#include "lessons/activation_text.h"

#include <array>
#include <string>

#include "text/text.h"

namespace nnlab {
namespace {

struct Keys {
  const char* label;
  const char* symbol;  // not translated: a formula's symbol
  const char* formula;
  const char* derivative;
  bool math_only = false;  // formula and derivative are the texts themselves: math without words,
                           // the same in every language (softmax's ⱼ is not in the Chinese font's cut)
};

// In the order of enum class Activation (core/activations.h).
const Keys kKeys[kActivationCount] = {
    {"act.identity.label", "identity", "act.identity.formula", "act.identity.derivative"},
    {"act.relu.label", "ReLU", "act.relu.formula", "act.relu.derivative"},
    {"act.leaky_relu.label", "leaky ReLU", "act.leaky_relu.formula", "act.leaky_relu.derivative"},
    {"act.sigmoid.label", "σ", "act.sigmoid.formula", "act.sigmoid.derivative"},
    {"act.tanh.label", "tanh", "act.tanh.formula", "act.tanh.derivative"},
    {"act.softmax.label", "softmax", "softmax(z)ᵢ = e^zᵢ / Σⱼ e^zⱼ", "∂aᵢ/∂zⱼ = aᵢ(δᵢⱼ − aⱼ)", true},
    {"act.step.label", "step", "act.step.formula", "act.step.derivative"},
};
static_assert(int(Activation::identity) == 0 && int(Activation::relu) == 1 && int(Activation::leaky_relu) == 2 &&
              int(Activation::sigmoid) == 3 && int(Activation::tanh) == 4 && int(Activation::softmax) == 5 &&
              int(Activation::step) == 6);

// One language's texts and the ActivationText views into them (built once, kept for the program).
// A formula may name its function as {f} (the symbol), e.g. "{f}′(z) = 0 …".
struct Table {
  std::array<std::string, 3 * kActivationCount> texts;
  std::array<ActivationText, kActivationCount> views;
};

const Table& table_in(text::Lang lang) {
  static Table tables[2];
  Table& t = tables[lang == text::Lang::zh ? 1 : 0];
  for (int i = 0; i < kActivationCount; ++i) {
    const Keys& k = kKeys[i];
    std::string* texts = &t.texts[size_t(3 * i)];
    texts[0] = text::T_in(lang, k.label);
    texts[1] = k.math_only ? k.formula : text::tr_in(lang, k.formula, {{"f", k.symbol}});
    texts[2] = k.math_only ? k.derivative : text::tr_in(lang, k.derivative, {{"f", k.symbol}});
    t.views[size_t(i)] = {texts[0].c_str(), k.symbol, texts[1].c_str(), texts[2].c_str()};
  }
  return t;
}

}  // namespace

const ActivationText& activation_text(Activation act) {
  static const Table& en = table_in(text::Lang::en);
  static const Table& zh = table_in(text::Lang::zh);
  const int i = int(act);
  const Table& t = text::language() == text::Lang::zh ? zh : en;
  return t.views[size_t(i >= 0 && i < kActivationCount ? i : 0)];
}

}  // namespace nnlab
