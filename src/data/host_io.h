// What the data layer asks of its environment where the C library cannot answer: the WebAssembly
// builds have no zlib, and NODERAWFS cannot tell whether stderr is a terminal. The platform fills
// this in (src/platform/node/node_io.cpp for nnlab-cli.js and nnlab_tests.js, which run under
// node); where nothing is filled in, gzip input is refused with a message saying so (the browser
// inflates files in the page before handing them over). Natively zlib and isatty() answer.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace nnlab {

struct HostIo {
  // Inflates one gzip stream of at most `limit` inflated bytes; false + message otherwise.
  bool (*gunzip)(std::span<const std::uint8_t> gz, std::size_t limit, std::vector<std::uint8_t>* out,
                 std::string* error) = nullptr;
  // Reads the file `name` next to the running program (the build directory's MNIST pack).
  bool (*read_beside_program)(const char* name, std::vector<std::uint8_t>* out, std::string* error) = nullptr;
  // Whether standard error is a terminal (for progress bars).
  bool (*stderr_is_terminal)() = nullptr;
};

void set_host_io(const HostIo& io);
const HostIo& host_io();

}  // namespace nnlab
