// A network's shape as text, the one spelling every layer prints: inputs, then each layer's
// outputs, joined by '-'.
#pragma once

#include <span>
#include <string>

namespace nnlab {

class Mlp;

std::string shape_text(const Mlp& model);            // 3 inputs, layers of 4 and 2 → "3-4-2" ("0": no layers)
std::string shape_text(std::span<const int> sizes);  // {784, 16, 16, 10} → "784-16-16-10" ("": none)

}  // namespace nnlab
