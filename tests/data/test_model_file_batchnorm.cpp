// Model files with batch norm (format version 2): γ, β and the running averages round-trip
// bit-exactly; version-1 files (no batch norm) still open; bad batch-norm values are refused.
#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "core/mlp.h"
#include "core/rng.h"
#include "data/model_file.h"

using namespace nnlab;

TEST_SUITE("model file") {
  TEST_CASE("a model with batch norm round-trips bit-exactly (version 2)") {
    Mlp m;
    const LayerSpec spec[] = {{6, 5, Activation::relu, true}, {5, 4, Activation::tanh}, {4, 3, Activation::softmax}};
    REQUIRE(m.build(spec, nullptr));
    m.init_params(5);
    Rng r(11);
    for (float& v : m.params()) v = r.normal(0, 1) * 1e-3f + v;  // odd bits everywhere
    for (float& v : m.running()) v = r.uniform(0.01f, 3.0f);
    m.running_mean(0)[2] = -0.0f;
    std::string text, error;
    REQUIRE(model_to_json(m, nullptr, &text, &error));
    CHECK(text.find("\"version\": 2") != std::string::npos);
    CHECK(text.find("\"running_var\"") != std::string::npos);
    Mlp back;
    REQUIRE_MESSAGE(model_from_json(text, "bn.json", &back, nullptr, &error), error);
    REQUIRE(back.layer_count() == 3);
    CHECK(back.layer(0).batchnorm);
    CHECK_FALSE(back.layer(1).batchnorm);
    REQUIRE(back.parameter_count() == m.parameter_count());
    REQUIRE(back.running().size() == m.running().size());
    CHECK(std::memcmp(back.params().data(), m.params().data(), m.parameter_count() * sizeof(float)) == 0);
    CHECK(std::memcmp(back.running().data(), m.running().data(), m.running().size() * sizeof(float)) == 0);
    std::string again;
    REQUIRE(model_to_json(back, nullptr, &again, &error));
    CHECK(again == text);
  }

  TEST_CASE("version 1 files still open; a version-1 layer has no batch norm") {
    const std::string v1 = R"({"format": "nnlab-model", "version": 1, "layers": [
      {"inputs": 2, "outputs": 1, "activation": "sigmoid", "weights": [[1, 2]], "bias": [0.5],
       "batchnorm": {"gamma": [1], "beta": [0], "running_mean": [0], "running_var": [1]}}]})";
    Mlp m;
    std::string error;
    REQUIRE_MESSAGE(model_from_json(v1, "old.json", &m, nullptr, &error), error);
    CHECK_FALSE(m.layer(0).batchnorm);  // (an unknown key in version 1, ignored as before)
    CHECK(m.parameter_count() == 3);
  }

  TEST_CASE("bad batch-norm parts are refused, naming the place") {
    const std::string head = R"({"format": "nnlab-model", "version": 2, "layers": [
      {"inputs": 2, "outputs": 2, "activation": "relu", "weights": [[1, 2], [3, 4]], "bias": [0, 0], "batchnorm": )";
    for (auto [bn, want] : {std::pair<const char*, const char*>{"[1]", "layers[0].batchnorm: must be an object"},
                            {R"({"gamma": [1, 1], "beta": [0, 0], "running_mean": [0, 0]})", "missing \"running_var\""},
                            {R"({"gamma": [1], "beta": [0, 0], "running_mean": [0, 0], "running_var": [1, 1]})",
                             "layers[0].batchnorm.gamma"},
                            {R"({"gamma": [1, 1], "beta": [0, 0], "running_mean": [0, 0], "running_var": [1, -1]})",
                             "running_var[1]"}}) {
      const std::string text = head + bn + "}]}";
      Mlp m;
      std::string error;
      CAPTURE(text);
      CHECK_FALSE(model_from_json(text, "bn.json", &m, nullptr, &error));
      CHECK(error.find(want) != std::string::npos);
    }
  }
}
