// Desktop command-line options (the web build takes its options from the URL hash instead).
#pragma once
#include <string>
#include <vector>

namespace nnlab::platform {

struct Options {
  int frames = 0;                     // render this many frames, then exit (0 = run until closed)
  std::string screenshot;             // after the last frame, save the window as PNG here
  std::string link;                   // a deep link to apply at start ("#view=neuron&w1=0.5")
  std::vector<std::string> commands;  // commands to run at start, in order
  bool print_state = false;           // print state JSON to stdout before exiting
  int width = 1280, height = 800;     // initial window size (logical, before DPI scaling)
};

// Returns false and sets *error on a bad flag; "--help" sets *error to the usage text.
bool parse_options(int argc, char** argv, Options* out, std::string* error);
const char* usage();

}  // namespace nnlab::platform
