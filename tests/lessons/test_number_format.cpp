// Number format: ≤ 4 significant digits, no trailing zeros, U+2212 minus, grouped integers.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "lessons/number_format.h"

using nnlab::format_count;
using nnlab::format_number;
using nnlab::format_number_full;

TEST_SUITE("lessons/number_format") {
  TEST_CASE("lesson values read as in the worked examples") {
    CHECK(format_number(-3.5f) == "−3.5");
    CHECK(format_number(-8.0f) == "−8");
    CHECK(format_number(0.2f) == "0.2");
    CHECK(format_number(1.2f) == "1.2");
    CHECK(format_number(1.8f) == "1.8");
    CHECK(format_number(0.549834f) == "0.5498");
    CHECK(format_number(-0.5f) == "−0.5");
    CHECK(format_number(10.0f) == "10");
    CHECK(format_number(0.0f) == "0");
    CHECK(format_number(-0.0f) == "0");
    CHECK(format_number(13002) == "13,002");
    CHECK(format_number(101770) == "101,770");
    CHECK(format_number(-2.0) == "−2");
  }

  TEST_CASE("rounding to 4 significant digits, trailing zeros dropped") {
    CHECK(format_number(0.123456) == "0.1235");
    CHECK(format_number(3.14159265) == "3.142");
    CHECK(format_number(2.5000001) == "2.5");
    CHECK(format_number(0.99999) == "1");
    CHECK(format_number(9.99951) == "10");
    CHECK(format_number(0.00012346) == "0.0001235");
    CHECK(format_number(123.456) == "123.5");
    CHECK(format_number(1234.56) == "1,235");
    CHECK(format_number(12345.67) == "12,350");
    CHECK(format_number(-0.24751) == "−0.2475");
  }

  TEST_CASE("tiny, huge and non-finite values") {
    CHECK(format_number(3.2e-6) == "3.2 × 10⁻⁶");
    CHECK(format_number(-1.23456e-7) == "−1.235 × 10⁻⁷");
    CHECK(format_number(2.5e20) == "2.5 × 10²⁰");
    CHECK(format_number(std::numeric_limits<double>::infinity()) == "∞");
    CHECK(format_number(-std::numeric_limits<double>::infinity()) == "−∞");
    CHECK(format_number(std::nan("")) == "NaN");
  }

  TEST_CASE("no ASCII hyphen ever stands for a minus") {
    for (double v : {-1e-9, -0.5, -3.5, -1234.5, -1e18}) {
      CAPTURE(v);
      CHECK(format_number(v).find('-') == std::string::npos);
      CHECK(format_number(v).rfind("−", 0) == 0);
    }
  }

  TEST_CASE("full precision reads back as the same float") {
    CHECK(format_number_full(1.2f) == "1.2");
    CHECK(format_number_full(-3.5f) == "−3.5");
    CHECK(format_number_full(0.549834f) == "0.549834");
    CHECK(format_number_full(13002.0f) == "13,002");
    CHECK(format_number_full(1e-7f) == "1 × 10⁻⁷");
    CHECK(format_number_full(7.0e-5f) == "7 × 10⁻⁵");
    for (float v : {0.1f, 1.0f / 3.0f, 0.5498339f, 123.456f, 0.2475f, -0.1114f}) {
      CAPTURE(v);
      std::string s = format_number_full(v);
      s.erase(std::remove(s.begin(), s.end(), ','), s.end());
      if (s.rfind("−", 0) == 0) s.replace(0, std::string("−").size(), "-");
      CHECK(std::strtof(s.c_str(), nullptr) == v);
    }
  }

  TEST_CASE("counts") {
    CHECK(format_count(11) == "11");
    CHECK(format_count(1000) == "1,000");
    CHECK(format_count(23860) == "23,860");
    CHECK(format_count(1234567) == "1,234,567");
    CHECK(format_count(-4096) == "−4,096");
  }
}
