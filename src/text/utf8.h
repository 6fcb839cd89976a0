// UTF-8 checks for text that comes from outside (file names, file contents quoted in messages,
// page↔worker messages): anything that reaches JSON or the screen must be valid UTF-8.
#pragma once
#include <string>
#include <string_view>

namespace nnlab {

// True for well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool valid_utf8(std::string_view text);
// The text with every byte that is not part of a well-formed sequence replaced by U+FFFD (�).
std::string to_valid_utf8(std::string_view text);

}  // namespace nnlab
