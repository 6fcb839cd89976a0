// IDX reader: generated good and bad files (plain and gzip), a whole MNIST-style directory, and
// Debian's real Fashion-MNIST files (package dataset-fashion-mnist, installed by the set-up).
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "data/file_io.h"
#include "data/idx.h"
#include "temp_dir.h"

#if defined(NNLAB_HAVE_ZLIB)
#include <zlib.h>
#endif

using nnlab::test::TempDir;

namespace {

void put_be32(std::string& s, std::uint32_t v) {
  s += char(v >> 24);
  s += char(v >> 16);
  s += char(v >> 8);
  s += char(v);
}

// n images of rows×cols; pixel k of image i is (i*7 + k) mod 256.
std::string images_bytes(std::uint32_t n, std::uint32_t rows, std::uint32_t cols, std::uint32_t magic = 0x803) {
  std::string s;
  put_be32(s, magic);
  put_be32(s, n);
  put_be32(s, rows);
  put_be32(s, cols);
  for (std::uint32_t i = 0; i < n; ++i)
    for (std::uint32_t k = 0; k < rows * cols; ++k) s += char((i * 7 + k) & 255);
  return s;
}

// n labels, label i = i mod 10.
std::string labels_bytes(std::uint32_t n, std::uint32_t magic = 0x801) {
  std::string s;
  put_be32(s, magic);
  put_be32(s, n);
  for (std::uint32_t i = 0; i < n; ++i) s += char(i % 10);
  return s;
}

std::span<const std::uint8_t> as_bytes(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

#if defined(NNLAB_HAVE_ZLIB)
// gzip-compresses s (a real gzip stream with header and CRC, as gzip(1) writes).
std::string gzip(const std::string& s) {
  z_stream zs{};
  REQUIRE(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&zs, uLong(s.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
  zs.avail_in = uInt(s.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = uInt(out.size());
  REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}
#endif

}  // namespace

TEST_SUITE("idx") {
  TEST_CASE("good images and labels parse from memory") {
    const std::string img = images_bytes(3, 2, 4), lab = labels_bytes(3);
    nnlab::IdxImages images;
    nnlab::IdxLabels labels;
    std::string err;
    REQUIRE_MESSAGE(nnlab::parse_idx_images(as_bytes(img), "mem-images", &images, &err), err);
    REQUIRE_MESSAGE(nnlab::parse_idx_labels(as_bytes(lab), "mem-labels", 10, &labels, &err), err);
    CHECK(images.count == 3);
    CHECK(images.rows == 2);
    CHECK(images.cols == 4);
    REQUIRE(images.pixels.size() == 24);
    CHECK(images.pixels[0] == 0);
    CHECK(images.pixels[8 + 1] == 8);  // image 1, pixel 1: 7 + 1
    CHECK(labels.count == 3);
    CHECK(labels.labels == std::vector<std::uint8_t>{0, 1, 2});
    CHECK(nnlab::check_idx_pair(images, "a", labels, "b", &err));
  }

  TEST_CASE("bad files give errors that name the file and the problem") {
    nnlab::IdxImages images;
    nnlab::IdxLabels labels;
    std::string err;
    struct Bad {
      const char* what;
      std::string bytes;
      bool images;
      const char* expect;
    };
    std::string truncated_pixels = images_bytes(3, 2, 4);
    truncated_pixels.resize(truncated_pixels.size() - 1);
    std::string trailing = labels_bytes(4) + "x";
    std::string bad_label = labels_bytes(4);
    bad_label[8 + 2] = char(10);
    const Bad cases[] = {
        {"empty", "", true, "truncated IDX header"},
        {"short header", images_bytes(1, 1, 1).substr(0, 10), true, "truncated IDX header"},
        {"bad magic", images_bytes(1, 2, 2, 0x12345678), true, "bad magic 0x12345678"},
        {"labels given as images", labels_bytes(20), true, "looks like a labels file"},
        {"images given as labels", images_bytes(1, 1, 1), false, "looks like an images file"},
        {"zero images", images_bytes(0, 2, 2), true, "image count 0"},
        {"zero rows", images_bytes(1, 0, 2), true, "image size 0x2"},
        {"huge cols", images_bytes(1, 2, 5000), true, "image size 2x5000 out of range 1..4096"},
        {"truncated pixels", truncated_pixels, true, "truncated: 3 images of 2x4 need 24 pixel bytes, file has 23"},
        {"truncated labels", labels_bytes(5).substr(0, 11), false, "truncated: 5 labels announced, file has 3"},
        {"trailing bytes", trailing, false, "1 unexpected bytes after the last label"},
        {"label out of range", bad_label, false, "label 10 at index 2 out of range 0..9"},
    };
    for (const Bad& b : cases) {
      CAPTURE(b.what);
      const bool ok = b.images ? nnlab::parse_idx_images(as_bytes(b.bytes), "some-file", &images, &err)
                               : nnlab::parse_idx_labels(as_bytes(b.bytes), "some-file", 10, &labels, &err);
      CHECK_FALSE(ok);
      CHECK(err.rfind("some-file: ", 0) == 0);
      CHECK_MESSAGE(err.find(b.expect) != std::string::npos, err);
    }
    // A huge announced count with few bytes is refused from the header, never allocated.
    std::string huge = images_bytes(1, 28, 28);
    huge[4] = char(0x00), huge[5] = char(0x98), huge[6] = char(0x96), huge[7] = char(0x7f);  // 9,999,999
    CHECK_FALSE(nnlab::parse_idx_images(as_bytes(huge), "f", &images, &err));
    CHECK_MESSAGE(err.find("at most 256 MB of pixels") != std::string::npos, err);
    // A count within the limit with too few bytes is reported as truncation.
    huge[4] = char(0x00), huge[5] = char(0x00), huge[6] = char(0x01), huge[7] = char(0x00);  // 256
    CHECK_FALSE(nnlab::parse_idx_images(as_bytes(huge), "f", &images, &err));
    CHECK(err.find("truncated") != std::string::npos);
    CHECK(nnlab::parse_idx_labels(as_bytes(labels_bytes(3)), "f", 2, &labels, &err) == false);  // label 2 ≥ 2 classes
  }

  TEST_CASE("a directory of four files, plain and gzip; mismatches and missing files") {
    TempDir dir;
    REQUIRE(dir.ok());
    REQUIRE(TempDir::write(dir.file("train-images-idx3-ubyte"), images_bytes(20, 3, 3)));
    REQUIRE(TempDir::write(dir.file("train-labels-idx1-ubyte"), labels_bytes(20)));
    REQUIRE(TempDir::write(dir.file("t10k-images-idx3-ubyte"), images_bytes(5, 3, 3)));
    std::string err;
    nnlab::IdxDataset data;

    SUBCASE("missing file") {
      CHECK_FALSE(nnlab::load_idx_dir(dir.path(), 10, &data, &err));
      CHECK(err == dir.path() + ": missing t10k-labels-idx1-ubyte (or t10k-labels-idx1-ubyte.gz)");
    }
    SUBCASE("count mismatch") {
      REQUIRE(TempDir::write(dir.file("t10k-labels-idx1-ubyte"), labels_bytes(6)));
      CHECK_FALSE(nnlab::load_idx_dir(dir.path(), 10, &data, &err));
      CHECK(err == dir.file("t10k-images-idx3-ubyte") + " has 5 images but " + dir.file("t10k-labels-idx1-ubyte") +
                       " has 6 labels");
    }
    SUBCASE("image size mismatch between train and test") {
      REQUIRE(TempDir::write(dir.file("t10k-images-idx3-ubyte"), images_bytes(5, 3, 4)));
      REQUIRE(TempDir::write(dir.file("t10k-labels-idx1-ubyte"), labels_bytes(5)));
      CHECK_FALSE(nnlab::load_idx_dir(dir.path(), 10, &data, &err));
      CHECK(err.find("train images are 3x3 but test images are 3x4") != std::string::npos);
    }
    SUBCASE("not a directory") {
      CHECK_FALSE(nnlab::load_idx_dir(dir.file("nope"), 10, &data, &err));
      CHECK(err.find("nope: not a directory") != std::string::npos);
    }
#if defined(NNLAB_HAVE_ZLIB)
    SUBCASE("gzip labels load like plain ones") {
      REQUIRE(TempDir::write(dir.file("t10k-labels-idx1-ubyte.gz"), gzip(labels_bytes(5))));
      REQUIRE_MESSAGE(nnlab::load_idx_dir(dir.path(), 10, &data, &err), err);
      CHECK(data.train.images.count == 20);
      CHECK(data.test.labels.count == 5);
      CHECK(data.test.labels.labels[4] == 4);
      const std::string train_x = images_bytes(20, 3, 3);
      CHECK(data.train.images.pixels == std::vector<std::uint8_t>(train_x.begin() + 16, train_x.end()));
    }
    SUBCASE("truncated and corrupt gzip") {
      std::string gz = gzip(labels_bytes(500));
      REQUIRE(TempDir::write(dir.file("t10k-labels-idx1-ubyte.gz"), gz.substr(0, gz.size() / 2)));
      CHECK_FALSE(nnlab::load_idx_dir(dir.path(), 10, &data, &err));
      CHECK_MESSAGE(err.find("t10k-labels-idx1-ubyte.gz: truncated gzip") != std::string::npos, err);
      gz[gz.size() - 6] ^= 0x55;  // CRC-32 trailer
      REQUIRE(TempDir::write(dir.file("t10k-labels-idx1-ubyte.gz"), gz));
      CHECK_FALSE(nnlab::load_idx_dir(dir.path(), 10, &data, &err));
      CHECK_MESSAGE(err.find("t10k-labels-idx1-ubyte.gz: bad gzip data") != std::string::npos, err);
    }
#else
    SUBCASE("corrupt gzip under node's zlib is reported, not misread") {
      const std::string fake_gz = "\x1f\x8b\x08\x00 not really";
      nnlab::IdxLabels labels;
      CHECK_FALSE(nnlab::parse_idx_labels(as_bytes(fake_gz), "x.gz", 10, &labels, &err));
      CHECK_MESSAGE(err == "x.gz: bad or truncated gzip data", err);
    }
#endif
  }

  TEST_CASE("Debian's Fashion-MNIST files") {
    const std::string dir = "/usr/share/datasets/fashion-mnist";
    nnlab::IdxDataset data;
    std::string err;
    const bool present = TempDir::read(dir + "/t10k-labels-idx1-ubyte.gz").size() > 0;
    REQUIRE_MESSAGE(present, dir << " is missing: run the set-up (scripts/setup.sh, which every make target runs; "
                                    "it installs the Debian package dataset-fashion-mnist)");
    // Natively through zlib, in the wasm tests (under node) through node's zlib.
    REQUIRE_MESSAGE(nnlab::load_idx_dir(dir, 10, &data, &err), err);
    CHECK(data.train.images.count == 60000);
    CHECK(data.test.images.count == 10000);
    CHECK(data.train.images.rows == 28);
    CHECK(data.train.images.cols == 28);
    // Fashion-MNIST is balanced: 6,000 training and 1,000 test images of each of the 10 classes.
    int train_counts[10] = {}, test_counts[10] = {};
    for (std::uint8_t y : data.train.labels.labels) ++train_counts[y];
    for (std::uint8_t y : data.test.labels.labels) ++test_counts[y];
    for (int k = 0; k < 10; ++k) {
      CHECK(train_counts[k] == 6000);
      CHECK(test_counts[k] == 1000);
    }
    long long ink = 0;
    for (std::uint8_t p : data.test.images.pixels) ink += p;
    CHECK(ink > 0);
  }
}
