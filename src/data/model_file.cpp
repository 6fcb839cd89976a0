// Model files (nnlab-model v2; v1 read too). See model_file.h and docs/model-format.md.
//
// [SECTION] Parse-error detail (SAX pass)   [SECTION] Loading   [SECTION] Training object
// [SECTION] Writing                          [SECTION] Files
#include "data/model_file.h"

#include <sys/stat.h>

#include <climits>
#include <cstdio>
#include <cmath>
#include <nlohmann/json.hpp>
#include <vector>

#include "data/file_io.h"
#include "data/float_text.h"
#include "data/number_text.h"
#include "text/text.h"

namespace nnlab {
namespace {

// ordered_json keeps the file's key order, so unknown "training" keys round-trip as written.
using json = nlohmann::ordered_json;
using nlohmann::ordered_json;
using text::tr;

constexpr const char* kFormat = "nnlab-model";
constexpr const char* kBatchNormKeys[4] = {"gamma", "beta", "running_mean", "running_var"};

// ---------------------------------------------------------------------------------------------
// [SECTION] Parse-error detail: a second, SAX-only pass that runs only when the text does not
// parse, to recover nlohmann's message ("line 3, column 7: unexpected end of input …").
struct ErrorOnlySax {
  std::string message;
  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(json::number_integer_t) { return true; }
  bool number_unsigned(json::number_unsigned_t) { return true; }
  bool number_float(json::number_float_t, const json::string_t&) { return true; }
  bool string(json::string_t&) { return true; }
  bool binary(json::binary_t&) { return true; }
  bool start_object(std::size_t) { return true; }
  bool key(json::string_t&) { return true; }
  bool end_object() { return true; }
  bool start_array(std::size_t) { return true; }
  bool end_array() { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) {
    message = ex.what();
    const std::size_t bracket = message.find("] ");  // drop "[json.exception.parse_error.101] "
    if (message.rfind("[json.exception", 0) == 0 && bracket != std::string::npos) message.erase(0, bracket + 2);
    return false;
  }
};

// nlohmann's words after its "parse error at line L, column C: " (where we say it ourselves).
std::string json_syntax_error(std::string_view text) {
  ErrorOnlySax sax;
  json::sax_parse(text.begin(), text.end(), &sax);
  if (sax.message.empty()) return text::T("data.model.json");
  unsigned line = 0, column = 0;
  int used = 0;
  if (std::sscanf(sax.message.c_str(), "parse error at line %u, column %u: %n", &line, &column, &used) == 2 && used > 0)
    return tr("data.model.json_at", {{"line", std::to_string(line)},
                                     {"column", std::to_string(column)},
                                     {"detail", sax.message.substr(size_t(used))}});
  return tr("data.model.json_detail", {{"detail", sax.message}});
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Loading

// Collects the first error as "<name>: <where>: <what>" (where: the place in the file, as a JSON path).
struct Ctx {
  std::string_view name;
  std::string* error;
  bool fail(const std::string& where, const std::string& what) {
    if (error)
      *error = where.empty() ? tr("data.file_error", {{"name", std::string(name)}, {"what", what}})
                             : tr("data.model.error_at", {{"name", std::string(name)}, {"where", where}, {"what", what}});
    return false;
  }
};

// A JSON value's type as the learner reads it ("array", "number", …) in the current language.
std::string type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return text::T("data.json_type.null");
    case json::value_t::object: return text::T("data.json_type.object");
    case json::value_t::array: return text::T("data.json_type.array");
    case json::value_t::string: return text::T("data.json_type.string");
    case json::value_t::boolean: return text::T("data.json_type.boolean");
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return text::T("data.json_type.number");
    default: return v.type_name();
  }
}

bool read_size(Ctx& c, const json& layer, const char* key, const std::string& where, int* out) {
  const auto it = layer.find(key);
  if (it == layer.end()) return c.fail(where, tr("data.model.missing", {{"key", key}}));
  if (!it->is_number_integer())
    return c.fail(where, tr("data.model.not_integer", {{"key", key}, {"type", type_name(*it)}}));
  // Unsigned values beyond long long's range are clamped so the range check below reports them.
  const long long v = it->is_number_unsigned() && it->get<std::uint64_t>() > std::uint64_t(LLONG_MAX)
                          ? LLONG_MAX
                          : it->get<long long>();
  if (v < 1 || v > kMaxLayerSize)
    return c.fail(where, tr("data.model.size_range",
                            {{"key", key}, {"value", std::to_string(v)}, {"max", std::to_string(kMaxLayerSize)}}));
  *out = static_cast<int>(v);
  return true;
}

// One finite number that fits a float.
bool read_float(Ctx& c, const json& v, const std::string& where, float* out) {
  if (!v.is_number()) return c.fail(where, tr("data.model.not_number", {{"type", type_name(v)}}));
  float f;
  if (!double_to_float(v.get<double>(), &f)) return c.fail(where, text::T("data.model.not_finite_float"));
  *out = f;
  return true;
}

// A JSON array of exactly n entries (their types are checked by read_floats).
// `count_key`: the message naming what n counts ("data.model.count_inputs", "…_outputs").
bool check_array(Ctx& c, const json& v, const std::string& where, int n, const char* count_key) {
  if (!v.is_array()) return c.fail(where, tr("data.model.not_array", {{"type", type_name(v)}}));
  if (v.size() != static_cast<std::size_t>(n))
    return c.fail(where, tr(count_key, {{"count", std::to_string(v.size())}, {"want", std::to_string(n)}}));
  return true;
}

// The floats of an array already checked by check_array, into out[0..size).
bool read_floats(Ctx& c, const json& v, const std::string& where, float* out) {
  for (std::size_t k = 0; k < v.size(); ++k)
    if (!read_float(c, v[k], where + "[" + std::to_string(k) + "]", &out[k])) return false;
  return true;
}

bool read_training(Ctx& c, const json& t, TrainingInfo* out);

}  // namespace

