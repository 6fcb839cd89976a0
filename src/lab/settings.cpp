// The MNIST lab's settings and their field table (see settings.h).
#include "lab/settings.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/shape_text.h"
#include "data/float_text.h"
#include "data/number_text.h"

namespace nnlab::lab {
namespace {

std::string quoted(std::string_view v) { return "'" + std::string(v) + "'"; }

// How state() and the stored settings write a field's text: as a JSON string or a number.
enum class JsonForm { text, number };

// One setting: its key, whether it changes a running network live, its text as in links, and
// how a text is checked and applied ("" or a readable error; the member is set only on success).
struct Field {
  const char* key;
  bool live;
  JsonForm json;
  std::string (*text)(const Settings&, DataShape);
  std::string (*apply)(Settings&, std::string_view, DataShape);
};

std::string real_in(std::string_view value, float* out, float lo, float hi, bool lo_open, const char* what) {
  float v;
  const bool ok = parse_float(value, &v) && (lo_open ? v > lo : v >= lo) && v <= hi;
  if (!ok)
    return std::string(what) + " must be a number in " + (lo_open ? "(" : "[") + float_to_text(lo) + ", " +
           float_to_text(hi) + "] (got " + quoted(value) + ")";
  *out = v;
  return "";
}

template <class Int>
std::string whole_in(std::string_view value, Int* out, long long lo, long long hi, const char* what) {
  long long v;
  if (!parse_integer(value, lo, hi, &v))
    return std::string(what) + " must be a whole number in " + std::to_string(lo) + ".." + std::to_string(hi) +
           " (got " + quoted(value) + ")";
  *out = Int(v);
  return "";
}

// The rows, in the order links and JSON list them.
const Field kFields[] = {
    {"arch", false, JsonForm::text, [](const Settings& s, DataShape d) { return arch_text(s.hidden, d); },
     [](Settings& s, std::string_view v, DataShape d) {
       std::string error;
       return parse_arch(v, d, &s.hidden, &error) ? std::string() : error;
     }},
    {"act", false, JsonForm::text,
     [](const Settings& s, DataShape) { return std::string(activation_name(s.activation)); },
     [](Settings& s, std::string_view v, DataShape) {
       Activation a;
       if (!parse_activation(v, &a) ||
           std::find(std::begin(kActivations), std::end(kActivations), a) == std::end(kActivations))
         return "act must be relu, leaky-relu, sigmoid or tanh (got " + quoted(v) + ")";
       s.activation = a;
       return std::string();
     }},
    {"loss", false, JsonForm::text, [](const Settings& s, DataShape) { return std::string(loss_name(s.loss)); },
     [](Settings& s, std::string_view v, DataShape) {
       Loss l;
       if (!parse_loss(v, &l) || std::find(std::begin(kLosses), std::end(kLosses), l) == std::end(kLosses))
         return "loss must be cross-entropy or mse (got " + quoted(v) + ")";
       s.loss = l;
       return std::string();
     }},
    {"opt", false, JsonForm::text,
     [](const Settings& s, DataShape) { return std::string(optimizer_name(s.optimizer)); },
     [](Settings& s, std::string_view v, DataShape) {
       return parse_optimizer(v, &s.optimizer) ? std::string()
                                               : "opt must be sgd, momentum or adam (got " + quoted(v) + ")";
     }},
    {"lr", true, JsonForm::number, [](const Settings& s, DataShape) { return float_to_text(s.lr); },
     [](Settings& s, std::string_view v, DataShape) { return real_in(v, &s.lr, 0, 10, true, "learning rate"); }},
    {"batch", true, JsonForm::number, [](const Settings& s, DataShape) { return std::to_string(s.batch); },
     [](Settings& s, std::string_view v, DataShape) { return whole_in(v, &s.batch, 1, kMaxBatch, "batch"); }},
    {"epochs", true, JsonForm::number, [](const Settings& s, DataShape) { return std::to_string(s.epochs); },
     [](Settings& s, std::string_view v, DataShape) { return whole_in(v, &s.epochs, 1, kMaxEpochs, "epochs"); }},
    {"l2", false, JsonForm::number, [](const Settings& s, DataShape) { return float_to_text(s.l2); },
     [](Settings& s, std::string_view v, DataShape) { return real_in(v, &s.l2, 0, 1, false, "L2"); }},
    {"dropout", false, JsonForm::number, [](const Settings& s, DataShape) { return float_to_text(s.dropout); },
     [](Settings& s, std::string_view v, DataShape) { return real_in(v, &s.dropout, 0, 0.9f, false, "dropout"); }},
    {"seed", false, JsonForm::number, [](const Settings& s, DataShape) { return std::to_string(s.seed); },
     [](Settings& s, std::string_view v, DataShape) { return whole_in(v, &s.seed, 0, 4294967295LL, "seed"); }},
    {"subset", false, JsonForm::text, [](const Settings& s, DataShape) { return subset_text(s.subset); },
     [](Settings& s, std::string_view v, DataShape) {
       if (v == "1k" || v == "1000") s.subset = 1000;
       else if (v == "5k" || v == "5000") s.subset = 5000;
       else if (v == "all" || v == "0") s.subset = 0;
       else return "subset must be 1k, 5k or all (got " + quoted(v) + ")";
       return std::string();
     }},
    {"norm", false, JsonForm::text,
     [](const Settings& s, DataShape) { return std::string(normalisation_text(s.normalisation)); },
     [](Settings& s, std::string_view v, DataShape) {
       if (v == "unit") s.normalisation = Normalisation::unit;
       else if (v == "standardise" || v == "standardize") s.normalisation = Normalisation::standardise;
       else return "norm must be unit or standardise (got " + quoted(v) + ")";
       return std::string();
     }},
    {"patience", false, JsonForm::number, [](const Settings& s, DataShape) { return std::to_string(s.patience); },
     [](Settings& s, std::string_view v, DataShape) { return whole_in(v, &s.patience, 0, 50, "patience"); }},
};

const Field* find_field(std::string_view key) {
  if (key == "optimizer") key = "opt";
  for (const Field& f : kFields)
    if (key == f.key) return &f;
  return nullptr;
}

std::string known_keys() {
  std::string keys;
  for (const Field& f : kFields) keys += (keys.empty() ? "" : ", ") + std::string(f.key);
  return keys;
}

}  // namespace

std::vector<int> layer_sizes(const std::vector<int>& hidden, DataShape shape) {
  std::vector<int> sizes{shape.inputs};
  sizes.insert(sizes.end(), hidden.begin(), hidden.end());
  sizes.push_back(shape.classes);
  return sizes;
}

std::string arch_text(const std::vector<int>& hidden, DataShape shape) {
  return shape_text(layer_sizes(hidden, shape));
}

bool parse_arch(std::string_view text, DataShape shape, std::vector<int>* hidden, std::string* error) {
  std::vector<int> sizes;
  std::string_view rest = text;
  while (!rest.empty()) {
    const size_t sep = rest.find_first_of("-,x ");
    const std::string_view part = rest.substr(0, sep);
    long long v;
    if (!parse_integer(part, 1, 1'000'000, &v)) {
      *error = "architecture " + quoted(text) + ": " + quoted(part) + " is not a layer size";
      return false;
    }
    sizes.push_back(int(v));
    rest = sep == std::string_view::npos ? std::string_view() : rest.substr(sep + 1);
  }
  // "16-16" names the hidden layers only; otherwise the ends must match the data.
  const bool full = sizes.size() >= 2 && sizes.front() == shape.inputs && sizes.back() == shape.classes;
  if (!full) {
    if (!sizes.empty() && sizes.front() == shape.inputs) {
      *error = "architecture " + quoted(text) + " must end with " + std::to_string(shape.classes) +
               " outputs (one per class)";
      return false;
    }
    if (sizes.size() >= 2 && sizes.back() == shape.classes) {
      *error = "architecture " + quoted(text) + " must start with " + std::to_string(shape.inputs) +
               " inputs (one per pixel)";
      return false;
    }
  }
  std::vector<int> h = full ? std::vector<int>(sizes.begin() + 1, sizes.end() - 1) : sizes;
  if (int(h.size()) > kMaxHiddenLayers) {
    *error = "architecture " + quoted(text) + " has " + std::to_string(h.size()) + " hidden layers (at most " +
             std::to_string(kMaxHiddenLayers) + ")";
    return false;
  }
  for (int size : h)
    if (size < 1 || size > kMaxHiddenSize) {
      *error = "architecture " + quoted(text) + ": hidden layers need 1.." + std::to_string(kMaxHiddenSize) +
               " neurons (got " + std::to_string(size) + ")";
      return false;
    }
  *hidden = std::move(h);
  return true;
}

bool build_network(const Settings& s, DataShape shape, Mlp* out, std::string* error) {
  std::vector<LayerSpec> layers;
  int in = shape.inputs;
  for (int h : s.hidden) {
    layers.push_back({in, h, s.activation});
    in = h;
  }
  layers.push_back({in, shape.classes, Activation::softmax});
  return out->build(layers, error);
}

std::string fit_refusal(const Mlp& model, DataShape shape) {
  if (model.input_size() != shape.inputs || model.output_size() != shape.classes)
    return "the model has " + std::to_string(model.input_size()) + " inputs and " +
           std::to_string(model.output_size()) + " outputs, but the data needs " + std::to_string(shape.inputs) +
           " and " + std::to_string(shape.classes);
  const Activation out = model.layer(model.layer_count() - 1).activation;
  if (out != Activation::softmax)
    return "the lab trains classifiers with a softmax output layer; this model's output is " +
           std::string(activation_name(out));
  return "";
}

std::string subset_text(int subset) {
  return subset == 1000 ? "1k" : subset == 5000 ? "5k" : subset <= 0 ? "all" : std::to_string(subset);
}

const char* normalisation_text(Normalisation n) { return n == Normalisation::unit ? "unit" : "standardise"; }

std::string apply_setting(Settings* s, std::string_view key, std::string_view value, DataShape shape, bool* live) {
  *live = false;
  const Field* field = find_field(key);
  if (!field) return "unknown MNIST lab setting " + quoted(key) + " (" + known_keys() + ")";
  Settings next = *s;
  const std::string error = field->apply(next, value, shape);
  if (!error.empty()) return error;
  *live = field->live;
  *s = std::move(next);
  return "";
}

void append_settings_link(const Settings& s, DataShape shape, std::string* link) {
  for (const Field& f : kFields) link->append("&").append(f.key).append("=").append(f.text(s, shape));
}

bool settings_from_link(std::string_view link, DataShape shape, Settings* s, std::string* error) {
  Settings t;
  bool seen[std::size(kFields)] = {};
  while (!link.empty()) {
    const size_t amp = link.find('&');
    const std::string_view pair = link.substr(0, amp);
    link = amp == std::string_view::npos ? std::string_view() : link.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    const std::string_view key = pair.substr(0, eq);
    const Field* field = eq == std::string_view::npos ? nullptr : find_field(key);
    if (!field) {
      *error = "unknown lab setting " + quoted(key);
      return false;
    }
    bool live;
    if (std::string e = apply_setting(&t, key, pair.substr(eq + 1), shape, &live); !e.empty()) {
      *error = e;
      return false;
    }
    seen[field - kFields] = true;
  }
  for (size_t i = 0; i < std::size(kFields); ++i)
    if (!seen[i]) {
      *error = "the lab setting " + quoted(kFields[i].key) + " is missing";
      return false;
    }
  *s = std::move(t);
  return true;
}

void settings_to_json(const Settings& s, DataShape shape, nlohmann::json* out) {
  *out = nlohmann::json::object();
  for (const Field& f : kFields) {
    const std::string text = f.text(s, shape);
    if (f.json == JsonForm::text) (*out)[f.key] = text;
    else if (text.find_first_of(".eE") == std::string::npos) (*out)[f.key] = std::stoll(text);
    else (*out)[f.key] = std::strtod(text.c_str(), nullptr);  // the float's shortest text, as a JSON number
  }
}

bool settings_from_text(std::string_view text, DataShape shape, Settings* s, std::string* error) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    *error = "the stored MNIST lab settings are not a JSON object";
    return false;
  }
  Settings t = *s;
  for (auto it = j.begin(); it != j.end(); ++it) {
    std::string value;
    if (it->is_string()) value = it->get<std::string>();
    else if (it->is_number_integer() || it->is_number_unsigned()) value = it->dump();
    else if (it->is_number_float()) value = it->dump();  // shortest double text: reads back as the same float
    else {
      *error = "the stored MNIST lab setting '" + it.key() + "' has the wrong type";
      return false;
    }
    bool live;
    const std::string e = apply_setting(&t, it.key(), value, shape, &live);
    if (!e.empty()) {
      *error = "the stored MNIST lab settings: " + e;
      return false;
    }
  }
  *s = std::move(t);
  return true;
}

}  // namespace nnlab::lab
