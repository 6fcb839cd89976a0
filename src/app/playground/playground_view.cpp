// The Playground view: settings, points, scripting, links and files (drawing: playground_draw.cpp
// and its neighbours; training and maps: playground_frame.cpp).
#include "app/playground/playground_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "app/common/host.h"
#include "app/common/link.h"
#include "app/views.h"
#include "data/float_text.h"
#include "data/number_text.h"
#include "lessons/number_format.h"
#include "playground/files.h"
#include "playground/palette.h"
#include "text/text.h"

namespace nnlab::app {
namespace {

using namespace nnlab::playground;
using text::T;
using text::tr;

// "w L O I" or "b L O" (from 1, as the screen prints layers and neurons) → a parameter.
bool parse_param(const std::vector<std::string_view>& words, size_t* at, const Mlp& m, ParamRef* out) {
  if (*at >= words.size()) return false;
  const bool weight = words[*at] == "w", bias = words[*at] == "b";
  const size_t need = weight ? 4 : bias ? 3 : 0;
  if (!need || *at + need > words.size()) return false;
  long long l, o, i = 0;
  if (!parse_integer(words[*at + 1], 1, m.layer_count(), &l)) return false;
  if (!parse_integer(words[*at + 2], 1, m.layer(int(l) - 1).outputs, &o)) return false;
  if (weight && !parse_integer(words[*at + 3], 1, m.layer(int(l) - 1).inputs, &i)) return false;
  *out = {int(l) - 1, int(o) - 1, weight ? int(i) - 1 : -1};
  *at += need;
  return true;
}

std::vector<std::string_view> words_of(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',')) ++i;
    const size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != ',') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

}  // namespace

PlaygroundView::PlaygroundView() {
  regenerate_points();
  engine_.rebuild(settings_);
}

PlaygroundView::~PlaygroundView() = default;

void PlaygroundView::say(Note note, bool error) {
  message_ = std::move(note);
  message_text_.clear();
  message_error_ = error;
}
void PlaygroundView::say_text(std::string text, bool error) {
  message_ = Note();
  message_text_ = std::move(text);
  message_error_ = error;
}
std::string PlaygroundView::said() const { return message_.empty() ? message_text_ : note_text(message_); }

void PlaygroundView::regenerate_points() {
  engine_.set_points(generate(settings_.data, float(settings_.noise) / 100.0f, settings_.split, settings_.seed), false);
}

void PlaygroundView::pause_for(const char*) { playing_ = false; }

// A settings change: live ones go to the running network; data and network changes start over (as
// TF Playground does), so the Play button comes back.
std::string PlaygroundView::change(const Settings& next, Change c) {
  if (next == settings_) return "";
  const Settings before = settings_;
  settings_ = next;
  switch (c) {
    case Change::ui: textures_dirty_ = true; return "";
    case Change::live: engine_.configure(settings_); return "";
    case Change::data: regenerate_points(); [[fallthrough]];
    case Change::network: {
      const Note e = engine_.rebuild(settings_);
      if (!e.empty()) {
        settings_ = before;
        regenerate_points();
        engine_.rebuild(settings_);
        return note_text(e);
      }
      playing_ = false;
      selection_ = Selection{};
      focus_layer_ = -1;
      hover_layer_ = -2;
      land_ = Landscape();
      landscape_open_ = landscape_open_ && false;
      maps_started_for_ = ~0ull;
      if (has_probe_) set_probe(probe_x_, probe_y_);
      return "";
    }
  }
  return "";
}

std::string PlaygroundView::set(std::string_view key, std::string_view value) {
  if (key == "pts") return set_points_text(value);
  if (key == "w") return set_weights_text(value);
  Settings next = settings_;
  Change c;
  const Note e = apply_setting(&next, key, value, &c);
  if (!e.empty()) return note_text(e);
  return change(next, c);
}