bool model_from_json(std::string_view text, std::string_view name, Mlp* model, TrainingInfo* training,
                     std::string* error) {
  Ctx c{name, error};
  if (text.empty()) return c.fail("", tr("data.model.empty", {{"format", kFormat}}));
  if (text.size() > kMaxModelFileBytes)
    return c.fail("", tr("reliability.model.too_big", {{"mb", std::to_string(text.size() >> 20)}, {"max", "64"}}));
  const json root = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return c.fail("", json_syntax_error(text));
  if (!root.is_object()) return c.fail("", tr("data.model.top", {{"type", type_name(root)}}));

  const auto fmt = root.find("format");
  if (fmt == root.end()) return c.fail("", tr("data.model.format_missing", {{"key", "format"}, {"format", kFormat}}));
  if (!fmt->is_string() || fmt->get<std::string>() != kFormat)
    return c.fail("", tr("data.model.format_wrong", {{"key", "format"},
                                                     {"value", fmt->dump(-1, ' ', false, json::error_handler_t::replace)},
                                                     {"format", kFormat}}));
  const auto ver = root.find("version");
  if (ver == root.end()) return c.fail("", tr("data.model.missing", {{"key", "version"}}));
  if (!ver->is_number_integer() || ver->get<long long>() < kModelFormatOldestVersion ||
      ver->get<long long>() > kModelFormatVersion)
    return c.fail("", tr("data.model.version", {{"key", "version"},
                                                {"value", ver->dump(-1, ' ', false, json::error_handler_t::replace)},
                                                {"version", std::to_string(kModelFormatOldestVersion) + "–" +
                                                                std::to_string(kModelFormatVersion)}}));
  const long long version = ver->get<long long>();

  const auto layers = root.find("layers");
  if (layers == root.end()) return c.fail("", tr("data.model.missing", {{"key", "layers"}}));
  if (!layers->is_array()) return c.fail("layers", tr("data.model.not_array", {{"type", type_name(*layers)}}));
  if (layers->empty()) return c.fail("layers", text::T("data.model.no_layers"));
  if (layers->size() > static_cast<std::size_t>(kMaxModelLayers))
    return c.fail("layers", tr("data.model.too_many_layers", {{"count", std::to_string(layers->size())},
                                                              {"max", std::to_string(kMaxModelLayers)}}));

  // Pass 1: shapes and activations, so the model can be built before the values are read.
  std::vector<LayerSpec> specs;
  for (std::size_t l = 0; l < layers->size(); ++l) {
    const json& layer = (*layers)[l];
    const std::string where = "layers[" + std::to_string(l) + "]";
    if (!layer.is_object()) return c.fail(where, tr("data.model.not_object", {{"type", type_name(layer)}}));
    LayerSpec s{0, 0, Activation::identity};
    if (!read_size(c, layer, "inputs", where, &s.inputs) || !read_size(c, layer, "outputs", where, &s.outputs))
      return false;
    const auto act = layer.find("activation");
    if (act == layer.end()) return c.fail(where, tr("data.model.missing", {{"key", "activation"}}));
    if (!act->is_string())
      return c.fail(where, tr("data.model.not_string", {{"key", "activation"}, {"type", type_name(*act)}}));
    if (!parse_activation(act->get<std::string>(), &s.activation))
      return c.fail(where, tr("data.model.activation_unknown",
                              {{"name", act->get<std::string>()},
                               {"known", "identity, relu, leaky-relu, sigmoid, tanh, softmax, step"}}));
    if (l > 0 && s.inputs != specs.back().outputs)
      return c.fail(where, tr("data.model.chain", {{"key", "inputs"},
                                                   {"inputs", std::to_string(s.inputs)},
                                                   {"outputs", std::to_string(specs.back().outputs)}}));
    // Shapes of weights[o][i] and bias[o] are checked before anything is allocated, so a file
    // announcing huge layers without the numbers to fill them costs nothing.
    const auto w = layer.find("weights");
    if (w == layer.end()) return c.fail(where, tr("data.model.missing", {{"key", "weights"}}));
    if (!w->is_array()) return c.fail(where + ".weights", tr("data.model.not_array", {{"type", type_name(*w)}}));
    if (w->size() != static_cast<std::size_t>(s.outputs))
      return c.fail(where + ".weights",
                    tr("data.model.rows", {{"count", std::to_string(w->size())}, {"want", std::to_string(s.outputs)}}));
    for (int o = 0; o < s.outputs; ++o)
      if (!check_array(c, (*w)[static_cast<std::size_t>(o)], where + ".weights[" + std::to_string(o) + "]", s.inputs,
                       "data.model.count_inputs"))
        return false;
    const auto b = layer.find("bias");
    if (b == layer.end()) return c.fail(where, tr("data.model.missing", {{"key", "bias"}}));
    if (!check_array(c, *b, where + ".bias", s.outputs, "data.model.count_outputs")) return false;
    // Batch norm (version 2): γ, β and the running averages, one number per neuron each.
    const auto bn = layer.find("batchnorm");
    if (version >= 2 && bn != layer.end()) {
      if (!bn->is_object()) return c.fail(where + ".batchnorm", tr("data.model.not_object", {{"type", type_name(*bn)}}));
      for (const char* key : kBatchNormKeys) {
        const auto v = bn->find(key);
        if (v == bn->end()) return c.fail(where + ".batchnorm", tr("data.model.missing", {{"key", key}}));
        if (!check_array(c, *v, where + ".batchnorm." + key, s.outputs, "data.model.count_outputs")) return false;
      }
      s.batchnorm = true;
    }
    specs.push_back(s);
  }
  Mlp built;
  std::string build_error;
  if (!built.build(specs, &build_error)) return c.fail("layers", build_error);

  // Pass 2: the values of weights[o][i] and bias[o], into the model's own buffers.
  for (std::size_t l = 0; l < layers->size(); ++l) {
    const json& layer = (*layers)[l];
    const LayerSpec& s = specs[l];
    const std::string where = "layers[" + std::to_string(l) + "]";
    const json& w = *layer.find("weights");                   // both checked in pass 1
    std::span<float> W = built.weights(static_cast<int>(l));  // (O, I)
    for (int o = 0; o < s.outputs; ++o)
      if (!read_floats(c, w[static_cast<std::size_t>(o)], where + ".weights[" + std::to_string(o) + "]",
                       W.data() + static_cast<std::size_t>(o) * s.inputs))
        return false;
    if (!read_floats(c, *layer.find("bias"), where + ".bias", built.bias(static_cast<int>(l)).data())) return false;
    if (s.batchnorm) {
      const json& bn = *layer.find("batchnorm");
      const int li = static_cast<int>(l);
      float* into[4] = {built.gamma(li).data(), built.beta(li).data(), built.running_mean(li).data(),
                        built.running_var(li).data()};
      for (int k = 0; k < 4; ++k)
        if (!read_floats(c, *bn.find(kBatchNormKeys[k]), where + ".batchnorm." + kBatchNormKeys[k], into[k]))
          return false;
      for (int o = 0; o < s.outputs; ++o)
        if (built.running_var(li)[o] < 0.0f)
          return c.fail(where + ".batchnorm.running_var[" + std::to_string(o) + "]",
                        tr("data.model.nonneg", {{"key", "running_var"}}));
    }
  }

  TrainingInfo info;
  const auto t = root.find("training");
  if (t != root.end() && !read_training(c, *t, &info)) return false;

  *model = std::move(built);
  if (training) *training = std::move(info);
  return true;
}

