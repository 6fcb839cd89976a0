// Numbers typed by users, in commands and links: one parser for every view.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace nnlab::app {

// "10,1,1" → {10, 1, 1}; false + error on anything that is not a finite number (|v| ≤ 1e6).
bool parse_numbers(std::string_view text, std::vector<float>* out, std::string* error);
bool parse_number(std::string_view text, float* out, std::string* error);

}  // namespace nnlab::app
