// Shape text (see shape_text.h).
#include "core/shape_text.h"

#include "core/mlp.h"

namespace nnlab {

std::string shape_text(const Mlp& model) {
  std::string s = std::to_string(model.input_size());
  for (int l = 0; l < model.layer_count(); ++l) s += "-" + std::to_string(model.layer(l).outputs);
  return s;
}

std::string shape_text(std::span<const int> sizes) {
  std::string s;
  for (size_t k = 0; k < sizes.size(); ++k) s += (k ? "-" : "") + std::to_string(sizes[k]);
  return s;
}

}  // namespace nnlab