// "x,y,class,test,…": four numbers per point (regression: the value instead of the class; test 0 or 1).
std::string PlaygroundView::set_points_text(std::string_view text) {
  std::vector<float> v;
  std::string error;
  if (trim_spaces(text).empty()) v.clear();
  else if (!parse_numbers(text, &v, &error)) return tr("playground.bad.points", {{"detail", error}});
  if (v.size() % 4 != 0) return tr("playground.bad.points_count", {{"got", std::to_string(v.size())}});
  if (v.size() / 4 > size_t(kMaxPoints))
    return tr("playground.bad.points_many", {{"max", format_count(kMaxPoints)}, {"got", format_count(long(v.size() / 4))}});
  const int K = class_count(settings_.data);
  std::vector<Point> pts;
  for (size_t i = 0; i < v.size(); i += 4) {
    Point p;
    p.x = v[i], p.y = v[i + 1];
    if (std::fabs(p.x) > kDomain || std::fabs(p.y) > kDomain)
      return tr("playground.bad.point_outside", {{"x", float_to_text(p.x)}, {"y", float_to_text(p.y)}});
    if (K > 0) {
      if (v[i + 2] != std::floor(v[i + 2]) || v[i + 2] < 0 || v[i + 2] >= float(K))
        return tr("playground.bad.point_class", {{"value", float_to_text(v[i + 2])}, {"max", std::to_string(K - 1)}});
      p.label = int(v[i + 2]);
    } else {
      p.value = v[i + 2];
    }
    if (v[i + 3] != 0 && v[i + 3] != 1) return tr("playground.bad.point_test", {{"value", float_to_text(v[i + 3])}});
    p.test = v[i + 3] == 1;
    pts.push_back(p);
  }
  engine_.set_points(std::move(pts), true);
  engine_.evaluate(true);
  return "";
}

std::string PlaygroundView::set_weights_text(std::string_view text) {
  std::vector<float> v;
  std::string error;
  if (!parse_numbers(text, &v, &error)) return tr("playground.bad.weights", {{"detail", error}});
  const Note e = engine_.set_params(v);
  if (!e.empty()) return note_text(e);
  engine_.evaluate(true);
  if (has_probe_) set_probe(probe_x_, probe_y_);
  return "";
}

void PlaygroundView::append_link(std::string* link) const {
  append_settings_link(settings_, link);
  if (engine_.edited() && engine_.points().size() <= kLinkPoints) {
    std::vector<float> v;
    const bool regression = class_count(settings_.data) == 0;
    for (const Point& p : engine_.points()) v.insert(v.end(), {p.x, p.y, regression ? p.value : float(p.label), p.test ? 1.0f : 0.0f});
    append_link_numbers(link, "pts", v);
  }
  // The weights, once they are not the `init` seed's any more (and not while they change every frame).
  if (!playing_ && engine_.model().parameter_count() <= kLinkWeights && (engine_.steps() > 0 || engine_.weights_version() > 1))
    append_link_numbers(link, "w", engine_.model().params());
}

// ---------------------------------------------------------------------------------------------
std::optional<std::string> PlaygroundView::command(std::string_view verb, std::string_view args) {
  args = trim_spaces(args);
  if (verb == "train") return train(args);
  if (verb == "regenerate") {
    settings_.seed += 1;  // TF Playground's Regenerate: new points, the same network
    regenerate_points();
    engine_.evaluate(true);
    return std::string();
  }
  if (verb == "point") return point_command(args);
  if (verb == "probe") {
    if (args == "none") {
      has_probe_ = false;
      return std::string();
    }
    std::vector<float> v;
    std::string error;
    if (!parse_numbers(args, &v, &error) || v.size() != 2) return tr("app.usage", {{"command", "probe X Y | probe none"}});
    set_probe(v[0], v[1]);
    return std::string();
  }
  if (verb == "hand") {
    std::vector<float> v;
    std::string error;
    if (!parse_numbers(args, &v, &error) || v.size() != 2) return tr("app.usage", {{"command", "hand X Y"}});
    return hand_calculation(v[0], v[1]);
  }
  if (verb == "select") return select_command(args);
  if (verb == "landscape") return landscape_command(args);
  if (verb == "race") {
    if (!land_.has_axes()) return tr("playground.land.no_axes", {{"command", "landscape w L O I b L O"}});
    if (!args.empty()) {
      float lr;
      if (!parse_float(args, &lr) || !(lr > 0 && lr <= 100))
        return tr("playground.land.bad_lr", {{"value", std::string(args)}});
      race_lr_ = lr;
    }
    if (!land_.ready() || land_.busy()) {  // a script gets its landscape at once
      if (!land_.busy()) land_.begin(engine_.model(), engine_.train_data(), core_loss(settings_), land_.a(), land_.b(), land_span_);
      while (!land_.step(1 << 20)) {
      }
      land_started_for_ = engine_.weights_version();
    }
    land_.race_begin(race_lr_);
    race_pending_ = 2;
    return std::string();
  }
  if (verb == "tool") {
    const auto w = words_of(args);
    if (!w.empty() && w[0] == "inspect") tool_ = Tool::inspect;
    else if (!w.empty() && w[0] == "add") {
      tool_ = Tool::add;
      if (w.size() > 1) {
        float v;
        if (!parse_float(w[1], &v)) return tr("app.usage", {{"command", "tool inspect | tool add [CLASS]"}});
        if (class_count(settings_.data) > 0) add_class_ = std::clamp(int(v), 0, class_count(settings_.data) - 1);
        else add_value_ = std::clamp(v, -1.0f, 1.0f);
      }
    } else return tr("app.usage", {{"command", "tool inspect | tool add [CLASS]"}});
    return std::string();
  }
  if (verb == "save") return save_model();
  if (verb == "open") {
    if (!host::pick_files(".json", false)) return std::string(T("playground.file.no_dialog"));
    return std::string();
  }
  if (verb == "budget") {
    const auto w = words_of(args);
    double ms;
    if (w.size() != 2 || (w[0] != "train" && w[0] != "maps") || !parse_real(w[1], &ms) || ms < 0.5 || ms > 100)
      return tr("app.usage", {{"command", "budget train|maps MS (0.5 … 100)"}});
    (w[0] == "train" ? train_budget_ms_ : maps_budget_ms_) = ms;
    return std::string();
  }
  if (verb == "check" && args == "map") return check_map();
  return std::nullopt;
}

