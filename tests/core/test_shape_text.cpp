// shape_text: one spelling of a network's shape, from a model or from its sizes.
#include <doctest/doctest.h>

#include <vector>

#include "core/mlp.h"
#include "core/shape_text.h"

using namespace nnlab;

TEST_SUITE("core/shape_text") {
  TEST_CASE("inputs, then each layer's outputs: \"3-4-2\", \"784-16-16-10\"") {
    Mlp m;
    const LayerSpec spec[] = {{3, 4, Activation::relu}, {4, 2, Activation::sigmoid}};
    REQUIRE(m.build(spec, nullptr));
    CHECK(shape_text(m) == "3-4-2");
    const std::vector<int> sizes = {784, 16, 16, 10};
    CHECK(shape_text(sizes) == "784-16-16-10");
    const int one[] = {5};
    CHECK(shape_text(one) == "5");
    CHECK(shape_text(std::span<const int>()) == "");
    CHECK(shape_text(Mlp()) == "0");
  }
}
