// `nnlab-cli bench`: training and inference samples/s of the core for 784-128-10 and
// 784-16-16-10 (Adam, batch 64, ReLU, softmax + cross-entropy) and the forward GEMM's GFLOP/s at
// 64×784×128. The measuring is the core's (src/core/bench.h); this file only prints.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/cli.h"
#include "core/bench.h"

namespace nnlab::cli {

const char* const kBenchUsage =
    "usage: nnlab-cli bench [--json] [--quick] [--layers 784,128,10] [--batch 64] [--batchnorm]\n"
    "\n"
    "  --json     {\"train\": [{\"layers\", \"batch\", \"optimizer\", \"samples_per_s\"}...],\n"
    "              \"inference\": [{\"layers\", \"samples_per_s\"}...], \"gemm_gflops\", \"simd\"}\n"
    "  --quick    one short repetition each (a smoke test, not a measurement)\n"
    "  --layers   benchmark only this architecture (default: 784-128-10 and 784-16-16-10)\n"
    "  --batch    minibatch size (default 64)\n"
    "  --batchnorm  batch norm after each hidden layer (its cost: compare with a run without)\n";

namespace {
constexpr FlagSpec kFlags[] = {{"json", false}, {"quick", false}, {"layers", true}, {"batch", true}, {"batchnorm", false}};
}  // namespace

int run_bench(int argc, const char* const* argv) {
  auto usage = [](const std::string& message) { return usage_error("bench", message, kBenchUsage); };
  Args args;
  std::string err;
  if (!args.parse(argc, argv, 2, kFlags, &err)) return usage(err);
  if (!args.positionals().empty()) return usage("unexpected argument \"" + args.positionals()[0] + "\"");
  const bool json = args.has("json"), quick = args.has("quick");
  std::vector<std::vector<int>> architectures = {{784, 128, 10}, {784, 16, 16, 10}};
  std::vector<int> sizes;
  if (!args.get_ints("layers", 1, 4096, &sizes, &err)) return usage(err);
  if (args.has("layers")) {
    if (sizes.size() < 2) return usage("--layers needs at least an input and an output size, e.g. 784,128,10");
    architectures = {sizes};
  }
  int batch = 64;
  if (!args.get_int("batch", 1, 65536, &batch, &err)) return usage(err);

  std::vector<BenchResult> results;
  for (const std::vector<int>& arch : architectures) {
    BenchSpec spec;
    spec.sizes = arch;
    spec.batch = batch;
    spec.batchnorm = args.has("batchnorm");
    if (quick) {
      spec.repetitions = 1;
      spec.seconds_per_repetition = 0.05;
    }
    BenchResult r;
    if (!run_benchmark(spec, &r, &err)) return usage(err);
    results.push_back(std::move(r));
  }
  const double gflops = quick ? gemm_gflops(64, 784, 128, 1, 0.05) : gemm_gflops();
  const char* simd = simd_isa();

  if (json) {
    nlohmann::ordered_json out;
    nlohmann::ordered_json train = nlohmann::ordered_json::array(), inference = nlohmann::ordered_json::array();
    for (const BenchResult& r : results) {
      train.push_back({{"layers", r.layers},
                       {"batch", r.batch},
                       {"optimizer", std::string(optimizer_name(r.optimizer))},
                       {"batchnorm", r.batchnorm},
                       {"samples_per_s", static_cast<long long>(r.train_samples_per_s + 0.5)}});
      inference.push_back({{"layers", r.layers},
                           {"batch", r.batch},
                           {"samples_per_s", static_cast<long long>(r.inference_samples_per_s + 0.5)}});
    }
    out["train"] = std::move(train);
    out["inference"] = std::move(inference);
    out["gemm_gflops"] = static_cast<double>(static_cast<long long>(gflops * 100 + 0.5)) / 100;
    out["simd"] = simd;
    out["quick"] = quick;
    print_json(out);
    return kExitOk;
  }
  std::printf("nnlab core benchmark (%s, 1 thread%s)\n\n", simd, quick ? ", --quick: not a measurement" : "");
  std::printf("%-16s %6s %-10s %18s %18s\n", "layers", "batch", "optimizer", "train samples/s", "infer samples/s");
  for (const BenchResult& r : results)
    std::printf("%-16s %6d %-10s %18.0f %18.0f\n", r.layers.c_str(), r.batch,
                std::string(optimizer_name(r.optimizer)).c_str(), r.train_samples_per_s, r.inference_samples_per_s);
  std::printf("\nforward GEMM 64x784x128 (+bias, ReLU): %.1f GFLOP/s\n", gflops);
  return kExitOk;
}

}  // namespace nnlab::cli
