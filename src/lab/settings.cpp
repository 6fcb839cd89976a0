// The MNIST lab's settings and their field table (see settings.h).
#include "lab/settings.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/shape_text.h"
#include "data/float_text.h"
#include "data/number_text.h"

namespace nnlab::lab {
namespace {

// How state() and the stored settings write a field's text: as a JSON string or a number.
enum class JsonForm { text, number };

// One setting: its key, whether it changes a running network live, its text as in links, and
// how a text is checked and applied (an empty message or why not; the member is set only on success).
struct Field {
  const char* key;
  bool live;
  JsonForm json;
  std::string (*text)(const Settings&, DataShape);
  Message (*apply)(Settings&, std::string_view, DataShape);
};

// "learning rate must be a number in (0, 10] (got '…')": one key per setting (`what`).
Message real_in(std::string_view value, float* out, float lo, float hi, bool lo_open, const char* what) {
  float v;
  const bool ok = parse_float(value, &v) && (lo_open ? v > lo : v >= lo) && v <= hi;
  if (!ok) return Message(what, {{"lo", float_to_text(lo)}, {"hi", float_to_text(hi)}, {"value", std::string(value)}});
  *out = v;
  return Message();
}

template <class Int>
Message whole_in(std::string_view value, Int* out, long long lo, long long hi, const char* what) {
  long long v;
  if (!parse_integer(value, lo, hi, &v))
    return Message(what, {{"lo", std::to_string(lo)}, {"hi", std::to_string(hi)}, {"value", std::string(value)}});
  *out = Int(v);
  return Message();
}

// "{key} must be {a}, {b} or {c} (got '…')": the choices are code names, the same in every language.
Message one_of(const char* key, std::initializer_list<const char*> choices, std::string_view value) {
  static const char* const kKeys[] = {"", "", "lab.bad.two", "lab.bad.three", "lab.bad.four"};
  Message m(kKeys[choices.size()], {{"key", key}, {"value", std::string(value)}});
  const char* names[] = {"a", "b", "c", "d"};
  int i = 0;
  for (const char* c : choices) m.values.push_back({names[i++], c});
  return m;
}

// The rows, in the order links and JSON list them.
const Field kFields[] = {
    {"arch", false, JsonForm::text, [](const Settings& s, DataShape d) { return arch_text(s.hidden, d); },
     [](Settings& s, std::string_view v, DataShape d) {
       Message error;
       return parse_arch(v, d, &s.hidden, &error) ? Message() : error;
     }},
    {"act", false, JsonForm::text,
     [](const Settings& s, DataShape) { return std::string(activation_name(s.activation)); },
     [](Settings& s, std::string_view v, DataShape) {
       Activation a;
       if (!parse_activation(v, &a) ||
           std::find(std::begin(kActivations), std::end(kActivations), a) == std::end(kActivations))
         return one_of("act", {"relu", "leaky-relu", "sigmoid", "tanh"}, v);
       s.activation = a;
       return Message();
     }},
    {"loss", false, JsonForm::text, [](const Settings& s, DataShape) { return std::string(loss_name(s.loss)); },
     [](Settings& s, std::string_view v, DataShape) {
       Loss l;
       if (!parse_loss(v, &l) || std::find(std::begin(kLosses), std::end(kLosses), l) == std::end(kLosses))
         return one_of("loss", {"cross-entropy", "mse"}, v);
       s.loss = l;
       return Message();
     }},
    {"opt", false, JsonForm::text,
     [](const Settings& s, DataShape) { return std::string(optimizer_name(s.optimizer)); },
     [](Settings& s, std::string_view v, DataShape) {
       return parse_optimizer(v, &s.optimizer) ? Message() : one_of("opt", {"sgd", "momentum", "adam"}, v);
     }},
    {"lr", true, JsonForm::number, [](const Settings& s, DataShape) { return float_to_text(s.lr); },
     [](Settings& s, std::string_view v, DataShape) { return real_in(v, &s.lr, 0, 10, true, "lab.bad.lr"); }},
    {"batch", true, JsonForm::number, [](const Settings& s, DataShape) { return std::to_string(s.batch); },
     [](Settings& s, std::string_view v, DataShape) { return whole_in(v, &s.batch, 1, kMaxBatch, "lab.bad.batch"); }},
    {"epochs", true, JsonForm::number, [](const Settings& s, DataShape) { return std::to_string(s.epochs); },
     [](Settings& s, std::string_view v, DataShape) {
       return whole_in(v, &s.epochs, 1, kMaxEpochs, "lab.bad.epochs");
     }},
    {"l2", false, JsonForm::number, [](const Settings& s, DataShape) { return float_to_text(s.l2); },
     [](Settings& s, std::string_view v, DataShape) { return real_in(v, &s.l2, 0, 1, false, "lab.bad.l2"); }},
    {"dropout", false, JsonForm::number, [](const Settings& s, DataShape) { return float_to_text(s.dropout); },
     [](Settings& s, std::string_view v, DataShape) {
       return real_in(v, &s.dropout, 0, 0.9f, false, "lab.bad.dropout");
     }},
    {"seed", false, JsonForm::number, [](const Settings& s, DataShape) { return std::to_string(s.seed); },
     [](Settings& s, std::string_view v, DataShape) { return whole_in(v, &s.seed, 0, 4294967295LL, "lab.bad.seed"); }},
    {"subset", false, JsonForm::text, [](const Settings& s, DataShape) { return subset_text(s.subset); },
     [](Settings& s, std::string_view v, DataShape) {
       if (v == "1k" || v == "1000") s.subset = 1000;
       else if (v == "5k" || v == "5000") s.subset = 5000;
       else if (v == "all" || v == "0") s.subset = 0;
       else return one_of("subset", {"1k", "5k", "all"}, v);
       return Message();
     }},
    {"norm", false, JsonForm::text,
     [](const Settings& s, DataShape) { return std::string(normalisation_text(s.normalisation)); },
     [](Settings& s, std::string_view v, DataShape) {
       if (v == "unit") s.normalisation = Normalisation::unit;
       else if (v == "standardise" || v == "standardize") s.normalisation = Normalisation::standardise;
       else return one_of("norm", {"unit", "standardise"}, v);
       return Message();
     }},
    {"patience", false, JsonForm::number, [](const Settings& s, DataShape) { return std::to_string(s.patience); },
     [](Settings& s, std::string_view v, DataShape) { return whole_in(v, &s.patience, 0, 50, "lab.bad.patience"); }},
    {"update", true, JsonForm::text, [](const Settings& s, DataShape) { return std::string(update_mode_name(s.update)); },
     [](Settings& s, std::string_view v, DataShape) {
       for (int u = 0; u < kUpdateModeCount; ++u)
         if (v == update_mode_name(UpdateMode(u))) {
           s.update = UpdateMode(u);
           return Message();
         }
       return one_of("update", {"online", "minibatch", "full"}, v);
     }},
    {"batchnorm", false, JsonForm::text, [](const Settings& s, DataShape) { return std::string(s.batchnorm ? "on" : "off"); },
     [](Settings& s, std::string_view v, DataShape) {
       if (v == "on" || v == "1" || v == "true") s.batchnorm = true;
       else if (v == "off" || v == "0" || v == "false") s.batchnorm = false;
       else return one_of("batchnorm", {"on", "off"}, v);
       return Message();
     }},
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

bool parse_arch(std::string_view text, DataShape shape, std::vector<int>* hidden, Message* error) {
  const std::string arch(text);
  std::vector<int> sizes;
  std::string_view rest = text;
  while (!rest.empty()) {
    const size_t sep = rest.find_first_of("-,x ");
    const std::string_view part = rest.substr(0, sep);
    long long v;
    if (!parse_integer(part, 1, 1'000'000, &v)) {
      *error = Message("lab.bad.arch_size", {{"arch", arch}, {"part", std::string(part)}});
      return false;
    }
    sizes.push_back(int(v));
    rest = sep == std::string_view::npos ? std::string_view() : rest.substr(sep + 1);
  }
  // "16-16" names the hidden layers only; otherwise the ends must match the data.
  const bool full = sizes.size() >= 2 && sizes.front() == shape.inputs && sizes.back() == shape.classes;
  if (!full) {
    if (!sizes.empty() && sizes.front() == shape.inputs) {
      *error = Message("lab.bad.arch_end", {{"arch", arch}, {"classes", std::to_string(shape.classes)}});
      return false;
    }
    if (sizes.size() >= 2 && sizes.back() == shape.classes) {
      *error = Message("lab.bad.arch_start", {{"arch", arch}, {"inputs", std::to_string(shape.inputs)}});
      return false;
    }
  }
  std::vector<int> h = full ? std::vector<int>(sizes.begin() + 1, sizes.end() - 1) : sizes;
  if (int(h.size()) > kMaxHiddenLayers) {
    *error = Message("lab.bad.arch_depth", {{"arch", arch},
                                            {"layers", std::to_string(h.size())},
                                            {"max", std::to_string(kMaxHiddenLayers)}});
    return false;
  }
  for (int size : h)
    if (size < 1 || size > kMaxHiddenSize) {
      *error = Message("lab.bad.arch_width",
                       {{"arch", arch}, {"max", std::to_string(kMaxHiddenSize)}, {"size", std::to_string(size)}});
      return false;
    }
  *hidden = std::move(h);
  return true;
}

bool build_network(const Settings& s, DataShape shape, Mlp* out, Message* error) {
  std::vector<LayerSpec> layers;
  int in = shape.inputs;
  for (int h : s.hidden) {
    layers.push_back({in, h, s.activation, s.batchnorm});
    in = h;
  }
  layers.push_back({in, shape.classes, Activation::softmax});
  std::string why;  // (the core's own words: the settings' checks leave nothing for it to refuse)
  if (out->build(layers, &why)) return true;
  *error = Message("lab.error.network", {{"detail", why}});
  return false;
}

Message fit_refusal(const Mlp& model, DataShape shape) {
  if (model.input_size() != shape.inputs || model.output_size() != shape.classes)
    return Message("lab.fit.shape", {{"inputs", std::to_string(model.input_size())},
                                     {"outputs", std::to_string(model.output_size())},
                                     {"want_inputs", std::to_string(shape.inputs)},
                                     {"want_outputs", std::to_string(shape.classes)}});
  const Activation out = model.layer(model.layer_count() - 1).activation;
  if (out != Activation::softmax) return Message("lab.fit.softmax", {{"activation", std::string(activation_name(out))}});
  return Message();
}

std::string subset_text(int subset) {
  return subset == 1000 ? "1k" : subset == 5000 ? "5k" : subset <= 0 ? "all" : std::to_string(subset);
}

const char* normalisation_text(Normalisation n) { return n == Normalisation::unit ? "unit" : "standardise"; }

namespace {

// One field, without looking at the others (links and stored settings check the combination once
// every key is read).
Message apply_field(Settings* s, std::string_view key, std::string_view value, DataShape shape, bool* live) {
  *live = false;
  const Field* field = find_field(key);
  if (!field) return Message("lab.bad.unknown_key", {{"key", std::string(key)}, {"keys", known_keys()}});
  Settings next = *s;
  Message error = field->apply(next, value, shape);
  if (!error.empty()) return error;
  *live = field->live;
  *s = std::move(next);
  return Message();
}

}  // namespace

const char* update_mode_name(UpdateMode u) {
  return u == UpdateMode::online ? "online" : u == UpdateMode::full ? "full" : "minibatch";
}

int effective_batch(const Settings& s, int train_count) {
  const int n = std::max(1, train_count);
  if (s.update == UpdateMode::online) return 1;
  if (s.update == UpdateMode::full) return n;
  return std::min(s.batch, n);
}

int updates_per_epoch(const Settings& s, int train_count) {
  const int b = effective_batch(s, train_count);
  return (std::max(1, train_count) + b - 1) / b;
}

TrainConfig lab_train_config(const Settings& s, int train_count) {
  TrainConfig c;
  c.loss = s.loss;
  c.optimizer.kind = s.optimizer;
  c.optimizer.lr = s.lr;
  c.optimizer.l2 = s.l2;
  c.batch = effective_batch(s, train_count);
  c.epochs = s.epochs;
  c.dropout = s.dropout;
  c.patience = s.patience;
  c.validation_fraction = s.patience > 0 ? 0.1f : 0.0f;
  c.seed = s.seed;
  return c;
}

Message combination_refusal(const Settings& s) {
  if (s.batchnorm && (s.update == UpdateMode::online || (s.update == UpdateMode::minibatch && s.batch < 2)))
    return Message("lab.bad.batchnorm_batch");
  return Message();
}

Message check_setting(Settings* s, std::string_view key, std::string_view value, DataShape shape, bool* live) {
  Settings next = *s;
  if (Message e = apply_field(&next, key, value, shape, live); !e.empty()) return e;
  if (Message e = combination_refusal(next); !e.empty()) return e;
  *s = std::move(next);
  return Message();
}

std::string apply_setting(Settings* s, std::string_view key, std::string_view value, DataShape shape, bool* live) {
  return message_text(check_setting(s, key, value, shape, live));
}

void append_settings_link(const Settings& s, DataShape shape, std::string* link) {
  for (const Field& f : kFields) link->append("&").append(f.key).append("=").append(f.text(s, shape));
}

bool settings_from_link(std::string_view link, DataShape shape, Settings* s, Message* error) {
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
      *error = Message("lab.bad.link_key", {{"key", std::string(key)}});
      return false;
    }
    bool live;
    if (Message e = apply_field(&t, key, pair.substr(eq + 1), shape, &live); !e.empty()) {
      *error = std::move(e);
      return false;
    }
    seen[field - kFields] = true;
  }
  if (Message e = combination_refusal(t); !e.empty()) {
    *error = std::move(e);
    return false;
  }
  for (size_t i = 0; i < std::size(kFields); ++i)
    if (!seen[i]) {
      *error = Message("lab.bad.link_missing", {{"key", kFields[i].key}});
      return false;
    }
  *s = std::move(t);
  return true;
}

bool settings_from_link(std::string_view link, DataShape shape, Settings* s, std::string* error) {
  Message why;
  if (settings_from_link(link, shape, s, &why)) return true;
  *error = message_text(why);
  return false;
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

namespace {

// A stored architecture is the whole network (settings_to_json writes every layer) of the data it
// was chosen for, "400-16-16-10" for 20 × 20 images; its hidden layers are the learner's choice,
// kept whatever the data is at the next start: the ends become this data's inputs and classes.
std::string stored_arch(std::string_view value, DataShape shape) {
  std::vector<std::string_view> parts;
  for (std::string_view rest = value; !rest.empty();) {
    const size_t dash = rest.find('-');
    parts.push_back(rest.substr(0, dash));
    rest = dash == std::string_view::npos ? std::string_view() : rest.substr(dash + 1);
  }
  long long v;
  if (parts.size() < 2) return std::string(value);
  for (std::string_view p : parts)
    if (!parse_integer(p, 1, 1'000'000, &v)) return std::string(value);
  std::string arch = std::to_string(shape.inputs);
  for (size_t i = 1; i + 1 < parts.size(); ++i) arch.append("-").append(parts[i]);
  return arch + "-" + std::to_string(shape.classes);
}

}  // namespace

bool settings_from_text(std::string_view text, DataShape shape, Settings* s, std::string* error, bool* kept_others) {
  if (kept_others) *kept_others = false;
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    *error = text::T("lab.stored.not_object");
    return false;
  }
  Settings t = *s;
  std::string first_error;
  bool any_good = false;
  for (auto it = j.begin(); it != j.end(); ++it) {
    std::string value;
    if (it->is_string()) value = it->get<std::string>();
    else if (it->is_number_integer() || it->is_number_unsigned()) value = it->dump();
    else if (it->is_number_float()) value = it->dump();  // shortest double text: reads back as the same float
    else {
      if (first_error.empty()) first_error = text::tr("lab.stored.wrong_type", {{"key", it.key()}});
      continue;
    }
    if (it.key() == "arch") value = stored_arch(value, shape);
    bool live;
    Settings next = t;  // one field at a time: a bad one is skipped, the others kept; the
    const Message e = apply_field(&next, it.key(), value, shape, &live);  // combination is checked once, below
    if (!e.empty()) {
      if (first_error.empty()) first_error = text::tr("lab.stored.bad", {{"error", message_text(e)}});
      continue;
    }
    t = std::move(next);
    any_good = true;
  }
  if (Message e = combination_refusal(t); !e.empty()) {
    *error = text::tr("lab.stored.bad", {{"error", message_text(e)}});
    if (kept_others) *kept_others = false;
    return false;
  }
  *s = std::move(t);
  if (first_error.empty()) return true;
  *error = first_error;
  if (kept_others) *kept_others = any_good;
  return false;
}

}  // namespace nnlab::lab
