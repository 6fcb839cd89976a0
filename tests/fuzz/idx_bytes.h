// IDX files as bytes (the format of data/idx.h), for targets and corpus inputs that need a dataset on disk
// or in a message: images of side × side pixels and their labels.
#pragma once
#include <cstdint>
#include <string>

namespace nnlab::fuzz {

inline void put_be32(std::string& s, std::uint32_t v) {
  for (int i = 3; i >= 0; --i) s += char((v >> (8 * i)) & 0xff);
}

// `count` images, image i a bar at row (i % side) of brightness 255.
inline std::string idx_images(int count, int side) {
  std::string s;
  put_be32(s, 0x00000803);
  put_be32(s, std::uint32_t(count));
  put_be32(s, std::uint32_t(side));
  put_be32(s, std::uint32_t(side));
  for (int i = 0; i < count; ++i)
    for (int p = 0; p < side * side; ++p) s += char(p / side == i % side ? 255 : 0);
  return s;
}

// `count` labels, label i = i % classes.
inline std::string idx_labels(int count, int classes) {
  std::string s;
  put_be32(s, 0x00000801);
  put_be32(s, std::uint32_t(count));
  for (int i = 0; i < count; ++i) s += char(i % classes);
  return s;
}

}  // namespace nnlab::fuzz