namespace {

// ---------------------------------------------------------------------------------------------
// [SECTION] Training object

bool read_nonneg(Ctx& c, const json& v, const std::string& key, std::optional<double>* out) {
  if (!v.is_number()) return c.fail("training", tr("data.model.key_not_number", {{"key", key}, {"type", type_name(v)}}));
  const double d = v.get<double>();
  if (!std::isfinite(d) || d < 0) return c.fail("training", tr("data.model.nonneg", {{"key", key}}));
  *out = d;
  return true;
}

bool read_finite(Ctx& c, const json& v, const std::string& key, std::optional<double>* out) {
  if (!v.is_number()) return c.fail("training", tr("data.model.key_not_number", {{"key", key}, {"type", type_name(v)}}));
  const double d = v.get<double>();
  if (!std::isfinite(d)) return c.fail("training", tr("data.model.finite", {{"key", key}}));
  *out = d;
  return true;
}

bool read_count(Ctx& c, const json& v, const std::string& key, std::optional<int>* out) {
  if (!v.is_number_integer() || (!v.is_number_unsigned() && v.get<long long>() < 0) ||
      v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT_MAX))
    return c.fail("training", tr("data.model.count", {{"key", key}}));
  *out = static_cast<int>(v.get<long long>());
  return true;
}

