// MNIST-format IDX reader. See idx.h for the format.
#include "data/idx.h"

#include <sys/stat.h>

#include <cstdio>

#include "data/file_io.h"
#include "text/text.h"

namespace nnlab {
namespace {

using text::tr;

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

// "<file>: <what went wrong>".
bool fail(std::string* error, std::string_view name, const std::string& what) {
  if (error) *error = tr("data.file_error", {{"name", std::string(name)}, {"what", what}});
  return false;
}

std::string n(std::uint64_t v) { return std::to_string(v); }

// Inflates gzip input into `storage` and points `bytes` at it; plain input passes through. Never
// more than the header announces (header_bytes, then what announced() makes of them) plus one
// byte, so the parser can say "more than announced" and a small file never inflates far.
template <class Announced>
bool maybe_inflate(std::span<const std::uint8_t>& bytes, std::string_view name, std::vector<std::uint8_t>& storage,
                   std::size_t header_bytes, Announced&& announced, std::string* error) {
  if (!is_gzip(bytes)) return true;
  bool more = false;
  if (!gunzip_prefix(bytes, name, header_bytes, &storage, &more, error)) return false;
  if (more) {
    const std::uint64_t body = announced(storage.data());  // 0: the header is refused anyway
    if (body > 0) {
      if (!gunzip_prefix(bytes, name, std::size_t(header_bytes + body), &storage, &more, error)) return false;
      if (more) {
        storage.clear();
        storage.shrink_to_fit();
        return fail(error, name, tr("reliability.gzip.beyond_header", {{"bytes", n(header_bytes + body)}}));
      }
    }
  }
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
  const auto announced = [](const std::uint8_t* h) -> std::uint64_t {
    if (be32(h) != kMagicImages || be32(h + 4) > std::uint32_t(kIdxMaxCount) || be32(h + 8) > std::uint32_t(kIdxMaxSide) ||
        be32(h + 12) > std::uint32_t(kIdxMaxSide))
      return 0;
    const std::uint64_t want = std::uint64_t(be32(h + 4)) * be32(h + 8) * be32(h + 12);
    return want <= kIdxMaxImageBytes ? want : 0;
  };
  if (!maybe_inflate(bytes, name, inflated, 16, announced, error)) return false;
  if (bytes.size() < 16)
    return fail(error, name, tr("data.idx.header_images", {{"bytes", n(bytes.size())}, {"need", "16"}}));
  const std::uint32_t magic = be32(bytes.data());
  if (magic != kMagicImages)
    return fail(error, name,
                tr(magic == kMagicLabels ? "data.idx.magic_images_got_labels" : "data.idx.magic_images",
                   {{"magic", hex32(magic)}, {"expected", hex32(kMagicImages)}}));
  const std::uint32_t count = be32(bytes.data() + 4), rows = be32(bytes.data() + 8), cols = be32(bytes.data() + 12);
  if (count == 0 || count > std::uint32_t(kIdxMaxCount))
    return fail(error, name, tr("data.idx.image_count", {{"count", n(count)}, {"max", n(kIdxMaxCount)}}));
  if (rows == 0 || cols == 0 || rows > std::uint32_t(kIdxMaxSide) || cols > std::uint32_t(kIdxMaxSide))
    return fail(error, name, tr("data.image_size", {{"rows", n(rows)}, {"cols", n(cols)}, {"max", n(kIdxMaxSide)}}));
  const std::uint64_t want = std::uint64_t(count) * rows * cols;
  if (want > kIdxMaxImageBytes)
    return fail(error, name, tr("reliability.idx.too_big", {{"count", n(count)}, {"rows", n(rows)}, {"cols", n(cols)},
                                                             {"mb", n(want >> 20)}, {"max", n(kIdxMaxImageBytes >> 20)}}));
  const std::uint64_t have = bytes.size() - 16;
  if (have < want)
    return fail(error, name,
                tr("data.idx.truncated_images",
                   {{"count", n(count)}, {"rows", n(rows)}, {"cols", n(cols)}, {"want", n(want)}, {"have", n(have)}}));
  if (have > want) return fail(error, name, tr("data.idx.trailing_images", {{"extra", n(have - want)}}));
  out->count = int(count);
  out->rows = int(rows);
  out->cols = int(cols);
  out->pixels.assign(bytes.begin() + 16, bytes.end());
  return true;
}

bool parse_idx_labels(std::span<const std::uint8_t> bytes, std::string_view name, int num_classes, IdxLabels* out,
                      std::string* error) {
  std::vector<std::uint8_t> inflated;
  const auto announced = [](const std::uint8_t* h) -> std::uint64_t {
    return be32(h) == kMagicLabels && be32(h + 4) <= std::uint32_t(kIdxMaxCount) ? be32(h + 4) : 0;
  };
  if (!maybe_inflate(bytes, name, inflated, 8, announced, error)) return false;
  if (bytes.size() < 8)
    return fail(error, name, tr("data.idx.header_labels", {{"bytes", n(bytes.size())}, {"need", "8"}}));
  const std::uint32_t magic = be32(bytes.data());
  if (magic != kMagicLabels)
    return fail(error, name,
                tr(magic == kMagicImages ? "data.idx.magic_labels_got_images" : "data.idx.magic_labels",
                   {{"magic", hex32(magic)}, {"expected", hex32(kMagicLabels)}}));
  const std::uint32_t count = be32(bytes.data() + 4);
  if (count == 0 || count > std::uint32_t(kIdxMaxCount))
    return fail(error, name, tr("data.idx.label_count", {{"count", n(count)}, {"max", n(kIdxMaxCount)}}));
  const std::uint64_t have = bytes.size() - 8;
  if (have < count)
    return fail(error, name, tr("data.idx.truncated_labels", {{"count", n(count)}, {"have", n(have)}}));
  if (have > count) return fail(error, name, tr("data.idx.trailing_labels", {{"extra", n(have - count)}}));
  for (std::uint32_t i = 0; i < count; ++i) {
    if (bytes[8 + i] >= num_classes)
      return fail(error, name,
                  tr("data.label_range", {{"label", n(bytes[8 + i])}, {"index", n(i)}, {"max", n(num_classes - 1)}}));
  }
  out->count = int(count);
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
    *error = tr("data.idx.pair", {{"images", std::string(images_name)},
                                  {"images_count", n(images.count)},
                                  {"labels", std::string(labels_name)},
                                  {"labels_count", n(labels.count)}});
  return false;
}

bool load_idx_dir(const std::string& dir, int num_classes, IdxDataset* out, std::string* error) {
  struct stat st {};
  if (stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    return fail(error, dir, text::T("data.idx.not_dir"));
  std::string base = dir;
  if (!base.empty() && base.back() != '/') base += '/';
  // Finds base+stem, else base+stem+".gz"; fails naming both candidates.
  auto find = [&](const char* stem, std::string* path) {
    const std::string plain = base + stem, gz = plain + ".gz";
    if (file_exists(plain)) *path = plain;
    else if (file_exists(gz)) *path = gz;
    else return fail(error, dir, tr("data.idx.missing", {{"file", stem}}));
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
                tr("data.idx.sizes", {{"train_rows", n(data.train.images.rows)},
                                      {"train_cols", n(data.train.images.cols)},
                                      {"test_rows", n(data.test.images.rows)},
                                      {"test_cols", n(data.test.images.cols)}}));
  *out = std::move(data);
  return true;
}

}  // namespace nnlab
