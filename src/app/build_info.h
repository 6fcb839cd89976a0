// What this binary is: version, platform, compiler and the SIMD instruction set it was built for.
#pragma once

namespace nnlab::app {

struct BuildInfo {
  const char* version;
  const char* simd;      // "wasm128", "avx512", "avx2", "sse2", "scalar"
  bool simd_active;      // vector kernels compiled in
  const char* compiler;
};
BuildInfo build_info();

}  // namespace nnlab::app