bool read_text(Ctx& c, const json& v, const std::string& key, std::string* out) {
  if (!v.is_string()) return c.fail("training", tr("data.model.not_string", {{"key", key}, {"type", type_name(v)}}));
  *out = v.get<std::string>();
  return true;
}

bool read_training(Ctx& c, const json& t, TrainingInfo* out) {
  if (!t.is_object()) return c.fail("training", tr("data.model.not_object", {{"type", type_name(t)}}));
  TrainingInfo info;
  info.present = true;
  ordered_json extra = ordered_json::object();
  for (auto it = t.begin(); it != t.end(); ++it) {
    const std::string& k = it.key();
    const json& v = it.value();
    bool ok = true;
    if (k == "loss") {
      Loss loss;
      ok = read_text(c, v, k, &info.loss);
      if (ok && !parse_loss(info.loss, &loss))
        return c.fail("training", tr("data.model.loss_unknown",
                                     {{"name", info.loss}, {"known", "half-sse, mse, bce, cross-entropy"}}));
      if (ok) info.loss = std::string(loss_name(loss));
    } else if (k == "optimizer") ok = read_text(c, v, k, &info.optimizer);
    else if (k == "data") ok = read_text(c, v, k, &info.data);
    else if (k == "lr") ok = read_nonneg(c, v, k, &info.lr);
    else if (k == "momentum") ok = read_nonneg(c, v, k, &info.momentum);
    else if (k == "l2") ok = read_nonneg(c, v, k, &info.l2);
    else if (k == "dropout") ok = read_nonneg(c, v, k, &info.dropout);
    else if (k == "batch") ok = read_count(c, v, k, &info.batch);
    else if (k == "epochs") ok = read_count(c, v, k, &info.epochs);
    else if (k == "seed") {
      if (!v.is_number_integer() || (!v.is_number_unsigned() && v.get<long long>() < 0))
        return c.fail("training", tr("data.model.count", {{"key", "seed"}}));
      info.seed = v.get<std::uint64_t>();
    } else if (k == "train_loss") ok = read_finite(c, v, k, &info.train_loss);
    else if (k == "train_accuracy") ok = read_finite(c, v, k, &info.train_accuracy);
    else if (k == "test_loss") ok = read_finite(c, v, k, &info.test_loss);
    else if (k == "test_accuracy") ok = read_finite(c, v, k, &info.test_accuracy);
    else extra[k] = v;
    if (!ok) return false;
  }
  if (!extra.empty()) info.extra = extra.dump(-1, ' ', false, json::error_handler_t::replace);
  *out = std::move(info);
  return true;
}

