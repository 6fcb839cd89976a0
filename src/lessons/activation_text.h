// activation_text.h — one table for how each activation is written: its name in menus, its symbol
// in formulas, its definition and its derivative. Lessons, the Concepts view, the lab and the CLI
// all read this table (the core's activations.h has the functions and the link names).
#pragma once

#include "core/activations.h"

namespace nnlab {

struct ActivationText {
  const char* label;       // in menus: "ReLU", "leaky ReLU", "sigmoid", "tanh", "softmax", "step", "identity"
  const char* symbol;      // in formulas: "ReLU", "leaky ReLU", "σ", "tanh", "softmax", "step", "identity"
  const char* formula;     // "ReLU(z) = max(0, z)"
  const char* derivative;  // "ReLU′(z) = 1 if z > 0, else 0"
};

const ActivationText& activation_text(Activation act);

}  // namespace nnlab