std::string PlaygroundView::train(std::string_view what) {
  if (what == "start") {
    if (engine_.train_count() == 0) return std::string(T("playground.train.no_points"));
    engine_.clear_stop();
    playing_ = true;
    epoch_credit_ = 0;
    return "";
  }
  if (what == "pause") {
    playing_ = false;
    return "";
  }
  if (what == "step" || what == "step epoch" || what == "step batch") {
    playing_ = false;
    if (engine_.train_count() == 0) return std::string(T("playground.train.no_points"));
    engine_.clear_stop();
    const bool ok = what == "step batch" ? engine_.step_batch() : engine_.step_epoch();
    engine_.evaluate(true);
    if (!ok && engine_.diverged()) say(engine_.stop_note(), true);
    if (has_probe_) set_probe(probe_x_, probe_y_);
    return "";
  }
  if (what == "reset") {
    settings_.init += 1;  // new first weights, as TF Playground's reset draws them
    playing_ = false;
    engine_.rebuild(settings_);
    maps_started_for_ = ~0ull;
    land_started_for_ = ~0ull;
    land_.race_clear();
    if (has_probe_) set_probe(probe_x_, probe_y_);
    message_ = Note();
    message_text_.clear();
    return "";
  }
  return tr("playground.usage_got", {{"command", "train start|pause|step [epoch|batch]|reset"}, {"value", std::string(what)}});
}

std::string PlaygroundView::point_command(std::string_view args) {
  const auto w = words_of(args);
  std::vector<float> v;
  for (size_t i = 1; i < w.size(); ++i) {
    double d;
    if (!parse_real(w[i], &d)) return tr("playground.bad.number", {{"value", std::string(w[i])}});
    v.push_back(float(d));
  }
  const int K = class_count(settings_.data);
  const int n = int(engine_.points().size());
  auto index = [&](float f, int* i) {
    if (f != std::floor(f) || f < 0 || f >= float(n)) return false;
    *i = int(f);
    return true;
  };
  if (!w.empty() && w[0] == "add" && v.size() == 3) {
    if (std::fabs(v[0]) > kDomain || std::fabs(v[1]) > kDomain)
      return tr("playground.bad.point_outside", {{"x", float_to_text(v[0])}, {"y", float_to_text(v[1])}});
    int label = 0;
    float value = 0;
    if (K > 0) {
      float c = v[2];
      if (K == 2 && c == -1) c = 0;  // TF Playground's −1 is class 0
      if (c != std::floor(c) || c < 0 || c >= float(K))
        return tr("playground.bad.point_class", {{"value", float_to_text(v[2])}, {"max", std::to_string(K - 1)}});
      label = int(c);
    } else {
      value = v[2];
    }
    if (engine_.add_point(v[0], v[1], label, value) < 0)
      return tr("playground.bad.points_many", {{"max", format_count(kMaxPoints)}, {"got", format_count(n + 1)}});
    engine_.evaluate(true);
    return "";
  }
  int i;
  if (!w.empty() && w[0] == "move" && v.size() == 3 && index(v[0], &i)) {
    engine_.move_point(i, v[1], v[2]);
    engine_.evaluate(true);
    return "";
  }
  if (!w.empty() && w[0] == "remove" && v.size() == 1 && index(v[0], &i)) {
    engine_.remove_point(i);
    engine_.evaluate(true);
    return "";
  }
  if (!w.empty() && w[0] == "clear" && v.empty()) {
    playing_ = false;
    engine_.clear_points();
    engine_.evaluate(true);
    return "";
  }
  return tr("app.usage", {{"command", "point add X Y CLASS | point move I X Y | point remove I | point clear"}});
}

