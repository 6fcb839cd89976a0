// notation.cpp — symbol helpers, see notation.h.
#include "lessons/notation.h"

#include "lessons/activation_text.h"
#include "lessons/number_format.h"
#include "text/text.h"

namespace nnlab {

Notation::Notation(const Mlp& mlp, int first_output) : mlp_(mlp), first_output_(first_output == 0 ? 0 : 1) {}

int Notation::number(int l, int o) const { return l == mlp_.layer_count() - 1 ? o + first_output_ : o + 1; }

std::string Notation::sup(int l) const {
  return mlp_.layer_count() > 1 ? "⁽" + superscript(l + 1) + "⁾" : std::string();
}

std::string Notation::sub(int l, int o) const {
  return mlp_.layer(l).outputs > 1 ? subscript(number(l, o)) : std::string();
}

std::string Notation::pair(int l, int o, int i) const {
  const int row = number(l, o);
  if (row >= 10 || i + 1 >= 10) return subscript(row) + "," + subscript(i + 1);
  return subscript(row) + subscript(i + 1);
}

std::string Notation::x(int i) const { return mlp_.input_size() > 1 ? "x" + subscript(i + 1) : std::string("x"); }

std::string Notation::input(int l, int i) const { return l == 0 ? x(i) : a(l - 1, i); }
std::string Notation::z(int l, int o) const { return "z" + sup(l) + sub(l, o); }
std::string Notation::a(int l, int o) const { return "a" + sup(l) + sub(l, o); }
std::string Notation::b(int l, int o) const { return "b" + sup(l) + sub(l, o); }
std::string Notation::delta(int l, int o) const { return "δ" + sup(l) + sub(l, o); }

std::string Notation::w(int l, int o, int i) const {
  const LayerSpec& spec = mlp_.layer(l);
  if (spec.outputs == 1) return "w" + sup(l) + (spec.inputs > 1 ? subscript(i + 1) : std::string());
  return "W" + sup(l) + pair(l, o, i);
}

std::string Notation::y_hat(int o) const {
  return mlp_.output_size() > 1 ? "ŷ" + subscript(number(mlp_.layer_count() - 1, o)) : std::string("ŷ");
}

std::string Notation::y(int o) const {
  return mlp_.output_size() > 1 ? "y" + subscript(number(mlp_.layer_count() - 1, o)) : std::string("y");
}

std::string Notation::vec(const char* base, int l) const { return base + sup(l); }

std::string Notation::layer_name(int l) const {
  if (mlp_.layer_count() == 1) return text::T("notation.layer.only");  // no superscript, no number
  const bool last = l == mlp_.layer_count() - 1;
  return text::tr(last ? "notation.layer.output" : "notation.layer.hidden", {{"n", std::to_string(l + 1)}});
}

std::string activation_symbol(Activation act) { return activation_text(act).symbol; }

std::string derivative_symbol(Activation act) { return activation_symbol(act) + "′"; }

std::string num(float v) { return format_number(v); }

std::string negated(float v) { return format_number(v == 0 ? 0.0 : -static_cast<double>(v)); }

std::string operand(float v) { return v < 0 ? "(" + num(v) + ")" : num(v); }

std::string vector_text(const float* v, int n) {
  if (n == 1) return num(v[0]);
  std::string out = "[";
  for (int i = 0; i < n; ++i) out += (i ? ", " : "") + num(v[i]);
  return out + "]";
}

}  // namespace nnlab
