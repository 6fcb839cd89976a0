// The Playground's work in each frame: training steps under a time budget (at the speed chosen),
// the grid's maps in passes under another, the loss landscape, and the textures the GPU draws.
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "app/playground/playground_view.h"
#include "playground/palette.h"
#include "text/text.h"

namespace nnlab::app {
namespace {

using namespace nnlab::playground;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

}  // namespace

void PlaygroundView::tick() {
  const double now = ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0;
  const double dt = last_tick_ < 0 ? 0.0 : std::min(now - last_tick_, 0.25);
  last_tick_ = now;
  const bool visible = drawn_;
  drawn_ = false;
  if (!visible) {
    train_ms_ = maps_ms_ = 0;
    return;
  }
  run_training(dt);
  update_maps();
  update_landscape();
  if (now - rate_clock_ >= 1.0) {  // measured rates, over a second
    const double span = now - rate_clock_;
    epochs_per_s_ = rate_clock_ > 0 ? (engine_.epochs_done() - rate_epochs_start_) / span : 0;
    map_passes_per_s_ = rate_clock_ > 0 ? (map_passes_ - map_passes_at_clock_) / span : 0;
    rate_clock_ = now;
    rate_epochs_start_ = engine_.epochs_done();
    map_passes_at_clock_ = map_passes_;
  }
}

// As many minibatch steps as the speed asks for this frame (speed × dt epochs), within the
// training budget; "max" fills the budget.
void PlaygroundView::run_training(double dt) {
  train_ms_ = 0;
  if (!playing_) return;
  const int spe = engine_.steps_per_epoch();
  if (spe == 0) {
    playing_ = false;
    return;
  }
  double wanted;
  if (settings_.speed == 0) {
    wanted = 1e12;
  } else {
    epoch_credit_ = std::min(epoch_credit_ + settings_.speed * dt, std::max(1.0, settings_.speed * 0.1));
    wanted = std::floor(epoch_credit_ * spe + 1e-9);
  }
  const auto t0 = Clock::now();
  double done = 0;
  while (done < wanted && ms_since(t0) < train_budget_ms_) {
    const int n = int(std::min(wanted - done, 4.0));
    const int took = engine_.train_steps(n);
    done += took;
    if (took < n) break;  // diverged
  }
  if (settings_.speed != 0) epoch_credit_ = std::max(0.0, epoch_credit_ - done / spe);
  if (done > 0) {
    engine_.evaluate(true);
    if (has_probe_) set_probe(probe_x_, probe_y_);
  }
  if (engine_.diverged()) {
    playing_ = false;
    say(engine_.stop_note(), true);
  }
  train_ms_ = ms_since(t0);
}

// A new pass over the grid whenever the weights (or the neuron to show enlarged) changed since the
// last one began; each frame evaluates rows until the budget is spent (more when nothing trains).
void PlaygroundView::update_maps() {
  const auto t0 = Clock::now();
  int fl = -1, fn = 0;
  if (hover_layer_ >= 0) fl = hover_layer_, fn = hover_neuron_;
  else if (focus_layer_ >= 0) fl = focus_layer_, fn = focus_neuron_;
  if (fl >= engine_.model().layer_count() - 1) fl = -1;  // the output's map is the output map
  const uint64_t wv = engine_.weights_version();
  const bool focus_changed = fl != maps_.focus_layer() || (fl >= 0 && fn != maps_.focus_neuron());
  if (!maps_.busy() && (wv != maps_started_for_ || focus_changed)) {
    maps_.begin(engine_.model(), settings_.features, fl, fn);
    maps_started_for_ = wv;
  }
  const double budget = playing_ ? maps_budget_ms_ : std::max(maps_budget_ms_, 30.0);
  while (maps_.busy() && ms_since(t0) < budget)
    if (maps_.step(Maps::kRowsPerPass)) {
      ++map_passes_;
      textures_dirty_ = true;
    }
  maps_ms_ = ms_since(t0);
}

// The landscape follows the weights: a new pass once the last is done and they moved; the race
// advances a few steps a frame.
void PlaygroundView::update_landscape() {
  if (!landscape_open_ || !land_.has_axes()) return;
  const auto t0 = Clock::now();
  const uint64_t wv = engine_.weights_version();
  if (!land_.busy() && wv != land_started_for_ && !land_.racing()) {
    land_.begin(engine_.model(), engine_.train_data(), core_loss(settings_), land_.a(), land_.b(), land_span_);
    land_started_for_ = wv;
  }
  while (land_.busy() && ms_since(t0) < 3.0) land_.step(8);
  if (land_.racing() && race_pending_ > 0) land_.race_step(race_pending_);
}

void PlaygroundView::upload_textures() {
  const Mlp& m = engine_.model();
  const int L = m.layer_count();
  if (maps_.version() > 0 && (maps_.version() != maps_shown_ || textures_dirty_)) {
    const int O = maps_.outputs();
    const auto out = maps_.output();
    gpu::FieldStyle style;
    style.discretize = settings_.discretize;
    if (O > 1) {
      style.palette = gpu::Palette::classes;
      style.channels = O;
      gpu::draw_field(output_tex_, out.data(), Maps::kRes, Maps::kRes, style);
    } else {
      // sigmoid outputs are shown as 2a − 1, so the boundary (a = ½) is the grey of 0
      std::vector<float> v(out.begin(), out.end());
      if (settings_.output == Activation::sigmoid)
        for (float& x : v) x = 2 * x - 1;
      gpu::draw_field(output_tex_, v.data(), Maps::kRes, Maps::kRes, style);
    }
    gpu::FieldStyle plain;
    plain.discretize = settings_.discretize;
    if (maps_.focus_layer() >= 0 && !maps_.focus().empty())
      gpu::draw_field(focus_tex_, maps_.focus().data(), Maps::kRes, Maps::kRes, plain);
    // The tiles: the seven features, then every neuron, layer by layer, in one atlas.
    int count = kFeatureCount;
    for (int l = 0; l < L; ++l) count += m.layer(l).outputs;
    tile_cols_ = std::max(1, int(std::ceil(std::sqrt(double(count)))));
    const int rows = (count + tile_cols_ - 1) / tile_cols_;
    const int T = Maps::kTile, W = tile_cols_ * T;
    tiles_buffer_.assign(size_t(W) * rows * T, 0.0f);
    auto put = [&](int index, std::span<const float> tile) {
      if (tile.empty()) return;
      const int tr = index / tile_cols_, tc = index % tile_cols_;
      for (int r = 0; r < T; ++r)
        std::copy(tile.begin() + r * T, tile.begin() + (r + 1) * T, tiles_buffer_.begin() + (size_t(tr * T + r) * W + tc * T));
    };
    int index = 0;
    for (int f = 0; f < kFeatureCount; ++f) put(index++, maps_.feature_tile(Feature(f)));
    for (int l = 0; l < L; ++l)
      for (int o = 0; o < m.layer(l).outputs; ++o) put(index++, maps_.tile(l, o));
    gpu::draw_field(tiles_tex_, tiles_buffer_.data(), W, rows * T, plain);
    maps_shown_ = maps_.version();
    textures_dirty_ = false;
  }
  if (hover_feature_ >= 0 && hover_feature_ != feature_map_for_) {
    feature_map_.resize(size_t(Maps::kRes) * Maps::kRes);
    for (int r = 0; r < Maps::kRes; ++r)
      for (int c = 0; c < Maps::kRes; ++c)
        feature_map_[size_t(r) * Maps::kRes + c] = feature_value(Feature(hover_feature_), Maps::grid_x(c), Maps::grid_y(r));
    gpu::FieldStyle plain;
    gpu::draw_field(focus_tex_, feature_map_.data(), Maps::kRes, Maps::kRes, plain);
    feature_map_for_ = hover_feature_;
  }
  if (hover_feature_ < 0 && feature_map_for_ >= 0) {
    feature_map_for_ = -1;
    textures_dirty_ = true;  // the focus texture holds a neuron's map again
  }
  if (land_.ready() && land_.version() != land_shown_) {
    gpu::FieldStyle style;
    style.palette = gpu::Palette::loss;
    style.lo = land_.min_loss();
    style.hi = land_.max_loss();
    gpu::draw_field(land_tex_, land_.loss().data(), Landscape::kRes, Landscape::kRes, style);
    land_shown_ = land_.version();
  }
}

// The GPU's output map against the core, read back: every sampled texel's colour must be the one
// the palette gives the core's grid value there (shader = palette.cpp), and that grid value the
// core's own single-point output at the texel's centre.
std::string PlaygroundView::check_map() {
  playing_ = false;
  maps_.begin(engine_.model(), settings_.features, -1, 0);
  while (!maps_.step(Maps::kRes)) {
  }
  ++map_passes_;
  maps_started_for_ = engine_.weights_version();
  textures_dirty_ = true;
  upload_textures();
  if (!output_tex_.id) return text::tr("playground.check.no_gpu", {{"error", gpu::last_error()}});
  const int O = maps_.outputs();
  int worst_colour = 0, samples = 0;
  float worst_value = 0;
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < 8; ++j) {
      const int r = 3 + i * 28, c = 11 + j * 26;
      if (r >= Maps::kRes || c >= Maps::kRes) continue;
      unsigned char px[4] = {};
      if (!gpu::read_pixels(output_tex_, c, r, 1, 1, px))
        return text::tr("playground.check.no_gpu", {{"error", gpu::last_error()}});
      const float* v = &maps_.output()[(size_t(r) * Maps::kRes + c) * O];
      Rgb want;
      if (O > 1) want = classes_heatmap_color(v, O, settings_.discretize);
      else want = heatmap_color(settings_.output == Activation::sigmoid ? 2 * v[0] - 1 : v[0], settings_.discretize);
      worst_colour = std::max({worst_colour, std::abs(int(px[0]) - to_byte(want.r)), std::abs(int(px[1]) - to_byte(want.g)),
                               std::abs(int(px[2]) - to_byte(want.b))});
      const std::vector<float> probe = engine_.output_at(Maps::grid_x(c), Maps::grid_y(r));
      for (int k = 0; k < O; ++k) worst_value = std::max(worst_value, std::fabs(probe[size_t(k)] - v[k]));
      ++samples;
    }
  map_check_ = {samples, worst_colour, worst_value};
  if (worst_colour > 2 || !(worst_value <= 1e-5f))
    return text::tr("playground.check.failed", {{"samples", std::to_string(samples)},
                                                {"colour", std::to_string(worst_colour)},
                                                {"value", std::to_string(worst_value)}});
  return "";
}

void PlaygroundView::release_gpu() {
  for (gpu::Texture* t : {&output_tex_, &focus_tex_, &tiles_tex_, &land_tex_, &thumbs_tex_}) gpu::release(*t);
  maps_shown_ = 0;
  land_shown_ = 0;
  textures_dirty_ = true;
}

}  // namespace nnlab::app
