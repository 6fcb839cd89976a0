// MNIST-format IDX files, plain or gzip (data/idx.h): images and labels parse to exactly what the
// header announces or are refused with a readable message, and inflating never produces more
// than the header announced. The first byte chooses images or labels and the number of classes.
#include "data/idx.h"
#include "fuzz_util.h"

using namespace nnlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t mode = data[0];
  const std::span<const std::uint8_t> bytes(data + 1, size - 1);
  std::string error;
  if (mode & 1) {
    IdxImages images;
    if (parse_idx_images(bytes, "train-images-idx3-ubyte", &images, &error)) {
      FUZZ_CHECK(images.count >= 1 && images.rows >= 1 && images.cols >= 1, "a real shape");
      FUZZ_CHECK(images.pixels.size() == std::size_t(images.count) * std::size_t(images.pixels_per_image()),
                 "exactly the announced pixels");
    } else {
      fuzz::check_text(error, "the message is valid UTF-8");
      FUZZ_CHECK(images.pixels.empty(), "a refused file leaves the images untouched");
    }
  } else {
    const int classes = 1 + (mode >> 1) % 16;
    IdxLabels labels;
    if (parse_idx_labels(bytes, "train-labels-idx1-ubyte", classes, &labels, &error)) {
      FUZZ_CHECK(labels.labels.size() == std::size_t(labels.count), "exactly the announced labels");
      for (std::uint8_t l : labels.labels) FUZZ_CHECK(l < classes, "every label below the classes");
    } else {
      fuzz::check_text(error, "the message is valid UTF-8");
    }
  }
  return 0;
}
