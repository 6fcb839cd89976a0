// Command-line arguments of nnlab-cli. See args.h.
#include "cli/args.h"

#include "data/number_text.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace nnlab::cli {
namespace {

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

bool fail(std::string* error, std::string message) {
  if (error) *error = std::move(message);
  return false;
}

}  // namespace

bool Args::parse(int argc, const char* const* argv, int first, std::span<const FlagSpec> known, std::string* error) {
  flags_.clear();
  positionals_.clear();
  for (int k = first; k < argc; ++k) {
    const std::string_view arg = argv[k];
    if (arg.size() < 3 || arg.substr(0, 2) != "--") {
      if (!arg.empty() && arg[0] == '-' && arg != "-") return fail(error, "unknown option " + quoted(arg));
      positionals_.emplace_back(arg);
      continue;
    }
    std::string_view name = arg.substr(2), value;
    const std::size_t eq = name.find('=');
    const bool inline_value = eq != std::string_view::npos;
    if (inline_value) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const FlagSpec* spec = nullptr;
    for (const FlagSpec& f : known)
      if (name == f.name) spec = &f;
    if (!spec) return fail(error, "unknown flag --" + std::string(name));
    if (has(name)) return fail(error, "--" + std::string(name) + " given twice");
    if (spec->takes_value && !inline_value) {
      if (k + 1 >= argc) return fail(error, "--" + std::string(name) + " needs a value");
      value = argv[++k];
    } else if (!spec->takes_value && inline_value) {
      return fail(error, "--" + std::string(name) + " takes no value");
    }
    if (spec->takes_value && value.empty()) return fail(error, "--" + std::string(name) + " needs a value");
    flags_.emplace_back(std::string(name), std::string(value));
  }
  return true;
}

bool Args::has(std::string_view name) const {
  for (const auto& f : flags_)
    if (f.first == name) return true;
  return false;
}

const std::string* Args::value(std::string_view name) const {
  for (const auto& f : flags_)
    if (f.first == name) return &f.second;
  return nullptr;
}

bool Args::get_int(std::string_view name, long long lo, long long hi, int* out, std::string* error) const {
  const std::string* v = value(name);
  if (!v) return true;
  long long n;
  if (!parse_integer(*v, lo, hi, &n))
    return fail(error, "--" + std::string(name) + " must be an integer in " + std::to_string(lo) + ".." +
                           std::to_string(hi) + ", got " + quoted(*v));
  *out = static_cast<int>(n);
  return true;
}

bool Args::get_u64(std::string_view name, std::uint64_t* out, std::string* error) const {
  const std::string* v = value(name);
  if (!v) return true;
  bool ok = !v->empty() && v->size() <= 20;
  for (char c : *v) ok = ok && c >= '0' && c <= '9';
  char* end = nullptr;
  errno = 0;
  const unsigned long long n = ok ? std::strtoull(v->c_str(), &end, 10) : 0;
  if (!ok || errno != 0)
    return fail(error, "--" + std::string(name) + " must be a non-negative integer, got " + quoted(*v));
  *out = n;
  return true;
}

bool Args::get_number(std::string_view name, double lo, double hi, bool lo_open, double* out,
                      std::string* error) const {
  const std::string* v = value(name);
  if (!v) return true;
  double d;
  const bool ok = parse_real(*v, &d) && (lo_open ? d > lo : d >= lo) && d <= hi;
  if (!ok) {
    auto num = [](double x) {
      std::string s = std::to_string(x);
      while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.')) s.pop_back();
      return s;
    };
    std::string range = lo_open ? "> " + num(lo) : "≥ " + num(lo);
    if (std::isfinite(hi)) range += " and ≤ " + num(hi);
    return fail(error, "--" + std::string(name) + " must be a number " + range + ", got " + quoted(*v));
  }
  *out = d;
  return true;
}

bool Args::get_float(std::string_view name, double lo, double hi, bool lo_open, float* out, std::string* error) const {
  double d = *out;
  if (!get_number(name, lo, hi, lo_open, &d, error)) return false;
  if (!double_to_float(d, out)) return fail(error, "--" + std::string(name) + " is too large for a float, got " + quoted(*value(name)));
  return true;
}

bool Args::get_floats(std::string_view name, std::vector<float>* out, std::string* error) const {
  const std::string* v = value(name);
  if (!v) return true;
  std::vector<float> values;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = v->find(',', start);
    const std::string_view item = std::string_view(*v).substr(
        start, comma == std::string::npos ? std::string::npos : comma - start);
    float d;
    if (!parse_float(item, &d))
      return fail(
          error, "--" + std::string(name) + " must be comma-separated finite numbers (e.g. 10,1,1), got " + quoted(*v));
    values.push_back(d);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  *out = std::move(values);
  return true;
}

bool Args::get_ints(std::string_view name, int lo, int hi, std::vector<int>* out, std::string* error) const {
  const std::string* v = value(name);
  if (!v) return true;
  std::vector<int> values;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = v->find(',', start);
    const std::string_view item = std::string_view(*v).substr(
        start, comma == std::string::npos ? std::string::npos : comma - start);
    long long n;
    if (!parse_integer(item, lo, hi, &n))
      return fail(error, "--" + std::string(name) + " must be comma-separated integers in " + std::to_string(lo) +
                             ".." + std::to_string(hi) + ", got " + quoted(*v));
    values.push_back(static_cast<int>(n));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  *out = std::move(values);
  return true;
}

}  // namespace nnlab::cli
