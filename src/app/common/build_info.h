// What this binary is: version, platform, compiler and the SIMD instruction set it was built for.
#pragma once

namespace nnlab::app {

struct BuildInfo {
  const char* version;  // the project's version (CMake's project(VERSION))
  const char* simd;     // the core's vector kernels: "wasm128", "avx512", "avx2", "sse"
  bool simd_active;     // the network trains with them (false: the scalar reference kernels)
  const char* compiler;
};
BuildInfo build_info();

}  // namespace nnlab::app
