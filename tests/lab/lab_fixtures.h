// Small datasets for the lab's tests (test_lab.cpp, test_lab_remote.cpp).
#pragma once
#include <doctest/doctest.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <utility>

#include "data/idx.h"
#include "lab/settings.h"

namespace nnlab::test {

// A tiny dataset of 4×4 images: class c lights up row c (c < 4), with labels; the same for train
// and test.
inline std::shared_ptr<const IdxDataset> tiny_dataset(int per_class) {
  auto d = std::make_shared<IdxDataset>();
  for (IdxSplit* split : {&d->train, &d->test}) {
    split->images.rows = split->images.cols = 4;
    split->images.count = split->labels.count = 4 * per_class;
    for (int i = 0; i < 4 * per_class; ++i) {
      const int c = i % 4;
      for (int p = 0; p < 16; ++p) split->images.pixels.push_back(p / 4 == c ? 255 : 0);
      split->labels.labels.push_back(uint8_t(c));
    }
  }
  return d;
}

// Lab settings for tiny_dataset (16 pixels, 4 classes): the defaults, then each (key, value)
// through apply_setting, every one required to be accepted.
inline lab::Settings tiny_settings(std::initializer_list<std::pair<const char*, const char*>> changes) {
  lab::Settings s;
  bool live = false;
  for (const auto& change : changes) {
    CAPTURE(change.first);
    REQUIRE(lab::apply_setting(&s, change.first, change.second, {16, 4}, &live) == "");
  }
  return s;
}

}  // namespace nnlab::test