ordered_json training_to_json(const TrainingInfo& t) {
  ordered_json j = ordered_json::object();
  if (!t.loss.empty()) j["loss"] = t.loss;
  if (!t.optimizer.empty()) j["optimizer"] = t.optimizer;
  if (t.lr) j["lr"] = *t.lr;
  if (t.momentum) j["momentum"] = *t.momentum;
  if (t.batch) j["batch"] = *t.batch;
  if (t.epochs) j["epochs"] = *t.epochs;
  if (t.l2) j["l2"] = *t.l2;
  if (t.dropout) j["dropout"] = *t.dropout;
  if (t.seed) j["seed"] = *t.seed;
  if (!t.data.empty()) j["data"] = t.data;
  if (t.train_loss) j["train_loss"] = *t.train_loss;
  if (t.train_accuracy) j["train_accuracy"] = *t.train_accuracy;
  if (t.test_loss) j["test_loss"] = *t.test_loss;
  if (t.test_accuracy) j["test_accuracy"] = *t.test_accuracy;
  if (!t.extra.empty()) {
    const ordered_json extra = ordered_json::parse(t.extra, nullptr, false);
    if (extra.is_object())
      for (auto it = extra.begin(); it != extra.end(); ++it)
        if (!j.contains(it.key())) j[it.key()] = it.value();
  }
  return j;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Writing: by hand, so each weight row sits on its own line and every float is short.

void append_floats(std::string& s, std::span<const float> v) {
  char buf[32];
  s += '[';
  for (std::size_t k = 0; k < v.size(); ++k) {
    if (k) s += ", ";
    s.append(buf, static_cast<std::size_t>(format_float(v[k], buf)));
  }
  s += ']';
}

}  // namespace

bool model_to_json(const Mlp& model, const TrainingInfo* training, std::string* out, std::string* error,
                   std::string_view name) {
  for (std::span<const float> all : {model.params(), model.running()})
    for (float v : all) {
      if (!std::isfinite(v)) {
        if (error) *error = tr("data.file_error", {{"name", std::string(name)}, {"what", text::T("data.model.nan_save")}});
        return false;
      }
    }
  std::string s = "{\n  \"format\": \"nnlab-model\",\n  \"version\": " + std::to_string(kModelFormatVersion) +
                  ",\n  \"layers\": [\n";
  for (int l = 0; l < model.layer_count(); ++l) {
    const LayerSpec& spec = model.layer(l);
    s += "    {\"inputs\": " + std::to_string(spec.inputs) + ", \"outputs\": " + std::to_string(spec.outputs) +
         ", \"activation\": \"" + std::string(activation_name(spec.activation)) + "\",\n     \"weights\": [";
    std::span<const float> W = model.weights(l);  // (O, I)
    for (int o = 0; o < spec.outputs; ++o) {
      s += o ? ",\n       " : "\n       ";
      append_floats(s, W.subspan(static_cast<std::size_t>(o) * spec.inputs, static_cast<std::size_t>(spec.inputs)));
    }
    s += "],\n     \"bias\": ";
    append_floats(s, model.bias(l));
    if (spec.batchnorm) {
      const std::span<const float> parts[4] = {model.gamma(l), model.beta(l), model.running_mean(l),
                                               model.running_var(l)};
      s += ",\n     \"batchnorm\": {";
      for (int k = 0; k < 4; ++k) {
        s += std::string(k ? ",\n       \"" : "\n       \"") + kBatchNormKeys[k] + "\": ";
        append_floats(s, parts[k]);
      }
      s += "}";
    }
    s += l + 1 < model.layer_count() ? "},\n" : "}\n";
  }
  s += "  ]";
  if (training && training->present)
    s += ",\n  \"training\": " + training_to_json(*training).dump(-1, ' ', false, json::error_handler_t::replace);
  s += "\n}\n";
  *out = std::move(s);
  return true;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Files

bool save_model(const std::string& path, const Mlp& model, const TrainingInfo* training, std::string* error) {
  std::string text;
  if (!model_to_json(model, training, &text, error, path)) return false;
  return write_file_atomic(path, text, error);
}

bool load_model(const std::string& path, Mlp* model, TrainingInfo* training, std::string* error) {
  struct stat st {};
  if (stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && std::size_t(st.st_size) > kMaxModelFileBytes) {
    Ctx c{path, error};
    return c.fail("", tr("reliability.model.too_big", {{"mb", std::to_string(std::size_t(st.st_size) >> 20)}, {"max", "64"}}));
  }
  std::string text;
  if (!read_text_file(path, &text, error)) return false;
  return model_from_json(text, path, model, training, error);
}

}  // namespace nnlab
