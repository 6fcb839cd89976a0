// Rng: a small explicit, seeded random number generator (PCG32, seeded through splitmix64).
// Every draw is integer arithmetic or double-precision math rounded once to float, so the same
// seed gives the same weights and the same shuffles in the native and the WebAssembly builds.
// (std::*_distribution is never used: libstdc++ and libc++ implement them differently.)
#pragma once

#include <cmath>
#include <cstdint>

namespace nnlab {

// splitmix64: turns any seed (0, 1, 2 …) into well-mixed 64-bit state.
inline uint64_t splitmix64(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed = 1) { reseed(seed); }

  void reseed(uint64_t seed) {
    uint64_t s = seed;
    state_ = splitmix64(&s);
    inc_ = splitmix64(&s) | 1u;  // PCG's stream must be odd
    have_spare_ = false;
  }

  // PCG32 (XSH-RR): 32 uniformly distributed bits.
  uint32_t next_u32() {
    const uint64_t old = state_;
    state_ = old * 6364136223846793005ull + inc_;
    const uint32_t xorshifted = static_cast<uint32_t>(((old >> 18u) ^ old) >> 27u);
    const uint32_t rot = static_cast<uint32_t>(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
  }

  // Uniform in [0, 1) with 24 random bits (every value exactly representable as float).
  float uniform() { return static_cast<float>(next_u32() >> 8) * (1.0f / 16777216.0f); }
  // Uniform in [lo, hi).
  float uniform(float lo, float hi) { return lo + (hi - lo) * uniform(); }

  // Uniform integer in [0, n), n ≥ 1, without modulo bias (rejection sampling).
  uint32_t below(uint32_t n) {
    const uint32_t threshold = (0u - n) % n;  // 2³² mod n
    for (;;) {
      const uint32_t r = next_u32();
      if (r >= threshold) return r % n;
    }
  }

  // Standard normal N(0, 1) by Box–Muller, computed in double and rounded once.
  float normal() {
    if (have_spare_) {
      have_spare_ = false;
      return spare_;
    }
    // u1 in (0, 1] so log(u1) is finite; 53-bit uniforms from two draws.
    const double u1 = (static_cast<double>(next_u32() >> 5) * 67108864.0 + (next_u32() >> 6) + 1.0) /
                      9007199254740992.0;
    const double u2 = (static_cast<double>(next_u32() >> 5) * 67108864.0 + (next_u32() >> 6)) / 9007199254740992.0;
    const double r = std::sqrt(-2.0 * std::log(u1));
    const double theta = 6.283185307179586 * u2;
    spare_ = static_cast<float>(r * std::sin(theta));
    have_spare_ = true;
    return static_cast<float>(r * std::cos(theta));
  }
  float normal(float mean, float stddev) { return mean + stddev * normal(); }

  // Fisher–Yates shuffle of n elements of any swappable type.
  template <typename T>
  void shuffle(T* items, int n) {
    for (int i = n - 1; i > 0; --i) {
      const int j = static_cast<int>(below(static_cast<uint32_t>(i + 1)));
      T tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
  }

 private:
  uint64_t state_ = 0;
  uint64_t inc_ = 1;
  float spare_ = 0.0f;
  bool have_spare_ = false;
};

}  // namespace nnlab
