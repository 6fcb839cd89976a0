// Command-line arguments of nnlab-cli: `--name value`, `--name=value`, boolean `--name`, and
// positionals. Each subcommand declares its flags; anything else is an error. Typed getters check
// ranges and leave the caller's default untouched when the flag is absent. Every error is one
// line naming the flag and the problem ("--lr must be a number > 0, got \"-1\"").
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nnlab::cli {

struct FlagSpec {
  const char* name;  // without the dashes, e.g. "model"
  bool takes_value;  // false: a boolean switch such as --json
};

class Args {
 public:
  // Parses argv[first..argc). Unknown flags, missing values, repeated flags → false + *error.
  bool parse(int argc, const char* const* argv, int first, std::span<const FlagSpec> known, std::string* error);

  bool has(std::string_view name) const;
  const std::string* value(std::string_view name) const;  // nullptr when absent
  const std::vector<std::string>& positionals() const { return positionals_; }

  // Typed values. Absent flag → true, *out unchanged. Present but invalid → false + *error.
  bool get_int(std::string_view name, long long lo, long long hi, int* out, std::string* error) const;
  bool get_u64(std::string_view name, std::uint64_t* out, std::string* error) const;
  // A finite number in [lo, hi], or (lo, hi] when lo_open.
  bool get_number(std::string_view name, double lo, double hi, bool lo_open, double* out, std::string* error) const;
  bool get_float(std::string_view name, double lo, double hi, bool lo_open, float* out, std::string* error) const;
  // Comma-separated finite floats, e.g. "10,1,1" or "-0.5,2".
  bool get_floats(std::string_view name, std::vector<float>* out, std::string* error) const;
  // Comma-separated integers each in [lo, hi], e.g. "784,128,10".
  bool get_ints(std::string_view name, int lo, int hi, std::vector<int>* out, std::string* error) const;

 private:
  std::vector<std::pair<std::string, std::string>> flags_;  // (name, value); value "" for switches
  std::vector<std::string> positionals_;
};

}  // namespace nnlab::cli
