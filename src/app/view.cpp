// The views' names in links and commands, and their titles in the navigation.
#include "app/view.h"

namespace nnlab::app {

std::string_view view_name(ViewId v) {
  switch (v) {
    case ViewId::neuron: return "neuron";
    case ViewId::network: return "network";
    case ViewId::backprop: return "backprop";
    case ViewId::mnist: return "mnist";
    case ViewId::concepts: return "concepts";
  }
  return "neuron";
}

std::string_view view_title(ViewId v) {
  switch (v) {
    case ViewId::neuron: return "Neuron";
    case ViewId::network: return "Network";
    case ViewId::backprop: return "Backprop";
    case ViewId::mnist: return "MNIST lab";
    case ViewId::concepts: return "Concepts";
  }
  return "Neuron";
}

std::optional<ViewId> parse_view(std::string_view name) {
  for (ViewId v : kAllViews)
    if (view_name(v) == name) return v;
  return std::nullopt;
}

}  // namespace nnlab::app
