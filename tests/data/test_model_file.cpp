// Model files: bit-exact round trips, every kind of bad file, atomic saves.
#include <doctest/doctest.h>

#include <sys/resource.h>
#include <sys/stat.h>
#include <dirent.h>
#include <unistd.h>

#include <csignal>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "core/rng.h"
#include "data/float_text.h"
#include "data/file_io.h"
#include "data/model_file.h"
#include "temp_dir.h"

using nnlab::test::TempDir;

namespace {
// Whether `dir` holds exactly one entry, `name` (no temporary left beside it).
bool only_file_is(const std::string& dir, const std::string& name) {
  DIR* d = opendir(dir.c_str());
  if (!d) return false;
  int others = 0, found = 0;
  while (dirent* e = readdir(d)) {
    const std::string n = e->d_name;
    if (n == "." || n == "..") continue;
    (n == name ? found : others)++;
  }
  closedir(d);
  return found == 1 && others == 0;
}
}  // namespace

namespace {

// The coat network of lessons.md §2: 3-2-1, ReLU hidden, sigmoid output.
nnlab::Mlp coat() {
  const nnlab::LayerSpec specs[] = {{3, 2, nnlab::Activation::relu}, {2, 1, nnlab::Activation::sigmoid}};
  nnlab::Mlp m;
  std::string err;
  REQUIRE(m.build(specs, &err));
  const float w1[] = {-0.5f, 1, 0.5f, -1, 0.5f, 0.5f}, b1[] = {0, 1}, w2[] = {0.8f, -0.5f}, b2[] = {0.2f};
  std::memcpy(m.weights(0).data(), w1, sizeof w1);
  std::memcpy(m.bias(0).data(), b1, sizeof b1);
  std::memcpy(m.weights(1).data(), w2, sizeof w2);
  std::memcpy(m.bias(1).data(), b2, sizeof b2);
  return m;
}

bool same_bits(std::span<const float> a, std::span<const float> b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

const char* kCoatText = R"({"format": "nnlab-model", "version": 1,
 "layers": [{"inputs": 3, "outputs": 2, "activation": "relu",
             "weights": [[-0.5, 1, 0.5], [-1, 0.5, 0.5]], "bias": [0, 1]},
            {"inputs": 2, "outputs": 1, "activation": "sigmoid", "weights": [[0.8, -0.5]], "bias": [0.2]}]})";

}  // namespace

