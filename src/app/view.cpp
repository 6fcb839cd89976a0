// The views' names in links and commands, and their titles in the navigation.
#include "app/view.h"

#include "text/text.h"

namespace nnlab::app {

std::string_view view_name(ViewId v) {
  switch (v) {
    case ViewId::neuron: return "neuron";
    case ViewId::network: return "network";
    case ViewId::backprop: return "backprop";
    case ViewId::mnist: return "mnist";
    case ViewId::playground: return "playground";
    case ViewId::concepts: return "concepts";
  }
  return "neuron";
}

const char* view_title(ViewId v) {
  switch (v) {
    case ViewId::neuron: return text::T("view.neuron");
    case ViewId::network: return text::T("view.network");
    case ViewId::backprop: return text::T("view.backprop");
    case ViewId::mnist: return text::T("view.mnist");
    case ViewId::playground: return text::T("playground.title");
    case ViewId::concepts: return text::T("view.concepts");
  }
  return "";
}

std::optional<ViewId> parse_view(std::string_view name) {
  for (ViewId v : kAllViews)
    if (view_name(v) == name) return v;
  return std::nullopt;
}

}  // namespace nnlab::app
