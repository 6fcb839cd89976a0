// The two kernel sets as tables, and which one the layers call (see kernels.h).
#include "core/kernels.h"

#include <atomic>

namespace nnlab {

namespace {
constexpr Kernels kReference{
    .set = KernelSet::reference,
    .set_name = "reference",
    .gemm_bias_act = &ref::gemm_bias_act,
    .gemm_tn_acc = &ref::gemm_tn_acc,
    .gemm_nn = &ref::gemm_nn,
    .transpose = &ref::transpose,
    .col_sum_acc = &ref::col_sum_acc,
    .relu_backward = &ref::relu_backward,
    .sgd_step = &ref::sgd_step,
    .momentum_step = &ref::momentum_step,
    .adam_step = &ref::adam_step,
    .bn_stats = &ref::bn_stats,
    .bn_normalize = &ref::bn_normalize,
    .bn_backward = &ref::bn_backward,
    .all_finite = &ref::all_finite,
    .tanh_act = &ref::tanh_act,
    .packed_weights_size = &ref::packed_weights_size,
    .pack_weights = &ref::pack_weights,
    .gemm_bias_act_packed = &ref::gemm_bias_act_packed,
    .isa_name = &ref::isa_name,
};

constexpr Kernels kSimd{
    .set = KernelSet::simd,
    .set_name = "simd",
    .gemm_bias_act = &simd::gemm_bias_act,
    .gemm_tn_acc = &simd::gemm_tn_acc,
    .gemm_nn = &simd::gemm_nn,
    .transpose = &simd::transpose,
    .col_sum_acc = &simd::col_sum_acc,
    .relu_backward = &simd::relu_backward,
    .sgd_step = &simd::sgd_step,
    .momentum_step = &simd::momentum_step,
    .adam_step = &simd::adam_step,
    .bn_stats = &simd::bn_stats,
    .bn_normalize = &simd::bn_normalize,
    .bn_backward = &simd::bn_backward,
    .all_finite = &simd::all_finite,
    .tanh_act = &simd::tanh_act,
    .packed_weights_size = &simd::packed_weights_size,
    .pack_weights = &simd::pack_weights,
    .gemm_bias_act_packed = &simd::gemm_bias_act_packed,
    .isa_name = &simd::isa_name,
};

#if defined(NNLAB_REFERENCE_KERNELS) && NNLAB_REFERENCE_KERNELS
constexpr KernelSet kDefaultSet = KernelSet::reference;
#else
constexpr KernelSet kDefaultSet = KernelSet::simd;
#endif

// Atomic so that a test switching sets never races a trainer reading them; relaxed is enough,
// the tables themselves are constants.
std::atomic<KernelSet> g_active{kDefaultSet};
}  // namespace

const Kernels& kernels(KernelSet set) { return set == KernelSet::reference ? kReference : kSimd; }
const Kernels& active_kernels() { return kernels(g_active.load(std::memory_order_relaxed)); }
KernelSet default_kernel_set() { return kDefaultSet; }
void set_kernel_set(KernelSet set) { g_active.store(set, std::memory_order_relaxed); }

KernelSetScope::KernelSetScope(KernelSet set) : saved_(g_active.exchange(set, std::memory_order_relaxed)) {}
KernelSetScope::~KernelSetScope() { set_kernel_set(saved_); }

}  // namespace nnlab
