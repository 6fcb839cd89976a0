// MNIST-format IDX files (http://yann.lecun.com/exdb/mnist/, "FILE FORMATS"):
//   idx3 images: magic 0x00000803, then N, rows, cols (big-endian uint32), then N·rows·cols uint8
//   idx1 labels: magic 0x00000801, then N, then N uint8
// Plain or gzip (natively through zlib; in wasm under node through node's zlib). In the browser
// the page inflates .gz files with DecompressionStream and hands the plain bytes to
// parse_idx_images / parse_idx_labels.
// Every function returns false with a message naming the file and the problem; none throws.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nnlab {

inline constexpr int kIdxMaxSide = 4096;         // rows, cols each at most this
inline constexpr int kIdxMaxCount = 10'000'000;  // images / labels per file at most this
// The pixels of one images file at most: 256 MiB (about 342,000 images of 28 × 28, 5.7 × MNIST's
// training set; the lab keeps them as floats, 1 GiB). A header announcing more is refused before
// anything is inflated or allocated; gzip input is never inflated past what its header announces.
inline constexpr std::uint64_t kIdxMaxImageBytes = std::uint64_t(256) << 20;

struct IdxImages {
  int count = 0, rows = 0, cols = 0;
  std::vector<std::uint8_t> pixels;  // (count, rows·cols), row-major, 0 = background
  int pixels_per_image() const { return rows * cols; }
};

struct IdxLabels {
  int count = 0;
  std::vector<std::uint8_t> labels;  // (count), each < num_classes
};

// One split: images with their labels, counts checked to agree.
struct IdxSplit {
  IdxImages images;
  IdxLabels labels;
};

// The four files of an MNIST-style directory.
struct IdxDataset {
  IdxSplit train;  // train-images-idx3-ubyte[.gz] + train-labels-idx1-ubyte[.gz]
  IdxSplit test;   // t10k-images-idx3-ubyte[.gz]  + t10k-labels-idx1-ubyte[.gz]
};

// Parse from memory (gzip bytes are inflated where possible, see file_io.h). `name` is for messages.
bool parse_idx_images(std::span<const std::uint8_t> bytes, std::string_view name, IdxImages* out, std::string* error);
bool parse_idx_labels(std::span<const std::uint8_t> bytes, std::string_view name, int num_classes, IdxLabels* out,
                      std::string* error);

// Read a file (plain or .gz) and parse it.
bool load_idx_images(const std::string& path, IdxImages* out, std::string* error);
bool load_idx_labels(const std::string& path, int num_classes, IdxLabels* out, std::string* error);

// Checks that images and labels belong together (same count). Names are for the message.
bool check_idx_pair(const IdxImages& images, std::string_view images_name, const IdxLabels& labels,
                    std::string_view labels_name, std::string* error);

// Loads DIR/{train,t10k}-{images-idx3,labels-idx1}-ubyte, each plain or with .gz (the plain
// file wins when both exist). Train and test images must have the same size.
bool load_idx_dir(const std::string& dir, int num_classes, IdxDataset* out, std::string* error);

}  // namespace nnlab
