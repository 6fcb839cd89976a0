// What every neuron computes over the plane: the network evaluated by the core on a grid of
// kRes × kRes points of [−6, 6]² (pixel centres), in passes a frame's budget can spread over
// several frames. One forward pass of the grid gives every layer's activations at every point, so
// a pass yields at once
//   the output map   (kRes², O) the network's outputs at each point (kRes = 200: TF Playground
//                    draws 100 × 100)
//   the focus map    (kRes²) one chosen neuron's activation (the neuron shown enlarged)
//   the tiles        (kTile²) every neuron's activation at the centre of each 5 × 5 block (40 × 40:
//                    TF Playground's are 10 × 10 block means)
// The features' own tiles (X₁ … sin X₂ over the plane) are exact and computed once.
// Row 0 is the top of the plane (y = +6), column 0 its left (x = −6), as textures go up.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/mlp.h"
#include "playground/features.h"

namespace nnlab::playground {

class Maps {
 public:
  static constexpr int kRes = 200;
  static constexpr int kTile = 40;
  static constexpr int kStride = kRes / kTile;
  static constexpr int kRowsPerPass = 2;  // grid rows per forward call (400 points): a frame's budget is checked between them

  Maps();
  static float grid_x(int col);  // the plane's x at a column's centre
  static float grid_y(int row);  // the plane's y at a row's centre

  // Starts a pass for this network (copied: training may go on meanwhile). `focus_layer` −1: no
  // focus map. A pass under way is dropped.
  void begin(const Mlp& model, FeatureMask features, int focus_layer, int focus_neuron);
  // Evaluates ≤ max_rows more grid rows (in steps of kRowsPerPass); true once the pass is complete
  // (its results are then those below, and version() has moved on).
  bool step(int max_rows);
  bool busy() const { return busy_; }
  int rows_done() const { return next_row_; }

  // ---- the last complete pass ----
  uint64_t version() const { return version_; }
  int outputs() const { return done_outputs_; }
  std::span<const float> output() const { return done_output_; }  // (kRes², O)
  std::span<const float> focus() const { return done_focus_; }    // (kRes²), empty without a focus
  int focus_layer() const { return done_focus_layer_; }
  int focus_neuron() const { return done_focus_neuron_; }
  // (kTile²) neuron `neuron` of Mlp layer `layer`; empty if the last pass had no such neuron.
  std::span<const float> tile(int layer, int neuron) const;
  std::span<const float> feature_tile(Feature f) const;  // (kTile²)

 private:
  Mlp model_;
  FeatureMask features_ = 0;
  Workspace ws_;
  std::vector<float> grid_x_;  // (kRes², D) the grid's features
  bool busy_ = false;
  int next_row_ = 0;
  int focus_layer_ = -1, focus_neuron_ = 0;
  std::vector<size_t> tile_offsets_;  // (L) where layer l's tiles start in the tile buffers
  std::vector<float> work_output_, work_focus_, work_tiles_;
  std::vector<float> done_output_, done_focus_, done_tiles_;
  std::vector<size_t> done_tile_offsets_;
  std::vector<int> done_layer_sizes_;
  int done_outputs_ = 0, done_focus_layer_ = -1, done_focus_neuron_ = 0;
  uint64_t version_ = 0;
  std::vector<float> feature_tiles_;  // (7, kTile²)
};

}  // namespace nnlab::playground
