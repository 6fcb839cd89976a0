// The Playground's settings and their field table (see settings.h).
#include "playground/settings.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "data/float_text.h"
#include "data/number_text.h"

namespace nnlab::playground {
namespace {

constexpr const char* kControlNames[kControlCount] = {
    "data", "noise",  "split", "batch", "regenerate", "points",  "features", "layers",    "neurons",  "act",
    "out",  "loss",   "opt",   "lr",    "reg",        "reg_rate", "play",    "step",      "reset",    "speed",
    "test", "discretize", "weights", "curve", "confusion", "landscape", "hand", "files", "classroom"};

enum class JsonForm { text, number, boolean };

// One setting: its key, what a change of it needs, its JSON form, its text as in links, and how a
// text is checked and applied (an empty note or why not; Settings is changed only on success).
struct Field {
  const char* key;
  Change change;
  JsonForm json;
  std::string (*text)(const Settings&);
  Note (*apply)(Settings&, std::string_view);
};

std::string value_of(std::string_view v) { return std::string(v); }

Note whole_in(std::string_view value, long long lo, long long hi, long long* out, const char* key) {
  if (!parse_integer(value, lo, hi, out))
    return Note(key, {{"lo", std::to_string(lo)}, {"hi", std::to_string(hi)}, {"value", value_of(value)}});
  return Note();
}

Note real_in(std::string_view value, float lo, float hi, float* out, const char* key) {
  float v;
  if (!parse_float(value, &v) || !(v >= lo && v <= hi))
    return Note(key, {{"lo", float_to_text(lo)}, {"hi", float_to_text(hi)}, {"value", value_of(value)}});
  *out = v;
  return Note();
}

Note choice_error(const char* key, const std::string& choices, std::string_view value) {
  return Note("playground.bad.choice", {{"key", key}, {"choices", choices}, {"value", value_of(value)}});
}

bool parse_switch(std::string_view v, bool* out) {
  if (v == "on" || v == "1" || v == "true" || v == "yes") *out = true;
  else if (v == "off" || v == "0" || v == "false" || v == "no") *out = false;
  else return false;
  return true;
}

Note switch_in(std::string_view v, bool* out, const char* key) {
  return parse_switch(v, out) ? Note() : choice_error(key, "on, off", v);
}

bool parse_hidden_activation(std::string_view name, Activation* out) {
  for (Activation a : kHiddenActivations)
    if (name == activation_word(a) || (a == Activation::leaky_relu && name == "leaky_relu") ||
        (a == Activation::identity && name == "identity")) {
      *out = a;
      return true;
    }
  return false;
}

std::string hidden_activation_choices() {
  std::string s;
  for (Activation a : kHiddenActivations) s += (s.empty() ? "" : ", ") + std::string(activation_word(a));
  return s;
}

std::string data_choices() {
  std::string s;
  for (DataKind d : kAllData) s += (s.empty() ? "" : ", ") + std::string(data_name(d));
  return s;
}

std::string list_text(const std::vector<int>& v) {
  std::string s;
  for (int n : v) s += (s.empty() ? "" : ",") + std::to_string(n);
  return s;
}

std::string acts_text(const Settings& s) {
  std::string t;
  for (Activation a : s.acts) t += (t.empty() ? "" : ",") + std::string(activation_word(a));
  return t;
}

// After the data's kind changed: an output and a loss that fit the problem.
void fit_problem(Settings& s) {
  const Problem p = problem_of(s.data);
  if (output_fits(p, s.output)) return;
  s.output = default_output(p);
  if (p == Problem::regression) s.loss = LossChoice::square;
  if (p == Problem::binary && s.loss == LossChoice::cross_entropy) s.output = Activation::sigmoid;
}

Note locked(const Settings& s) { return s.lock ? Note("playground.bad.locked") : Note(); }

const Field kFields[] = {
    {"data", Change::data, JsonForm::text, [](const Settings& s) { return std::string(data_name(s.data)); },
     [](Settings& s, std::string_view v) {
       if (!parse_data(v, &s.data)) return choice_error("data", data_choices(), v);
       fit_problem(s);
       return Note();
     }},
    {"noise", Change::data, JsonForm::number, [](const Settings& s) { return std::to_string(s.noise); },
     [](Settings& s, std::string_view v) {
       long long n;
       Note e = whole_in(v, 0, 50, &n, "playground.bad.noise");
       if (e.empty()) s.noise = int(n);
       return e;
     }},
    {"split", Change::data, JsonForm::number, [](const Settings& s) { return std::to_string(s.split); },
     [](Settings& s, std::string_view v) {
       long long n;
       Note e = whole_in(v, 10, 90, &n, "playground.bad.split");
       if (e.empty()) s.split = int(n);
       return e;
     }},
    {"seed", Change::data, JsonForm::number, [](const Settings& s) { return std::to_string(s.seed); },
     [](Settings& s, std::string_view v) {
       long long n;
       Note e = whole_in(v, 0, 4294967295LL, &n, "playground.bad.seed");
       if (e.empty()) s.seed = uint32_t(n);
       return e;
     }},
    {"features", Change::network, JsonForm::text, [](const Settings& s) { return features_text(s.features); },
     [](Settings& s, std::string_view v) {
       FeatureMask m;
       if (!parse_features(v, &m))
         return Note("playground.bad.features", {{"choices", "x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2"}, {"value", value_of(v)}});
       if (m != s.features)
         if (Note e = locked(s); !e.empty()) return e;
       s.features = m;
       return Note();
     }},
    {"net", Change::network, JsonForm::text, [](const Settings& s) { return list_text(s.hidden); },
     [](Settings& s, std::string_view v) {
       std::vector<int> sizes;
       const Note bad("playground.bad.net", {{"layers", std::to_string(kMaxHiddenLayers)},
                                             {"neurons", std::to_string(kMaxNeurons)},
                                             {"value", value_of(v)}});
       std::string_view rest = trim_spaces(v);
       while (!rest.empty()) {
         const size_t sep = rest.find_first_of(",-");
         long long n;
         if (!parse_integer(rest.substr(0, sep), 1, kMaxNeurons, &n)) return bad;
         sizes.push_back(int(n));
         rest = sep == std::string_view::npos ? std::string_view() : rest.substr(sep + 1);
         if (sep != std::string_view::npos && rest.empty()) return bad;
       }
       if (int(sizes.size()) > kMaxHiddenLayers) return bad;
       if (sizes != s.hidden)
         if (Note e = locked(s); !e.empty()) return e;
       s.hidden = sizes;
       s.acts.resize(sizes.size(), s.act);
       return Note();
     }},
    {"act", Change::network, JsonForm::text, [](const Settings& s) { return std::string(activation_word(s.act)); },
     [](Settings& s, std::string_view v) {
       if (!parse_hidden_activation(v, &s.act)) return choice_error("act", hidden_activation_choices(), v);
       s.acts.assign(s.hidden.size(), s.act);
       return Note();
     }},
    {"acts", Change::network, JsonForm::text, acts_text,
     [](Settings& s, std::string_view v) {
       std::vector<Activation> acts;
       std::string_view rest = v;
       while (!rest.empty()) {
         const size_t comma = rest.find(',');
         Activation a;
         if (!parse_hidden_activation(rest.substr(0, comma), &a)) return choice_error("acts", hidden_activation_choices(), v);
         acts.push_back(a);
         rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
       }
       if (acts.size() != s.hidden.size())
         return Note("playground.bad.acts_count",
                     {{"count", std::to_string(s.hidden.size())}, {"got", std::to_string(acts.size())}});
       s.acts = acts;
       return Note();
     }},
    {"out", Change::network, JsonForm::text, [](const Settings& s) { return std::string(activation_word(s.output)); },
     [](Settings& s, std::string_view v) {
       const Problem p = problem_of(s.data);
       Activation a = Activation::identity;
       const bool known = v == "tanh" || v == "sigmoid" || v == "softmax" || v == "linear";
       if (v == "tanh") a = Activation::tanh;
       if (v == "sigmoid") a = Activation::sigmoid;
       if (v == "softmax") a = Activation::softmax;
       if (!known || !output_fits(p, a))
         return Note(p == Problem::binary       ? "playground.bad.out_binary"
                     : p == Problem::multiclass ? "playground.bad.out_multi"
                                                : "playground.bad.out_regression",
                     {{"value", value_of(v)}});
       if (a == Activation::tanh && s.loss == LossChoice::cross_entropy)
         return Note("playground.bad.loss_output", {{"output", "tanh"}});
       s.output = a;
       return Note();
     }},
    {"loss", Change::live, JsonForm::text,
     [](const Settings& s) { return std::string(s.loss == LossChoice::square ? "square" : "cross-entropy"); },
     [](Settings& s, std::string_view v) {
       if (v == "square") s.loss = LossChoice::square;
       else if (v == "cross-entropy" || v == "cross_entropy") {
         if (s.output != Activation::sigmoid && s.output != Activation::softmax)
           return Note("playground.bad.loss_output", {{"output", std::string(activation_word(s.output))}});
         s.loss = LossChoice::cross_entropy;
       } else return choice_error("loss", "square, cross-entropy", v);
       return Note();
     }},
    {"opt", Change::live, JsonForm::text, [](const Settings& s) { return std::string(optimizer_name(s.optimizer)); },
     [](Settings& s, std::string_view v) {
       return parse_optimizer(v, &s.optimizer) ? Note() : choice_error("opt", "sgd, momentum, adam", v);
     }},
    {"lr", Change::live, JsonForm::number, [](const Settings& s) { return float_to_text(s.lr); },
     [](Settings& s, std::string_view v) {
       return real_in(v, kMinLearningRate, kMaxLearningRate, &s.lr, "playground.bad.lr");
     }},
    {"batch", Change::live, JsonForm::text,
     [](const Settings& s) { return s.batch == 0 ? std::string("all") : std::to_string(s.batch); },
     [](Settings& s, std::string_view v) {
       if (v == "all") {
         s.batch = 0;
         return Note();
       }
       long long n;
       Note e = whole_in(v, 1, kMaxPoints, &n, "playground.bad.batch");
       if (e.empty()) s.batch = int(n);
       return e;
     }},
    {"reg", Change::live, JsonForm::text,
     [](const Settings& s) {
       return std::string(s.reg == Regularization::l1 ? "l1" : s.reg == Regularization::l2 ? "l2" : "none");
     },
     [](Settings& s, std::string_view v) {
       if (v == "none") s.reg = Regularization::none;
       else if (v == "l1" || v == "L1") s.reg = Regularization::l1;
       else if (v == "l2" || v == "L2") s.reg = Regularization::l2;
       else return choice_error("reg", "none, l1, l2", v);
       return Note();
     }},
    {"reg_rate", Change::live, JsonForm::number, [](const Settings& s) { return float_to_text(s.reg_rate); },
     [](Settings& s, std::string_view v) { return real_in(v, 0, kMaxRegRate, &s.reg_rate, "playground.bad.reg_rate"); }},
    {"init", Change::network, JsonForm::number, [](const Settings& s) { return std::to_string(s.init); },
     [](Settings& s, std::string_view v) {
       long long n;
       Note e = whole_in(v, 0, 4294967295LL, &n, "playground.bad.seed");
       if (e.empty()) s.init = uint32_t(n);
       return e;
     }},
    {"speed", Change::ui, JsonForm::text,
     [](const Settings& s) { return s.speed == 0 ? std::string("max") : std::to_string(s.speed); },
     [](Settings& s, std::string_view v) {
       if (v == "max") {
         s.speed = 0;
         return Note();
       }
       long long n;
       Note e = whole_in(v, 1, kMaxSpeed, &n, "playground.bad.speed");
       if (e.empty()) s.speed = int(n);
       return e;
     }},
    {"test", Change::ui, JsonForm::boolean, [](const Settings& s) { return std::string(s.show_test ? "on" : "off"); },
     [](Settings& s, std::string_view v) { return switch_in(v, &s.show_test, "test"); }},
    {"discretize", Change::ui, JsonForm::boolean,
     [](const Settings& s) { return std::string(s.discretize ? "on" : "off"); },
     [](Settings& s, std::string_view v) { return switch_in(v, &s.discretize, "discretize"); }},
    {"hide", Change::ui, JsonForm::text,
     [](const Settings& s) {
       std::string t;
       for (int c = 0; c < kControlCount; ++c)
         if (s.hides(Control(c))) t += (t.empty() ? "" : ",") + std::string(kControlNames[c]);
       return t.empty() ? std::string("none") : t;
     },
     [](Settings& s, std::string_view v) {
       uint32_t bits = 0;
       std::string_view rest = v == "none" ? std::string_view() : v;
       while (!rest.empty()) {
         const size_t comma = rest.find(',');
         const std::string_view name = rest.substr(0, comma);
         int c = 0;
         while (c < kControlCount && name != kControlNames[c]) ++c;
         if (c == kControlCount) {
           std::string all;
           for (const char* n : kControlNames) all += (all.empty() ? "" : ", ") + std::string(n);
           return Note("playground.bad.hide", {{"choices", all}, {"value", value_of(name)}});
         }
         bits |= 1u << c;
         rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
       }
       s.hidden_controls = bits;
       return Note();
     }},
    {"lock", Change::ui, JsonForm::boolean, [](const Settings& s) { return std::string(s.lock ? "on" : "off"); },
     [](Settings& s, std::string_view v) { return switch_in(v, &s.lock, "lock"); }},
};

const Field* find_field(std::string_view key) {
  for (const Field& f : kFields)
    if (key == f.key) return &f;
  return nullptr;
}

}  // namespace

std::string_view control_name(Control c) { return kControlNames[int(c)]; }

std::string_view activation_word(Activation a) {
  switch (a) {
    case Activation::identity: return "linear";
    case Activation::leaky_relu: return "leaky-relu";
    default: return activation_name(a);
  }
}

Note apply_setting(Settings* s, std::string_view key, std::string_view value, Change* change) {
  const Field* field = find_field(key);
  if (!field) {
    std::string keys;
    for (const Field& f : kFields) keys += (keys.empty() ? "" : ", ") + std::string(f.key);
    return Note("playground.bad.unknown_key", {{"key", std::string(key)}, {"keys", keys + ", pts, w"}});
  }
  Settings next = *s;
  Note error = field->apply(next, trim_spaces(value));
  if (!error.empty()) return error;
  *change = field->change;
  *s = std::move(next);
  return Note();
}

void append_settings_link(const Settings& s, std::string* link) {
  for (const Field& f : kFields) {
    if (std::string_view(f.key) == "acts" && std::all_of(s.acts.begin(), s.acts.end(), [&](Activation a) { return a == s.act; }))
      continue;  // `act` says it all
    if (std::string_view(f.key) == "hide" && s.hidden_controls == 0) continue;
    if (std::string_view(f.key) == "lock" && !s.lock) continue;
    link->append("&").append(f.key).append("=").append(f.text(s));
  }
}

bool settings_from_link(std::string_view link, Settings* s, Note* error) {
  Settings t;
  while (!link.empty()) {
    const size_t amp = link.find('&');
    const std::string_view pair = link.substr(0, amp);
    link = amp == std::string_view::npos ? std::string_view() : link.substr(amp + 1);
    if (pair.empty() || pair[0] == '#') continue;
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      *error = Note("playground.bad.unknown_key", {{"key", std::string(pair)}, {"keys", "data, net, …"}});
      return false;
    }
    Change change;
    if (Note e = apply_setting(&t, pair.substr(0, eq), pair.substr(eq + 1), &change); !e.empty()) {
      *error = std::move(e);
      return false;
    }
  }
  *s = std::move(t);
  return true;
}

