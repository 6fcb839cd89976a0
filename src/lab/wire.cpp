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
constexpr uint32_t kMaxKey = 128;          // bytes of a message's key in the string tables
constexpr uint32_t kMaxValueName = 64;     // … of a value's placeholder name
constexpr uint32_t kMaxValueText = 4096;   // … of a value's text
constexpr uint32_t kMaxValues = 16;        // values in one message
constexpr int kMaxMessageDepth = 3;        // a message inside a value inside a message…
constexpr uint32_t kMaxBatchPoints = 4096;  // the engine keeps ≤ 1,000 (it thins them)
constexpr int kMaxClasses = 256;
constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr uint32_t kMaxMarks = 4096;        // timeline moments (≤ 64 MB of them)
constexpr uint32_t kMaxComparePoints = 4 * kComparePoints;
constexpr uint32_t kMaxRunCurve = 4096;     // epochs of one search run

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
    if (!r_.get(&x)) return fail(name, "lab.wire.missing");
    // (written as !(in range) so that NaN, which compares false, is refused too)
    if (!(x >= lo && x <= hi)) return fail(name, "lab.wire.out_of_range");
    v = x;
  }
  template <class E>
  void choice(const char* name, E& v, int count) {
    uint8_t x = 0;
    if (!r_.get(&x)) return fail(name, "lab.wire.missing");
    if (x >= count) return fail(name, "lab.wire.unknown_value");
    v = E(x);
  }
  void flag(const char* name, bool& v) {
    uint8_t x = 0;
    if (!r_.get(&x)) return fail(name, "lab.wire.missing");
    if (x > 1) return fail(name, "lab.wire.not_flag");
    v = x != 0;
  }
  void text(const char* name, std::string& s, uint32_t max) {
    std::string x;
    if (!r_.get_string(&x, max)) return fail(name, "lab.wire.too_long");
    if (!valid_utf8(x)) return fail(name, "lab.wire.not_utf8");
    s = std::move(x);
  }
  template <class T>
  void values(const char* name, std::vector<T>& v, uint32_t count, bool exact, T lo, T hi) {
    std::vector<T> x;
    if (!r_.get_vector(&x, count)) return fail(name, "lab.wire.too_long");
    if (exact && x.size() != count) return fail(name, "lab.wire.wrong_count");
    for (const T& e : x)
      if (!(e >= lo && e <= hi)) return fail(name, "lab.wire.value_out_of_range");
    v = std::move(x);
  }
  template <class R, class F>
  void records(const char* name, std::vector<R>& v, uint32_t max, F&& fields) {
    uint32_t n = 0;
    if (!r_.get(&n)) return fail(name, "lab.wire.missing");
    if (n > max) return fail(name, "lab.wire.too_many");
    std::vector<R> x(n);
    for (R& r : x) {
      fields(*this, r);
      if (!ok()) return;
    }
    v = std::move(x);
  }
  bool ok() const { return error_.empty() && r_.ok(); }
  bool done() const { return ok() && r_.done(); }
  // The first bad field: "{field}: {problem}" as a keyed message (empty while all is well).
  const Message& error() const { return error_; }
  void fail(const char* name, const char* problem_key) { fail(name, Message(problem_key)); }
  void fail(const char* name, Message problem) {
    if (error_.empty()) error_ = Message("lab.wire.field", {{"field", name}, {"problem", std::move(problem)}});
  }

 private:
  ByteReader r_;
  Message error_;
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
    if (pixels > kMaxFileBytes) return io.fail("pixels", Message("lab.wire.too_big", {{"limit", "1 GiB"}}));
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

