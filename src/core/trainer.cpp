// Trainer (see trainer.h): seeded minibatches, bounded slices of steps, divergence guard.
#include "core/trainer.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/assert.h"
#include "core/kernels.h"

namespace nnlab {

// ---------------------------------------------------------------------------------------------
bool Trainer::init(Mlp* model, const DatasetView& data, const TrainConfig& config, std::string* error) {
  auto fail = [&](const std::string& m) {
    if (error) *error = m;
    return false;
  };
  NNLAB_ASSERT(model != nullptr);
  if (!check_dataset(*model, data, error)) return false;
  if (config.batch < 1) return fail("batch size must be at least 1");
  if (config.epochs < 1) return fail("epochs must be at least 1");
  if (!(config.optimizer.lr > 0.0f) || !std::isfinite(config.optimizer.lr)) return fail("learning rate must be > 0");
  if (!(config.dropout >= 0.0f && config.dropout < 1.0f)) return fail("dropout must be in [0, 1)");
  if (!(config.validation_fraction >= 0.0f && config.validation_fraction <= 0.9f))
    return fail("validation fraction must be in [0, 0.9]");
  if (!(config.lr_decay > 0.0f && config.lr_decay <= 1.0f)) return fail("learning-rate decay must be in (0, 1]");
  if (config.patience < 0) return fail("patience must be ≥ 0");
  if (config.loss == Loss::cross_entropy && model->layer(model->layer_count() - 1).activation != Activation::softmax)
    return fail("cross-entropy needs a softmax output layer");

  model_ = model;
  data_ = data;
  config_ = config;
  outputs_ = model->output_size();
  rng_.reseed(config.seed);

  // Seeded split: shuffle all indices once, the last part is the validation set.
  std::vector<int32_t> all(data.count);
  for (int i = 0; i < data.count; ++i) all[i] = i;
  const int n_val = static_cast<int>(static_cast<double>(data.count) * config.validation_fraction);
  if (n_val > 0) rng_.shuffle(all.data(), data.count);
  if (data.count - n_val < 1) return fail("no training samples left after the validation split");
  if (config.patience > 0 && n_val == 0) return fail("early stopping (patience) needs a validation split");
  order_.assign(all.begin(), all.end() - n_val);
  val_idx_.assign(all.end() - n_val, all.end());

  optimizer_.init(*model, config.optimizer);
  ws_.resize(*model, config.batch);
  eval_ws_.resize(*model, 256);
  x_.assign(static_cast<size_t>(std::max(config.batch, 256)) * data.dims, 0.0f);
  y_.assign(static_cast<size_t>(std::max(config.batch, 256)) * outputs_, 0.0f);
  best_params_.assign(model->params().begin(), model->params().end());
  best_running_.assign(model->running().begin(), model->running().end());
  good_params_.clear();
  snapshot();  // sizes good_* once

  progress_ = TrainProgress{};
  progress_.train_count = static_cast<int>(order_.size());
  progress_.validation_count = n_val;
  progress_.steps_per_epoch = (progress_.train_count + config.batch - 1) / config.batch;
  progress_.learning_rate = config.optimizer.lr;
  history_.clear();
  history_.reserve(static_cast<size_t>(std::min(config.epochs, 1024)));  // beyond: one reallocation per doubling
  bad_epochs_ = 0;
  epoch_loss_sum_ = 0.0;
  epoch_correct_ = epoch_samples_ = 0;
  rng_.shuffle(order_.data(), progress_.train_count);
  return true;
}

void Trainer::set_learning_rate(float lr) {
  if (!(lr > 0.0f) || !std::isfinite(lr)) return;
  optimizer_.set_learning_rate(lr);
  progress_.learning_rate = lr;
}

bool Trainer::set_batch_size(int batch, std::string* error) {
  if (batch < 1) {
    if (error) *error = "batch size must be at least 1";
    return false;
  }
  config_.batch = batch;
  ws_.resize(*model_, batch);
  if (x_.size() < static_cast<size_t>(batch) * data_.dims) {
    x_.resize(static_cast<size_t>(batch) * data_.dims);
    y_.resize(static_cast<size_t>(batch) * outputs_);
  }
  // the current epoch continues from the same sample position with the new size
  const int64_t done = epoch_samples_;
  progress_.steps_per_epoch = static_cast<int>(progress_.step_in_epoch +
                                               (progress_.train_count - done + batch - 1) / batch);
  return true;
}

void Trainer::stop(std::string reason) {
  if (done()) return;
  progress_.state = TrainState::finished;
  progress_.reason = std::move(reason);
}

void Trainer::gather_batch(int first, int count) {
  for (int r = 0; r < count; ++r)
    copy_sample(data_, outputs_, order_[first + r], &x_[static_cast<size_t>(r) * data_.dims],
                &y_[static_cast<size_t>(r) * outputs_]);
}

int Trainer::batch_correct(const float* out, const float* y, int rows) const {
  int correct = 0;
  for (int r = 0; r < rows; ++r) {
    int p, t;
    classify(out + r * outputs_, y + r * outputs_, outputs_, &p, &t);
    correct += p == t;
  }
  return correct;
}

void Trainer::snapshot() {
  const auto p = model_->params();
  good_params_.resize(p.size());  // allocates only the first time
  std::memcpy(good_params_.data(), p.data(), p.size() * sizeof(float));
  const auto r = model_->running();
  good_running_.resize(r.size());
  if (!r.empty()) std::memcpy(good_running_.data(), r.data(), r.size() * sizeof(float));
  optimizer_.copy_state_to(&good_m_, &good_v_, &good_t_);
}

void Trainer::restore_snapshot() {
  const auto p = model_->params();
  std::memcpy(p.data(), good_params_.data(), p.size() * sizeof(float));
  const auto r = model_->running();
  if (!r.empty()) std::memcpy(r.data(), good_running_.data(), r.size() * sizeof(float));
  optimizer_.restore_state(good_m_, good_v_, good_t_);
}

size_t TrainerCheckpoint::bytes() const {
  return sizeof(float) * (params.size() + running.size() + m.size() + v.size() + best_params.size() +
                          best_running.size()) +
         sizeof(int32_t) * order.size() + sizeof(EpochRecord) * history.size() + sizeof(*this);
}

void Trainer::save(TrainerCheckpoint* c) const {
  c->params.assign(model_->params().begin(), model_->params().end());
  c->running.assign(model_->running().begin(), model_->running().end());
  optimizer_.copy_state_to(&c->m, &c->v, &c->t);
  c->lr = optimizer_.config().lr;
  c->order = order_;
  c->rng = rng_;
  c->progress = progress_;
  c->history = history_;
  c->bad_epochs = bad_epochs_;
  c->epoch_loss_sum = epoch_loss_sum_;
  c->epoch_correct = epoch_correct_;
  c->epoch_samples = epoch_samples_;
  if (config_.patience > 0) {
    c->best_params = best_params_;
    c->best_running = best_running_;
  } else {
    c->best_params.clear();
    c->best_running.clear();
  }
}

void Trainer::restore(const TrainerCheckpoint& c) {
  NNLAB_ASSERT(c.params.size() == model_->parameter_count() && c.order.size() == order_.size());
  std::copy(c.params.begin(), c.params.end(), model_->params().begin());
  std::copy(c.running.begin(), c.running.end(), model_->running().begin());
  optimizer_.restore_state(c.m, c.v, c.t);
  optimizer_.set_learning_rate(c.lr);
  order_ = c.order;
  rng_ = c.rng;
  progress_ = c.progress;
  history_ = c.history;
  bad_epochs_ = c.bad_epochs;
  epoch_loss_sum_ = c.epoch_loss_sum;
  epoch_correct_ = c.epoch_correct;
  epoch_samples_ = c.epoch_samples;
  if (!c.best_params.empty()) {
    best_params_ = c.best_params;
    best_running_ = c.best_running;
  }
  snapshot();
}

int Trainer::train_steps(int n) {
  int done_steps = 0;
  DenormalScope no_denormals;
  while (done_steps < n && progress_.state == TrainState::running) {
    const int first = static_cast<int>(epoch_samples_);
    const int rows = std::min(config_.batch, progress_.train_count - first);
    gather_batch(first, rows);
    forward_train(*model_, x_.data(), rows, ws_, config_.dropout, rng_);
    const float loss = batch_loss(*model_, ws_, y_.data(), rows, config_.loss);
    const int64_t step_number = progress_.step + 1;
    bool bad = !std::isfinite(loss);
    if (!bad) {
      model_->zero_grad();
      backward(*model_, x_.data(), y_.data(), rows, config_.loss, ws_);
      optimizer_.step(*model_);
      bad = !active_kernels().all_finite(model_->parameter_count(), model_->params().data()) ||
            !active_kernels().all_finite(model_->running().size(), model_->running().data());
    }
    if (bad) {
      restore_snapshot();
      progress_.state = TrainState::diverged;
      progress_.reason = "diverged at step " + std::to_string(step_number) +
                         ": learning rate too high? (the last good weights were restored)";
      break;
    }
    const int correct = batch_correct(ws_.a(model_->layer_count() - 1).data(), y_.data(), rows);
    ++done_steps;
    progress_.step = step_number;
    progress_.samples_seen += rows;
    ++progress_.step_in_epoch;
    progress_.batch_loss = loss;
    progress_.batch_accuracy = static_cast<float>(correct) / static_cast<float>(rows);
    epoch_loss_sum_ += static_cast<double>(loss) * rows;
    epoch_correct_ += correct;
    epoch_samples_ += rows;
    progress_.epoch_loss = static_cast<float>(epoch_loss_sum_ / static_cast<double>(epoch_samples_));
    progress_.epoch_accuracy = static_cast<float>(epoch_correct_) / static_cast<float>(epoch_samples_);
    if (progress_.step % kSnapshotEvery == 0) snapshot();
    if (epoch_samples_ >= progress_.train_count) end_epoch();
  }
  return done_steps;
}

bool Trainer::validate(float* loss, float* accuracy) {
  const int n_val = static_cast<int>(val_idx_.size());
  if (n_val == 0) return false;
  const int B = eval_ws_.batch();
  double loss_sum = 0.0;
  int correct = 0;
  for (int first = 0; first < n_val; first += B) {
    const int rows = std::min(B, n_val - first);
    for (int r = 0; r < rows; ++r)
      copy_sample(data_, outputs_, val_idx_[first + r], &x_[static_cast<size_t>(r) * data_.dims],
                  &y_[static_cast<size_t>(r) * outputs_]);
    forward(*model_, x_.data(), rows, eval_ws_);
    loss_sum += static_cast<double>(batch_loss(*model_, eval_ws_, y_.data(), rows, config_.loss)) * rows;
    correct += batch_correct(eval_ws_.a(model_->layer_count() - 1).data(), y_.data(), rows);
  }
  *loss = static_cast<float>(loss_sum / n_val);
  *accuracy = static_cast<float>(correct) / static_cast<float>(n_val);
  return true;
}

void Trainer::end_epoch() {
  EpochRecord rec{progress_.epoch_loss, progress_.epoch_accuracy, -1.0f, -1.0f, progress_.learning_rate};
  float vl, va;
  if (validate(&vl, &va)) {
    rec.val_loss = progress_.val_loss = vl;
    rec.val_accuracy = progress_.val_accuracy = va;
    if (progress_.best_val_loss < 0.0f || vl < progress_.best_val_loss) {
      progress_.best_val_loss = vl;
      bad_epochs_ = 0;
      const auto p = model_->params();
      std::memcpy(best_params_.data(), p.data(), p.size() * sizeof(float));
      std::copy(model_->running().begin(), model_->running().end(), best_running_.begin());
    } else {
      ++bad_epochs_;
    }
  }
  history_.push_back(rec);  // capacity reserved in init()
  ++progress_.epoch;
  progress_.step_in_epoch = 0;
  epoch_loss_sum_ = 0.0;
  epoch_correct_ = epoch_samples_ = 0;
  if (config_.patience > 0 && bad_epochs_ >= config_.patience) {
    const auto p = model_->params();
    std::memcpy(p.data(), best_params_.data(), p.size() * sizeof(float));
    std::copy(best_running_.begin(), best_running_.end(), model_->running().begin());
    progress_.state = TrainState::early_stopped;
    progress_.reason = "early stop after epoch " + std::to_string(progress_.epoch) +
                       ": validation loss did not improve for " + std::to_string(config_.patience) +
                       " epochs (best weights restored)";
    return;
  }
  if (progress_.epoch >= config_.epochs) {
    progress_.state = TrainState::finished;
    progress_.reason = "finished " + std::to_string(config_.epochs) + " epochs";
    return;
  }
  set_learning_rate(progress_.learning_rate * config_.lr_decay);
  progress_.steps_per_epoch = (progress_.train_count + config_.batch - 1) / config_.batch;
  rng_.shuffle(order_.data(), progress_.train_count);
  snapshot();
}

}  // namespace nnlab