void settings_to_json(const Settings& s, nlohmann::json* out) {
  *out = nlohmann::json::object();
  for (const Field& f : kFields) {
    const std::string text = f.text(s);
    if (f.json == JsonForm::boolean) (*out)[f.key] = text == "on";
    else if (f.json == JsonForm::text) (*out)[f.key] = text;
    else if (text.find_first_of(".eE") == std::string::npos) (*out)[f.key] = std::stoll(text);
    else (*out)[f.key] = std::strtod(text.c_str(), nullptr);
  }
  (*out)["hidden_layers"] = s.hidden;
}

int input_size(const Settings& s) { return feature_count(s.features); }

int output_size(const Settings& s) {
  return problem_of(s.data) == Problem::multiclass ? class_count(s.data) : 1;
}

Loss core_loss(const Settings& s) {
  if (s.loss == LossChoice::square) return Loss::half_sse;
  return s.output == Activation::softmax ? Loss::cross_entropy : Loss::bce;
}

std::vector<LayerSpec> layer_specs(const Settings& s) {
  std::vector<LayerSpec> layers;
  int in = input_size(s);
  for (size_t l = 0; l < s.hidden.size(); ++l) {
    layers.push_back({in, s.hidden[l], l < s.acts.size() ? s.acts[l] : s.act});
    in = s.hidden[l];
  }
  layers.push_back({in, output_size(s), s.output});
  return layers;
}

Activation default_output(Problem p) {
  switch (p) {
    case Problem::binary: return Activation::tanh;
    case Problem::multiclass: return Activation::softmax;
    case Problem::regression: return Activation::identity;
  }
  return Activation::tanh;
}

bool output_fits(Problem p, Activation out) {
  switch (p) {
    case Problem::binary: return out == Activation::tanh || out == Activation::sigmoid;
    case Problem::multiclass: return out == Activation::softmax;
    case Problem::regression: return out == Activation::identity;
  }
  return false;
}

}  // namespace nnlab::playground
