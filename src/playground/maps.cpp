// The maps of the plane (see maps.h).
#include "playground/maps.h"

#include <algorithm>

#include "core/kernels.h"
#include "playground/datasets.h"

namespace nnlab::playground {

float Maps::grid_x(int col) { return -kDomain + 2 * kDomain * (float(col) + 0.5f) / float(kRes); }
float Maps::grid_y(int row) { return kDomain - 2 * kDomain * (float(row) + 0.5f) / float(kRes); }

Maps::Maps() {
  feature_tiles_.resize(size_t(kFeatureCount) * kTile * kTile);
  for (int f = 0; f < kFeatureCount; ++f)
    for (int r = 0; r < kTile; ++r)
      for (int c = 0; c < kTile; ++c)
        feature_tiles_[(size_t(f) * kTile + r) * kTile + c] =
            feature_value(Feature(f), grid_x(c * kStride + kStride / 2), grid_y(r * kStride + kStride / 2));
}

std::span<const float> Maps::feature_tile(Feature f) const {
  return {feature_tiles_.data() + size_t(int(f)) * kTile * kTile, size_t(kTile) * kTile};
}

std::span<const float> Maps::tile(int layer, int neuron) const {
  if (layer < 0 || layer >= int(done_layer_sizes_.size()) || neuron < 0 || neuron >= done_layer_sizes_[size_t(layer)])
    return {};
  return {done_tiles_.data() + done_tile_offsets_[size_t(layer)] + size_t(neuron) * kTile * kTile,
          size_t(kTile) * kTile};
}

void Maps::begin(const Mlp& model, FeatureMask features, int focus_layer, int focus_neuron) {
  model_ = model;
  if (features != features_ || grid_x_.empty()) {
    features_ = features;
    const int D = feature_count(features);
    grid_x_.resize(size_t(kRes) * kRes * D);
    for (int r = 0; r < kRes; ++r)
      for (int c = 0; c < kRes; ++c) feature_values(features, grid_x(c), grid_y(r), &grid_x_[(size_t(r) * kRes + c) * D]);
  }
  const int L = model_.layer_count();
  focus_layer_ = focus_layer >= 0 && focus_layer < L && focus_neuron >= 0 && focus_neuron < model_.layer(focus_layer).outputs
                     ? focus_layer
                     : -1;
  focus_neuron_ = focus_neuron;
  tile_offsets_.resize(size_t(L));
  size_t total = 0;
  for (int l = 0; l < L; ++l) {
    tile_offsets_[size_t(l)] = total;
    total += size_t(model_.layer(l).outputs) * kTile * kTile;
  }
  work_tiles_.assign(total, 0.0f);
  work_output_.resize(size_t(kRes) * kRes * model_.output_size());
  work_focus_.resize(focus_layer_ >= 0 ? size_t(kRes) * kRes : 0);
  ws_.resize(model_, kRowsPerPass * kRes);
  next_row_ = 0;
  busy_ = true;
}

bool Maps::step(int max_rows) {
  if (!busy_) return false;
  DenormalScope no_denormals;
  const int L = model_.layer_count(), D = model_.input_size(), O = model_.output_size();
  int done = 0;
  while (done < max_rows && next_row_ < kRes) {
    const int rows = std::min(kRowsPerPass, kRes - next_row_);
    const int n = rows * kRes;
    const size_t first = size_t(next_row_) * kRes;
    forward(model_, &grid_x_[first * D], n, ws_);
    const auto out = ws_.a(L - 1);
    std::copy(out.begin(), out.begin() + size_t(n) * O, work_output_.begin() + first * O);
    if (focus_layer_ >= 0) {
      const int Of = model_.layer(focus_layer_).outputs;
      const auto a = ws_.a(focus_layer_);
      for (int p = 0; p < n; ++p) work_focus_[first + size_t(p)] = a[size_t(p) * Of + focus_neuron_];
    }
    for (int r = 0; r < rows; ++r) {
      const int row = next_row_ + r;
      if (row % kStride != kStride / 2) continue;
      const int tr = row / kStride;
      for (int l = 0; l < L; ++l) {
        const int Ol = model_.layer(l).outputs;
        const auto a = ws_.a(l);
        for (int tc = 0; tc < kTile; ++tc) {
          const size_t p = size_t(r) * kRes + size_t(tc * kStride + kStride / 2);
          for (int o = 0; o < Ol; ++o)
            work_tiles_[tile_offsets_[size_t(l)] + (size_t(o) * kTile + tr) * kTile + tc] = a[p * Ol + o];
        }
      }
    }
    next_row_ += rows;
    done += rows;
  }
  if (next_row_ < kRes) return false;
  busy_ = false;
  done_output_.swap(work_output_);
  done_focus_.swap(work_focus_);
  done_tiles_.swap(work_tiles_);
  done_tile_offsets_ = tile_offsets_;
  done_layer_sizes_.resize(size_t(L));
  for (int l = 0; l < L; ++l) done_layer_sizes_[size_t(l)] = model_.layer(l).outputs;
  done_outputs_ = O;
  done_focus_layer_ = focus_layer_;
  done_focus_neuron_ = focus_neuron_;
  ++version_;
  return true;
}

}  // namespace nnlab::playground
