// nnlab-cli: trace a network by hand, train on MNIST-format data, benchmark the core.
// Runs natively and, from the same sources, as nnlab-cli.js under node (the web build).
#include <cstdio>
#include <new>
#include <cstring>
#include <string>

#include "cli/cli.h"

namespace nnlab::cli {

namespace {

const char* const kUsage =
    "usage: nnlab-cli <command> [flags]\n"
    "\n"
    "commands:\n"
    "  trace   a forward pass (and with --target, backprop) with every intermediate value\n"
    "  train   train a network on MNIST-format data\n"
    "  bench   training / inference samples per second and GEMM GFLOP/s\n"
    "  search  hyper-parameter search (grid, random, successive halving), scored on validation\n"
    "  help    this text; `nnlab-cli help <command>` for a command's flags\n";

}  // namespace

int usage_error(std::string_view command, const std::string& message, const char* usage) {
  std::fprintf(stderr, "nnlab-cli %.*s: error: %s\n\n%s", static_cast<int>(command.size()), command.data(),
               message.c_str(), usage);
  return kExitUsage;
}

void print_json(const nlohmann::ordered_json& j) {
  const std::string text = j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

}  // namespace nnlab::cli

namespace {
int run(int argc, char** argv);
}  // namespace

// Memory running out (a file too large for this machine) is a message and an exit code, never an
// uncaught std::bad_alloc.
int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "nnlab-cli: error: out of memory (the input is too large for the memory there is)\n");
    return nnlab::cli::kExitFailed;
  }
}

namespace {
int run(int argc, char** argv) {
  using namespace nnlab::cli;
  const char* const* args = argv;
  if (argc < 2) {
    std::fprintf(stderr, "nnlab-cli: error: no command given\n\n%s", kUsage);
    return kExitUsage;
  }
  const std::string command = argv[1];
  if (command == "trace") return run_trace(argc, args);
  if (command == "train") return run_train(argc, args);
  if (command == "bench") return run_bench(argc, args);
  if (command == "search") return run_search(argc, args);
  if (command == "help" || command == "--help" || command == "-h") {
    const std::string topic = argc > 2 ? argv[2] : "";
    const char* text = topic == "trace"   ? kTraceUsage
                       : topic == "train" ? kTrainUsage
                       : topic == "bench" ? kBenchUsage
                       : topic == "search" ? kSearchUsage
                                          : kUsage;
    std::fputs(text, stdout);
    return kExitOk;
  }
  std::fprintf(stderr, "nnlab-cli: error: unknown command \"%s\"\n\n%s", command.c_str(), kUsage);
  return kExitUsage;
}
}  // namespace
