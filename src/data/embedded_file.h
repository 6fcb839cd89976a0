// A file compiled into the binary by scripts/embed.py (shaders, fonts, the MNIST subset).
#pragma once
#include <cstddef>

namespace nnlab::embedded {
struct EmbeddedFile {
  const char* name;            // base name, e.g. "colormap.frag.glsl"
  const unsigned char* bytes;  // followed by a NUL byte
  std::size_t size;            // without the NUL
};
}  // namespace nnlab::embedded
