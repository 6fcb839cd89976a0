// number_format.h — how every number in a lesson is written for a learner.
//
//   format_number(−3.5f)       "−3.5"      up to 4 significant digits, no trailing zeros,
//   format_number(0.549834f)   "0.5498"    a true minus sign (U+2212 "−", never ASCII '-'),
//   format_number(13002)       "13,002"    integers shown exactly, grouped by thousands,
//   format_number(3.2e-6)      "3.2 × 10⁻⁶" very small / very large values in powers of ten.
//   format_number_full(0.549834f) "0.549834"  shortest text that reads back as the same float
//                                            (for hover / "show exact value").
// All results are UTF-8.
#pragma once

#include <string>

namespace nnlab {

std::string format_number(double v);      // ≤ 4 significant digits, e.g. "−3.5", "0.5498", "13,002"
std::string format_number_full(float v);  // round-trip precision of a float, e.g. "0.549834"
std::string format_count(long long n);    // an exact count with thousands separators, "101,770"
std::string superscript(int n);           // 12 → "¹²", −1 → "⁻¹"
std::string subscript(int n);             // 12 → "₁₂"

}  // namespace nnlab
