// The MNIST lab's training controller (see mnist_training.h).
#include "app/mnist_training.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>

#include "app/training_remote.h"
#include "data/dataset_prep.h"

namespace nnlab::app {
namespace {

constexpr int kEvalBatch = 256;          // digits per evaluation chunk
constexpr int kMaxBatchPoints = 1000;    // the smoothed curve is thinned beyond this (cheap to draw)
constexpr float kEmaAlpha = 0.02f;       // smoothing of the per-batch curve (~50 batches)
constexpr int kTrainerEpochs = 100'000;  // the trainer never stops by itself: the lab stops at `epochs`

double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

int argmax(const float* v, int n) {
  int best = 0;
  for (int i = 1; i < n; ++i)
    if (v[i] > v[best]) best = i;
  return best;
}

}  // namespace

const char* phase_name(LabPhase p) {
  switch (p) {
    case LabPhase::idle: return "idle";
    case LabPhase::running: return "running";
    case LabPhase::paused: return "paused";
    case LabPhase::finished: return "finished";
    case LabPhase::diverged: return "diverged";
  }
  return "?";
}

// ---------------------------------------------------------------------------------------------
void LabTrainer::set_remote(TrainingRemote* remote) { remote_ = remote; }

void LabTrainer::send(std::string message) {
  ++commands_;
  remote_->send(std::move(message));
}

void LabTrainer::set_data(std::string name, IdxDataset&& data, int classes) {
  if (remote_) send(data_command(name, data, classes));
  data_name_ = std::move(name);
  data_ = std::move(data);
  inputs_ = data_.train.images.pixels_per_image();
  classes_ = classes;
  ++data_version_;
  has_data_ = true;
  model_ = Mlp();
  trainer_ready_ = false;
  phase_ = LabPhase::idle;
}

void LabTrainer::prepare_features(const LabSettings& s) {
  const int key[3] = {data_version_, s.subset, int(s.normalisation)};
  if (std::equal(key, key + 3, features_key_)) return;
  const IdxSplit sub = take_subset(data_.train, s.subset, classes_);
  pixel_mean_std(sub.images, &mean_, &std_);  // the TRAINING subset's statistics, for train and test
  to_features(sub.images, s.normalisation, mean_, std_, &train_x_);
  to_labels(sub.labels, &train_y_);
  to_features(data_.test.images, s.normalisation, mean_, std_, &test_x_);
  to_labels(data_.test.labels, &test_y_);
  std::copy(key, key + 3, features_key_);
}

std::string LabTrainer::rebuild(const LabSettings& s) {
  if (!has_data_) return "the digits are still loading";
  std::vector<LayerSpec> layers;
  int in = inputs_;
  for (int h : s.hidden) {
    layers.push_back({in, h, s.activation});
    in = h;
  }
  layers.push_back({in, classes_, Activation::softmax});
  Mlp m;
  std::string error;
  if (!m.build(layers, &error)) return error;
  m.init_params(s.seed);
  std::string installed = install(m, s);
  if (installed.empty() && remote_) send(settings_command('r', s));
  return installed;
}

std::string LabTrainer::adopt(const Mlp& model, const LabSettings& s) {
  if (!has_data_) return "the digits are still loading";
  if (model.input_size() != inputs_ || model.output_size() != classes_)
    return "the model has " + std::to_string(model.input_size()) + " inputs and " + std::to_string(model.output_size()) +
           " outputs, but the data needs " + std::to_string(inputs_) + " and " + std::to_string(classes_);
  if (model.layer(model.layer_count() - 1).activation != Activation::softmax)
    return "the lab trains classifiers with a softmax output layer; this model's output is " +
           std::string(activation_name(model.layer(model.layer_count() - 1).activation));
  std::string installed = install(model, s);
  if (installed.empty() && remote_) send(adopt_command(model, s));
  return installed;
}

std::string LabTrainer::install(const Mlp& model, const LabSettings& s) {
  prepare_features(s);
  const Mlp old_model = model_;
  const LabSettings old_settings = settings_;
  model_ = model;
  settings_ = s;
  std::string error;
  if (!init_trainer(&error)) {
    model_ = old_model;
    settings_ = old_settings;
    if (model_.layer_count() > 0) {
      prepare_features(settings_);
      init_trainer(nullptr);
    }
    return error;
  }
  eval_ws_.resize(model_, kEvalBatch);
  eval_y_.assign(size_t(kEvalBatch) * classes_, 0.0f);
  probe_.resize(model_, 1);
  phase_ = LabPhase::idle;
  message_.clear();
  epochs_done_ = 0;
  steps_ = 0;
  last_loss_ = 0;
  ms_per_step_ = samples_per_s_ = window_ms_ = 0;
  remote_fraction_ = 0;
  window_samples_ = 0;
  last_update_ = -1;
  history_.clear();
  batches_.clear();
  ema_loss_ = -1;
  batch_stride_ = 1;
  batch_count_ = 0;
  confusion_.clear();
  test_pred_.assign(test_y_.size(), 0);
  test_conf_.assign(test_y_.size(), 0.0f);
  ++weights_version_;
  begin_evaluation(0);
  return "";
}

bool LabTrainer::init_trainer(std::string* error) {
  TrainConfig c;
  c.loss = settings_.loss;
  c.optimizer.kind = settings_.optimizer;
  c.optimizer.lr = settings_.lr;
  c.optimizer.l2 = settings_.l2;
  c.batch = settings_.batch;
  c.epochs = kTrainerEpochs;
  c.dropout = settings_.dropout;
  c.patience = settings_.patience;
  c.validation_fraction = settings_.patience > 0 ? 0.1f : 0.0f;
  c.seed = settings_.seed;
  const DatasetView view{train_x_.data(), train_y_.data(), nullptr, int(train_y_.size()), inputs_};
  trainer_ready_ = trainer_.init(&model_, view, c, error);
  trainer_epoch_seen_ = 0;
  return trainer_ready_;
}

std::string LabTrainer::apply_live(const LabSettings& s) {
  if (trainer_ready_) {
    trainer_.set_learning_rate(s.lr);
    std::string error;
    if (s.batch != settings_.batch && !trainer_.set_batch_size(s.batch, &error)) return error;
  }
  settings_.lr = s.lr;
  settings_.batch = s.batch;
  settings_.epochs = s.epochs;
  if (phase_ == LabPhase::finished && epochs_done_ < s.epochs && message_.rfind("finished", 0) == 0) {
    phase_ = LabPhase::paused;
    message_.clear();
  }
  if (remote_) send(settings_command('l', s));
  return "";
}

// ---------------------------------------------------------------------------------------------
std::string LabTrainer::start() {
  if (!has_data_) return "the digits are still loading";
  if (!has_model()) return "no network yet";
  if (epochs_done_ >= settings_.epochs)
    return "finished " + std::to_string(settings_.epochs) + " epochs: raise epochs to train on, or press Reset";
  if (phase_ == LabPhase::finished && !message_.empty() && message_.rfind("early stop", 0) == 0)
    return message_ + ": press Reset to train again";
  if (!trainer_ready_) {  // after divergence: continue from the last good weights (fresh optimizer state)
    std::string error;
    if (!init_trainer(&error)) return error;
  }
  message_.clear();
  phase_ = LabPhase::running;
  last_update_ = -1;
  if (remote_) send(plain_command('s'));
  return "";
}

void LabTrainer::pause() {
  if (phase_ == LabPhase::running) phase_ = LabPhase::paused;
  if (remote_) send(plain_command('p'));
}

std::string LabTrainer::step() {
  if (phase_ == LabPhase::running) return "training is running: pause first";
  if (!has_model()) return "no network yet";
  if (epochs_done_ >= settings_.epochs) return "finished: raise epochs or press Reset";
  if (remote_) {  // the remote measures first and steps; the result arrives with its snapshot
    send(plain_command('o'));
    return "";
  }
  while (eval_.active) evaluate_chunk();  // measure the weights before this step first
  if (!trainer_ready_) {
    std::string error;
    if (!init_trainer(&error)) return error;
  }
  const double t0 = now_ms();
  const int64_t before = trainer_.progress().samples_seen;
  if (trainer_.train_steps(1) == 1) record_batch(trainer_.progress().batch_loss, trainer_.progress().batch_accuracy);
  ms_per_step_ = now_ms() - t0;
  after_steps(trainer_.progress().samples_seen - before, false);
  if (phase_ == LabPhase::idle) phase_ = LabPhase::paused;
  return phase_ == LabPhase::diverged ? message_ : "";
}

void LabTrainer::update(double budget_ms) {
  const double t0 = now_ms();
  if (remote_) take_snapshots();
  else update_within(budget_ms);
  update_ms_ = now_ms() - t0;
}

void LabTrainer::update_within(double budget_ms) {
  const double t0 = now_ms(), deadline = t0 + budget_ms;
  if (eval_.active) {
    last_update_ = -1;  // evaluation frames do not count towards samples/s
    while (eval_.active && now_ms() < deadline) evaluate_chunk();
    return;
  }
  if (phase_ != LabPhase::running) return;
  if (epochs_done_ >= settings_.epochs) {
    phase_ = LabPhase::finished;
    message_ = "finished " + std::to_string(epochs_done_) + (epochs_done_ == 1 ? " epoch" : " epochs");
    return;
  }
  const bool timed = last_update_ >= 0;
  if (timed) window_ms_ += t0 - last_update_;
  last_update_ = t0;
  const int64_t before = trainer_.progress().samples_seen;
  int n = 0;
  while (now_ms() < deadline) {
    if (trainer_.train_steps(1) == 0) break;
    ++n;
    record_batch(trainer_.progress().batch_loss, trainer_.progress().batch_accuracy);
    if (trainer_.progress().epoch != trainer_epoch_seen_) break;
  }
  const double spent = now_ms() - t0;
  if (n > 0) ms_per_step_ = ms_per_step_ > 0 ? 0.8 * ms_per_step_ + 0.2 * (spent / n) : spent / n;
  after_steps(trainer_.progress().samples_seen - before, timed);
}

// Bookkeeping after steps: samples/s, divergence, early stop, the end of an epoch.
void LabTrainer::after_steps(int64_t samples, bool timed) {
  const TrainProgress& p = trainer_.progress();
  // samples/s over wall time: the samples of frames whose interval since the previous training
  // frame is known, over those intervals (so it includes the rest of the frame: the honest rate).
  if (timed) window_samples_ += samples;
  if (window_ms_ >= 1000) {
    samples_per_s_ = double(window_samples_) * 1000.0 / window_ms_;
    window_ms_ = 0;
    window_samples_ = 0;
  } else if (samples_per_s_ == 0 && window_ms_ >= 100) {  // a first estimate before a whole second
    samples_per_s_ = double(window_samples_) * 1000.0 / window_ms_;
  }  // (until 100 ms are timed it stays 0: ms_per_step is the compute-only measure)
  last_loss_ = p.batch_loss;
  ++weights_version_;
  if (p.state == TrainState::diverged) {
    phase_ = LabPhase::diverged;
    message_ = p.reason;
    trainer_ready_ = false;
    return;
  }
  if (p.epoch != trainer_epoch_seen_) {
    trainer_epoch_seen_ = p.epoch;
    ++epochs_done_;
    begin_evaluation(epochs_done_);
  }
  if (p.state == TrainState::early_stopped) {
    phase_ = LabPhase::finished;
    message_ = p.reason;
    trainer_ready_ = false;
  }
}

void LabTrainer::record_batch(float loss, float accuracy) {
  ++steps_;
  if (ema_loss_ < 0) ema_loss_ = loss, ema_accuracy_ = accuracy;
  ema_loss_ += kEmaAlpha * (loss - ema_loss_);
  ema_accuracy_ += kEmaAlpha * (accuracy - ema_accuracy_);
  if (++batch_count_ % batch_stride_ != 0) return;
  // (the epoch's last step has already moved the trainer to the next epoch; epochs_done_ follows later)
  const bool epoch_ended = trainer_.progress().epoch != trainer_epoch_seen_;
  batches_.push_back({float(epochs_done_) + (epoch_ended ? 1.0f : epoch_fraction()), ema_loss_, ema_accuracy_});
  if (int(batches_.size()) > kMaxBatchPoints) {  // keep every other point, record half as often
    for (size_t i = 0; 2 * i < batches_.size(); ++i) batches_[i] = batches_[2 * i];
    batches_.resize((batches_.size() + 1) / 2);
    batch_stride_ *= 2;
  }
}

float LabTrainer::epoch_fraction() const {
  if (remote_) return remote_fraction_;
  if (!trainer_ready_ && phase_ != LabPhase::diverged) return 0;
  const TrainProgress& p = trainer_.progress();
  return p.steps_per_epoch > 0 ? std::clamp(float(p.step_in_epoch) / float(p.steps_per_epoch), 0.0f, 1.0f) : 0.0f;
}

double LabTrainer::eta_s() const {
  if (samples_per_s_ <= 0 || phase_ != LabPhase::running) return -1;
  const double epochs_left = std::max(0.0, double(settings_.epochs - epochs_done_) - epoch_fraction());
  return epochs_left * double(train_count()) / samples_per_s_;
}

// ---------------------------------------------------------------------------------------------
void LabTrainer::begin_evaluation(int epoch) {
  eval_ = Eval{};
  eval_.active = true;
  eval_.epoch = epoch;
  eval_.confusion.assign(size_t(classes_) * classes_, 0);
}

// One chunk of ≤ 256 digits: forward, loss, argmax; at the end of a pass, record.
void LabTrainer::evaluate_chunk() {
  const bool test = eval_.pass == 1;
  const std::vector<float>& xs = test ? test_x_ : train_x_;
  const std::vector<int32_t>& ys = test ? test_y_ : train_y_;
  const int n = int(ys.size());
  const int rows = std::min(kEvalBatch, n - eval_.next);
  if (rows > 0) {
    std::fill(eval_y_.begin(), eval_y_.end(), 0.0f);
    for (int r = 0; r < rows; ++r) eval_y_[size_t(r) * classes_ + ys[size_t(eval_.next + r)]] = 1.0f;
    const float* x = &xs[size_t(eval_.next) * inputs_];
    forward(model_, x, rows, eval_ws_);
    const float loss = batch_loss(model_, eval_ws_, eval_y_.data(), rows, settings_.loss);
    eval_.loss_sum += double(std::isfinite(loss) ? loss : 1e9f) * rows;
    const float* out = eval_ws_.a(model_.layer_count() - 1).data();  // (rows, C)
    for (int r = 0; r < rows; ++r) {
      const int i = eval_.next + r, truth = ys[size_t(i)];
      const int predicted = argmax(out + size_t(r) * classes_, classes_);
      eval_.correct += predicted == truth;
      if (test) {
        eval_.confusion[size_t(truth) * classes_ + predicted] += 1;
        test_pred_[size_t(i)] = uint8_t(predicted);
        test_conf_[size_t(i)] = out[size_t(r) * classes_ + predicted];
      }
    }
    eval_.next += rows;
  }
  if (eval_.next < n) return;
  const float loss = float(eval_.loss_sum / std::max(1, n)), accuracy = float(eval_.correct) / float(std::max(1, n));
  if (!test) {
    eval_.train_loss = loss;
    eval_.train_accuracy = accuracy;
    eval_.pass = 1;
    eval_.next = 0;
    eval_.loss_sum = 0;
    eval_.correct = 0;
    return;
  }
  history_.push_back({eval_.epoch, eval_.train_loss, eval_.train_accuracy, loss, accuracy});
  confusion_ = eval_.confusion;
  eval_.active = false;
  if (phase_ == LabPhase::running && epochs_done_ >= settings_.epochs) {
    phase_ = LabPhase::finished;
    message_ = "finished " + std::to_string(epochs_done_) + (epochs_done_ == 1 ? " epoch" : " epochs");
  }
}

// ---------------------------------------------------------------------------------------------
void LabTrainer::normalise(const float* unit_pixels, float* out) const {
  for (int i = 0; i < inputs_; ++i)
    out[i] = settings_.normalisation == Normalisation::unit ? unit_pixels[i] : (unit_pixels[i] - mean_) / std_;
}

void LabTrainer::forward_one(const float* x) {
  if (!has_model()) return;
  probe_.resize(model_, 1);
  forward(model_, x, 1, probe_);
}

}  // namespace nnlab::app