// A keyed message (message.h): its key, which must be one the string tables have (or empty, for
// none), and its values, each a text or a message of its own (to kMaxMessageDepth).
template <class Io>
void message_fields(Io& io, Message& m, const char* name, int depth) {
  io.text(name, m.key, kMaxKey);
  if constexpr (Io::kReading)
    if (io.ok() && !m.key.empty() && !message_key_known(m.key)) return io.fail(name, "lab.wire.unknown_key");
  io.records(name, m.values, m.key.empty() ? 0 : kMaxValues, [&](Io& vio, MessageValue& v) {
    vio.text(name, v.name, kMaxValueName);
    vio.text(name, v.text, kMaxValueText);
    vio.records(name, v.inner, depth + 1 < kMaxMessageDepth ? 1 : 0,
                [&](Io& iio, Message& inner) { message_fields(iio, inner, name, depth + 1); });
  });
}

template <class Io>
void mark_fields(Io& io, TimelineMark& m) {
  io.number("timeline epoch", m.epoch, 0.0f, float(kMaxEpochs + 1));
  io.number("timeline step", m.step, int64_t(0), int64_t(1) << 53);
}

template <class Io>
void compare_fields(Io& io, CompareView& c) {
  io.choice("compare state", c.state, kCompareStateCount);
  io.number("compare budget", c.budget_s, 0.0f, 3600.0f);
  io.number("compare progress", c.progress, 0.0f, 1.0f);
  for (CompareCurve& curve : c.curves) {
    io.number("compare batch", curve.batch, 0, kIdxMaxCount);
    io.number("compare updates per epoch", curve.updates_per_epoch, 0, kIdxMaxCount);
    io.records("compare points", curve.points, kMaxComparePoints, [](Io& pio, ComparePoint& p) {
      pio.number("compare updates", p.updates, 0.0f, 1e12f);
      pio.number("compare seconds", p.seconds, 0.0f, 1e6f);
      pio.number("compare loss", p.loss, 0.0f, 1e3f);
    });
  }
}

// A search run: its settings in their link form (read back through the settings table), its
// status and scores.
template <class Io>
void run_fields(Io& io, SearchRun& r, DataShape shape) {
  std::string text;
  if constexpr (!Io::kReading) append_settings_link(r.settings, shape, &text);
  io.text("run settings", text, kMaxSettingsText);
  if constexpr (Io::kReading) {
    if (!io.ok()) return;
    Message error;
    if (!settings_from_link(text, shape, &r.settings, &error)) return io.fail("run settings", std::move(error));
  }
  io.choice("run status", r.status, kRunStatusCount);
  io.number("run epochs", r.epochs, 0, int(kMaxRunCurve));
  io.number("run train loss", r.train_loss, -1.0f, kInf);
  io.number("run validation loss", r.val_loss, -1.0f, kInf);
  io.number("run validation accuracy", r.val_accuracy, -1.0f, 1.0f);
  io.values("run curve", r.curve, kMaxRunCurve, false, 0.0f, 1.0f);
  io.values("run loss curve", r.loss_curve, kMaxRunCurve, false, 0.0f, kInf);
}

