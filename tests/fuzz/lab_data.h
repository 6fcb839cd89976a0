// A small dataset for the lab's fuzz targets: 4×4 images of 4 classes (class c lights up row c),
// the same for train and test, so every input trains and evaluates in microseconds.
#pragma once
#include <memory>

#include "data/idx.h"

namespace nnlab::fuzz {

inline std::shared_ptr<const IdxDataset> small_dataset(int per_class = 4) {
  auto d = std::make_shared<IdxDataset>();
  for (IdxSplit* split : {&d->train, &d->test}) {
    split->images.rows = split->images.cols = 4;
    split->images.count = split->labels.count = 4 * per_class;
    for (int i = 0; i < 4 * per_class; ++i) {
      const int c = i % 4;
      for (int p = 0; p < 16; ++p) split->images.pixels.push_back(p / 4 == c ? 255 : 0);
      split->labels.labels.push_back(std::uint8_t(c));
    }
  }
  return d;
}

}  // namespace nnlab::fuzz
