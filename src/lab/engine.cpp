// The MNIST lab's engine (see engine.h).
#include "lab/engine.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "data/dataset_prep.h"
#include "data/float_text.h"

#include <cstdio>

namespace nnlab::lab {
namespace {

constexpr int kEvalBatch = 256;          // digits per evaluation chunk
constexpr int kMaxBatchPoints = 1000;    // the smoothed curve is thinned beyond this (cheap to draw)
constexpr float kEmaAlpha = 0.02f;       // smoothing of the per-batch curve (~50 batches)
constexpr int kTrainerEpochs = 100'000;  // the trainer never stops by itself: the lab stops at `epochs`

double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

const char* phase_name(Phase p) {
  switch (p) {
    case Phase::idle: return "idle";
    case Phase::running: return "running";
    case Phase::paused: return "paused";
    case Phase::finished: return "finished";
    case Phase::diverged: return "diverged";
  }
  return "?";
}

const char* phase_label(Phase p) {
  static const char* const kKeys[kPhaseCount] = {"lab.phase.idle", "lab.phase.running", "lab.phase.paused",
                                                 "lab.phase.finished", "lab.phase.diverged"};
  return text::T(kKeys[int(p) < kPhaseCount ? int(p) : 0]);
}

Message stop_message(const Snapshot& s) {
  switch (s.stop) {
    case StopReason::none: return Message();
    case StopReason::epochs_done:
      return count_message("lab.stop.epochs_done", s.epochs_done, {{"epochs", std::to_string(s.epochs_done)}});
    case StopReason::early_stopped:
      return count_message("lab.stop.early", s.patience,
                           {{"epoch", std::to_string(s.stop_epoch)}, {"patience", std::to_string(s.patience)}});
    case StopReason::diverged: return Message("lab.stop.diverged", {{"step", std::to_string(s.stop_step)}});
  }
  return Message();
}

Message ended_worse_message(const Snapshot& s, float lr) {
  if (s.history.size() < 2 || (s.phase != Phase::finished && s.phase != Phase::paused)) return Message();
  const EpochPoint &first = s.history.front(), &last = s.history.back();
  if (std::isfinite(last.train_loss) && last.train_loss <= first.train_loss) return Message();
  char start[32], end[32], accuracy[32];
  std::snprintf(start, sizeof start, "%.2f", double(first.train_loss));
  std::snprintf(end, sizeof end, "%.2f", double(last.train_loss));
  std::snprintf(accuracy, sizeof accuracy, "%.1f", double(last.test_accuracy) * 100);
  return Message("lab.diverged.worse", {{"start", start},
                                        {"end", std::isfinite(last.train_loss) ? std::string(end) : "∞"},
                                        {"accuracy", accuracy},
                                        {"lr", float_to_text(lr)},
                                        {"smaller", float_to_text(lr / 10)}});
}

namespace {

// An early stop, and what to do about it.
Message early_stop_refusal(const Snapshot& s) {
  return count_message("lab.refuse.early_stopped", s.patience,
                       {{"epoch", std::to_string(s.stop_epoch)}, {"patience", std::to_string(s.patience)}});
}

}  // namespace

Message start_refusal(const Snapshot& s, const Settings& settings, bool has_model) {
  if (!has_model) return Message("lab.refuse.no_network");
  if (s.epochs_done >= settings.epochs)
    return count_message("lab.refuse.finished", settings.epochs, {{"epochs", std::to_string(settings.epochs)}});
  if (s.stop == StopReason::early_stopped) return early_stop_refusal(s);
  return Message();
}

Message step_refusal(const Snapshot& s, const Settings& settings, bool has_model) {
  if (s.phase == Phase::running) return Message("lab.refuse.running");
  if (!has_model) return Message("lab.refuse.no_network");
  if (s.epochs_done >= settings.epochs) return Message("lab.refuse.step_finished");
  if (s.stop == StopReason::early_stopped) return early_stop_refusal(s);
  return Message();
}

// ---------------------------------------------------------------------------------------------
void Engine::set_data(std::shared_ptr<const IdxDataset> data, int classes) {
  data_ = std::move(data);
  inputs_ = data_->train.images.pixels_per_image();
  classes_ = classes;
  ++data_version_;
  model_ = Mlp();
  trainer_ready_ = false;
  const uint32_t commands = s_.commands;
  s_ = Snapshot{};
  s_.commands = commands;
  ++version_;
}

void Engine::prepare_features(const Settings& s) {
  const int key[3] = {data_version_, s.subset, int(s.normalisation)};
  if (std::equal(key, key + 3, features_key_)) return;
  const IdxSplit sub = take_subset(data_->train, s.subset, classes_);
  float mean = 0, std = 1;
  pixel_mean_std(sub.images, &mean, &std);  // the TRAINING subset's statistics, for train and test
  to_features(sub.images, s.normalisation, mean, std, &train_x_);
  to_labels(sub.labels, &train_y_);
  to_features(data_->test.images, s.normalisation, mean, std, &test_x_);
  to_labels(data_->test.labels, &test_y_);
  std::copy(key, key + 3, features_key_);
}

Message Engine::rebuild(const Settings& s) {
  if (!has_data()) return Message("lab.refuse.loading");
  Mlp m;
  Message error;
  if (!build_network(s, shape(), &m, &error)) return error;
  m.init_params(s.seed);
  return install(m, s);
}

Message Engine::adopt(const Mlp& model, const Settings& s) {
  if (!has_data()) return Message("lab.refuse.loading");
  if (Message why = fit_refusal(model, shape()); !why.empty()) return why;
  return install(model, s);
}

Message Engine::resume(const Mlp& model, const Settings& s, const Snapshot& shown) {
  if (Message error = adopt(model, s); !error.empty()) return error;
  const uint32_t commands = s_.commands;
  s_ = shown;
  s_.commands = commands;
  s_.params.clear();
  s_.running.clear();
  s_.refusal.clear();
  s_.timeline = TimelineView{};  // the worker's moments stayed there: this one starts a timeline of its own
  s_.search = SearchView{};
  s_.compare = CompareView{};
  if (s_.phase == Phase::running) s_.phase = Phase::paused;
  if (s_.phase == Phase::diverged) trainer_ready_ = false;
  s_.epoch_fraction = 0;  // a fresh trainer starts the epoch over
  s_.test_predictions.resize(test_y_.size(), 0);
  s_.test_confidence.resize(test_y_.size(), 0.0f);
  s_.evaluating = false;
  if (shown.evaluating) begin_evaluation(s_.epochs_done);  // the measurement the other engine never finished
  timeline_.clear();
  trainer_epoch_seen_ = 0;
  mark(float(s_.epochs_done));
  ++version_;
  return Message();
}

Message Engine::install(const Mlp& model, const Settings& s) {
  prepare_features(s);
  const Mlp old_model = model_;
  const Settings old_settings = settings_;
  model_ = model;
  settings_ = s;
  Message error;
  if (!init_trainer(&error)) {
    model_ = old_model;
    settings_ = old_settings;
    if (has_model()) {
      prepare_features(settings_);
      init_trainer(nullptr);
    }
    return error;
  }
  const uint32_t commands = s_.commands;
  s_ = Snapshot{};
  s_.commands = commands;
  s_.test_predictions.assign(test_y_.size(), 0);
  s_.test_confidence.assign(test_y_.size(), 0.0f);
  window_ms_ = 0;
  window_samples_ = 0;
  last_update_ = -1;
  ema_loss_ = -1;
  batch_stride_ = 1;
  batch_count_ = 0;
  view_evaluating_ = false;
  timeline_.clear();
  first_epoch_marks_ = 0;
  begin_evaluation(0);
  mark(0);
  refresh_views();
  return Message();
}

bool Engine::init_trainer(Message* error) {
  TrainConfig c = lab_train_config(settings_, int(train_y_.size()));
  c.epochs = kTrainerEpochs;
  const DatasetView view{train_x_.data(), train_y_.data(), nullptr, int(train_y_.size()), inputs_};
  trainer_epoch_seen_ = 0;
  // Early stopping holds out a tenth of the training images; a handful of them leaves none.
  if (c.patience > 0 && int(double(view.count) * double(c.validation_fraction)) == 0) {
    if (error) *error = Message("lab.error.early_stop_data", {{"count", std::to_string(view.count)}});
    return trainer_ready_ = false;
  }
  std::string why;  // (the core's own words: the settings' checks leave nothing else for it to refuse)
  trainer_ready_ = trainer_.init(&model_, view, c, &why);
  if (!trainer_ready_ && error) *error = Message("lab.error.trainer", {{"detail", why}});
  return trainer_ready_;
}

Message Engine::apply_live(const Settings& s) {
  if (trainer_ready_) {
    trainer_.set_learning_rate(s.lr);
    std::string why;
    const int n = int(train_y_.size());
    if (effective_batch(s, n) != effective_batch(settings_, n) && !trainer_.set_batch_size(effective_batch(s, n), &why))
      return Message("lab.error.trainer", {{"detail", why}});
  }
  settings_.lr = s.lr;
  settings_.batch = s.batch;
  settings_.update = s.update;
  settings_.epochs = s.epochs;
  if (s_.stop == StopReason::epochs_done && s_.epochs_done < s.epochs) {  // more epochs: carry on
    s_.phase = Phase::paused;
    s_.stop = StopReason::none;
  }
  ++version_;
  return Message();
}

// ---------------------------------------------------------------------------------------------
Message Engine::start() {
  if (!has_data()) return Message("lab.refuse.loading");
  if (s_.timeline.shown >= 0) view_mark(-1);  // back to the present, and on from there
  if (Message why = start_refusal(s_, settings_, has_model()); !why.empty()) return why;
  if (!trainer_ready_) {  // after divergence: continue from the last good weights (fresh optimizer state)
    Message error;
    if (!init_trainer(&error)) return error;
  }
  s_.stop = StopReason::none;
  s_.phase = Phase::running;
  last_update_ = -1;
  ++version_;
  return Message();
}

void Engine::pause() {
  if (s_.phase == Phase::running) s_.phase = Phase::paused;
  ++version_;
}

Message Engine::step() {
  if (s_.timeline.shown >= 0) view_mark(-1);
  if (Message why = step_refusal(s_, settings_, has_model()); !why.empty()) return why;
  if (s_.evaluating) evaluate_for(1e300);  // measure the weights before this step first
  if (!trainer_ready_) {
    Message error;
    if (!init_trainer(&error)) return error;
  }
  s_.stop = StopReason::none;
  const double t0 = now_ms();
  const int64_t before = trainer_.progress().samples_seen;
  if (trainer_.train_steps(1) == 1) record_batch(trainer_.progress().batch_loss, trainer_.progress().batch_accuracy);
  s_.ms_per_step = now_ms() - t0;
  if (trainer_.progress().epoch == trainer_epoch_seen_) first_epoch_mark();
  after_steps(trainer_.progress().samples_seen - before, false);
  if (s_.phase == Phase::idle) s_.phase = Phase::paused;
  return s_.phase == Phase::diverged ? stop_message(s_) : Message();
}

void Engine::update(double budget_ms) {
  const double t0 = now_ms(), deadline = t0 + budget_ms;
  update_ms_ = 0;
  if (s_.evaluating) {
    last_update_ = -1;  // evaluation frames do not count towards samples/s
    evaluate_for(deadline);
    update_ms_ = now_ms() - t0;
    return;
  }
  if (view_evaluating_) {
    evaluate_view(deadline);
    update_ms_ = now_ms() - t0;
    return;
  }
  if ((search_ && search_->state() == SearchState::running) ||
      (compare_ && compare_->view().state == CompareState::running)) {
    if (search_ && search_->state() == SearchState::running) search_->update(budget_ms);
    else compare_->update(budget_ms);
    refresh_views();
    ++version_;
    update_ms_ = now_ms() - t0;
    return;
  }
  if (s_.phase != Phase::running) return;
  if (s_.epochs_done >= settings_.epochs) {
    finish_epochs();
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
    first_epoch_mark();
  }
  const double spent = now_ms() - t0;
  if (n > 0) s_.ms_per_step = s_.ms_per_step > 0 ? 0.8 * s_.ms_per_step + 0.2 * (spent / n) : spent / n;
  after_steps(trainer_.progress().samples_seen - before, timed);
  update_ms_ = now_ms() - t0;
}

void Engine::finish_epochs() {
  s_.phase = Phase::finished;
  s_.stop = StopReason::epochs_done;
  ++version_;
}

// Bookkeeping after steps: samples/s, divergence, early stop, the end of an epoch.
void Engine::after_steps(int64_t samples, bool timed) {
  const TrainProgress& p = trainer_.progress();
  // samples/s over wall time: the samples of updates whose interval since the previous training
  // update is known, over those intervals (so it includes the caller's own work: the honest rate).
  if (timed) window_samples_ += samples;
  if (window_ms_ >= 1000) {
    s_.samples_per_s = double(window_samples_) * 1000.0 / window_ms_;
    window_ms_ = 0;
    window_samples_ = 0;
  } else if (s_.samples_per_s == 0 && window_ms_ >= 100) {  // a first estimate before a whole second
    s_.samples_per_s = double(window_samples_) * 1000.0 / window_ms_;
  }  // (until 100 ms are timed it stays 0: ms_per_step is the compute-only measure)
  s_.last_loss = p.batch_loss;
  ++version_;
  if (p.state == TrainState::diverged) {
    s_.phase = Phase::diverged;
    s_.stop = StopReason::diverged;
    s_.stop_step = s_.steps + 1;
    trainer_ready_ = false;
    return;
  }
  if (p.epoch != trainer_epoch_seen_) {
    trainer_epoch_seen_ = p.epoch;
    ++s_.epochs_done;
    begin_evaluation(s_.epochs_done);
    mark(float(s_.epochs_done));
  }
  s_.epoch_fraction = trainer_fraction();
  if (p.state == TrainState::early_stopped) {
    s_.phase = Phase::finished;
    s_.stop = StopReason::early_stopped;
    s_.stop_epoch = s_.epochs_done;
    s_.patience = settings_.patience;
    trainer_ready_ = false;
  }
}

void Engine::record_batch(float loss, float accuracy) {
  ++s_.steps;
  if (ema_loss_ < 0) ema_loss_ = loss, ema_accuracy_ = accuracy;
  ema_loss_ += kEmaAlpha * (loss - ema_loss_);
  ema_accuracy_ += kEmaAlpha * (accuracy - ema_accuracy_);
  if (++batch_count_ % batch_stride_ != 0) return;
  // (the epoch's last step has already moved the trainer to the next epoch; epochs_done follows later)
  const bool epoch_ended = trainer_.progress().epoch != trainer_epoch_seen_;
  s_.batches.push_back({float(s_.epochs_done) + (epoch_ended ? 1.0f : trainer_fraction()), ema_loss_, ema_accuracy_});
  if (int(s_.batches.size()) > kMaxBatchPoints) {  // keep every other point, record half as often
    for (size_t i = 0; 2 * i < s_.batches.size(); ++i) s_.batches[i] = s_.batches[2 * i];
    s_.batches.resize((s_.batches.size() + 1) / 2);
    batch_stride_ *= 2;
  }
}

float Engine::trainer_fraction() const {
  if (!trainer_ready_) return 0;
  const TrainProgress& p = trainer_.progress();
  return p.steps_per_epoch > 0 ? std::clamp(float(p.step_in_epoch) / float(p.steps_per_epoch), 0.0f, 1.0f) : 0.0f;
}

// ---------------------------------------------------------------------------------------------
void Engine::begin_evaluation(int epoch) {
  eval_epoch_ = epoch;
  eval_pass_ = 0;
  const DatasetView train{train_x_.data(), train_y_.data(), nullptr, int(train_y_.size()), inputs_};
  evaluator_.begin(model_, train, settings_.loss, kEvalBatch);
  s_.evaluating = true;
  ++version_;
}

// Chunks of ≤ 256 digits until the deadline: the training subset, then the test split (whose
// predictions and confusion matrix the lab shows); at the end, the epoch's point on the curves.
void Engine::evaluate_for(double deadline_ms) {
  while (s_.evaluating && now_ms() < deadline_ms) {
    if (!evaluator_.step(kEvalBatch)) continue;
    const Evaluation& e = evaluator_.result();
    // A loss that overflowed (weights far too large) is plotted at the top of the curve.
    const float loss = std::isnan(e.loss) ? std::numeric_limits<float>::infinity() : e.loss;
    if (eval_pass_ == 0) {
      eval_train_loss_ = loss;
      eval_train_accuracy_ = e.accuracy;
      eval_pass_ = 1;
      eval_predicted_.assign(test_y_.size(), 0);
      const DatasetView test{test_x_.data(), test_y_.data(), nullptr, int(test_y_.size()), inputs_};
      evaluator_.begin(model_, test, settings_.loss, kEvalBatch, eval_predicted_, s_.test_confidence);
      continue;
    }
    s_.history.push_back({eval_epoch_, eval_train_loss_, eval_train_accuracy_, loss, e.accuracy});
    s_.confusion = e.confusion;
    for (size_t i = 0; i < eval_predicted_.size(); ++i) s_.test_predictions[i] = uint8_t(eval_predicted_[i]);
    s_.evaluating = false;
    ++version_;
    if (s_.phase == Phase::running && s_.epochs_done >= settings_.epochs) finish_epochs();
  }
}

void Engine::snapshot(Snapshot* out) const {
  *out = s_;
  out->params.assign(model().params().begin(), model().params().end());
  out->running.assign(model().running().begin(), model().running().end());
}

bool Engine::busy() const {
  return s_.phase == Phase::running || s_.evaluating || view_evaluating_ ||
         (search_ && search_->state() == SearchState::running) ||
         (compare_ && compare_->view().state == CompareState::running);
}

// ---------------------------------------------------------------------------------------------
// The timeline

void Engine::first_epoch_mark() {
  const TrainProgress& p = trainer_.progress();
  if (s_.epochs_done != 0 || first_epoch_marks_ >= 3 || p.steps_per_epoch < 8) return;
  const int at[3] = {p.steps_per_epoch / 8, p.steps_per_epoch / 4, p.steps_per_epoch / 2};
  if (p.step_in_epoch != at[first_epoch_marks_]) return;
  ++first_epoch_marks_;
  mark(float(p.step_in_epoch) / float(p.steps_per_epoch));
}

void Engine::mark(float epoch) {
  if (!trainer_ready_ || s_.timeline.too_big) return;
  Moment m;
  m.mark = {epoch, s_.steps};
  trainer_.save(&m.trainer);
  // The moments always kept (epoch 0, 1/8, 1/4, 1/2, 1 and the newest) must fit the bound with room
  // to spare: a network whose one moment takes more than an eighth of it keeps no timeline.
  if (m.bytes() > kTimelineBytes / 8) {
    timeline_.clear();
    s_.timeline.too_big = true;
    refresh_views();
    return;
  }
  m.batches = s_.batches;
  m.history = size_t(s_.epochs_done) + 1;  // epoch points 0 … epochs_done (the last may still be measured)
  m.epochs_done = s_.epochs_done;
  m.trainer_epoch_seen = trainer_epoch_seen_;
  m.batch_stride = batch_stride_;
  m.batch_count = batch_count_;
  m.ema_loss = ema_loss_;
  m.ema_accuracy = ema_accuracy_;
  timeline_.push_back(std::move(m));
  trim_timeline();
  refresh_views();
}

// Over the bound: whole epochs ≥ 2 (never the newest) go, the fewest factors of two first, the
// oldest first among equals.
void Engine::trim_timeline() {
  auto total = [&] {
    size_t b = 0;
    for (const Moment& m : timeline_) b += m.bytes();
    return b;
  };
  while (total() > kTimelineBytes) {
    int drop = -1, drop_twos = 99;
    for (int i = 0; i + 1 < int(timeline_.size()); ++i) {
      const float e = timeline_[size_t(i)].mark.epoch;
      if (e < 2 || e != std::floor(e)) continue;
      int twos = 0;
      for (int k = int(e); k % 2 == 0; k /= 2) ++twos;
      if (twos < drop_twos) drop = i, drop_twos = twos;
    }
    if (drop < 0) break;
    timeline_.erase(timeline_.begin() + drop);
  }
}

Message Engine::view_mark(int i) {
  if (i < -1 || i >= int(timeline_.size())) return Message("lab.timeline.no_mark");
  if (i == -1) {
    if (s_.timeline.shown < 0) return Message();
    s_.confusion = live_confusion_;
    s_.test_predictions = live_predictions_;
    s_.test_confidence = live_confidence_;
    s_.timeline.shown = -1;
    view_evaluating_ = false;
    ++version_;
    return Message();
  }
  if (s_.evaluating) evaluate_for(1e300);  // the present's measurement first
  if (s_.phase == Phase::running) s_.phase = Phase::paused;
  if (s_.timeline.shown < 0) {
    live_confusion_ = s_.confusion;
    live_predictions_ = s_.test_predictions;
    live_confidence_ = s_.test_confidence;
  }
  const Moment& m = timeline_[size_t(i)];
  view_model_ = model_;
  std::copy(m.trainer.params.begin(), m.trainer.params.end(), view_model_.params().begin());
  std::copy(m.trainer.running.begin(), m.trainer.running.end(), view_model_.running().begin());
  view_predicted_.assign(test_y_.size(), 0);
  s_.test_confidence.assign(test_y_.size(), 0.0f);
  const DatasetView test{test_x_.data(), test_y_.data(), nullptr, int(test_y_.size()), inputs_};
  view_eval_.begin(view_model_, test, settings_.loss, kEvalBatch, view_predicted_, s_.test_confidence);
  view_evaluating_ = true;
  s_.timeline.shown = i;
  ++version_;
  return Message();
}

void Engine::evaluate_view(double deadline_ms) {
  while (view_evaluating_ && now_ms() < deadline_ms) {
    if (!view_eval_.step(kEvalBatch)) continue;
    s_.confusion = view_eval_.result().confusion;
    for (size_t k = 0; k < view_predicted_.size(); ++k) s_.test_predictions[k] = uint8_t(view_predicted_[k]);
    view_evaluating_ = false;
    ++version_;
  }
}

Message Engine::continue_from_view() {
  const int i = s_.timeline.shown;
  if (i < 0) return Message("lab.timeline.not_viewing");
  if (!trainer_ready_) {
    Message error;
    if (!init_trainer(&error)) return error;
  }
  evaluate_view(1e300);
  const Moment& m = timeline_[size_t(i)];
  trainer_.restore(m.trainer);  // weights, running averages, optimizer, order, generator, progress
  s_.history.resize(std::min(s_.history.size(), m.history));
  s_.batches = m.batches;
  s_.steps = m.mark.step;
  s_.epochs_done = m.epochs_done;
  trainer_epoch_seen_ = m.trainer_epoch_seen;
  batch_stride_ = m.batch_stride;
  batch_count_ = m.batch_count;
  ema_loss_ = m.ema_loss;
  ema_accuracy_ = m.ema_accuracy;
  timeline_.resize(size_t(i) + 1);
  first_epoch_marks_ = 0;
  for (const Moment& k : timeline_)
    if (k.mark.epoch > 0 && k.mark.epoch < 1) ++first_epoch_marks_;
  s_.timeline.shown = -1;
  s_.stop = StopReason::none;
  s_.phase = Phase::paused;
  s_.epoch_fraction = trainer_fraction();
  last_update_ = -1;
  refresh_views();
  ++version_;
  return Message();
}

// ---------------------------------------------------------------------------------------------
// Update frequency and the search

Message Engine::compare_updates(double budget_s) {
  if (!has_data()) return Message("lab.refuse.loading");
  if (!has_model()) return Message("lab.refuse.no_network");
  if (s_.phase == Phase::running) s_.phase = Phase::paused;
  auto c = std::make_unique<UpdateCompare>();
  if (Message e = c->begin(settings_, shape(), train_x_.data(), train_y_.data(), int(train_y_.size()), budget_s);
      !e.empty())
    return e;
  compare_ = std::move(c);
  refresh_views();
  ++version_;
  return Message();
}

Message Engine::start_search(const SearchSpec& spec) {
  if (!has_data()) return Message("lab.refuse.loading");
  if (s_.phase == Phase::running) s_.phase = Phase::paused;
  if (compare_) compare_->cancel();
  auto search = std::make_unique<Search>();
  if (Message e = search->begin(spec, settings_, shape(), train_x_.data(), train_y_.data(), int(train_y_.size()));
      !e.empty())
    return e;
  search_ = std::move(search);
  refresh_views();
  ++version_;
  return Message();
}

void Engine::cancel_search() {
  if (search_) search_->cancel();
  if (compare_) compare_->cancel();
  refresh_views();
  ++version_;
}

Message Engine::use_search_run(int i, Settings* settings) {
  if (!search_ || i < 0 || i >= int(search_->runs().size()))
    return Message("lab.search.no_run", {{"run", std::to_string(i + 1)}});
  const Mlp* net = search_->network(i);
  if (!net) return Message("lab.search.no_weights", {{"run", std::to_string(i + 1)}});
  const Settings s = search_->runs()[size_t(i)].settings;
  if (Message e = install(*net, s); !e.empty()) return e;
  if (settings) *settings = s;
  ++version_;
  return Message();
}

void Engine::refresh_views() {
  if (search_) {
    SearchView& v = s_.search;
    v.state = search_->state();
    v.spec = search_spec_text(search_->spec());
    v.progress = search_->progress();
    v.eta_s = search_->eta_s();
    v.elapsed_s = search_->elapsed_s();
    v.best = search_->best();
    v.train_count = search_->train_count();
    v.validation_count = search_->validation_count();
    v.runs = search_->runs();
  }
  if (compare_) s_.compare = compare_->view();
  s_.timeline.marks.clear();
  s_.timeline.bytes = 0;
  for (const Moment& m : timeline_) {
    s_.timeline.marks.push_back(m.mark);
    s_.timeline.bytes += m.bytes();
  }
}

}  // namespace nnlab::lab
