// What every fuzz target shares: a check that stops the run (a property that failed is a finding,
// like a crash), and a few ways to cut the fuzzer's bytes into the pieces a target needs.
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "data/utf8.h"

// A property of the code under test: when it fails the input is a finding (libFuzzer saves it).
#define FUZZ_CHECK(cond, what)                                                                   \
  do {                                                                                           \
    if (!(cond)) {                                                                               \
      std::fprintf(stderr, "fuzz check failed at %s:%d: %s (%s)\n", __FILE__, __LINE__, #cond, \
                   std::string(what).c_str());                                                   \
      std::abort();                                                                              \
    }                                                                                            \
  } while (0)

namespace nnlab::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Up to `max` lines of the text ('\n'-separated; a '\r' before it is dropped).
inline std::vector<std::string_view> lines(std::string_view text, std::size_t max) {
  std::vector<std::string_view> out;
  while (!text.empty() && out.size() < max) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  }
  return out;
}

// Messages framed as [u32 little-endian length][bytes] one after the other (the last one takes
// what is left when its length runs past the end).
inline std::vector<std::string_view> frames(std::string_view bytes, std::size_t max) {
  std::vector<std::string_view> out;
  while (bytes.size() >= 4 && out.size() < max) {
    const auto b = [&](int i) { return std::uint32_t(std::uint8_t(bytes[std::size_t(i)])); };
    const std::uint32_t n = b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24;
    bytes.remove_prefix(4);
    const std::size_t take = n < bytes.size() ? n : bytes.size();
    out.push_back(bytes.substr(0, take));
    bytes.remove_prefix(take);
  }
  return out;
}

inline std::string frame(std::string_view message) {
  std::string out;
  const std::uint32_t n = std::uint32_t(message.size());
  for (int i = 0; i < 4; ++i) out += char((n >> (8 * i)) & 0xff);
  out.append(message);
  return out;
}

// Every text the user may see is valid UTF-8 (it reaches JSON and the screen).
inline void check_text(std::string_view text, const char* what) { FUZZ_CHECK(valid_utf8(text), what); }

}  // namespace nnlab::fuzz
