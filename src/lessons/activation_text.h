// activation_text.h — one table for how each activation is written: its name in menus, its symbol
// in formulas, its definition and its derivative. Lessons, the Concepts view, the lab and the CLI
// all read this table (the core's activations.h has the functions and the link names).
//
// The label, formula and derivative come from the string tables in the current language
// (text::language(), read at each call: a view that keeps the pointers rebuilds them when the
// language changes); the symbol is the same in every language.
#pragma once

#include "core/activations.h"

namespace nnlab {

struct ActivationText {
  const char* label;       // in menus: "ReLU", "leaky ReLU", "sigmoid", … (zh: "阶跃函数", "恒等函数", …)
  const char* symbol;      // in formulas: "ReLU", "leaky ReLU", "σ", "tanh", "softmax", "step", "identity"
  const char* formula;     // "ReLU(z) = max(0, z)"
  const char* derivative;  // "ReLU′(z) = 1 if z > 0, else 0"
};

const ActivationText& activation_text(Activation act);  // in the current language

}  // namespace nnlab
