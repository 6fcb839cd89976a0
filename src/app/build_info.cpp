#include "app/build_info.h"

namespace nnlab::app {

BuildInfo build_info() {
#if defined(__wasm_simd128__)
  const char* simd = "wasm128";
#elif defined(__AVX512F__)
  const char* simd = "avx512";
#elif defined(__AVX2__)
  const char* simd = "avx2";
#elif defined(__SSE2__)
  const char* simd = "sse2";
#else
  const char* simd = "scalar";
#endif
  const bool active = simd[0] != 's' || simd[1] != 'c';
  return {"0.1.0", simd, active, __VERSION__};
}

}  // namespace nnlab::app
