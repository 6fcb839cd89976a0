// MNIST-format IDX reader. See idx.h for the format.
#include "data/idx.h"

#include <sys/stat.h>

#include <cstdio>

#include "data/file_io.h"

namespace nnlab {
namespace {

constexpr std::uint32_t kMagicImages = 0x00000803;  // ubyte, 3 dimensions
constexpr std::uint32_t kMagicLabels = 0x00000801;  // ubyte, 1 dimension

std::uint32_t be32(const std::uint8_t* p) {
  return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | std::uint32_t(p[3]);
}

std::string hex32(std::uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", v);
  return buf;
}

bool fail(std::string* error, std::string_view name, const std::string& what) {
  if (error) *error = std::string(name) + ": " + what;
  return false;
}

// Inflates gzip input into `storage` and points `bytes` at it; plain input passes through.
bool maybe_inflate(std::span<const std::uint8_t>& bytes, std::string_view name, std::vector<std::uint8_t>& storage,
                   std::string* error) {
  if (!is_gzip(bytes)) return true;
  if (!gunzip(bytes, name, &storage, error)) return false;
  bytes = storage;
  return true;
}

bool file_exists(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

bool parse_idx_images(std::span<const std::uint8_t> bytes, std::string_view name, IdxImages* out, std::string* error) {
  std::vector<std::uint8_t> inflated;
  if (!maybe_inflate(bytes, name, inflated, error)) return false;
  if (bytes.size() < 16)
    return fail(error, name, "truncated IDX header (" + std::to_string(bytes.size()) + " bytes, images need 16)");
  const std::uint32_t magic = be32(bytes.data());
  if (magic != kMagicImages) {
    std::string what = "bad magic " + hex32(magic) + " (expected " + hex32(kMagicImages) + " for idx3-ubyte images)";
    if (magic == kMagicLabels) what += "; this looks like a labels file";
    return fail(error, name, what);
  }
  const std::uint32_t n = be32(bytes.data() + 4), rows = be32(bytes.data() + 8), cols = be32(bytes.data() + 12);
  if (n == 0 || n > std::uint32_t(kIdxMaxCount))
    return fail(error, name, "image count " + std::to_string(n) + " out of range 1.." + std::to_string(kIdxMaxCount));
  if (rows == 0 || cols == 0 || rows > std::uint32_t(kIdxMaxSide) || cols > std::uint32_t(kIdxMaxSide))
    return fail(error, name,
                "image size " + std::to_string(rows) + "x" + std::to_string(cols) + " out of range 1.." +
                    std::to_string(kIdxMaxSide));
  const std::uint64_t want = std::uint64_t(n) * rows * cols;
  const std::uint64_t have = bytes.size() - 16;
  if (have < want)
    return fail(error, name,
                "truncated: " + std::to_string(n) + " images of " + std::to_string(rows) + "x" + std::to_string(cols) +
                    " need " + std::to_string(want) + " pixel bytes, file has " + std::to_string(have));
  if (have > want) return fail(error, name, std::to_string(have - want) + " unexpected bytes after the last image");
  if (want > kMaxFileBytes) return fail(error, name, "images larger than 1 GiB");
  out->count = int(n);
  out->rows = int(rows);
  out->cols = int(cols);
  out->pixels.assign(bytes.begin() + 16, bytes.end());
  return true;
}

bool parse_idx_labels(std::span<const std::uint8_t> bytes, std::string_view name, int num_classes, IdxLabels* out,
                      std::string* error) {
  std::vector<std::uint8_t> inflated;
  if (!maybe_inflate(bytes, name, inflated, error)) return false;
  if (bytes.size() < 8)
    return fail(error, name, "truncated IDX header (" + std::to_string(bytes.size()) + " bytes, labels need 8)");
  const std::uint32_t magic = be32(bytes.data());
  if (magic != kMagicLabels) {
    std::string what = "bad magic " + hex32(magic) + " (expected " + hex32(kMagicLabels) + " for idx1-ubyte labels)";
    if (magic == kMagicImages) what += "; this looks like an images file";
    return fail(error, name, what);
  }
  const std::uint32_t n = be32(bytes.data() + 4);
  if (n == 0 || n > std::uint32_t(kIdxMaxCount))
    return fail(error, name, "label count " + std::to_string(n) + " out of range 1.." + std::to_string(kIdxMaxCount));
  const std::uint64_t have = bytes.size() - 8;
  if (have < n)
    return fail(error, name, "truncated: " + std::to_string(n) + " labels announced, file has " + std::to_string(have));
  if (have > n) return fail(error, name, std::to_string(have - n) + " unexpected bytes after the last label");
  for (std::uint32_t i = 0; i < n; ++i) {
    if (bytes[8 + i] >= num_classes)
      return fail(error, name,
                  "label " + std::to_string(bytes[8 + i]) + " at index " + std::to_string(i) + " out of range 0.." +
                      std::to_string(num_classes - 1));
  }
  out->count = int(n);
  out->labels.assign(bytes.begin() + 8, bytes.end());
  return true;
}

bool load_idx_images(const std::string& path, IdxImages* out, std::string* error) {
  std::vector<std::uint8_t> bytes;
  if (!read_file(path, &bytes, error)) return false;
  return parse_idx_images(bytes, path, out, error);
}

bool load_idx_labels(const std::string& path, int num_classes, IdxLabels* out, std::string* error) {
  std::vector<std::uint8_t> bytes;
  if (!read_file(path, &bytes, error)) return false;
  return parse_idx_labels(bytes, path, num_classes, out, error);
}

bool check_idx_pair(const IdxImages& images, std::string_view images_name, const IdxLabels& labels,
                    std::string_view labels_name, std::string* error) {
  if (images.count == labels.count) return true;
  if (error)
    *error = std::string(images_name) + " has " + std::to_string(images.count) + " images but " +
             std::string(labels_name) + " has " + std::to_string(labels.count) + " labels";
  return false;
}

bool load_idx_dir(const std::string& dir, int num_classes, IdxDataset* out, std::string* error) {
  struct stat st {};
  if (stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    return fail(error, dir, "not a directory (expected MNIST-format IDX files in it)");
  std::string base = dir;
  if (!base.empty() && base.back() != '/') base += '/';
  // Finds base+stem, else base+stem+".gz"; fails naming both candidates.
  auto find = [&](const char* stem, std::string* path) {
    const std::string plain = base + stem, gz = plain + ".gz";
    if (file_exists(plain)) *path = plain;
    else if (file_exists(gz)) *path = gz;
    else return fail(error, dir, std::string("missing ") + stem + " (or " + stem + ".gz)");
    return true;
  };
  IdxDataset data;
  std::string p_train_x, p_train_y, p_test_x, p_test_y;
  if (!find("train-images-idx3-ubyte", &p_train_x) || !find("train-labels-idx1-ubyte", &p_train_y) ||
      !find("t10k-images-idx3-ubyte", &p_test_x) || !find("t10k-labels-idx1-ubyte", &p_test_y))
    return false;
  if (!load_idx_images(p_train_x, &data.train.images, error)) return false;
  if (!load_idx_labels(p_train_y, num_classes, &data.train.labels, error)) return false;
  if (!check_idx_pair(data.train.images, p_train_x, data.train.labels, p_train_y, error)) return false;
  if (!load_idx_images(p_test_x, &data.test.images, error)) return false;
  if (!load_idx_labels(p_test_y, num_classes, &data.test.labels, error)) return false;
  if (!check_idx_pair(data.test.images, p_test_x, data.test.labels, p_test_y, error)) return false;
  if (data.train.images.rows != data.test.images.rows || data.train.images.cols != data.test.images.cols)
    return fail(error, dir,
                "train images are " + std::to_string(data.train.images.rows) + "x" +
                    std::to_string(data.train.images.cols) + " but test images are " +
                    std::to_string(data.test.images.rows) + "x" + std::to_string(data.test.images.cols));
  *out = std::move(data);
  return true;
}

}  // namespace nnlab
