// The Playground's engine (see engine.h): points → feature matrices, the network, training steps
// through the core, evaluation and the probe.
#include "playground/engine.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/activations.h"
#include "core/kernels.h"
#include "data/float_text.h"

namespace nnlab::playground {
namespace {
constexpr int kEvalChunk = 1024;    // rows per forward pass when evaluating
constexpr size_t kMaxHistory = 4000;  // curve points kept (halved when reached)
}  // namespace

Engine::Engine() {
  Settings s;
  set_points(generate(s.data, s.noise / 100.0f, s.split, s.seed), false);
  rebuild(s);
}

// ---- points ---------------------------------------------------------------------------------------
void Engine::set_points(std::vector<Point> points, bool edited) {
  if (points.size() > size_t(kMaxPoints)) points.resize(size_t(kMaxPoints));
  points_ = std::move(points);
  edited_ = edited;
  rebuild_data();
}

int Engine::add_point(float x, float y, int label, float value) {
  if (points_.size() >= size_t(kMaxPoints)) return -1;
  Point p;
  p.x = std::clamp(x, -kDomain, kDomain);
  p.y = std::clamp(y, -kDomain, kDomain);
  p.label = label;
  p.value = value;
  points_.push_back(p);
  edited_ = true;
  rebuild_data();
  return int(points_.size()) - 1;
}

void Engine::move_point(int i, float x, float y) {
  if (i < 0 || i >= int(points_.size())) return;
  points_[size_t(i)].x = std::clamp(x, -kDomain, kDomain);
  points_[size_t(i)].y = std::clamp(y, -kDomain, kDomain);
  edited_ = true;
  rebuild_data();
}

void Engine::remove_point(int i) {
  if (i < 0 || i >= int(points_.size())) return;
  points_.erase(points_.begin() + i);
  edited_ = true;
  rebuild_data();
}

void Engine::clear_points() {
  points_.clear();
  edited_ = true;
  rebuild_data();
}

int Engine::nearest_point(float x, float y, float radius, bool with_test) const {
  int best = -1;
  float best_d2 = radius * radius;
  for (size_t i = 0; i < points_.size(); ++i) {
    if (points_[i].test && !with_test) continue;
    const float dx = points_[i].x - x, dy = points_[i].y - y, d2 = dx * dx + dy * dy;
    if (d2 <= best_d2) best = int(i), best_d2 = d2;
  }
  return best;
}

void Engine::encode_target(const Point& p, float* y) const {
  switch (problem_of(settings_.data)) {
    case Problem::regression: y[0] = p.value; return;
    case Problem::binary:
      y[0] = settings_.output == Activation::tanh ? (p.label == 1 ? 1.0f : -1.0f) : (p.label == 1 ? 1.0f : 0.0f);
      return;
    case Problem::multiclass: {
      const int K = model_.output_size();
      for (int k = 0; k < K; ++k) y[k] = k == p.label ? 1.0f : 0.0f;
      return;
    }
  }
}

void Engine::rebuild_data() {
  const int D = model_.layer_count() ? model_.input_size() : feature_count(settings_.features);
  const int O = model_.layer_count() ? model_.output_size() : 1;
  for (DataMatrix* m : {&train_, &test_}) m->x.clear(), m->y.clear(), m->index.clear();
  float f[kFeatureCount], y[kMaxClasses];
  const int classes = class_count(settings_.data);
  for (size_t i = 0; i < points_.size(); ++i) {
    const Point& p = points_[i];
    if (classes > 0 && (p.label < 0 || p.label >= classes)) continue;  // a class this data does not have
    DataMatrix& m = p.test ? test_ : train_;
    feature_values(settings_.features, p.x, p.y, f);
    m.x.insert(m.x.end(), f, f + D);
    encode_target(p, y);
    m.y.insert(m.y.end(), y, y + O);
    m.index.push_back(int(i));
  }
  if (int(order_.size()) != train_.rows()) {
    order_.resize(size_t(train_.rows()));
    for (int i = 0; i < train_.rows(); ++i) order_[size_t(i)] = i;
    rng_.shuffle(order_.data(), train_.rows());
    samples_in_epoch_ = 0;
    step_in_epoch_ = 0;
  }
  if (model_.layer_count()) {
    const int B = std::max(1, batch_size());
    ws_.resize(model_, B);
    bx_.resize(size_t(B) * D);
    by_.resize(size_t(B) * O);
  }
}

// ---- network --------------------------------------------------------------------------------------
void Engine::init_weights(uint32_t seed) {
  Rng rng(uint64_t(seed) * 2654435761ull + 12345);
  for (int l = 0; l < model_.layer_count(); ++l) {
    for (float& w : model_.weights(l)) w = rng.uniform() - 0.5f;  // TF Playground's Math.random() − 0.5
    for (float& b : model_.bias(l)) b = 0.1f;
  }
}

Note Engine::rebuild(const Settings& s) {
  Mlp m;
  std::string why;
  if (!m.build(layer_specs(s), &why)) return Note("playground.error.network", {{"detail", why}});
  settings_ = s;
  model_ = std::move(m);
  loss_ = core_loss(s);
  init_weights(s.init);
  rng_.reseed(uint64_t(s.init) + 0x5eedull);
  order_.clear();
  rebuild_data();
  opt_config_ = OptimizerConfig{};
  configure(s);
  optimizer_.init(model_, opt_config_);
  epoch_ = step_in_epoch_ = samples_in_epoch_ = 0;
  steps_ = 0;
  diverged_ = false;
  stop_note_ = Note();
  history_.clear();
  path_.clear();
  ++weights_version_;
  snapshot();
  evaluate(true);
  return Note();
}

void Engine::configure(const Settings& s) {
  const bool kind_changed = s.optimizer != opt_config_.kind;
  settings_.loss = s.loss;
  settings_.optimizer = s.optimizer;
  settings_.lr = s.lr;
  settings_.batch = s.batch;
  settings_.reg = s.reg;
  settings_.reg_rate = s.reg_rate;
  loss_ = core_loss(settings_);
  opt_config_.kind = s.optimizer;
  opt_config_.lr = s.lr;
  opt_config_.l2 = 0;  // the regulariser is added to the gradients here (L1 has no kernel of its own)
  if (kind_changed && model_.layer_count()) optimizer_.init(model_, opt_config_);
  optimizer_.set_learning_rate(s.lr);
  if (model_.layer_count()) {
    const int B = std::max(1, batch_size());
    ws_.resize(model_, B);
    bx_.resize(size_t(B) * model_.input_size());
    by_.resize(size_t(B) * model_.output_size());
    if (kind_changed) snapshot();
  }
}

Note Engine::set_params(std::span<const float> params) {
  if (params.size() != model_.parameter_count())
    return Note("playground.bad.weights_count",
                {{"count", std::to_string(model_.parameter_count())}, {"got", std::to_string(params.size())}});
  for (float v : params)
    if (!std::isfinite(v)) return Note("playground.bad.weights_finite");
  std::copy(params.begin(), params.end(), model_.params().begin());
  optimizer_.reset();
  diverged_ = false;
  stop_note_ = Note();
  ++weights_version_;
  snapshot();
  return Note();
}

Note Engine::set_param(size_t index, float value) {
  if (index >= model_.parameter_count() || !std::isfinite(value)) return Note("playground.bad.weights_finite");
  model_.params()[index] = value;
  optimizer_.reset();
  ++weights_version_;
  snapshot();
  return Note();
}

// ---- training -------------------------------------------------------------------------------------
int Engine::batch_size() const {
  const int n = train_.rows();
  if (settings_.batch == 0) return std::max(1, n);
  return std::max(1, std::min(settings_.batch, std::max(1, n)));
}

int Engine::steps_per_epoch() const {
  const int n = train_.rows(), b = batch_size();
  return n == 0 ? 0 : (n + b - 1) / b;
}

void Engine::snapshot() {
  const auto p = model_.params();
  good_params_.assign(p.begin(), p.end());
  optimizer_.copy_state_to(&good_m_, &good_v_, &good_t_);
}

void Engine::restore_snapshot() {
  std::copy(good_params_.begin(), good_params_.end(), model_.params().begin());
  optimizer_.restore_state(good_m_, good_v_, good_t_);
}

void Engine::after_step() {
  if (track_a_ < model_.parameter_count() && track_b_ < model_.parameter_count()) {
    if (path_.size() >= kPathLength) path_.erase(path_.begin(), path_.begin() + (path_.size() - kPathLength + 1));
    path_.push_back({model_.params()[track_a_], model_.params()[track_b_]});
  }
  ++weights_version_;
}

bool Engine::step_batch() {
  const int n = train_.rows();
  if (n == 0 || diverged_) return false;
  const int D = model_.input_size(), O = model_.output_size();
  const int rows = std::min(batch_size(), n - samples_in_epoch_);
  for (int r = 0; r < rows; ++r) {
    const int i = order_[size_t(samples_in_epoch_ + r)];
    std::memcpy(&bx_[size_t(r) * D], &train_.x[size_t(i) * D], sizeof(float) * size_t(D));
    std::memcpy(&by_[size_t(r) * O], &train_.y[size_t(i) * O], sizeof(float) * size_t(O));
  }
  DenormalScope no_denormals;
  forward(model_, bx_.data(), rows, ws_);
  const float loss = batch_loss(model_, ws_, by_.data(), rows, loss_);
  bool bad = !std::isfinite(loss);
  if (!bad) {
    model_.zero_grad();
    backward(model_, bx_.data(), by_.data(), rows, loss_, ws_);  // dW, db: the batch's mean gradients
    if (settings_.reg != Regularization::none && settings_.reg_rate > 0) {
      const float rate = settings_.reg_rate;
      for (int l = 0; l < model_.layer_count(); ++l) {  // weights only, never biases
        const auto w = model_.weights(l);
        const auto dw = model_.dweights(l);
        for (size_t k = 0; k < w.size(); ++k)
          dw[k] += settings_.reg == Regularization::l2 ? rate * w[k]  // ∂(½λw²)/∂w
                                                       : rate * float((w[k] > 0) - (w[k] < 0));  // ∂(λ|w|)/∂w
      }
    }
    optimizer_.step(model_);
    bad = !active_kernels().all_finite(model_.parameter_count(), model_.params().data());
  }
  if (bad) {
    restore_snapshot();
    diverged_ = true;
    stop_note_ = Note("playground.stop.diverged",
                      {{"epoch", std::to_string(epoch_ + 1)}, {"lr", float_to_text(settings_.lr)}});
    ++weights_version_;
    return false;
  }
  ++steps_;
  ++step_in_epoch_;
  samples_in_epoch_ += rows;
  if (samples_in_epoch_ >= n) begin_epoch();
  snapshot();
  after_step();
  return true;
}

void Engine::begin_epoch() {
  ++epoch_;
  step_in_epoch_ = 0;
  samples_in_epoch_ = 0;
  rng_.shuffle(order_.data(), train_.rows());
}

int Engine::train_steps(int max_steps) {
  int done = 0;
  while (done < max_steps && step_batch()) ++done;
  return done;
}

bool Engine::step_epoch() {
  const int start = epoch_;
  while (epoch_ == start)
    if (!step_batch()) return false;
  return true;
}

// ---- evaluation -----------------------------------------------------------------------------------
int Engine::classes() const { return class_count(settings_.data); }

int Engine::predicted_class(const float* out) const {
  switch (problem_of(settings_.data)) {
    case Problem::regression: return 0;
    case Problem::binary: return settings_.output == Activation::tanh ? (out[0] > 0 ? 1 : 0) : (out[0] > 0.5f ? 1 : 0);
    case Problem::multiclass: return argmax(out, model_.output_size());
  }
  return 0;
}

float Engine::score(const float* out) const {
  if (problem_of(settings_.data) == Problem::multiclass) return float(predicted_class(out));
  if (settings_.output == Activation::sigmoid) return 2 * out[0] - 1;
  return out[0];
}

Evaluation Engine::evaluate_on(const DataMatrix& d, Workspace* ws) const {
  Evaluation e;
  e.count = d.rows();
  const int K = classes();
  if (K > 0) e.confusion.assign(size_t(K) * K, 0);
  if (e.count == 0) return e;
  const int D = model_.input_size(), O = model_.output_size();
  ws->resize(model_, std::min(kEvalChunk, e.count));
  double loss_sum = 0;
  int correct = 0;
  for (int first = 0; first < e.count; first += kEvalChunk) {
    const int rows = std::min(kEvalChunk, e.count - first);
    forward(model_, &d.x[size_t(first) * D], rows, *ws);
    loss_sum += double(batch_loss(model_, *ws, &d.y[size_t(first) * O], rows, loss_)) * rows;
    if (K > 0) {
      const auto out = ws->a(model_.layer_count() - 1);
      for (int r = 0; r < rows; ++r) {
        const int truth = points_[size_t(d.index[size_t(first + r)])].label;
        const int predicted = predicted_class(&out[size_t(r) * O]);
        correct += truth == predicted;
        ++e.confusion[size_t(truth) * K + predicted];
      }
    }
  }
  e.loss = float(loss_sum / e.count);
  e.accuracy = K > 0 ? float(correct) / float(e.count) : -1.0f;
  return e;
}

void Engine::evaluate(bool record) {
  DenormalScope no_denormals;
  train_eval_ = evaluate_on(train_, &eval_ws_);
  test_eval_ = evaluate_on(test_, &eval_ws_);
  if (!record) return;
  const int spe = steps_per_epoch();
  const double epoch = epoch_ + (spe > 0 ? double(step_in_epoch_) / spe : 0.0);
  if (!history_.empty() && history_.back().epoch == epoch) history_.pop_back();
  if (history_.size() >= kMaxHistory) {  // every other point, the newest kept
    std::vector<HistoryPoint> kept;
    for (size_t i = 0; i < history_.size(); i += 2) kept.push_back(history_[i]);
    history_ = std::move(kept);
  }
  history_.push_back({epoch, train_eval_.loss, test_eval_.loss, train_eval_.accuracy, test_eval_.accuracy});
}

// ---- probe ----------------------------------------------------------------------------------------
std::vector<float> Engine::features_at(float x, float y) const {
  float f[kFeatureCount];
  const int n = feature_values(settings_.features, x, y, f);
  return std::vector<float>(f, f + n);
}

std::vector<float> Engine::output_at(float x, float y) const {
  const std::vector<float> f = features_at(x, y);
  probe_ws_.resize(model_, 1);
  forward(model_, f.data(), 1, probe_ws_);
  const auto out = probe_ws_.a(model_.layer_count() - 1);
  return std::vector<float>(out.begin(), out.begin() + model_.output_size());
}

void Engine::track(size_t a, size_t b) {
  track_a_ = a;
  track_b_ = b;
  path_.clear();
  if (a < model_.parameter_count() && b < model_.parameter_count())
    path_.push_back({model_.params()[a], model_.params()[b]});
}

}  // namespace nnlab::playground
