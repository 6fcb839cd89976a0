// The loss landscape of two parameters (see landscape.h).
#include "playground/landscape.h"

#include <algorithm>
#include <cmath>

#include "core/kernels.h"

namespace nnlab::playground {

size_t param_index(const Mlp& m, ParamRef p) {
  if (p.layer < 0 || p.layer >= m.layer_count()) return SIZE_MAX;
  const LayerSpec& s = m.layer(p.layer);
  if (p.out < 0 || p.out >= s.outputs || p.in < -1 || p.in >= s.inputs) return SIZE_MAX;
  return p.in < 0 ? m.bias_offset(p.layer) + size_t(p.out) : m.weights_offset(p.layer) + size_t(p.out) * s.inputs + p.in;
}

bool param_ref(const Mlp& m, size_t index, ParamRef* out) {
  for (int l = 0; l < m.layer_count(); ++l) {
    const LayerSpec& s = m.layer(l);
    const size_t w = m.weights_offset(l), b = m.bias_offset(l);
    if (index >= w && index < b) {
      *out = {l, int((index - w) / size_t(s.inputs)), int((index - w) % size_t(s.inputs))};
      return true;
    }
    if (index >= b && index < b + size_t(s.outputs)) {
      *out = {l, int(index - b), -1};
      return true;
    }
  }
  return false;
}

// Marching squares: each cell's corners above/below `level`, the crossings on its edges by linear
// interpolation; a saddle (two opposite corners above) is split by the cell's mean.
void contour_segments(std::span<const float> g, int res, float level, std::vector<float>* out) {
  auto at = [&](int r, int c) { return g[size_t(r) * res + c]; };
  for (int r = 0; r + 1 < res; ++r)
    for (int c = 0; c + 1 < res; ++c) {
      const float v[4] = {at(r, c), at(r, c + 1), at(r + 1, c + 1), at(r + 1, c)};  // clockwise from top-left
      const float px[4] = {float(c), float(c + 1), float(c + 1), float(c)};
      const float py[4] = {float(r), float(r), float(r + 1), float(r + 1)};
      int mask = 0;
      for (int k = 0; k < 4; ++k) mask |= (v[k] > level) << k;
      if (mask == 0 || mask == 15) continue;
      float ex[4], ey[4];  // the crossing on edge k (corner k → k + 1)
      bool has[4];
      for (int k = 0; k < 4; ++k) {
        const int j = (k + 1) % 4;
        has[k] = (v[k] > level) != (v[j] > level);
        const float t = has[k] ? (level - v[k]) / (v[j] - v[k]) : 0.5f;
        ex[k] = px[k] + (px[j] - px[k]) * t;
        ey[k] = py[k] + (py[j] - py[k]) * t;
      }
      int edges[4], n = 0;
      for (int k = 0; k < 4; ++k)
        if (has[k]) edges[n++] = k;
      auto segment = [&](int e0, int e1) { out->insert(out->end(), {ex[e0], ey[e0], ex[e1], ey[e1]}); };
      if (n == 2) {
        segment(edges[0], edges[1]);
      } else if (n == 4) {
        const bool centre_above = (v[0] + v[1] + v[2] + v[3]) * 0.25f > level;
        const bool corner0_above = v[0] > level;
        if (centre_above == corner0_above) segment(0, 1), segment(2, 3);
        else segment(3, 0), segment(1, 2);
      }
    }
}

void Landscape::begin(const Mlp& model, const DataMatrix& train, Loss loss, size_t a, size_t b, float span) {
  model_ = model;
  loss_ = loss;
  a_ = a;
  b_ = b;
  const int D = model.input_size(), O = model.output_size();
  rows_ = std::min(train.rows(), kMaxSample);
  x_.assign(train.x.begin(), train.x.begin() + size_t(rows_) * D);
  y_.assign(train.y.begin(), train.y.begin() + size_t(rows_) * O);
  if (rows_ > 0) ws_.resize(model_, rows_);
  next_a0_ = model.params()[a];
  next_b0_ = model.params()[b];
  next_span_ = span;
  work_.assign(size_t(kRes) * kRes, 0.0f);
  next_ = 0;
  busy_ = rows_ > 0;
}

float Landscape::sample_loss(Mlp& m) {
  forward(m, x_.data(), rows_, ws_);
  return batch_loss(m, ws_, y_.data(), rows_, loss_);
}

void Landscape::gradient(Mlp& m, float* ga, float* gb) {
  forward(m, x_.data(), rows_, ws_);
  m.zero_grad();
  backward(m, x_.data(), y_.data(), rows_, loss_, ws_);
  *ga = m.grads()[a_];
  *gb = m.grads()[b_];
}

bool Landscape::step(int max_points) {
  if (!busy_) return false;
  DenormalScope no_denormals;
  float* pa = &model_.params()[a_];
  float* pb = &model_.params()[b_];
  const float ka = *pa, kb = *pb;
  for (int done = 0; done < max_points && next_ < kRes * kRes; ++done, ++next_) {
    const int r = next_ / kRes, c = next_ % kRes;
    *pa = next_a0_ - next_span_ + 2 * next_span_ * float(c) / float(kRes - 1);
    *pb = next_b0_ + next_span_ - 2 * next_span_ * float(r) / float(kRes - 1);
    work_[size_t(next_)] = sample_loss(model_);
  }
  *pa = ka;
  *pb = kb;
  if (next_ < kRes * kRes) return false;
  busy_ = false;
  a0_ = next_a0_;
  b0_ = next_b0_;
  span_ = next_span_;
  done_.swap(work_);
  min_ = max_ = done_[0];
  for (float v : done_)
    if (std::isfinite(v)) min_ = std::min(min_, v), max_ = std::max(max_, v);
  centre_loss_ = sample_loss(model_);
  gradient(model_, &grad_a_, &grad_b_);
  ++version_;
  return true;
}

void Landscape::race_begin(float lr) {
  racers_.clear();
  race_steps_ = 0;
  race_lr_ = lr;
  if (!ready() || rows_ == 0) return;
  for (OptimizerKind kind : {OptimizerKind::sgd, OptimizerKind::momentum, OptimizerKind::adam}) {
    Runner r;
    r.model = model_;
    r.model.params()[a_] = a0_;
    r.model.params()[b_] = b0_;
    OptimizerConfig c;
    c.kind = kind;
    c.lr = lr;
    r.optimizer.init(r.model, c);
    r.racer.kind = kind;
    r.racer.path.push_back({a0_, b0_});
    r.racer.losses.push_back(sample_loss(r.model));
    racers_.push_back(std::move(r));
  }
}

int Landscape::race_step(int steps) {
  int taken = 0;
  DenormalScope no_denormals;
  for (; taken < steps && race_steps_ < kRaceSteps; ++taken, ++race_steps_)
    for (Runner& r : racers_) {
      if (r.racer.diverged) continue;
      float ga, gb;
      gradient(r.model, &ga, &gb);
      std::fill(r.model.grads().begin(), r.model.grads().end(), 0.0f);  // only a and b move
      r.model.grads()[a_] = ga;
      r.model.grads()[b_] = gb;
      r.optimizer.step(r.model);
      const float a = r.model.params()[a_], b = r.model.params()[b_];
      const float l = std::isfinite(a) && std::isfinite(b) ? sample_loss(r.model) : NAN;
      if (!std::isfinite(l)) {
        r.racer.diverged = true;
        continue;
      }
      r.racer.path.push_back({a, b});
      r.racer.losses.push_back(l);
    }
  return taken;
}

}  // namespace nnlab::playground
