#include "app/view.h"

namespace nnlab::app {

std::string_view view_name(View v) {
  switch (v) {
    case View::neuron: return "neuron";
    case View::network: return "network";
    case View::backprop: return "backprop";
    case View::mnist: return "mnist";
    case View::concepts: return "concepts";
  }
  return "neuron";
}

std::string_view view_title(View v) {
  switch (v) {
    case View::neuron: return "Neuron";
    case View::network: return "Network";
    case View::backprop: return "Backprop";
    case View::mnist: return "MNIST lab";
    case View::concepts: return "Concepts";
  }
  return "Neuron";
}

std::optional<View> parse_view(std::string_view name) {
  for (View v : kAllViews)
    if (view_name(v) == name) return v;
  return std::nullopt;
}

}  // namespace nnlab::app
