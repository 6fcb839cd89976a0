// The lab as its view sees it (see session.h).
#include "lab/session.h"

#include <algorithm>
#include <chrono>

#include "data/dataset_prep.h"
#include "lab/wire.h"

namespace nnlab::lab {
namespace {

double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

Session::Session(TrainingRemote* remote) : remote_(remote) {
  if (!remote_) local_ = std::make_unique<Engine>();
}

void Session::send(std::string message) {
  ++sent_;
  remote_->send(std::move(message));
}

// ---------------------------------------------------------------------------------------------
void Session::set_data(std::string name, std::shared_ptr<const IdxDataset> data, int classes) {
  if (remote_) send(data_message(name, *data, classes));
  else local_->set_data(data, classes);
  data_name_ = std::move(name);
  data_ = std::move(data);
  shape_ = {data_->train.images.pixels_per_image(), classes};
  ++data_version_;
  model_ = Mlp();
  local_version_ = -1;
  reset_shown();
  ++weights_version_;
}

// What the view shows before the first snapshot of a new network: nothing trained, the epoch-0
// evaluation under way.
void Session::reset_shown() {
  shown_ = Snapshot{};
  shown_.commands = sent_;
  shown_.evaluating = has_model();
  shown_.test_predictions.assign(size_t(test_count()), 0);
  shown_.test_confidence.assign(size_t(test_count()), 0.0f);
}

void Session::prepare_stats(const Settings& s) {
  train_count_ = subset_size(data_->train, s.subset);
  const int key[3] = {data_version_, s.subset, int(s.normalisation)};
  if (std::equal(key, key + 3, stats_key_) || s.normalisation == Normalisation::unit) return;
  pixel_mean_std(data_->train.images, subset_indices(data_->train, s.subset, shape_.classes), &mean_, &std_);
  std::copy(key, key + 3, stats_key_);
}

std::string Session::rebuild(const Settings& s) {
  if (!has_data()) return text::T("lab.refuse.loading");
  if (local_) {
    if (Message error = local_->rebuild(s); !error.empty()) return message_text(error);
  } else {
    Mlp m;
    Message error;
    if (!build_network(s, shape_, &m, &error)) return message_text(error);
    m.init_params(s.seed);  // the worker draws the same weights from the same seed
    model_ = std::move(m);
    send(settings_message(Verb::rebuild, s, shape_));
  }
  settings_ = s;
  prepare_stats(s);
  reset_shown();
  sync_local();
  ++weights_version_;
  return "";
}

std::string Session::adopt(const Mlp& model, const Settings& s) {
  if (!has_data()) return text::T("lab.refuse.loading");
  if (local_) {
    if (Message error = local_->adopt(model, s); !error.empty()) return message_text(error);
  } else {
    if (Message why = fit_refusal(model, shape_); !why.empty()) return message_text(why);
    model_ = model;
    send(adopt_message(model, s, shape_));
  }
  settings_ = s;
  prepare_stats(s);
  reset_shown();
  sync_local();
  ++weights_version_;
  return "";
}

std::string Session::apply_live(const Settings& s) {
  if (local_) {
    if (Message error = local_->apply_live(s); !error.empty()) return message_text(error);
  } else {
    send(settings_message(Verb::live, s, shape_));
    if (shown_.stop == StopReason::epochs_done && shown_.epochs_done < s.epochs) {  // as the engine will
      shown_.phase = Phase::paused;
      shown_.stop = StopReason::none;
    }
  }
  settings_.lr = s.lr;
  settings_.batch = s.batch;
  settings_.update = s.update;
  settings_.epochs = s.epochs;
  sync_local();
  return "";
}

// ---------------------------------------------------------------------------------------------
std::string Session::start() {
  if (!has_data()) return text::T("lab.refuse.loading");
  if (local_) {
    const Message error = local_->start();
    sync_local();
    return message_text(error);
  }
  if (Message why = start_refusal(shown_, settings_, has_model()); !why.empty()) return message_text(why);
  send(plain_message(Verb::start));
  shown_.phase = Phase::running;  // at once: the button says Pause before the worker answers
  shown_.stop = StopReason::none;
  return "";
}

void Session::pause() {
  if (local_) {
    local_->pause();
    sync_local();
    return;
  }
  send(plain_message(Verb::pause));
  if (shown_.phase == Phase::running) shown_.phase = Phase::paused;
}

std::string Session::step() {
  if (local_) {
    const Message error = local_->step();
    sync_local();
    return message_text(error);
  }
  if (Message why = step_refusal(shown_, settings_, has_model()); !why.empty()) return message_text(why);
  send(plain_message(Verb::step));  // the worker measures first and steps; the result comes with its snapshot
  return "";
}

// ---------------------------------------------------------------------------------------------
std::string Session::compare_updates(double budget_s) {
  if (!has_data()) return text::T("lab.refuse.loading");
  if (local_) {
    const Message error = local_->compare_updates(budget_s);
    sync_local();
    return message_text(error);
  }
  if (settings_.batchnorm) return text::T("lab.compare.batchnorm");
  send(compare_message(budget_s));
  shown_.compare = CompareView{};
  shown_.compare.state = CompareState::running;  // at once: the button says Cancel
  shown_.compare.budget_s = float(budget_s);
  if (shown_.phase == Phase::running) shown_.phase = Phase::paused;
  return "";
}

std::string Session::start_search(const SearchSpec& spec) {
  if (!has_data()) return text::T("lab.refuse.loading");
  if (local_) {
    const Message error = local_->start_search(spec);
    sync_local();
    return message_text(error);
  }
  std::vector<Settings> plan;
  Message error;
  if (!plan_search(spec, settings_, shape_, &plan, &error)) return message_text(error);  // checked here, at once
  send(search_message(spec));
  shown_.search = SearchView{};
  shown_.search.state = SearchState::running;
  shown_.search.spec = search_spec_text(spec);
  if (shown_.phase == Phase::running) shown_.phase = Phase::paused;
  return "";
}

void Session::cancel_search() {
  if (local_) {
    local_->cancel_search();
    sync_local();
    return;
  }
  send(plain_message(Verb::cancel));
}

std::string Session::use_search_run(int i, Settings* settings) {
  if (i < 0 || i >= int(shown_.search.runs.size()))
    return message_text(Message("lab.search.no_run", {{"run", std::to_string(i + 1)}}));
  const Settings s = shown_.search.runs[size_t(i)].settings;
  if (local_) {
    if (Message error = local_->use_search_run(i, nullptr); !error.empty()) return message_text(error);
  } else {
    Mlp m;  // the run's shape: the worker's snapshot brings its weights
    Message error;
    if (!build_network(s, shape_, &m, &error)) return message_text(error);
    m.init_params(s.seed);
    model_ = std::move(m);
    send(index_message(Verb::use, i));
  }
  settings_ = s;
  prepare_stats(s);
  if (!local_) {
    const SearchView search = shown_.search;
    reset_shown();
    shown_.search = search;
  }
  sync_local();
  ++weights_version_;
  if (settings) *settings = s;
  return "";
}

std::string Session::view_mark(int i) {
  if (local_) {
    const Message error = local_->view_mark(i);
    sync_local();
    return message_text(error);
  }
  if (i < -1 || i >= int(shown_.timeline.marks.size())) return text::T("lab.timeline.no_mark");
  send(index_message(Verb::view, i));
  shown_.timeline.shown = i;  // at once: the slider stays where the finger left it
  if (shown_.phase == Phase::running) shown_.phase = Phase::paused;
  return "";
}

std::string Session::continue_from_view() {
  if (local_) {
    const Message error = local_->continue_from_view();
    sync_local();
    return message_text(error);
  }
  if (shown_.timeline.shown < 0) return text::T("lab.timeline.not_viewing");
  send(plain_message(Verb::resume));
  return "";
}

void Session::update(double budget_ms) {
  const double t0 = now_ms();
  if (local_) {
    local_->update(budget_ms);
    sync_local();
  } else {
    take_snapshot();
  }
  update_ms_ = now_ms() - t0;
}

// Trained here: the engine's state, when it changed (the weights are read from the engine itself).
void Session::sync_local() {
  if (!local_ || local_->version() == local_version_) return;
  local_version_ = local_->version();
  shown_ = local_->state();
  ++weights_version_;
}

// Trained there: the newest snapshot, once it reflects every command sent; or, if the worker
// failed, training moves here from the last weights it sent.
void Session::take_snapshot() {
  std::string bytes;
  if (remote_->receive(&bytes)) {
    Snapshot s;
    Message error;
    const SnapshotFit fit{model_.parameter_count(), size_t(test_count()), shape_.classes, model_.running().size(),
                          shape_.inputs};
    if (!read_snapshot(bytes, fit, &s, &error)) {
      malformed_ = error;
    } else if (s.commands == sent_) {
      std::copy(s.params.begin(), s.params.end(), model_.params().begin());
      std::copy(s.running.begin(), s.running.end(), model_.running().begin());
      s.params.clear();
      s.running.clear();
      s.params.shrink_to_fit();
      shown_ = std::move(s);
      synced_ = sent_;
      malformed_.clear();
      ++weights_version_;
    }  // else: from before the last command; the next one will be newer
  }
  Message failure = remote_->failure();
  if (!failure.empty()) hand_over(std::move(failure));
}

void Session::hand_over(Message why) {
  remote_ = nullptr;
  failure_ = std::move(why);
  local_ = std::make_unique<Engine>();
  if (has_data()) {
    local_->set_data(data_, shape_.classes);
    if (model_.layer_count() > 0) {
      resume_error_ = local_->resume(model_, settings_, shown_);
    }
  }
  model_ = Mlp();  // the engine holds the network now
  local_version_ = -1;
  sync_local();
}

// ---------------------------------------------------------------------------------------------
std::string Session::message() const {
  if (!failure_.empty())
    return resume_error_.empty()
               ? message_text(Message("lab.worker.moved", {{"why", failure_}}))
               : message_text(Message("lab.worker.moved_resume", {{"why", failure_}, {"error", resume_error_}}));
  if (!malformed_.empty()) return message_text(malformed_);
  if (!shown_.refusal.empty()) return message_text(shown_.refusal);
  return message_text(stop_message(shown_));
}

bool Session::message_is_error() const {
  return !failure_.empty() || !malformed_.empty() || !shown_.refusal.empty() || shown_.phase == Phase::diverged;
}

double Session::eta_s() const {
  if (shown_.samples_per_s <= 0 || shown_.phase != Phase::running) return -1;
  const double epochs_left = std::max(0.0, double(settings_.epochs - shown_.epochs_done) - shown_.epoch_fraction);
  return epochs_left * double(train_count_) / shown_.samples_per_s;
}

void Session::normalise(const float* unit_pixels, float* out) const {
  for (int i = 0; i < shape_.inputs; ++i)
    out[i] = settings_.normalisation == Normalisation::unit ? unit_pixels[i] : (unit_pixels[i] - mean_) / std_;
}

void Session::test_input(int i, float* out) const {
  const IdxImages& images = data_->test.images;
  const int n = images.pixels_per_image();
  image_features(images.pixels.data() + size_t(i) * size_t(n), n, settings_.normalisation, mean_, std_, out);
}

void Session::forward_one(const float* x) {
  if (!has_model()) return;
  probe_.resize(model(), 1);
  forward(model(), x, 1, probe_);
}

}  // namespace nnlab::lab
