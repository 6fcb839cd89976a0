// The limits on what is read, applied before the memory is spent: model files of more than 64 MiB
// of text are refused unparsed.
#include <doctest/doctest.h>

// The gzip cases need zlib to make their streams: the native builds (the wasm build reads gzip
// through node's zlib and has no zlib.h).
#if defined(NNLAB_HAVE_ZLIB)
#include <zlib.h>
#endif

#include <string>
#include <vector>

#include "data/file_io.h"
#include "data/idx.h"

#include "data/model_file.h"
#include "text/text.h"
#include "temp_dir.h"

using nnlab::test::TempDir;

namespace {

#if defined(NNLAB_HAVE_ZLIB)
std::string gzip(const std::string& bytes) {
  z_stream zs{};
  REQUIRE(deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&zs, uLong(bytes.size())) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = uInt(bytes.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = uInt(out.size());
  REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

void be32(std::string& s, std::uint32_t v) {
  for (int i = 3; i >= 0; --i) s += char((v >> (8 * i)) & 0xff);
}

std::string images_header(std::uint32_t count, std::uint32_t side) {
  std::string h;
  be32(h, 0x00000803), be32(h, count), be32(h, side), be32(h, side);
  return h;
}

std::span<const std::uint8_t> bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
#endif

}  // namespace

TEST_SUITE("limits") {
  TEST_CASE("a model file of more than 64 MiB is refused before it is parsed, in both languages") {
    const std::string zeros(nnlab::kMaxModelFileBytes + 1, '0');
    nnlab::Mlp m;
    std::string error;
    CHECK_FALSE(nnlab::model_from_json(zeros, "big.json", &m, nullptr, &error));
    CHECK(error == "big.json: 64 MB of text; a model file may have at most 64 MB");
    nnlab::text::set_language(nnlab::text::Lang::zh);
    CHECK_FALSE(nnlab::model_from_json(zeros, "big.json", &m, nullptr, &error));
    nnlab::text::set_language(nnlab::text::Lang::en);
    CHECK(error.find("模型文件最多只能有 64 MB") != std::string::npos);
    // From disk: refused from its size, never read.
    TempDir dir;
    REQUIRE(dir.ok());
    REQUIRE(TempDir::write(dir.file("big.json"), zeros));
    CHECK_FALSE(nnlab::load_model(dir.file("big.json"), &m, nullptr, &error));
    CHECK(error == dir.file("big.json") + ": 64 MB of text; a model file may have at most 64 MB");
  }

#if defined(NNLAB_HAVE_ZLIB)
  TEST_CASE("gzip never inflates past what the reader allows: bombs and headers announcing too much") {
    // One 28 × 28 image announced, 16 MiB of zeros inflated (16 KB of gzip).
    const std::string bomb = gzip(images_header(1, 28) + std::string(16 << 20, '\0'));
    std::vector<std::uint8_t> out;
    bool more = false;
    std::string error;
    REQUIRE(nnlab::gunzip_prefix(bytes_of(bomb), "bomb.gz", 800, &out, &more, &error));
    CHECK(out.size() == 800);
    CHECK(more);
    nnlab::IdxImages images;
    CHECK_FALSE(nnlab::parse_idx_images(bytes_of(bomb), "bomb.gz", &images, &error));
    CHECK(error == "bomb.gz: inflates to more than the 800 bytes its header announces (refused without inflating the rest)");
    // 1,300,000 images of 28 × 28 announced (1.02 GB, 969 MB of pixels): refused from the header.
    const std::string announced = gzip(images_header(1'300'000, 28) + std::string(65536, '\0'));
    CHECK_FALSE(nnlab::parse_idx_images(bytes_of(announced), "big.gz", &images, &error));
    CHECK(error == "big.gz: its header announces 1300000 images of 28 × 28 pixels (971 MB); an images file may have at "
                   "most 256 MB of pixels");
    // What the header announces, exactly, is read.
    const std::string good = gzip(images_header(2, 28) + std::string(2 * 784, char(7)));
    REQUIRE_MESSAGE(nnlab::parse_idx_images(bytes_of(good), "good.gz", &images, &error), error);
    CHECK(images.count == 2);
    CHECK(images.pixels.size() == 2 * 784);
    // gunzip itself stays bounded by 1 GiB and says so; a whole small stream inflates as before.
    REQUIRE(nnlab::gunzip(bytes_of(good), "good.gz", &out, &error));
    CHECK(out.size() == 16 + 2 * 784);
  }
#endif
}
