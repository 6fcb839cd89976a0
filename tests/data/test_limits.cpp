// The limits on what is read, applied before the memory is spent: model files of more than 64 MiB
// of text are refused unparsed.
#include <doctest/doctest.h>

#include <string>

#include "data/model_file.h"
#include "text/text.h"
#include "temp_dir.h"

using nnlab::test::TempDir;

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
}