void PlaygroundView::set_probe(float x, float y) {
  has_probe_ = true;
  probe_x_ = std::clamp(x, -kDomain, kDomain);
  probe_y_ = std::clamp(y, -kDomain, kDomain);
  probe_out_ = engine_.output_at(probe_x_, probe_y_);
}

// The arithmetic behind a pixel: the Network view's own-network lesson with this very network
// (its shape, activations, every weight and bias) and this point's features as the input, so its
// ŷ is the Playground's output there, computed by the same core.
std::string PlaygroundView::hand_calculation(float x, float y) {
  if (!run_app_command) return tr("playground.hand.no_app", {{"lesson", "custom"}});
  set_probe(x, y);
  playing_ = false;
  const Mlp& m = engine_.model();
  std::string link = "link #view=network&lesson=custom&net=" + std::to_string(m.input_size());
  for (int l = 0; l < m.layer_count(); ++l) link += "-" + std::to_string(m.layer(l).outputs);
  link += "&acts=";
  for (int l = 0; l < m.layer_count(); ++l) link += (l ? "," : "") + std::string(activation_name(m.layer(l).activation));
  const std::vector<float> f = engine_.features_at(probe_x_, probe_y_);
  append_link_numbers(&link, "x", f);
  for (int l = 0; l < m.layer_count(); ++l) {
    append_link_numbers(&link, "w" + std::to_string(l + 1), m.weights(l));
    append_link_numbers(&link, "b" + std::to_string(l + 1), m.bias(l));
  }
  link += "&step=1";
  return run_app_command(link);
}

std::string PlaygroundView::select_command(std::string_view args) {
  const auto w = words_of(args);
  const Mlp& m = engine_.model();
  if (w.size() == 1 && w[0] == "none") {
    selection_ = Selection{};
    focus_layer_ = -1;
    return "";
  }
  const std::string usage = tr("app.usage", {{"command", "select neuron L O | weight L O I | bias L O | none"}});
  if (w.size() < 3) return usage;
  long long l, o, i = 1;
  if (!parse_integer(w[1], 1, m.layer_count(), &l) || !parse_integer(w[2], 1, m.layer(int(l) - 1).outputs, &o))
    return usage;
  if (w[0] == "neuron" || w[0] == "bias") {
    if (w.size() != 3) return usage;
    selection_ = {Selection::Kind::neuron, int(l) - 1, int(o) - 1, 0};
    focus_layer_ = int(l) - 1, focus_neuron_ = int(o) - 1;
    return "";
  }
  if (w[0] == "weight" && w.size() == 4 && parse_integer(w[3], 1, m.layer(int(l) - 1).inputs, &i)) {
    selection_ = {Selection::Kind::weight, int(l) - 1, int(o) - 1, int(i) - 1};
    return "";
  }
  return usage;
}

