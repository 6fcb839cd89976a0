// From stored digits to what the trainer eats: subsets of a split, uint8 pixels → float features
// (with a normalisation choice), uint8 labels → int32 class indices.
//
// Normalisation (why it matters): raw pixels 0..255 make the first layer's pre-activations and
// gradients ~255× too large for the usual learning rates, so training diverges or saturates.
//   unit         x/255 ∈ [0, 1]                        simple; MNIST's mean is then ≈ 0.13
//   standardise  (x/255 − μ) / σ, μ, σ over the train split's pixels: inputs centred on 0 with
//                unit spread, so the weight updates of all inputs start on one scale (helps SGD)
// Use the TRAIN split's μ, σ for train and test alike (the test set must not leak into training).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "data/idx.h"

namespace nnlab {

enum class Normalisation : std::uint8_t {
  unit,         // x/255
  standardise,  // (x/255 − mean)/std, mean and std over the train split (pixel_mean_std)
};

// Mean and standard deviation of x/255 over every pixel of `images` (one scalar each; exact
// integer sums). std is floored at 1e-6 so dividing by it is always safe.
void pixel_mean_std(const IdxImages& images, float* mean, float* std);
// The same over the images at `indices` only (a subset, without copying it): the same numbers as
// pixel_mean_std of take_subset's copy.
void pixel_mean_std(const IdxImages& images, std::span<const std::int32_t> indices, float* mean, float* std);

// (count, rows·cols) features. unit ignores mean and std; standardise needs std > 0.
void to_features(const IdxImages& images, Normalisation normalisation, float mean, float std, std::vector<float>* out);

// One image's n pixels → n features, exactly as to_features makes them.
void image_features(const std::uint8_t* pixels, int n, Normalisation normalisation, float mean, float std, float* out);

// (count) class indices, as DatasetView::labels wants them.
void to_labels(const IdxLabels& labels, std::vector<std::int32_t>* out);

// Subset sizes the lab offers for the train split; 0 = all of it. The test split stays whole.
inline constexpr int kSubsetSizes[] = {1000, 5000, 0};

// A stratified subset of `split` with `count` digits (count ≤ 0 or ≥ the split's size: a copy of
// all of it). Each class c gets count·n_c/N digits (floors, then the remaining ones to the largest
// remainders, lower class first on ties), taken as the first digits of that class in the split's
// (already shuffled) order; the subset keeps that order. So the 1k subset has the same class
// balance as the full split, and every subset is a prefix-per-class of the bigger ones.
IdxSplit take_subset(const IdxSplit& split, int count, int num_classes = 10);
// The indices take_subset takes, in order (all of them for count ≤ 0 or ≥ the split's size), and
// how many that is.
std::vector<std::int32_t> subset_indices(const IdxSplit& split, int count, int num_classes = 10);
int subset_size(const IdxSplit& split, int count);

}  // namespace nnlab
