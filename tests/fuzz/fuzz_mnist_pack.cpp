// The MNIST pack (data/mnist_embedded.h), as the page delivers it or a learner drops it: parsed
// exactly, or refused with a readable message and nothing changed.
#include "data/mnist_embedded.h"
#include "fuzz_util.h"

using namespace nnlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  IdxDataset d;
  d.train.images.count = 7;  // a marker: a refused pack must leave it
  std::string error;
  if (parse_mnist_pack(std::span(data, size), "mnist-embedded.bin", &d, &error)) {
    for (const IdxSplit* s : {&d.train, &d.test}) {
      FUZZ_CHECK(s->images.pixels.size() == std::size_t(s->images.count) * std::size_t(s->images.pixels_per_image()),
                 "exactly the announced pixels");
      FUZZ_CHECK(s->labels.labels.size() == std::size_t(s->images.count), "a label per image");
      for (std::uint8_t l : s->labels.labels) FUZZ_CHECK(l < kMnistClasses, "labels 0 … 9");
    }
  } else {
    fuzz::check_text(error, "the message is valid UTF-8");
    FUZZ_CHECK(d.train.images.count == 7, "a refused pack leaves the data untouched");
  }
  return 0;
}
