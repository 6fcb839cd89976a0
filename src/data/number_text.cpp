// The one number parser. See number_text.h.
#include "data/number_text.h"

#include <cmath>
#include <cstdlib>
#include <limits>

#include "text/text.h"

namespace nnlab {

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool parse_real(std::string_view text, double* out) {
  text = trim_spaces(text);
  if (text.empty() || text.size() > 64) return false;
  // Decimal digits, sign, point and exponent only: strtod would also take "inf", "nan" and hex.
  for (char c : text)
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) return false;
  const std::string copy(text);  // strtod needs a terminated string (libc++ 14 has no float from_chars)
  char* end = nullptr;
  const double v = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

bool parse_integer(std::string_view text, long long lo, long long hi, long long* out) {
  double v;
  if (!parse_real(text, &v) || v != std::floor(v) || v < double(lo) || v > double(hi)) return false;
  *out = static_cast<long long>(v);
  return true;
}

bool double_to_float(double d, float* out) {
  // FLT_MAX = 2^128 − 2^104; doubles below 2^128 − 2^103 (half an ulp above it) round to it.
  if (!(std::fabs(d) < 0x1.ffffffp127)) return false;  // (NaN too)
  *out = static_cast<float>(d);
  return true;
}

bool parse_float(std::string_view text, float* out) {
  double v;
  float f;
  if (!parse_real(text, &v) || !double_to_float(v, &f)) return false;
  if (v != 0 && std::fabs(f) < std::numeric_limits<float>::min()) return false;  // 0 or subnormal in float
  *out = f;
  return true;
}

bool parse_number(std::string_view text, float* out, std::string* error) {
  const std::string_view t = trim_spaces(text);
  double v;
  if (!parse_real(t, &v)) {
    *error = text::tr("data.number.not_finite", {{"text", std::string(t)}});
    return false;
  }
  if (std::fabs(v) > double(kMaxTypedValue)) {
    *error = text::tr("data.number.range", {{"text", std::string(t)}, {"max", "1e6"}});
    return false;
  }
  float f;
  if (!parse_float(t, &f)) f = 0.0f;  // far below float's resolution here: 1e-62 means 0 for a weight
  *out = f;
  return true;
}

bool parse_numbers(std::string_view text, std::vector<float>* out, std::string* error) {
  out->clear();
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == ',' || text[i] == '\t')) ++i;
    const size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != ',' && text[i] != '\t') ++i;
    if (i == start) continue;
    float v;
    if (!parse_number(text.substr(start, i - start), &v, error)) return false;
    out->push_back(v);
  }
  if (out->empty()) *error = text::T("data.number.none");
  return !out->empty();
}

}  // namespace nnlab