std::string PlaygroundView::landscape_command(std::string_view args) {
  if (args == "none") {
    landscape_open_ = false;
    land_ = Landscape();
    engine_.track(SIZE_MAX, SIZE_MAX);
    return "";
  }
  const auto w = words_of(args);
  size_t at = 0;
  ParamRef a, b;
  const Mlp& m = engine_.model();
  if (!parse_param(w, &at, m, &a) || !parse_param(w, &at, m, &b) || at != w.size())
    return tr("app.usage", {{"command", "landscape w L O I|b L O  w L O I|b L O | landscape none"}});
  const size_t ia = param_index(m, a), ib = param_index(m, b);
  if (ia == ib) return std::string(T("playground.land.same"));
  land_ = Landscape();
  land_.begin(m, engine_.train_data(), core_loss(settings_), ia, ib, land_span_);
  land_started_for_ = engine_.weights_version();
  engine_.track(ia, ib);
  landscape_open_ = true;
  return "";
}

std::string PlaygroundView::save_model() {
  std::string text, where;
  Note e;
  if (!model_file_text(engine_, &text, &e)) return note_text(e);
  const std::string error = host::save_file(kModelFileName, text, &where);
  if (!error.empty()) return error;
  say(Note("playground.file.saved", {{"where", where}}), false);
  return "";
}

std::optional<std::string> PlaygroundView::open_file(const std::string& name, const std::string& bytes) {
  if (!looks_like_model_file(bytes)) return std::nullopt;
  Settings next;
  std::vector<float> params;
  const Note e = read_model_file(name, bytes, settings_, &next, &params);
  if (!e.empty()) {
    say(e, true);
    return note_text(e);
  }
  const Settings before = settings_;
  settings_ = next;
  if (next.data != before.data || next.noise != before.noise || next.split != before.split || next.seed != before.seed)
    regenerate_points();
  engine_.rebuild(settings_);
  engine_.set_params(params);
  engine_.evaluate(true);
  playing_ = false;
  selection_ = Selection{};
  focus_layer_ = -1;
  land_ = Landscape();
  maps_started_for_ = ~0ull;
  say(Note("playground.file.opened", {{"name", name}, {"count", format_count(long(params.size()))}}), false);
  return std::string();
}

