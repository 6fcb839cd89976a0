// The app's views (the sidebar's entries) and their names in links and commands.
#pragma once
#include <iterator>
#include <optional>
#include <string_view>

namespace nnlab::app {

enum class View { neuron, network, backprop, mnist, concepts };
inline constexpr View kAllViews[] = {View::neuron, View::network, View::backprop, View::mnist, View::concepts};

std::string_view view_name(View v);   // "neuron", "network", "backprop", "mnist", "concepts"
std::string_view view_title(View v);  // "Neuron", "Network", "Backprop", "MNIST lab", "Concepts"
std::optional<View> parse_view(std::string_view name);

}  // namespace nnlab::app
