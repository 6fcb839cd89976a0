// Shortest round-tripping float text. See float_text.h.
#include "data/float_text.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace nnlab {

namespace {

int shortest_text(float v, char* buf) {
  if (!std::isfinite(v)) return std::snprintf(buf, 32, "%s", std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf"));
  // JSON readers parse "-0" as the integer 0 and lose the sign: write negative zero as a float.
  if (v == 0.0f && std::signbit(v)) return std::snprintf(buf, 32, "-0.0");
  // The float survives text → double → float when that path reproduces every bit (−0 included).
  for (int digits = 6; digits <= 9; ++digits) {
    int n = std::snprintf(buf, 32, "%.*g", digits, double(v));
    const float back = static_cast<float>(std::strtod(buf, nullptr));
    if (std::memcmp(&back, &v, sizeof v) == 0) return n;
  }
  // %.17g of the exact double value always reads back to the same double, hence the same float.
  return std::snprintf(buf, 32, "%.17g", double(v));
}

// "1e+06" → "1e6", "1e-07" → "1e-7": the same number in fewer characters, and no '+' (which a
// link's query part reads as a space).
int tidy_exponent(char* buf, int n) {
  char* e = static_cast<char*>(std::memchr(buf, 'e', std::size_t(n)));
  if (!e) return n;
  char* digits = e + 1;
  char* from = digits;
  if (*from == '+') ++from;
  else if (*from == '-') ++digits, ++from;
  while (*from == '0' && from[1] != '\0') ++from;
  const std::size_t tail = std::strlen(from);
  std::memmove(digits, from, tail + 1);
  return int(digits - buf) + int(tail);
}

}  // namespace

int format_float(float v, char* buf) { return tidy_exponent(buf, shortest_text(v, buf)); }

std::string float_to_text(float v) {
  char buf[32];
  const int n = format_float(v, buf);
  return std::string(buf, static_cast<std::size_t>(n));
}

double float_for_json(float v) {
  if (!std::isfinite(v)) return double(v);
  char buf[32];
  format_float(v, buf);
  return std::strtod(buf, nullptr);
}

}  // namespace nnlab
