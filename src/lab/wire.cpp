// The lab's page↔worker messages (see wire.h): one field list per message, walked by Writer and
// by Reader. The Reader checks every field as it reads it and stops at the first bad one, naming it.
#include "lab/wire.h"

#include <cmath>
#include <limits>
#include <memory>
#include <span>

#include "data/file_io.h"
#include "data/utf8.h"
#include "lab/byte_stream.h"

namespace nnlab::lab {
namespace {

constexpr uint32_t kSnapshotMagic = 0x6e6e6c73;  // "nnls"
constexpr uint32_t kMaxName = 512;               // bytes of a dataset's name
constexpr uint32_t kMaxSettingsText = 4096;      // bytes of the settings' link form
constexpr uint32_t kMaxRefusal = 4096;
constexpr uint32_t kMaxBatchPoints = 4096;  // the engine keeps ≤ 1,000 (it thins them)
constexpr int kMaxClasses = 256;
constexpr float kInf = std::numeric_limits<float>::infinity();

// ---- the two walkers -----------------------------------------------------------------------
// Every field method takes the field's name (for the Reader's message), the value and its limits.
class Writer {
 public:
  static constexpr bool kReading = false;
  template <class T>
  void number(const char*, T& v, T, T) {
    w_.put(v);
  }
  template <class E>
  void choice(const char*, E& v, int) {
    w_.put(uint8_t(v));
  }
  void flag(const char*, bool& v) { w_.put(uint8_t(v)); }
  void text(const char*, std::string& s, uint32_t) { w_.put_string(s); }
  // A list of numbers, each in [lo, hi]; `exact` > 0: exactly that many, else at most `max`.
  template <class T>
  void values(const char*, std::vector<T>& v, uint32_t, bool, T, T) {
    w_.put_span(std::span<const T>(v));
  }
  // A list of records, each walked by `fields(io, record)`.
  template <class R, class F>
  void records(const char*, std::vector<R>& v, uint32_t, F&& fields) {
    w_.put(uint32_t(v.size()));
    for (R& r : v) fields(*this, r);
  }
  bool ok() const { return true; }
  std::string take() { return w_.take(); }

 private:
  ByteWriter w_;
};

class Reader {
 public:
  static constexpr bool kReading = true;
  explicit Reader(std::string_view bytes) : r_(bytes) {}
  template <class T>
  void number(const char* name, T& v, T lo, T hi) {
    T x{};
    if (!r_.get(&x)) return fail(name, "missing");
    // (written as !(in range) so that NaN, which compares false, is refused too)
    if (!(x >= lo && x <= hi)) return fail(name, "out of range");
    v = x;
  }
  template <class E>
  void choice(const char* name, E& v, int count) {
    uint8_t x = 0;
    if (!r_.get(&x)) return fail(name, "missing");
    if (x >= count) return fail(name, "unknown value");
    v = E(x);
  }
  void flag(const char* name, bool& v) {
    uint8_t x = 0;
    if (!r_.get(&x)) return fail(name, "missing");
    if (x > 1) return fail(name, "not 0 or 1");
    v = x != 0;
  }
  void text(const char* name, std::string& s, uint32_t max) {
    std::string x;
    if (!r_.get_string(&x, max)) return fail(name, "missing or too long");
    if (!valid_utf8(x)) return fail(name, "not valid UTF-8");
    s = std::move(x);
  }
  template <class T>
  void values(const char* name, std::vector<T>& v, uint32_t count, bool exact, T lo, T hi) {
    std::vector<T> x;
    if (!r_.get_vector(&x, count)) return fail(name, "missing or too long");
    if (exact && x.size() != count) return fail(name, "wrong count");
    for (const T& e : x)
      if (!(e >= lo && e <= hi)) return fail(name, "a value out of range");
    v = std::move(x);
  }
  template <class R, class F>
  void records(const char* name, std::vector<R>& v, uint32_t max, F&& fields) {
    uint32_t n = 0;
    if (!r_.get(&n)) return fail(name, "missing");
    if (n > max) return fail(name, "too many");
    std::vector<R> x(n);
    for (R& r : x) {
      fields(*this, r);
      if (!ok()) return;
    }
    v = std::move(x);
  }
  bool ok() const { return error_.empty() && r_.ok(); }
  bool done() const { return ok() && r_.done(); }
  const std::string& error() const { return error_; }
  void fail(const char* name, const std::string& what) {
    if (error_.empty()) error_ = std::string(name) + ": " + what;
  }

