#include "platform/options.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace nnlab::platform {

const char* usage() {
  return "usage: nnlab [--link '#view=neuron&w1=0.5'] [--command 'set w1 0.5']... [--frames N]\n"
         "             [--screenshot FILE.png] [--state] [--size WxH]\n"
         "  --frames N       render N frames and exit (with --screenshot: save the last one)\n"
         "  --state          print the app's state as JSON before exiting\n";
}

bool parse_options(int argc, char** argv, Options* out, std::string* error) {
  for (int i = 1; i < argc; ++i) {
    const char* flag = argv[i];
    const bool has_value = i + 1 < argc;
    auto value = [&]() -> const char* { return argv[++i]; };
    if (!std::strcmp(flag, "--help") || !std::strcmp(flag, "-h")) {
      *error = usage();
      return false;
    } else if (!std::strcmp(flag, "--state")) {
      out->print_state = true;
    } else if (!has_value) {
      *error = std::string("missing value after ") + flag;
      return false;
    } else if (!std::strcmp(flag, "--frames")) {
      char* end = nullptr;
      const long n = std::strtol(value(), &end, 10);
      if (*end || n < 1 || n > 1000000) {
        *error = "--frames takes a positive integer";
        return false;
      }
      out->frames = int(n);
    } else if (!std::strcmp(flag, "--screenshot")) {
      out->screenshot = value();
    } else if (!std::strcmp(flag, "--link")) {
      out->link = value();
    } else if (!std::strcmp(flag, "--command")) {
      out->commands.emplace_back(value());
    } else if (!std::strcmp(flag, "--size")) {
      int w = 0, h = 0;
      if (std::sscanf(value(), "%dx%d", &w, &h) != 2 || w < 320 || h < 240 || w > 8192 || h > 8192) {
        *error = "--size takes WxH, e.g. 1280x800";
        return false;
      }
      out->width = w;
      out->height = h;
    } else {
      *error = std::string("unknown option ") + flag;
      return false;
    }
  }
  if (!out->screenshot.empty() && out->frames == 0) out->frames = 3;
  return true;
}

}  // namespace nnlab::platform