template <class Io>
void search_fields(Io& io, SearchView& v, DataShape shape) {
  io.choice("search state", v.state, kSearchStateCount);
  io.text("search spec", v.spec, kMaxSettingsText);
  if constexpr (Io::kReading) {
    SearchSpec spec;
    Message error;
    if (io.ok() && !v.spec.empty() && !search_spec_from_text(v.spec, &spec, &error))
      return io.fail("search spec", std::move(error));
  }
  io.number("search progress", v.progress, 0.0f, 1.0f);
  io.number("search eta", v.eta_s, -1.0, 1e9);
  io.number("search elapsed", v.elapsed_s, 0.0, 1e9);
  io.number("search train count", v.train_count, 0, kIdxMaxCount);
  io.number("search validation count", v.validation_count, 0, kIdxMaxCount);
  io.records("search runs", v.runs, uint32_t(kMaxSearchRuns), [&](Io& rio, SearchRun& r) { run_fields(rio, r, shape); });
  io.number("search best", v.best, -1, int(v.runs.size()) - 1);
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
      if (s.confusion.size() != size_t(C) * C) return io.fail("confusion", "lab.wire.wrong_count");
      int64_t total = 0;
      for (int n : s.confusion) total += n;
      if (total != int64_t(fit.test_count)) return io.fail("confusion", "lab.wire.confusion_total");
    }
  io.values("test predictions", s.test_predictions, uint32_t(fit.test_count), true, uint8_t(0), uint8_t(C - 1));
  io.values("test confidence", s.test_confidence, uint32_t(fit.test_count), true, 0.0f, 1.0f);
  const float big = std::numeric_limits<float>::max();
  io.values("params", s.params, uint32_t(fit.params), true, -big, big);
  io.values("running", s.running, uint32_t(fit.running), true, -big, big);
  message_fields(io, s.refusal, "refusal", 0);
  io.records("timeline", s.timeline.marks, kMaxMarks, mark_fields<Io>);
  io.number("timeline shown", s.timeline.shown, -1, int(s.timeline.marks.size()) - 1);
  io.number("timeline bytes", s.timeline.bytes, uint64_t(0), uint64_t(1) << 40);
  io.flag("timeline too big", s.timeline.too_big);
  compare_fields(io, s.compare);
  search_fields(io, s.search, DataShape{fit.inputs, fit.classes});
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
  Message error;
  if (!settings_from_link(text, shape, out, &error)) {
    r.fail("settings", std::move(error));
    return false;
  }
  return true;
}

template <class Io>
void layer_fields(Io& io, LayerSpec& l) {
  io.number("layer inputs", l.inputs, 1, kMaxLayerSize);
  io.number("layer outputs", l.outputs, 1, kMaxLayerSize);
  io.choice("layer activation", l.activation, kActivationCount);
  io.flag("layer batchnorm", l.batchnorm);
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
  std::vector<float> running(model.running().begin(), model.running().end());
  w.values("running", running, uint32_t(running.size()), true, -big, big);
  return w.take();
}

std::string compare_message(double budget_s) {
  Writer w;
  char v = char(Verb::compare);
  w.number("verb", v, v, v);
  w.number("budget", budget_s, 0.5, 60.0);
  return w.take();
}

std::string search_message(const SearchSpec& spec) {
  Writer w;
  char v = char(Verb::search);
  w.number("verb", v, v, v);
  std::string text = search_spec_text(spec);
  w.text("search spec", text, kMaxSettingsText);
  return w.take();
}

std::string index_message(Verb verb, int index) {
  Writer w;
  char v = char(verb);
  w.number("verb", v, v, v);
  w.number("index", index, -1, int(kMaxMarks));
  return w.take();
}

std::string plain_message(Verb verb) {
  Writer w;
  char v = char(verb);
  w.number("verb", v, v, v);
  return w.take();
}