// ---------------------------------------------------------------------------------------------
void PlaygroundView::state(nlohmann::json* out) const {
  using nlohmann::json;
  json settings;
  settings_to_json(settings_, &settings);
  const Mlp& m = engine_.model();
  json layers = json::array();
  for (int l = 0; l < m.layer_count(); ++l) {
    const LayerSpec& s = m.layer(l);
    json w = json::array();
    for (int o = 0; o < s.outputs; ++o)
      w.push_back(std::vector<float>(m.weights(l).begin() + o * s.inputs, m.weights(l).begin() + (o + 1) * s.inputs));
    layers.push_back({{"inputs", s.inputs},
                      {"outputs", s.outputs},
                      {"activation", activation_word(s.activation)},
                      {"w", w},
                      {"b", std::vector<float>(m.bias(l).begin(), m.bias(l).end())}});
  }
  json points = json::array();
  const bool regression = class_count(settings_.data) == 0;
  for (const Point& p : engine_.points()) points.push_back({p.x, p.y, regression ? p.value : float(p.label), p.test ? 1 : 0});
  json history = json::array();
  const auto& h = engine_.history();
  for (size_t i = h.size() > 300 ? h.size() - 300 : 0; i < h.size(); ++i)
    history.push_back({{"epoch", h[i].epoch}, {"train_loss", h[i].train_loss}, {"test_loss", h[i].test_loss},
                       {"train_accuracy", h[i].train_accuracy}, {"test_accuracy", h[i].test_accuracy}});
  auto finite_or_null = [](float v) { return std::isfinite(v) ? json(v) : json(nullptr); };
  const int K = engine_.classes();
  json confusion = nullptr;
  if (K > 0) {
    confusion = json::array();
    for (int t = 0; t < K; ++t)
      confusion.push_back(std::vector<int>(engine_.test_eval().confusion.begin() + t * K,
                                           engine_.test_eval().confusion.begin() + (t + 1) * K));
  }
  std::string link;
  append_link(&link);
  *out = {{"data", data_name(settings_.data)},
          {"problem", K == 0 ? "regression" : K == 2 ? "binary" : "multiclass"},
          {"classes", K},
          {"settings", settings},
          {"points", points},
          {"point_count", engine_.points().size()},
          {"train_count", engine_.train_count()},
          {"test_count", engine_.test_count()},
          {"edited", engine_.edited()},
          {"playing", playing_},
          {"epoch", engine_.epochs_done()},
          {"step", engine_.steps()},
          {"step_in_epoch", engine_.step_in_epoch()},
          {"steps_per_epoch", engine_.steps_per_epoch()},
          {"batch_size", engine_.batch_size()},
          {"epochs_per_s", epochs_per_s_},
          {"train_ms", train_ms_},
          {"maps_ms", maps_ms_},
          {"map_passes", map_passes_},
          {"map_passes_per_s", map_passes_per_s_},
          {"map_resolution", Maps::kRes},
          {"tile_resolution", Maps::kTile},
          {"diverged", engine_.diverged()},
          {"stop", note_text(engine_.stop_note())},
          {"train_loss", finite_or_null(engine_.train_eval().loss)},
          {"test_loss", finite_or_null(engine_.test_eval().loss)},
          {"train_accuracy", engine_.train_eval().accuracy},
          {"test_accuracy", engine_.test_eval().accuracy},
          {"confusion", confusion},
          {"history", history},
          {"network",
           {{"features", features_text(settings_.features)},
            {"parameter_count", m.parameter_count()},
            {"layers", layers}}},
          {"link_has_weights", link.find("&w=") != std::string::npos},
          {"link_weights_limit", kLinkWeights},
          {"link_points_limit", kLinkPoints},
          {"tool", tool_ == Tool::add ? "add" : "inspect"},
          {"add_class", add_class_},
          {"focus", {focus_layer_, focus_neuron_}},
          {"hover", {hover_layer_, hover_neuron_}},
          {"selection",
           {{"kind", selection_.kind == Selection::Kind::none     ? "none"
                     : selection_.kind == Selection::Kind::neuron ? "neuron"
                                                                  : "weight"},
            {"layer", selection_.layer + 1},
            {"neuron", selection_.out + 1},
            {"input", selection_.in + 1}}},
          {"message", said()},
          {"message_is_error", message_error_},
          {"map_check", {{"samples", map_check_.samples}, {"colour", map_check_.colour}, {"value", map_check_.value}}}};
  (*out)["network"]["shape"] = [&] {
    std::string s = std::to_string(m.input_size());
    for (int l = 0; l < m.layer_count(); ++l) s += "-" + std::to_string(m.layer(l).outputs);
    return s;
  }();
  if (has_probe_) {
    const std::vector<float> f = engine_.features_at(probe_x_, probe_y_);
    (*out)["output_at"] = {{"x", probe_x_}, {"y", probe_y_}, {"features", f}, {"output", probe_out_},
                           {"score", probe_out_.empty() ? 0.0f : engine_.score(probe_out_.data())},
                           {"class", probe_out_.empty() ? 0 : engine_.predicted_class(probe_out_.data())}};
  } else {
    (*out)["output_at"] = nullptr;
  }
  json land = {{"open", landscape_open_}, {"ready", land_.ready()}, {"busy", land_.busy()}};
  if (land_.has_axes()) {
    ParamRef a, b;
    param_ref(m, land_.a(), &a);
    param_ref(m, land_.b(), &b);
    land["a"] = {a.layer + 1, a.out + 1, a.in + 1};
    land["b"] = {b.layer + 1, b.out + 1, b.in + 1};
    land["span"] = land_.span();
    land["centre"] = {land_.a0(), land_.b0()};
    land["centre_loss"] = land_.centre_loss();
    land["gradient"] = {land_.grad_a(), land_.grad_b()};
    land["min_loss"] = land_.min_loss();
    land["max_loss"] = land_.max_loss();
    land["path_length"] = engine_.path().size();
    json race = json::array();
    for (int i = 0; land_.has_race() && i < 3; ++i) {
      const auto& r = land_.racer(i);
      race.push_back({{"optimizer", optimizer_name(r.kind)},
                      {"steps", r.path.size() - 1},
                      {"loss", r.losses.empty() ? 0.0f : r.losses.back()},
                      {"start_loss", r.losses.empty() ? 0.0f : r.losses.front()},
                      {"diverged", r.diverged},
                      {"end", r.path.empty() ? std::vector<float>{} : std::vector<float>{r.path.back().first, r.path.back().second}}});
    }
    land["race"] = race;
    land["race_lr"] = race_lr_;
  }
  (*out)["landscape"] = land;
}

std::unique_ptr<View> make_playground_view() { return std::make_unique<PlaygroundView>(); }

}  // namespace nnlab::app
