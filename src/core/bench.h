// Benchmarks of the core, for `nnlab-cli bench` and docs/benchmarks.md. Synthetic, seeded data;
// each measurement warms up first (so V8 has tiered the wasm code up), then times several
// repetitions and reports the median. Uses std::chrono::steady_clock (a clock, not I/O).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/activations.h"
#include "core/optimizers.h"

namespace nnlab {

struct BenchSpec {
  std::vector<int> sizes = {784, 128, 10};  // layer sizes: inputs, hidden…, outputs
  Activation hidden = Activation::relu;     // hidden layers; the output is softmax + cross-entropy
  OptimizerKind optimizer = OptimizerKind::adam;
  int batch = 64;
  bool batchnorm = false;  // batch norm after each hidden layer's weighted sum
  int repetitions = 5;  // median of these
  double seconds_per_repetition = 0.25;
  uint64_t seed = 1;
};

struct BenchResult {
  std::string layers;  // "784-128-10"
  int batch = 0;
  OptimizerKind optimizer = OptimizerKind::adam;
  bool batchnorm = false;
  double train_samples_per_s = 0.0;      // forward + loss + backward + optimizer step (Trainer)
  double inference_samples_per_s = 0.0;  // forward only, same batch size
  std::vector<double> train_runs;        // samples/s of each repetition
};

// Training and inference throughput for one architecture. Returns false (and *error) if the
// sizes do not make a valid network.
bool run_benchmark(const BenchSpec& spec, BenchResult* result, std::string* error);

// GFLOP/s (2·M·N·K flops per call) of the forward GEMM kernel as training runs it (the active
// kernel set): weights packed once (pack_weights), then Z(M,N) = A(M,K)·Wᵀ + bias with the ReLU
// epilogue. The default is the first layer of 784-128-10 at batch 64.
double gemm_gflops(int M = 64, int K = 784, int N = 128, int repetitions = 5, double seconds_per_repetition = 0.1);

// The active kernels' instruction set: "avx512", "avx2", "sse" natively, "wasm128" in WebAssembly;
// "scalar" when the reference kernels are active (NNLAB_REFERENCE_KERNELS=ON).
const char* simd_isa();

}  // namespace nnlab
