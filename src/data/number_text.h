// Numbers a person typed — in commands, links, stored settings and CLI flags — read by one parser
// for the whole project. A number is the whole text (spaces around it allowed), decimal or with an
// exponent ("0.5", "-3", "1e-4", "1e+06"), finite; hex floats, "inf", "nan" and trailing junk are
// refused. Writing numbers back is float_text.h's job (shortest text that reads back exactly).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace nnlab {

inline constexpr float kMaxTypedValue = 1e6f;  // |weight|, |input|, … a lesson or a view accepts

// The double the text spells; false for anything else (no message: callers name the setting).
bool parse_real(std::string_view text, double* out);
// A whole number in [lo, hi] ("3", also "3.0" or "3e2"); false otherwise.
bool parse_integer(std::string_view text, long long lo, long long hi, long long* out);
// A float the way a person means it: finite, nonzero values must not round to 0 or overflow in
// float (1e-62 is refused, not stored as 0). No range limit.
bool parse_float(std::string_view text, float* out);
// The float nearest a double when it is a finite float (|d| below FLT_MAX's rounding boundary:
// "3.4028235e38", FLT_MAX's shortest text, reads as FLT_MAX); false for anything larger, where
// the conversion itself would be undefined.
bool double_to_float(double d, float* out);

// A value for a lesson or a view: a float with |v| ≤ kMaxTypedValue; false + a readable message.
bool parse_number(std::string_view text, float* out, std::string* error);
// "10,1,1" or "10 1 1" → {10, 1, 1}, each through parse_number; false + message on any bad one
// (or when there is no number at all).
bool parse_numbers(std::string_view text, std::vector<float>* out, std::string* error);

// The text without leading and trailing spaces and tabs.
std::string_view trim_spaces(std::string_view text);

}  // namespace nnlab
