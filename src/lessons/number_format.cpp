// number_format.cpp — see number_format.h for the rules and examples.
#include "lessons/number_format.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace nnlab {
namespace {

constexpr const char* kMinus = "\xE2\x88\x92";  // U+2212 MINUS SIGN

// "1234567" → "1,234,567" (digits only, no sign).
std::string group_thousands(const std::string& digits) {
  std::string out;
  const int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// Removes trailing zeros after a decimal point, and the point itself if nothing follows it.
void strip_trailing_zeros(std::string& s) {
  if (s.find('.') == std::string::npos) return;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
}

std::string digits_with(int n, const char* const table[10], const char* minus) {
  std::string out = n < 0 ? minus : "";
  const std::string digits = std::to_string(n < 0 ? -n : n);
  for (char c : digits) out += table[c - '0'];
  return out;
}

// |v| as "m × 10ᵉ" from a printf "%e"-style string "d.ddde±XX".
std::string scientific(const char* e_text) {
  std::string s(e_text);
  const auto epos = s.find('e');
  std::string mantissa = s.substr(0, epos);
  strip_trailing_zeros(mantissa);
  const int exponent = std::atoi(s.c_str() + epos + 1);
  return mantissa + " × 10" + superscript(exponent);
}

}  // namespace

std::string superscript(int n) {
  static const char* const kSup[10] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  return digits_with(n, kSup, "⁻");
}

std::string subscript(int n) {
  static const char* const kSub[10] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
  return digits_with(n, kSub, "₋");
}

std::string format_count(long long n) {
  const bool negative = n < 0;
  const unsigned long long magnitude = negative ? 0ull - static_cast<unsigned long long>(n)
                                                : static_cast<unsigned long long>(n);
  return (negative ? std::string(kMinus) : std::string()) + group_thousands(std::to_string(magnitude));
}

std::string format_number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v < 0 ? std::string(kMinus) + "∞" : std::string("∞");
  if (v == 0) return "0";  // also −0
  const std::string sign = v < 0 ? kMinus : "";
  const double a = std::fabs(v);

  // Exact integers below 10¹⁵ (parameter counts, inputs such as 10): every digit, grouped.
  if (a < 1e15 && a == std::floor(a)) return sign + group_thousands(std::to_string(static_cast<long long>(a)));

  // Round to 4 significant digits first; the exponent of the *rounded* value decides the layout.
  char e_text[32];
  std::snprintf(e_text, sizeof e_text, "%.3e", a);
  const int exponent = std::atoi(e_text + std::string(e_text).find('e') + 1);
  if (exponent <= -5 || exponent >= 15) return sign + scientific(e_text);

  char fixed[64];
  if (exponent >= 4) {  // e.g. 12345.67 → 1.235e4 → "12,350": keep 4 significant digits
    std::snprintf(fixed, sizeof fixed, "%.0f", std::atof(e_text));
    return sign + group_thousands(fixed);
  }
  const int decimals = 3 - exponent;  // the same decimal place as the %.3e rounding
  std::snprintf(fixed, sizeof fixed, "%.*f", decimals < 0 ? 0 : decimals, a);
  std::string s(fixed);
  strip_trailing_zeros(s);
  const auto dot = s.find('.');
  return sign + group_thousands(s.substr(0, dot)) + (dot == std::string::npos ? "" : s.substr(dot));
}

std::string format_number_full(float v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v < 0 ? std::string(kMinus) + "∞" : std::string("∞");
  if (v == 0) return "0";
  // The shortest %g text (1…9 significant digits) that parses back to the same float.
  char text[48];
  for (int precision = 1; precision <= 9; ++precision) {
    std::snprintf(text, sizeof text, "%.*g", precision, static_cast<double>(v));
    if (std::strtof(text, nullptr) == v) break;
  }
  std::string s(text);
  const bool negative = !s.empty() && s[0] == '-';
  if (negative) s.erase(0, 1);
  const auto epos = s.find('e');
  if (epos != std::string::npos) {
    std::string mantissa = s.substr(0, epos);
    s = mantissa + " × 10" + superscript(std::atoi(s.c_str() + epos + 1));
  } else {
    const auto dot = s.find('.');
    s = group_thousands(s.substr(0, dot)) + (dot == std::string::npos ? "" : s.substr(dot));
  }
  return (negative ? std::string(kMinus) : std::string()) + s;
}

}  // namespace nnlab
