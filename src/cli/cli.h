// nnlab-cli: the subcommands and what they share.
//   main.cpp   dispatch + overall usage      args.{h,cpp}   flag parsing
//   trace.cpp  `trace`                       train.cpp      `train` (+ progress.cpp)
//   bench.cpp  `bench`                       search.cpp `search` (the lab's engine)
// Exit codes: 0 success, 1 a run that failed on its own (training diverged, save failed),
// 2 bad usage: unknown flag, bad value, unreadable file — one error line and the usage on
// stderr, nothing on stdout.
#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace nnlab::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

extern const char* const kTraceUsage;
extern const char* const kTrainUsage;
extern const char* const kBenchUsage;
extern const char* const kSearchUsage;

// argv[0] is the program, argv[1] the subcommand; flags start at argv[2].
int run_trace(int argc, const char* const* argv);
int run_train(int argc, const char* const* argv);
int run_bench(int argc, const char* const* argv);
int run_search(int argc, const char* const* argv);

// "nnlab-cli <command>: error: <message>" and the command's usage on stderr; returns 2.
int usage_error(std::string_view command, const std::string& message, const char* usage);

// One JSON document on stdout (floats must already be float_for_json values).
void print_json(const nlohmann::ordered_json& j);

}  // namespace nnlab::cli