Message apply_message_keyed(Engine& engine, std::string_view bytes) {
  engine.note_command();
  Reader r(bytes);
  char verb = 0;
  r.number("verb", verb, char(0), char(127));
  Message result;
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
        r.fail("test images", "lab.wire.test_size");
        break;
      }
      if (data->train.images.pixels_per_image() > kMaxLayerSize) {
        r.fail("images", "lab.wire.too_many_pixels");
        break;
      }
      for (const IdxSplit* split : {&data->train, &data->test})
        for (uint8_t label : split->labels.labels)
          if (label >= classes) r.fail("labels", "lab.wire.label_range");
      if (!r.ok()) break;
      engine.set_data(std::move(data), classes);
      return Message();
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
      Message error;
      if (!build_network(s, shape, &model, &error)) {
        r.fail("settings", "lab.wire.no_network");
        break;
      }
      std::vector<LayerSpec> layers;
      std::vector<float> params;
      r.records("layers", layers, kMaxHiddenLayers + 1, layer_fields<Reader>);
      const float big = std::numeric_limits<float>::max();
      r.values("params", params, uint32_t(model.parameter_count()), true, -big, big);
      std::vector<float> running;
      r.values("running", running, uint32_t(model.running().size()), true, 0.0f - big, big);
      if (!r.done()) break;
      bool same = int(layers.size()) == model.layer_count();
      for (int l = 0; same && l < model.layer_count(); ++l)
        same = layers[size_t(l)].inputs == model.layer(l).inputs && layers[size_t(l)].outputs == model.layer(l).outputs &&
               layers[size_t(l)].batchnorm == model.layer(l).batchnorm;
      if (!same || !model.build(layers, nullptr)) {
        r.fail("layers", "lab.wire.wrong_layers");
        break;
      }
      std::copy(params.begin(), params.end(), model.params().begin());
      std::copy(running.begin(), running.end(), model.running().begin());
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
      return Message();
    case Verb::step:
      if (!r.done()) break;
      result = engine.step();
      if (!result.empty()) engine.refuse(result);
      return result;
    case Verb::compare: {
      double budget = 0;
      r.number("budget", budget, 0.5, 60.0);
      if (!r.done()) break;
      result = engine.compare_updates(budget);
      if (!result.empty()) engine.refuse(result);
      return result;
    }
    case Verb::search: {
      std::string text;
      r.text("search spec", text, kMaxSettingsText);
      if (!r.ok()) break;
      SearchSpec spec;
      Message error;
      if (!search_spec_from_text(text, &spec, &error)) {
        r.fail("search spec", std::move(error));
        break;
      }
      if (!r.done()) break;
      result = engine.start_search(spec);
      if (!result.empty()) engine.refuse(result);
      return result;
    }
    case Verb::cancel:
      if (!r.done()) break;
      engine.cancel_search();
      return Message();
    case Verb::use:
    case Verb::view: {
      int index = 0;
      r.number("index", index, -1, int(kMaxMarks));
      if (!r.done()) break;
      result = Verb(verb) == Verb::use ? engine.use_search_run(index, nullptr) : engine.view_mark(index);
      if (!result.empty()) engine.refuse(result);
      return result;
    }
    case Verb::resume:
      if (!r.done()) break;
      result = engine.continue_from_view();
      if (!result.empty()) engine.refuse(result);
      return result;
  }
  if (!r.error().empty()) result = Message("lab.wire.malformed", {{"what", r.error()}});
  else if (!r.ok()) result = Message("lab.wire.malformed_plain");
  else if (verb >= 32 && verb < 127) result = Message("lab.wire.malformed_verb", {{"verb", std::string(1, verb)}});
  else result = Message("lab.wire.unknown_verb");
  engine.refuse(result);
  return result;
}

std::string apply_message(Engine& engine, std::string_view bytes) {
  return message_text(apply_message_keyed(engine, bytes));
}

std::string snapshot_message(const Snapshot& s, DataShape shape) {
  Writer w;
  const SnapshotFit any{s.params.size(), s.test_predictions.size(), shape.classes, s.running.size(), shape.inputs};
  snapshot_fields(w, const_cast<Snapshot&>(s), any);  // (the Writer only reads)
  return w.take();
}

bool read_snapshot(std::string_view bytes, const SnapshotFit& fit, Snapshot* out, Message* error) {
  Reader r(bytes);
  Snapshot s;
  snapshot_fields(r, s, fit);
  if (!r.done()) {
    *error = r.error().empty() ? Message("lab.wire.snapshot_extra") : Message("lab.wire.snapshot", {{"what", r.error()}});
    return false;
  }
  *out = std::move(s);
  return true;
}

bool read_snapshot(std::string_view bytes, const SnapshotFit& fit, Snapshot* out, std::string* error) {
  Message why;
  if (read_snapshot(bytes, fit, out, &why)) return true;
  *error = message_text(why);
  return false;
}

}  // namespace nnlab::lab