TEST_SUITE("model_file") {
  TEST_CASE("floats print short and read back bit-exactly") {
    CHECK(nnlab::float_to_text(0.8f) == "0.8");
    CHECK(nnlab::float_to_text(-0.5f) == "-0.5");
    CHECK(nnlab::float_to_text(1.0f) == "1");
    CHECK(nnlab::float_to_text(-0.0f) == "-0.0");
    nnlab::Rng rng(7);
    for (int k = 0; k < 200000; ++k) {
      std::uint32_t bits = rng.next_u32();
      float v;
      std::memcpy(&v, &bits, sizeof v);
      if (!std::isfinite(v)) continue;
      const std::string s = nnlab::float_to_text(v);
      const float back = static_cast<float>(std::strtod(s.c_str(), nullptr));
      REQUIRE_MESSAGE(std::memcmp(&back, &v, sizeof v) == 0, s);
      const float via_json = static_cast<float>(nnlab::float_for_json(v));
      REQUIRE(std::memcmp(&via_json, &v, sizeof v) == 0);
    }
  }

  TEST_CASE("the coat model loads with the lesson's numbers") {
    nnlab::Mlp m;
    std::string err;
    REQUIRE_MESSAGE(nnlab::model_from_json(kCoatText, "coat.json", &m, nullptr, &err), err);
    REQUIRE(m.layer_count() == 2);
    CHECK(m.parameter_count() == 11);
    CHECK(m.layer(0).activation == nnlab::Activation::relu);
    CHECK(m.layer(1).activation == nnlab::Activation::sigmoid);
    CHECK(same_bits(m.params(), coat().params()));
  }

  TEST_CASE("save → load round-trips every bit, including the training object") {
    const nnlab::LayerSpec specs[] = {
        {17, 9, nnlab::Activation::leaky_relu}, {9, 5, nnlab::Activation::tanh}, {5, 3, nnlab::Activation::softmax}};
    nnlab::Mlp m;
    std::string err;
    REQUIRE(m.build(specs, &err));
    m.init_params(42);
    // Awkward values: subnormals, extremes, −0, values with 9 significant digits.
    auto p = m.params();
    p[0] = std::numeric_limits<float>::denorm_min();
    p[1] = -std::numeric_limits<float>::max();
    p[2] = -0.0f;
    p[3] = std::numeric_limits<float>::min();
    p[4] = 0.1f;
    p[5] = 16777217.0f;
    p[p.size() - 1] = 3.40282347e38f;
    nnlab::TrainingInfo info;
    info.present = true;
    info.loss = "cross-entropy";
    info.optimizer = "adam";
    info.data = "/some/dir";
    info.lr = 0.001;
    info.batch = 64;
    info.epochs = 5;
    info.l2 = 1e-4;
    info.dropout = 0.25;
    info.seed = 18446744073709551615ull;
    info.test_accuracy = 0.8731;
    info.extra = R"({"note":"kept ✓","nested":{"a":[1,2]}})";

    std::string text;
    REQUIRE(nnlab::model_to_json(m, &info, &text, &err));
    nnlab::Mlp back;
    nnlab::TrainingInfo info_back;
    REQUIRE_MESSAGE(nnlab::model_from_json(text, "mem", &back, &info_back, &err), err);
    CHECK(same_bits(back.params(), m.params()));
    REQUIRE(back.layer_count() == 3);
    for (int l = 0; l < 3; ++l) {
      CHECK(back.layer(l).inputs == specs[l].inputs);
      CHECK(back.layer(l).outputs == specs[l].outputs);
      CHECK(back.layer(l).activation == specs[l].activation);
    }
    CHECK(info_back.present);
    CHECK(info_back.loss == "cross-entropy");
    CHECK(info_back.optimizer == "adam");
    CHECK(info_back.data == "/some/dir");
    CHECK(*info_back.lr == 0.001);
    CHECK(*info_back.batch == 64);
    CHECK(*info_back.epochs == 5);
    CHECK(*info_back.l2 == 1e-4);
    CHECK(*info_back.dropout == 0.25);
    CHECK(*info_back.seed == 18446744073709551615ull);
    CHECK(*info_back.test_accuracy == 0.8731);
    CHECK_FALSE(info_back.train_loss.has_value());
    CHECK(info_back.extra == info.extra);  // kept verbatim, in order
    // Text → model → text is a fixed point.
    std::string again;
    REQUIRE(nnlab::model_to_json(back, &info_back, &again, &err));
    CHECK(again == text);

    SUBCASE("a file without a training object loads with present = false") {
      nnlab::TrainingInfo none;
      none.present = true;
      REQUIRE(nnlab::model_from_json(kCoatText, "coat.json", &back, &none, &err));
      CHECK_FALSE(none.present);
    }
  }

  TEST_CASE("bad files fail with the file name and the problem, and change nothing") {
    struct Bad {
      const char* text;
      const char* expect;
    };
    const std::string L0 =
        R"({"inputs": 3, "outputs": 2, "activation": "relu", "weights": [[-0.5, 1, 0.5], [-1, 0.5, 0.5]], "bias": [0, 1]})";
    const std::string head = R"({"format": "nnlab-model", "version": 1, "layers": [)";
    auto with = [&](const std::string& layer) { return head + layer + "]}"; };
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", "empty file"},
        {"{", "not valid JSON: parse error at line 1, column 2"},
        {"[1, 2]", "top level must be a JSON object, not array"},
        {"{\"version\": 1}", "missing \"format\""},
        {R"({"format": "keras", "version": 1})", "\"format\" is \"keras\", expected \"nnlab-model\""},
        {R"({"format": "nnlab-model", "version": 3, "layers": []})", "unsupported \"version\" 3"},
        {R"({"format": "nnlab-model", "version": 1})", "missing \"layers\""},
        {R"({"format": "nnlab-model", "version": 1, "layers": {}})", "layers: must be an array, not object"},
        {with(""), "layers: is empty"},
        {with("7"), "layers[0]: must be an object, not number"},
        {with(R"({"outputs": 1, "activation": "relu", "weights": [[1]], "bias": [0]})"),
         "layers[0]: missing \"inputs\""},
        {with(R"({"inputs": 0, "outputs": 1, "activation": "relu", "weights": [[]], "bias": [0]})"),
         "layers[0]: \"inputs\" is 0, must be 1..4096"},
        {with(R"({"inputs": 1, "outputs": 4097, "activation": "relu", "weights": [], "bias": []})"),
         "layers[0]: \"outputs\" is 4097, must be 1..4096"},
        {with(R"({"inputs": 1, "outputs": 99999999999999999999, "activation": "relu", "weights": [], "bias": []})"),
         "must be an integer"},  // beyond uint64: a float to nlohmann
        {with(R"({"inputs": "3", "outputs": 1, "activation": "relu", "weights": [[1, 2, 3]], "bias": [0]})"),
         "layers[0]: \"inputs\" must be an integer, not string"},
        {with(R"({"inputs": 1.5, "outputs": 1, "activation": "relu", "weights": [[1]], "bias": [0]})"),
         "\"inputs\" must be an integer, not number"},
        {with(R"({"inputs": 1, "outputs": 1, "activation": "swish", "weights": [[1]], "bias": [0]})"),
         "layers[0]: unknown activation \"swish\""},
        {with(R"({"inputs": 1, "outputs": 1, "activation": 3, "weights": [[1]], "bias": [0]})"),
         "\"activation\" must be a string, not number"},
        {with(L0 + R"(, {"inputs": 3, "outputs": 1, "activation": "sigmoid", "weights": [[1, 2, 3]], "bias": [0]})"),
         "layers[1]: \"inputs\" is 3 but the previous layer has 2 outputs (layers must chain)"},
        {with(R"({"inputs": 3, "outputs": 2, "activation": "relu", "bias": [0, 1]})"),
         "layers[0]: missing \"weights\""},
        {with(R"({"inputs": 3, "outputs": 2, "activation": "relu", "weights": [[1, 2, 3]], "bias": [0, 1]})"),
         "layers[0].weights: has 1 rows, expected 2 (outputs)"},
        {with(R"({"inputs": 3, "outputs": 2, "activation": "relu", "weights": [[1, 2, 3], [1, 2]], "bias": [0, 1]})"),
         "layers[0].weights[1]: has 2 values, expected 3 (inputs)"},
        {with(R"({"inputs": 3, "outputs": 2, "activation": "relu", "weights": [[1, 2, 3], 4], "bias": [0, 1]})"),
         "layers[0].weights[1]: must be an array, not number"},
        {with(
             R"({"inputs": 3, "outputs": 2, "activation": "relu", "weights": [[1, "2", 3], [1, 2, 3]], "bias": [0, 1]})"),
         "layers[0].weights[0][1]: must be a number, not string"},
        {with(
             R"({"inputs": 3, "outputs": 2, "activation": "relu", "weights": [[1, null, 3], [1, 2, 3]], "bias": [0, 1]})"),
         "layers[0].weights[0][1]: must be a number, not null"},
        {with(R"({"inputs": 1, "outputs": 1, "activation": "relu", "weights": [[NaN]], "bias": [0]})"),
         "not valid JSON"},
        {with(R"({"inputs": 1, "outputs": 1, "activation": "relu", "weights": [[1e999]], "bias": [0]})"),
         "not valid JSON: number overflow"},
        {with(R"({"inputs": 1, "outputs": 1, "activation": "relu", "weights": [[1e39]], "bias": [0]})"),
         "layers[0].weights[0][0]: is not a finite float"},
        {with(R"({"inputs": 3, "outputs": 2, "activation": "relu", "weights": [[1, 2, 3], [1, 2, 3]]})"),
         "layers[0]: missing \"bias\""},
        {with(R"({"inputs": 3, "outputs": 2, "activation": "relu", "weights": [[1, 2, 3], [1, 2, 3]], "bias": [0]})"),
         "layers[0].bias: has 1 values, expected 2 (outputs)"},
        // Huge announced layers without the numbers: rejected before any allocation.
        {with(R"({"inputs": 4096, "outputs": 4096, "activation": "relu", "weights": [], "bias": []})"),
         "layers[0].weights: has 0 rows, expected 4096"},
        {head + L0 + R"(], "training": 5})", "training: must be an object, not number"},
        {head + L0 + R"(], "training": {"loss": "hinge"}})", "training: unknown loss \"hinge\""},
        {head + L0 + R"(], "training": {"lr": -1}})", "training: \"lr\" must be finite and ≥ 0"},
        {head + L0 + R"(], "training": {"batch": 6.5}})", "training: \"batch\" must be a non-negative integer"},
        {head + L0 + R"(], "training": {"seed": -3}})", "training: \"seed\" must be a non-negative integer"},
    };
    for (const auto& bad : cases) {  // (no structured binding: clang 14 cannot capture it)
      const std::string& text = bad.first;
      const std::string& expect = bad.second;
      CAPTURE(text);
      nnlab::Mlp m = coat();
      nnlab::TrainingInfo info;
      info.loss = "unchanged";
      std::string err;
      CHECK_FALSE(nnlab::model_from_json(text, "bad.json", &m, &info, &err));
      CHECK_MESSAGE(err.rfind("bad.json: ", 0) == 0, err);
      CHECK_MESSAGE(err.find(expect) != std::string::npos, err);
      CHECK(same_bits(m.params(), coat().params()));
      CHECK(info.loss == "unchanged");
    }
  }

  TEST_CASE("every truncation of a good file is rejected without crashing") {
    const std::string text = kCoatText;
    const std::size_t last = text.rfind('}');
    nnlab::Mlp m;
    std::string err;
    for (std::size_t n = 0; n < last + 1; ++n) {
      CAPTURE(n);
      REQUIRE_FALSE(nnlab::model_from_json(std::string_view(text).substr(0, n), "cut.json", &m, nullptr, &err));
      CHECK(err.rfind("cut.json: ", 0) == 0);
    }
    CHECK(nnlab::model_from_json(text, "whole.json", &m, nullptr, &err));
  }

  TEST_CASE("random corruptions of a good file never crash and never load non-finite values") {
    const std::string good = kCoatText;
    nnlab::Rng rng(11);
    const char junk[] = "{}[],:\"0123456789-+.eE nulltruefalse\\\x00\xff";
    int loaded = 0;
    for (int k = 0; k < 3000; ++k) {
      std::string text = good;
      const int edits = 1 + static_cast<int>(rng.below(4));
      for (int e = 0; e < edits; ++e) {
        const std::size_t at = rng.below(static_cast<std::uint32_t>(text.size()));
        switch (rng.below(3)) {
          case 0: text[at] = junk[rng.below(sizeof junk - 1)]; break;     // replace
          case 1: text.erase(at, 1 + rng.below(8)); break;                // delete
          default: text.insert(at, 1, junk[rng.below(sizeof junk - 1)]);  // insert
        }
      }
      nnlab::Mlp m;
      std::string err;
      if (nnlab::model_from_json(text, "fuzz.json", &m, nullptr, &err)) {
        ++loaded;
        for (float v : m.params()) REQUIRE(std::isfinite(v));
      } else {
        REQUIRE(err.rfind("fuzz.json: ", 0) == 0);
      }
    }
    MESSAGE(loaded << " of 3000 corrupted files still loaded (e.g. a digit changed)");
  }

  TEST_CASE("files: save, load, atomic replace, unreadable paths") {
    TempDir dir;
    REQUIRE(dir.ok());
    const std::string path = dir.file("coat.json");
    std::string err;
    REQUIRE_MESSAGE(nnlab::save_model(path, coat(), nullptr, &err), err);
    nnlab::Mlp m;
    REQUIRE_MESSAGE(nnlab::load_model(path, &m, nullptr, &err), err);
    CHECK(same_bits(m.params(), coat().params()));
    const std::string saved = TempDir::read(path);
    CHECK(saved.find("[-0.5, 1, 0.5]") != std::string::npos);
    CHECK(only_file_is(dir.path(), "coat.json"));  // the temporary was renamed away

#if !defined(__EMSCRIPTEN__)  // a file size limit is the native process's; node writes the wasm build's files
    SUBCASE("a failed write keeps the previous file") {
      // A file size limit makes the write itself fail (EFBIG; works even as root).
      rlimit old{};
      REQUIRE(getrlimit(RLIMIT_FSIZE, &old) == 0);
      rlimit small = old;
      small.rlim_cur = 64;
      void (*previous)(int) = std::signal(SIGXFSZ, SIG_IGN);
      REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
      nnlab::Mlp other = coat();
      other.params()[0] = 123.0f;
      const bool saved_other = nnlab::save_model(path, other, nullptr, &err);
      setrlimit(RLIMIT_FSIZE, &old);
      std::signal(SIGXFSZ, previous);
      CHECK_FALSE(saved_other);
      CHECK_MESSAGE(err.rfind(path + ": write failed", 0) == 0, err);
      CHECK(TempDir::read(path) == saved);
      CHECK(only_file_is(dir.path(), "coat.json"));  // no temporary left behind
    }
#endif
    SUBCASE("a symbolic link planted where the temporary used to go is never followed") {
      const std::string target = dir.file("victim.txt");
      REQUIRE(TempDir::write(target, "keep me"));
      REQUIRE(symlink(target.c_str(), (path + ".tmp").c_str()) == 0);
      nnlab::Mlp other = coat();
      other.params()[0] = 123.0f;
      REQUIRE_MESSAGE(nnlab::save_model(path, other, nullptr, &err), err);
      CHECK(TempDir::read(target) == "keep me");
      CHECK(TempDir::read(path) != saved);
    }
    SUBCASE("without replace, an existing file is never replaced") {
      CHECK_FALSE(nnlab::write_file_atomic(path, "new", &err, /*replace=*/false));
      CHECK(err == path + ": already exists; nothing was replaced");
      CHECK(TempDir::read(path) == saved);
      CHECK(only_file_is(dir.path(), "coat.json"));
      const std::string fresh = dir.file("fresh.json");
      REQUIRE_MESSAGE(nnlab::write_file_atomic(fresh, "new", &err, /*replace=*/false), err);
      CHECK(TempDir::read(fresh) == "new");
    }
    SUBCASE("a model with NaN is refused and the previous file kept") {
      nnlab::Mlp bad = coat();
      bad.params()[3] = std::numeric_limits<float>::quiet_NaN();
      CHECK_FALSE(nnlab::save_model(path, bad, nullptr, &err));
      CHECK(err == path + ": cannot save a model with NaN or Inf parameters");
      CHECK(TempDir::read(path) == saved);
    }
    SUBCASE("saving into a missing directory fails cleanly") {
      CHECK_FALSE(nnlab::save_model(dir.file("no/such/dir/m.json"), coat(), nullptr, &err));
      CHECK(err.find("no/such/dir/m.json: cannot write") != std::string::npos);
    }
    SUBCASE("missing file, directory, garbage") {
      CHECK_FALSE(nnlab::load_model(dir.file("missing.json"), &m, nullptr, &err));
      CHECK(err.find("missing.json: cannot open") != std::string::npos);
      CHECK_FALSE(nnlab::load_model(dir.path(), &m, nullptr, &err));
      CHECK(err.find("is a directory") != std::string::npos);
      REQUIRE(TempDir::write(dir.file("bin.json"), std::string("\x00\xff\xfe{", 4)));
      CHECK_FALSE(nnlab::load_model(dir.file("bin.json"), &m, nullptr, &err));
      CHECK(err.find("bin.json: not valid JSON") != std::string::npos);
    }
  }
}
