// data/host_io.h under node (nnlab-cli.js and nnlab_tests.js): node's zlib inflates gzip, node's
// fs reads the MNIST pack beside the running .js, node's tty answers for stderr. Linked as an
// object library, so the static registration below runs before main().
#ifdef __EMSCRIPTEN__
#include <emscripten.h>

#include <cstdint>
#include <string>

#include "data/host_io.h"

// JavaScript inside: clang-format would split "===".
// clang-format off
// Inflates into Module.nnlabInflated (taken by js_take); returns the size, −2 when the data is
// corrupt or truncated, −3 when it inflates to more than `limit` bytes.
EM_JS(double, js_gunzip, (const std::uint8_t* src, int size, double limit), {
  try {
    Module['nnlabInflated'] = require('zlib').gunzipSync(HEAPU8.subarray(src, src + size), {maxOutputLength : limit});
  } catch (e) {
    return e.code === 'ERR_BUFFER_TOO_LARGE' ? -3 : -2;
  }
  return Module['nnlabInflated'].length;
});

// Reads a file beside the running .js into Module.nnlabInflated; −2 missing, −3 unreadable.
EM_JS(double, js_read_beside, (const char* name), {
  const fs = require('fs');
  const file = require('path').join(__dirname, UTF8ToString(name));
  if (!fs.existsSync(file)) return -2;
  try {
    Module['nnlabInflated'] = fs.readFileSync(file);
  } catch (e) {
    return -3;
  }
  return Module['nnlabInflated'].length;
});

EM_JS(void, js_take, (std::uint8_t * dst), {
  HEAPU8.set(Module['nnlabInflated'], dst);
  Module['nnlabInflated'] = null;
});

// NODERAWFS's isatty() answers for its own streams, not node's: ask node about fd 2.
EM_JS(int, js_stderr_is_tty, (), {
  try {
    return require('tty').isatty(2) ? 1 : 0;
  } catch (e) {
    return 0;
  }
});

// clang-format on

namespace {

bool take(double n, std::vector<std::uint8_t>* out) {
  out->resize(static_cast<std::size_t>(n));
  if (n > 0) js_take(out->data());
  return true;
}

bool node_gunzip(std::span<const std::uint8_t> gz, std::size_t limit, std::vector<std::uint8_t>* out,
                 std::string* error) {
  const double n = js_gunzip(gz.data(), static_cast<int>(gz.size()), static_cast<double>(limit));
  if (n == -3) {
    *error = "inflates to more than " + std::to_string(limit) + " bytes";
    return false;
  }
  if (n < 0) {
    *error = "bad or truncated gzip data";
    return false;
  }
  return take(n, out);
}

bool node_read_beside(const char* name, std::vector<std::uint8_t>* out, std::string* error) {
  const double n = js_read_beside(name);
  if (n == -2) *error = "not found next to the running .js (it is built into the build dir)";
  if (n == -3) *error = "cannot be read";
  return n >= 0 && take(n, out);
}

bool node_stderr_is_terminal() { return js_stderr_is_tty() == 1; }

const bool kInstalled = [] {
  nnlab::HostIo io;
  io.gunzip = node_gunzip;
  io.read_beside_program = node_read_beside;
  io.stderr_is_terminal = node_stderr_is_terminal;
  nnlab::set_host_io(io);
  return true;
}();

}  // namespace
#endif
