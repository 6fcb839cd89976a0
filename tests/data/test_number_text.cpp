// The one number parser (data/number_text.h), the float printer's exponents (data/float_text.h)
// and the UTF-8 checks (data/utf8.h).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "data/float_text.h"
#include "data/number_text.h"
#include "data/utf8.h"

using namespace nnlab;

TEST_SUITE("number text") {
  TEST_CASE("numbers people type are read; anything else is refused") {
    double d;
    for (const char* good : {"0", "-3", "0.5", " 2.5 ", "1e-4", "1e+06", "-0", ".5", "5."}) {
      CAPTURE(good);
      CHECK(parse_real(good, &d));
    }
    for (const char* bad : {"", " ", "abc", "1,5", "0x10", "inf", "nan", "1e999", "1e", "--1", "2 3", "1.5f"}) {
      CAPTURE(bad);
      CHECK_FALSE(parse_real(bad, &d));
    }
    long long n;
    CHECK(parse_integer("12", 0, 20, &n));
    CHECK(n == 12);
    CHECK(parse_integer("3e2", 0, 1000, &n));
    CHECK(n == 300);
    CHECK_FALSE(parse_integer("2.5", 0, 20, &n));
    CHECK_FALSE(parse_integer("21", 0, 20, &n));
    CHECK_FALSE(parse_integer("-1", 0, 20, &n));
  }

  TEST_CASE("a float must survive as the number meant: 1e-62 is refused, not stored as 0") {
    float f;
    CHECK(parse_float("0.001", &f));
    CHECK(f == 0.001f);
    CHECK(parse_float("0", &f));
    CHECK(f == 0.0f);
    CHECK_FALSE(parse_float("1e-62", &f));
    CHECK_FALSE(parse_float("1e-40", &f));  // a float subnormal
    CHECK_FALSE(parse_float("1e39", &f));
    std::string error;
    CHECK(parse_number("1e-62", &f, &error));  // a lesson's value: far below a weight's resolution is 0
    CHECK(f == 0.0f);
    CHECK_FALSE(parse_number("2e6", &f, &error));
    CHECK(error.find("out of range") != std::string::npos);
    std::vector<float> v;
    CHECK(parse_numbers("10, 1 ,1", &v, &error));
    CHECK(v == std::vector<float>{10, 1, 1});
    CHECK_FALSE(parse_numbers(" , ", &v, &error));
  }

  TEST_CASE("floats print without a '+' in the exponent, and read back exactly") {
    CHECK(float_to_text(1e6f) == "1e6");
    CHECK(float_to_text(1e-7f) == "1e-7");
    CHECK(float_to_text(1.5e-5f) == "1.5e-5");
    CHECK(float_to_text(0.8f) == "0.8");
    for (float v : {1e6f, 3.4e38f, 1e-30f, -2.5e-12f, 123456.7f}) {
      CAPTURE(v);
      const std::string t = float_to_text(v);
      CHECK(t.find('+') == std::string::npos);
      float back;
      REQUIRE(parse_float(t, &back));
      CHECK(back == v);
    }
  }

  TEST_CASE("UTF-8: well-formed text passes, stray bytes are replaced") {
    CHECK(valid_utf8("plain ascii"));
    CHECK(valid_utf8("损失函数 σ′(z) ŷ₁"));
    CHECK_FALSE(valid_utf8("\xfe"));
    CHECK_FALSE(valid_utf8("\xc0\xaf"));      // overlong '/'
    CHECK_FALSE(valid_utf8("\xed\xa0\x80"));  // a surrogate
    CHECK_FALSE(valid_utf8("\xe6\x8d"));      // cut short
    CHECK(to_valid_utf8("a\xfe"
                        "b") ==
          "a\xEF\xBF\xBD"
          "b");
    CHECK(valid_utf8(to_valid_utf8("\xff\xfe\xe6\x8d")));
  }
}
