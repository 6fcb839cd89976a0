// Benchmarks (see bench.h): Trainer steps in short slices, as the UI and the CLI drive them.
#include "core/bench.h"

#include <algorithm>
#include <chrono>

#include "core/kernels.h"
#include "core/mlp.h"
#include "core/rng.h"
#include "core/shape_text.h"
#include "core/trainer.h"

namespace nnlab {

namespace {
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n == 0 ? 0.0 : (n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]));
}

// Runs `work` (which processes `per_call` samples) repeatedly for about `seconds`; samples/s.
template <typename F>
double rate(F&& work, double per_call, double seconds) {
  int64_t calls = 0;
  const auto t0 = Clock::now();
  double elapsed = 0.0;
  do {
    for (int i = 0; i < 4; ++i) work();
    calls += 4;
    elapsed = seconds_since(t0);
  } while (elapsed < seconds);
  return static_cast<double>(calls) * per_call / elapsed;
}
}  // namespace

const char* simd_isa() { return active_kernels().isa_name(); }

bool run_benchmark(const BenchSpec& spec, BenchResult* result, std::string* error) {
  if (spec.sizes.size() < 2) {
    if (error) *error = "a benchmark network needs at least an input and an output size";
    return false;
  }
  std::vector<LayerSpec> layers;
  for (size_t l = 1; l < spec.sizes.size(); ++l) {
    const bool last = l + 1 == spec.sizes.size();
    layers.push_back({spec.sizes[l - 1], spec.sizes[l], last ? Activation::softmax : spec.hidden, spec.batchnorm && !last});
  }
  Mlp model;
  if (!model.build(layers, error)) return false;
  if (spec.batch < 1 || spec.repetitions < 1) {
    if (error) *error = "batch and repetitions must be at least 1";
    return false;
  }
  model.init_params(spec.seed);

  // Synthetic data: 4096 samples, MNIST-like values in [0, 1], random labels.
  const int N = 4096, D = spec.sizes.front(), C = spec.sizes.back();
  std::vector<float> x(static_cast<size_t>(N) * D);
  std::vector<int32_t> y(N);
  Rng rng(spec.seed + 1);
  for (float& v : x) v = rng.uniform() < 0.8f ? 0.0f : rng.uniform();
  for (int32_t& v : y) v = static_cast<int32_t>(rng.below(static_cast<uint32_t>(C)));
  const DatasetView data{x.data(), y.data(), nullptr, N, D};

  TrainConfig config;
  config.loss = Loss::cross_entropy;
  config.optimizer.kind = spec.optimizer;
  config.optimizer.lr = spec.optimizer == OptimizerKind::adam ? 1e-3f : 1e-2f;
  config.batch = spec.batch;
  config.epochs = 1000000;  // never reached
  config.seed = spec.seed;
  Trainer trainer;
  if (!trainer.init(&model, data, config, error)) return false;

  constexpr int kStepsPerCall = 4;  // short calls, as a frame's slice would be
  auto train = [&] { trainer.train_steps(kStepsPerCall); };
  rate(train, 0.0, 0.2);  // warm-up (V8 tier-up, caches)
  result->train_runs.clear();
  for (int r = 0; r < spec.repetitions; ++r)
    result->train_runs.push_back(
        rate(train, static_cast<double>(kStepsPerCall) * spec.batch, spec.seconds_per_repetition));

  Workspace ws;
  ws.resize(model, spec.batch);
  int at = 0;
  auto infer = [&] {
    forward(model, x.data() + static_cast<size_t>(at) * D, spec.batch, ws);
    at = at + 2 * spec.batch <= N ? at + spec.batch : 0;
  };
  rate(infer, 0.0, 0.1);
  std::vector<double> infer_runs;
  for (int r = 0; r < spec.repetitions; ++r)
    infer_runs.push_back(rate(infer, spec.batch, spec.seconds_per_repetition / 2));

  result->layers = shape_text(spec.sizes);
  result->batchnorm = spec.batchnorm;
  result->batch = spec.batch;
  result->optimizer = spec.optimizer;
  result->train_samples_per_s = median(result->train_runs);
  result->inference_samples_per_s = median(infer_runs);
  return true;
}

double gemm_gflops(int M, int K, int N, int repetitions, double seconds_per_repetition) {
  // The forward layer's kernel as training uses it: W (N, K) packed once, then Z = A·Wᵀ + b, ReLU.
  const Kernels& kern = active_kernels();
  Rng rng(7);
  std::vector<float> A(static_cast<size_t>(M) * K), W(static_cast<size_t>(N) * K), bias(N),
      Z(static_cast<size_t>(M) * N), Y(Z.size()), packed(kern.packed_weights_size(N, K));
  for (float& v : A) v = rng.uniform(-1.0f, 1.0f);
  for (float& v : W) v = rng.uniform(-1.0f, 1.0f);
  for (float& v : bias) v = rng.uniform(-1.0f, 1.0f);
  kern.pack_weights(N, K, W.data(), packed.data());
  auto call = [&] {
    kern.gemm_bias_act_packed(M, N, K, A.data(), K, packed.data(), bias.data(), Z.data(), Y.data(), N, Epilogue::relu);
  };
  rate(call, 0.0, 0.1);
  std::vector<double> runs;
  for (int r = 0; r < repetitions; ++r) runs.push_back(rate(call, 2.0 * M * N * K, seconds_per_repetition) * 1e-9);
  return median(runs);
}

}  // namespace nnlab
