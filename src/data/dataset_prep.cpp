// Subsets, features and labels for training. See dataset_prep.h.
#include "data/dataset_prep.h"

#include <algorithm>
#include <cmath>

#include "core/assert.h"

namespace nnlab {

namespace {

// μ = Σx / (255·n),  σ² = Σx² / (255²·n) − μ²   (x = raw uint8; sums are exact in 64 bits)
struct PixelSums {
  std::uint64_t sum = 0, sum2 = 0, n = 0;
  void add(const std::uint8_t* px, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
      sum += px[i];
      sum2 += std::uint64_t(px[i]) * px[i];
    }
    n += count;
  }
  void result(float* mean, float* std) const {
    const double count = double(std::max<std::uint64_t>(1, n));
    const double mu = double(sum) / (255.0 * count);
    const double var = double(sum2) / (255.0 * 255.0 * count) - mu * mu;
    *mean = float(mu);
    *std = float(std::max(1e-6, std::sqrt(std::max(0.0, var))));
  }
};

// One feature per possible byte: exact, and converting an image is a plain gather.
void feature_table(Normalisation normalisation, float mean, float std, float table[256]) {
  NNLAB_ASSERT(normalisation == Normalisation::unit || std > 0.0f);
  for (int v = 0; v < 256; ++v) {
    const float x = float(v) / 255.0f;  // x/255
    table[v] = normalisation == Normalisation::unit ? x : (x - mean) / std;
  }
}

}  // namespace

void pixel_mean_std(const IdxImages& images, float* mean, float* std) {
  PixelSums sums;
  sums.add(images.pixels.data(), images.pixels.size());
  sums.result(mean, std);
}

void pixel_mean_std(const IdxImages& images, std::span<const std::int32_t> indices, float* mean, float* std) {
  PixelSums sums;
  const std::size_t px = std::size_t(images.pixels_per_image());
  for (const std::int32_t i : indices) sums.add(images.pixels.data() + std::size_t(i) * px, px);
  sums.result(mean, std);
}

void to_features(const IdxImages& images, Normalisation normalisation, float mean, float std, std::vector<float>* out) {
  float table[256];  // (256) feature of raw pixel value v
  feature_table(normalisation, mean, std, table);
  out->resize(images.pixels.size());  // (count, rows·cols)
  float* dst = out->data();
  for (std::size_t i = 0; i < images.pixels.size(); ++i) dst[i] = table[images.pixels[i]];
}

void image_features(const std::uint8_t* pixels, int n, Normalisation normalisation, float mean, float std, float* out) {
  float table[256];
  feature_table(normalisation, mean, std, table);
  for (int i = 0; i < n; ++i) out[i] = table[pixels[i]];
}

void to_labels(const IdxLabels& labels, std::vector<std::int32_t>* out) {
  out->assign(labels.labels.begin(), labels.labels.end());  // (count)
}

int subset_size(const IdxSplit& split, int count) {
  const int n = split.labels.count;
  return count <= 0 || count >= n ? n : count;
}

std::vector<std::int32_t> subset_indices(const IdxSplit& split, int count, int num_classes) {
  const int n = split.labels.count;
  NNLAB_ASSERT(split.images.count == n && num_classes > 0);
  std::vector<std::int32_t> out;
  if (count <= 0 || count >= n) {
    out.resize(std::size_t(n));
    for (int i = 0; i < n; ++i) out[std::size_t(i)] = i;
    return out;
  }

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
  out.reserve(std::size_t(count));  // (count)
  for (int i = 0; i < n; ++i) {
    const std::uint8_t l = split.labels.labels[std::size_t(i)];
    if (quota[l] == 0) continue;
    --quota[l];
    out.push_back(i);
  }
  return out;
}

IdxSplit take_subset(const IdxSplit& split, int count, int num_classes) {
  if (count <= 0 || count >= split.labels.count) return split;
  const std::vector<std::int32_t> indices = subset_indices(split, count, num_classes);
  IdxSplit out;
  const std::size_t px = std::size_t(split.images.pixels_per_image());
  out.images.rows = split.images.rows;
  out.images.cols = split.images.cols;
  out.images.count = out.labels.count = int(indices.size());
  out.images.pixels.reserve(indices.size() * px);  // (count, rows·cols)
  out.labels.labels.reserve(indices.size());       // (count)
  for (const std::int32_t i : indices) {
    const std::uint8_t* src = split.images.pixels.data() + std::size_t(i) * px;
    out.images.pixels.insert(out.images.pixels.end(), src, src + px);
    out.labels.labels.push_back(split.labels.labels[std::size_t(i)]);
  }
  return out;
}

}  // namespace nnlab
