// Deep links: "#view=neuron&w1=-0.5&act=relu" ↔ key/value pairs (percent-decoding included).
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nnlab::app {

// Splits a link (with or without the leading '#') into decoded key/value pairs, in order.
// Pairs without '=' or with an empty key are reported in `bad` and skipped.
std::vector<std::pair<std::string, std::string>> parse_link(std::string_view link, std::vector<std::string>* bad);

// Appends "&key=v1,v2,…", each number with the fewest digits that read back as the same float.
void append_link_numbers(std::string* link, std::string_view key, std::span<const float> values);

}  // namespace nnlab::app