 private:
  ByteReader r_;
  std::string error_;
};

// ---- field lists ---------------------------------------------------------------------------
template <class Io>
void split_fields(Io& io, IdxSplit& s) {
  io.number("rows", s.images.rows, 1, kIdxMaxSide);
  io.number("cols", s.images.cols, 1, kIdxMaxSide);
  io.number("count", s.images.count, 1, kIdxMaxCount);
  if (!io.ok()) return;
  const uint64_t pixels = uint64_t(s.images.count) * uint64_t(s.images.rows) * uint64_t(s.images.cols);
  if constexpr (Io::kReading)
    if (pixels > kMaxFileBytes) return io.fail("pixels", "more than 1 GiB");
  io.values("pixels", s.images.pixels, uint32_t(pixels), true, uint8_t(0), uint8_t(255));
  s.labels.count = s.images.count;
  io.values("labels", s.labels.labels, uint32_t(s.images.count), true, uint8_t(0), uint8_t(255));
}

template <class Io>
void epoch_fields(Io& io, EpochPoint& e) {
  io.number("history epoch", e.epoch, 0, kMaxEpochs);
  io.number("history train loss", e.train_loss, 0.0f, kInf);
  io.number("history train accuracy", e.train_accuracy, 0.0f, 1.0f);
  io.number("history test loss", e.test_loss, 0.0f, kInf);
  io.number("history test accuracy", e.test_accuracy, 0.0f, 1.0f);
}

template <class Io>
void batch_fields(Io& io, BatchPoint& b) {
  io.number("batch epoch", b.epoch, 0.0f, float(kMaxEpochs + 1));
  io.number("batch loss", b.loss, 0.0f, kInf);
  io.number("batch accuracy", b.accuracy, 0.0f, 1.0f);
}

template <class Io>
void snapshot_fields(Io& io, Snapshot& s, const SnapshotFit& fit) {
  uint32_t magic = kSnapshotMagic;
  io.number("magic", magic, kSnapshotMagic, kSnapshotMagic);
  io.number("commands", s.commands, 0u, std::numeric_limits<uint32_t>::max());
  io.choice("phase", s.phase, kPhaseCount);
  io.choice("stop", s.stop, kStopReasonCount);
  io.number("stop epoch", s.stop_epoch, 0, kMaxEpochs);
  io.number("patience", s.patience, 0, 1000);
  io.number("stop step", s.stop_step, int64_t(0), int64_t(1) << 53);
  io.flag("evaluating", s.evaluating);
  io.number("epochs done", s.epochs_done, 0, kMaxEpochs);
  io.number("steps", s.steps, int64_t(0), int64_t(1) << 53);
  io.number("last loss", s.last_loss, -kInf, kInf);
  io.number("epoch fraction", s.epoch_fraction, 0.0f, 1.0f);
  io.number("ms per step", s.ms_per_step, 0.0, 1e9);
  io.number("samples per second", s.samples_per_s, 0.0, 1e12);
  io.records("history", s.history, uint32_t(kMaxEpochs + 2), epoch_fields<Io>);
  io.records("batches", s.batches, kMaxBatchPoints, batch_fields<Io>);
  const uint32_t C = uint32_t(fit.classes);
  // the confusion matrix is empty before the first evaluation, else C × C counts of test digits
  io.values("confusion", s.confusion, C * C, false, 0, int(fit.test_count));
  if constexpr (Io::kReading)
    if (io.ok() && !s.confusion.empty()) {
      if (s.confusion.size() != size_t(C) * C) return io.fail("confusion", "wrong count");
      int64_t total = 0;
      for (int n : s.confusion) total += n;
      if (total != int64_t(fit.test_count)) return io.fail("confusion", "does not count every test digit once");
    }
  io.values("test predictions", s.test_predictions, uint32_t(fit.test_count), true, uint8_t(0), uint8_t(C - 1));
  io.values("test confidence", s.test_confidence, uint32_t(fit.test_count), true, 0.0f, 1.0f);
  const float big = std::numeric_limits<float>::max();
  io.values("params", s.params, uint32_t(fit.params), true, -big, big);
  io.text("refusal", s.refusal, kMaxRefusal);
}

std::string settings_text(const Settings& s, DataShape shape) {
  std::string link;
  append_settings_link(s, shape, &link);
  return link;
}

// The settings inside a message: their link form, read back through the settings table.
bool read_settings(Reader& r, DataShape shape, Settings* out) {
  std::string text;
  r.text("settings", text, kMaxSettingsText);
  if (!r.ok()) return false;
  std::string error;
  if (!settings_from_link(text, shape, out, &error)) {
    r.fail("settings", error);
    return false;
  }
  return true;
}

template <class Io>
void layer_fields(Io& io, LayerSpec& l) {
  io.number("layer inputs", l.inputs, 1, kMaxLayerSize);
  io.number("layer outputs", l.outputs, 1, kMaxLayerSize);
  io.choice("layer activation", l.activation, kActivationCount);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
std::string data_message(std::string_view name, const IdxDataset& data, int classes) {
  Writer w;
  char verb = char(Verb::data);
  w.number("verb", verb, verb, verb);
  std::string n(name);
  w.text("name", n, kMaxName);
  w.number("classes", classes, 1, kMaxClasses);
  split_fields(w, const_cast<IdxSplit&>(data.train));  // (the Writer only reads)
  split_fields(w, const_cast<IdxSplit&>(data.test));
  return w.take();
}

std::string settings_message(Verb verb, const Settings& s, DataShape shape) {
  Writer w;
  char v = char(verb);
  w.number("verb", v, v, v);
  std::string text = settings_text(s, shape);
  w.text("settings", text, kMaxSettingsText);
  return w.take();
}

std::string adopt_message(const Mlp& model, const Settings& s, DataShape shape) {
  Writer w;
  char v = char(Verb::adopt);
  w.number("verb", v, v, v);
  std::string text = settings_text(s, shape);
  w.text("settings", text, kMaxSettingsText);
  std::vector<LayerSpec> layers;
  for (int l = 0; l < model.layer_count(); ++l) layers.push_back(model.layer(l));
  w.records("layers", layers, kMaxHiddenLayers + 1, layer_fields<Writer>);
  std::vector<float> params(model.params().begin(), model.params().end());
  const float big = std::numeric_limits<float>::max();
  w.values("params", params, uint32_t(params.size()), true, -big, big);
  return w.take();
}

std::string plain_message(Verb verb) {
  Writer w;
  char v = char(verb);
  w.number("verb", v, v, v);
  return w.take();
}

std::string apply_message(Engine& engine, std::string_view bytes) {
  engine.note_command();
  Reader r(bytes);
  char verb = 0;
  r.number("verb", verb, char(0), char(127));
  std::string result;
  const DataShape shape = engine.shape();
  Settings s;
  switch (Verb(verb)) {
    case Verb::data: {
      std::string name;
      int classes = 0;
      auto data = std::make_shared<IdxDataset>();
      r.text("name", name, kMaxName);
      r.number("classes", classes, 1, kMaxClasses);
      split_fields(r, data->train);
      split_fields(r, data->test);
      if (!r.done()) break;
      if (data->train.images.rows != data->test.images.rows || data->train.images.cols != data->test.images.cols) {
        r.fail("test images", "a different size from the training images");
        break;
      }
      if (data->train.images.pixels_per_image() > kMaxLayerSize) {
        r.fail("images", "more pixels than a layer can take");
        break;
      }
      for (const IdxSplit* split : {&data->train, &data->test})
        for (uint8_t label : split->labels.labels)
          if (label >= classes) r.fail("labels", "a label not below the number of classes");
      if (!r.ok()) break;
      engine.set_data(std::move(data), classes);
      return "";
    }
    case Verb::rebuild:
    case Verb::live:
      if (!read_settings(r, shape, &s) || !r.done()) break;
      result = Verb(verb) == Verb::rebuild ? engine.rebuild(s) : engine.apply_live(s);
      if (!result.empty()) engine.refuse(result);
      return result;
    case Verb::adopt: {
      // The settings name the network; the layers and weights must be exactly that network's.
      if (!read_settings(r, shape, &s)) break;
      Mlp model;
      std::string error;
      if (!build_network(s, shape, &model, &error)) {
        r.fail("settings", "do not make a network");
        break;
      }
      std::vector<LayerSpec> layers;
      std::vector<float> params;
      r.records("layers", layers, kMaxHiddenLayers + 1, layer_fields<Reader>);
      const float big = std::numeric_limits<float>::max();
      r.values("params", params, uint32_t(model.parameter_count()), true, -big, big);
      if (!r.done()) break;
      bool same = int(layers.size()) == model.layer_count();
      for (int l = 0; same && l < model.layer_count(); ++l)
        same = layers[size_t(l)].inputs == model.layer(l).inputs && layers[size_t(l)].outputs == model.layer(l).outputs;
      if (!same || !model.build(layers, &error)) {
        r.fail("layers", "are not the network the settings name");
        break;
      }
      std::copy(params.begin(), params.end(), model.params().begin());
      result = engine.adopt(model, s);
      if (!result.empty()) engine.refuse(result);
      return result;
    }
    case Verb::start:
      if (!r.done()) break;
      result = engine.start();
      if (!result.empty()) engine.refuse(result);
      return result;
    case Verb::pause:
      if (!r.done()) break;
      engine.pause();
      return "";
    case Verb::step:
      if (!r.done()) break;
      result = engine.step();
      if (!result.empty()) engine.refuse(result);
      return result;
  }
  result = "malformed lab message";
  if (!r.error().empty()) result += " (" + r.error() + ")";
  else if (r.ok()) result += verb >= 32 && verb < 127 ? std::string(" '") + verb + "'" : std::string(" (unknown verb)");
  engine.refuse(result);
  return result;
}

std::string snapshot_message(const Snapshot& s) {
  Writer w;
  const SnapshotFit any{s.params.size(), s.test_predictions.size(), 0};
  snapshot_fields(w, const_cast<Snapshot&>(s), any);  // (the Writer only reads)
  return w.take();
}

bool read_snapshot(std::string_view bytes, const SnapshotFit& fit, Snapshot* out, std::string* error) {
  Reader r(bytes);
  Snapshot s;
  snapshot_fields(r, s, fit);
  if (!r.done()) {
    *error = "malformed snapshot from the training worker (" +
             (r.error().empty() ? std::string("extra bytes") : r.error()) + ")";
    return false;
  }
  *out = std::move(s);
  return true;
}

}  // namespace nnlab::lab
