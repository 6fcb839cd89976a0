#include "app/common/build_info.h"

#include "core/kernels.h"

namespace nnlab::app {

BuildInfo build_info() {
#ifdef NNLAB_REFERENCE_KERNELS
  const bool active = false;
#else
  const bool active = true;
#endif
  return {NNLAB_VERSION, simd::isa_name(), active, __VERSION__};
}

}  // namespace nnlab::app
