// The lab's commands and snapshots as bytes, for a LabTrainer that trains elsewhere (the page's
// Web Worker). A mirror sends each command it applied; the remote applies the same call to its
// own LabTrainer (same code, same data, same seed: the same weights) and answers with snapshots.
#include <algorithm>

#include "app/byte_stream.h"
#include "app/mnist_training.h"
#include "app/training_remote.h"

namespace nnlab::app {
namespace {

constexpr uint32_t kSnapshotMagic = 0x6e6e6c73;  // "nnls"

void put_settings(ByteWriter& w, const LabSettings& s) {
  w.put_vector(std::vector<int32_t>(s.hidden.begin(), s.hidden.end()));
  w.put(uint8_t(s.activation));
  w.put(uint8_t(s.loss));
  w.put(uint8_t(s.optimizer));
  w.put(s.lr);
  w.put(int32_t(s.batch));
  w.put(int32_t(s.epochs));
  w.put(s.l2);
  w.put(s.dropout);
  w.put(uint64_t(s.seed));
  w.put(int32_t(s.subset));
  w.put(uint8_t(s.normalisation));
  w.put(int32_t(s.patience));
}

bool get_settings(ByteReader& r, LabSettings* s) {
  std::vector<int32_t> hidden;
  uint8_t activation = 0, loss = 0, optimizer = 0, normalisation = 0;
  int32_t batch = 0, epochs = 0, subset = 0, patience = 0;
  r.get_vector(&hidden);
  r.get(&activation);
  r.get(&loss);
  r.get(&optimizer);
  r.get(&s->lr);
  r.get(&batch);
  r.get(&epochs);
  r.get(&s->l2);
  r.get(&s->dropout);
  r.get(&s->seed);
  r.get(&subset);
  r.get(&normalisation);
  if (!r.get(&patience)) return false;
  s->hidden.assign(hidden.begin(), hidden.end());
  s->activation = Activation(activation);
  s->loss = Loss(loss);
  s->optimizer = OptimizerKind(optimizer);
  s->normalisation = Normalisation(normalisation);
  s->batch = batch, s->epochs = epochs, s->subset = subset, s->patience = patience;
  return true;
}

void put_split(ByteWriter& w, const IdxSplit& s) {
  w.put(int32_t(s.images.count));
  w.put(int32_t(s.images.rows));
  w.put(int32_t(s.images.cols));
  w.put_vector(s.images.pixels);
  w.put(int32_t(s.labels.count));
  w.put_vector(s.labels.labels);
}

bool get_split(ByteReader& r, IdxSplit* s) {
  int32_t count = 0, rows = 0, cols = 0, labels = 0;
  r.get(&count);
  r.get(&rows);
  r.get(&cols);
  r.get_vector(&s->images.pixels);
  r.get(&labels);
  if (!r.get_vector(&s->labels.labels)) return false;
  s->images.count = count, s->images.rows = rows, s->images.cols = cols, s->labels.count = labels;
  return size_t(count) * size_t(rows) * size_t(cols) == s->images.pixels.size() && size_t(labels) == s->labels.labels.size();
}

}  // namespace

std::string LabTrainer::data_command(const std::string& name, const IdxDataset& data, int classes) {
  ByteWriter w;
  w.put('d');
  w.put_string(name);
  w.put(int32_t(classes));
  put_split(w, data.train);
  put_split(w, data.test);
  return w.take();
}

std::string LabTrainer::settings_command(char verb, const LabSettings& s) {
  ByteWriter w;
  w.put(verb);
  put_settings(w, s);
  return w.take();
}

std::string LabTrainer::adopt_command(const Mlp& model, const LabSettings& s) {
  ByteWriter w;
  w.put('a');
  put_settings(w, s);
  w.put(int32_t(model.layer_count()));
  for (int l = 0; l < model.layer_count(); ++l) {
    const LayerSpec& spec = model.layer(l);
    w.put(int32_t(spec.inputs));
    w.put(int32_t(spec.outputs));
    w.put(uint8_t(spec.activation));
  }
  w.put_span(model.params());
  return w.take();
}

std::string LabTrainer::plain_command(char verb) {
  ByteWriter w;
  w.put(verb);
  return w.take();
}

std::string LabTrainer::apply_command(std::string_view message) {
  ++commands_;  // counted even when refused: the mirror counts what it sent
  ByteReader r(message);
  char verb = 0;
  r.get(&verb);
  LabSettings s;
  switch (verb) {
    case 'd': {
      std::string name;
      int32_t classes = 0;
      IdxDataset data;
      r.get_string(&name);
      r.get(&classes);
      if (!get_split(r, &data.train) || !get_split(r, &data.test) || !r.done()) break;
      set_data(std::move(name), std::move(data), classes);
      return "";
    }
    case 'r':
    case 'l':
      if (!get_settings(r, &s) || !r.done()) break;
      return verb == 'r' ? rebuild(s) : apply_live(s);
    case 'a': {
      int32_t layers = 0;
      if (!get_settings(r, &s) || !r.get(&layers) || layers < 1 || layers > 64) break;
      std::vector<LayerSpec> specs(static_cast<size_t>(layers));
      for (LayerSpec& spec : specs) {
        int32_t in = 0, out = 0;
        uint8_t activation = 0;
        r.get(&in);
        r.get(&out);
        r.get(&activation);
        spec = {in, out, Activation(activation)};
      }
      std::vector<float> params;
      if (!r.get_vector(&params) || !r.done()) break;
      Mlp model;
      std::string error;
      if (!model.build(specs, &error)) return error;
      if (model.parameter_count() != params.size()) break;
      std::copy(params.begin(), params.end(), model.params().begin());
      return adopt(model, s);
    }
    case 's': return r.done() ? start() : "malformed start";
    case 'p':
      if (!r.done()) break;
      pause();
      return "";
    case 'o': return r.done() ? step() : "malformed step";
    default: break;
  }
  return std::string("malformed lab command '") + (verb >= 32 && verb < 127 ? verb : '?') + "'";
}

std::string LabTrainer::snapshot() const {
  ByteWriter w;
  w.put(kSnapshotMagic);
  w.put(commands_);
  w.put(uint8_t(phase_));
  w.put_string(message_);
  w.put(uint8_t(eval_.active));
  w.put(uint8_t(trainer_ready_));
  w.put(int32_t(epochs_done_));
  w.put(int64_t(steps_));
  w.put(last_loss_);
  w.put(ms_per_step_);
  w.put(samples_per_s_);
  w.put(epoch_fraction());
  w.put_vector(history_);
  w.put_vector(batches_);
  w.put_vector(confusion_);
  w.put_vector(test_pred_);
  w.put_vector(test_conf_);
  w.put_span(model_.params());
  return w.take();
}

bool LabTrainer::apply_snapshot(std::string_view bytes) {
  ByteReader r(bytes);
  uint32_t magic = 0, commands = 0;
  if (!r.get(&magic) || magic != kSnapshotMagic || !r.get(&commands)) return false;
  if (commands != commands_) return true;  // the remote has not seen every command yet
  uint8_t phase = 0, evaluating = 0, ready = 0;
  std::string message;
  int32_t epochs_done = 0;
  int64_t steps = 0;
  float last_loss = 0, fraction = 0;
  double ms_per_step = 0, samples_per_s = 0;
  std::vector<EpochPoint> history;
  std::vector<BatchPoint> batches;
  std::vector<int> confusion;
  std::vector<uint8_t> predictions;
  std::vector<float> confidence, params;
  r.get(&phase);
  r.get_string(&message);
  r.get(&evaluating);
  r.get(&ready);
  r.get(&epochs_done);
  r.get(&steps);
  r.get(&last_loss);
  r.get(&ms_per_step);
  r.get(&samples_per_s);
  r.get(&fraction);
  r.get_vector(&history);
  r.get_vector(&batches);
  r.get_vector(&confusion);
  r.get_vector(&predictions);
  r.get_vector(&confidence);
  r.get_vector(&params);
  if (!r.done() || phase > uint8_t(LabPhase::diverged) || params.size() != model_.parameter_count() ||
      predictions.size() != test_pred_.size() || confidence.size() != test_conf_.size())
    return false;
  phase_ = LabPhase(phase);
  message_ = std::move(message);
  eval_.active = evaluating != 0;
  trainer_ready_ = ready != 0;
  epochs_done_ = epochs_done;
  steps_ = steps;
  last_loss_ = last_loss;
  ms_per_step_ = ms_per_step;
  samples_per_s_ = samples_per_s;
  remote_fraction_ = fraction;
  history_ = std::move(history);
  batches_ = std::move(batches);
  confusion_ = std::move(confusion);
  test_pred_ = std::move(predictions);
  test_conf_ = std::move(confidence);
  std::copy(params.begin(), params.end(), model_.params().begin());
  ++weights_version_;
  synced_ = commands;
  return true;
}

// The mirror's update(): the newest snapshot, or — if the remote failed — training moves back
// into the frame from the last weights the remote sent.
void LabTrainer::take_snapshots() {
  std::string bytes;
  if (remote_->receive(&bytes) && !apply_snapshot(bytes)) {
    message_ = "the training worker sent a malformed snapshot";
  }
  const std::string failure = remote_->failure();
  if (failure.empty()) return;
  remote_ = nullptr;
  remote_failed_ = true;
  trainer_ready_ = false;  // start() makes a fresh trainer on these weights
  if (phase_ == LabPhase::running) phase_ = LabPhase::paused;
  if (eval_.active) begin_evaluation(epochs_done_);  // the measurement the remote never finished
  message_ = "training moved into the page: " + failure;
}

}  // namespace nnlab::app
