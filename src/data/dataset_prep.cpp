// Subsets, features and labels for training. See dataset_prep.h.
#include "data/dataset_prep.h"

#include <algorithm>
#include <cmath>

#include "core/assert.h"

namespace nnlab {

void pixel_mean_std(const IdxImages& images, float* mean, float* std) {
  // μ = Σx / (255·n),  σ² = Σx² / (255²·n) − μ²   (x = raw uint8; sums are exact in 64 bits)
  std::uint64_t sum = 0, sum2 = 0;
  for (const std::uint8_t x : images.pixels) {
    sum += x;
    sum2 += std::uint64_t(x) * x;
  }
  const double n = double(std::max<std::size_t>(1, images.pixels.size()));
  const double mu = double(sum) / (255.0 * n);
  const double var = double(sum2) / (255.0 * 255.0 * n) - mu * mu;
  *mean = float(mu);
  *std = float(std::max(1e-6, std::sqrt(std::max(0.0, var))));
}

void to_features(const IdxImages& images, Normalisation normalisation, float mean, float std,
                 std::vector<float>* out) {
  NNLAB_ASSERT(normalisation == Normalisation::unit || std > 0.0f);
  // One value per possible byte: exact, and the loop below is a plain gather.
  float table[256];  // (256) feature of raw pixel value v
  for (int v = 0; v < 256; ++v) {
    const float x = float(v) / 255.0f;  // x/255
    table[v] = normalisation == Normalisation::unit ? x : (x - mean) / std;
  }
  out->resize(images.pixels.size());  // (count, rows·cols)
  float* dst = out->data();
  for (std::size_t i = 0; i < images.pixels.size(); ++i) dst[i] = table[images.pixels[i]];
}

void to_labels(const IdxLabels& labels, std::vector<std::int32_t>* out) {
  out->assign(labels.labels.begin(), labels.labels.end());  // (count)
}

IdxSplit take_subset(const IdxSplit& split, int count, int num_classes) {
  const int n = split.labels.count;
  NNLAB_ASSERT(split.images.count == n && num_classes > 0);
  if (count <= 0 || count >= n) return split;

  // Quotas: floor(count·n_c / n), then the leftover digits to the largest remainders.
  const std::size_t classes = std::size_t(num_classes);
  std::vector<std::int64_t> have(classes, 0);  // (C) n_c
  for (const std::uint8_t l : split.labels.labels) {
    NNLAB_ASSERT(l < num_classes);
    ++have[l];
  }
  std::vector<int> quota(classes, 0);               // (C)
  std::vector<std::int64_t> remainder(classes, 0);  // (C) count·n_c mod n
  int assigned = 0;
  for (int c = 0; c < num_classes; ++c) {
    quota[std::size_t(c)] = int(std::int64_t(count) * have[std::size_t(c)] / n);
    remainder[std::size_t(c)] = std::int64_t(count) * have[std::size_t(c)] % n;
    assigned += quota[std::size_t(c)];
  }
  std::vector<int> order(classes, 0);  // classes by remainder descending, then lower class first
  for (int c = 0; c < num_classes; ++c) order[std::size_t(c)] = c;
  // (std::sort with a total order, not std::stable_sort: GCC 12's temporary buffer trips ASan.)
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    const std::int64_t ra = remainder[std::size_t(a)], rb = remainder[std::size_t(b)];
    return ra != rb ? ra > rb : a < b;
  });
  for (int k = 0; assigned < count; k = (k + 1) % num_classes) {
    ++quota[std::size_t(order[std::size_t(k)])];  // each remainder < n, so one pass suffices
    ++assigned;
  }

  IdxSplit out;
  const std::size_t px = std::size_t(split.images.pixels_per_image());
  out.images.rows = split.images.rows;
  out.images.cols = split.images.cols;
  out.images.count = out.labels.count = count;
  out.images.pixels.reserve(std::size_t(count) * px);  // (count, rows·cols)
  out.labels.labels.reserve(std::size_t(count));       // (count)
  for (int i = 0; i < n; ++i) {
    const std::uint8_t l = split.labels.labels[std::size_t(i)];
    if (quota[l] == 0) continue;
    --quota[l];
    const std::uint8_t* src = split.images.pixels.data() + std::size_t(i) * px;
    out.images.pixels.insert(out.images.pixels.end(), src, src + px);
    out.labels.labels.push_back(l);
  }
  return out;
}

}  // namespace nnlab
