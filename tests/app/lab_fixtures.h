// Small datasets for the lab's tests (test_mnist_lab.cpp, test_lab_remote.cpp).
#pragma once
#include <cstdint>

#include "data/idx.h"

namespace nnlab::test {

// A tiny dataset of 4×4 images: class c lights up row c (c < 4), with labels; the same for train
// and test.
inline IdxDataset tiny_dataset(int per_class) {
  IdxDataset d;
  for (IdxSplit* split : {&d.train, &d.test}) {
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

}  // namespace nnlab::test
