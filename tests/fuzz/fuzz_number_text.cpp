// The one number parser (data/number_text.h), the float printer (data/float_text.h) and the UTF-8
// checks (data/utf8.h): what parses is finite and in range; every float the app writes reads back
// to the same bits and has no '+' (a link would read it as a space); repaired text is valid.
#include <cmath>
#include <cstring>
#include <limits>

#include "data/float_text.h"
#include "data/number_text.h"
#include "fuzz_util.h"

using namespace nnlab;

namespace {

// The float's text reads back to the same bits (normal floats and zeros; parse_float refuses
// subnormals, which a lesson's value then reads as 0).
void check_round_trip(float v) {
  if (!std::isfinite(v)) return;
  const std::string t = float_to_text(v);
  FUZZ_CHECK(t.find('+') == std::string::npos, t);
  FUZZ_CHECK(t.find(' ') == std::string::npos, t);
  float back = 0;
  if (v != 0 && std::fabs(v) < std::numeric_limits<float>::min()) {
    std::string error;
    if (std::fabs(v) <= kMaxTypedValue) FUZZ_CHECK(parse_number(t, &back, &error) && back == 0.0f, t);
    return;
  }
  FUZZ_CHECK(parse_float(t, &back), t);
  FUZZ_CHECK(std::memcmp(&back, &v, sizeof v) == 0, t);
  FUZZ_CHECK(float_for_json(v) == std::strtod(t.c_str(), nullptr), t);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  double d = 0;
  if (parse_real(text, &d)) FUZZ_CHECK(std::isfinite(d), "finite");
  long long n = 0;
  if (parse_integer(text, -1000, 1000, &n)) FUZZ_CHECK(n >= -1000 && n <= 1000, "in range");
  float f = 0;
  if (parse_float(text, &f)) {
    FUZZ_CHECK(std::isfinite(f), "finite");
    FUZZ_CHECK(f == 0 || std::fabs(f) >= std::numeric_limits<float>::min(), "not rounded to 0 or subnormal");
    check_round_trip(f);
  }
  std::string error;
  if (parse_number(text, &f, &error)) FUZZ_CHECK(std::fabs(f) <= kMaxTypedValue, "within ±1e6");
  else fuzz::check_text(error, "the message is valid UTF-8");
  std::vector<float> values;
  error.clear();
  if (parse_numbers(text, &values, &error))
    for (float v : values) FUZZ_CHECK(std::isfinite(v) && std::fabs(v) <= kMaxTypedValue, "each within ±1e6");
  else fuzz::check_text(error, "the message is valid UTF-8");
  // The bytes as floats: each prints short and reads back.
  for (std::size_t i = 0; i + 4 <= size && i < 64; i += 4) {
    float v;
    std::memcpy(&v, data + i, 4);
    check_round_trip(v);
  }
  const std::string repaired = to_valid_utf8(text);
  FUZZ_CHECK(valid_utf8(repaired), "repaired text is valid");
  if (valid_utf8(text)) FUZZ_CHECK(repaired == text, "valid text is kept as it is");
  return 0;
}
