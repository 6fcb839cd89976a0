// LessonSession's text surface: set / command / link / state (see lesson_session.h).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "app/common/link.h"
#include "app/lesson/lesson_session.h"
#include "core/shape_text.h"
#include "data/float_text.h"
#include "data/number_text.h"
#include "lessons/builtin.h"
#include "lessons/trace.h"
#include "text/text.h"

namespace nnlab::app {
namespace {

// "1 2 3" or "1,2,3" → words
std::vector<std::string_view> words(std::string_view s) {
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

// `what` is the key of the message naming the index ("lessonview.index.layer": "layer '{value}'
// must be 1..{count} …").
bool parse_index(std::string_view text, int count, const char* what, int* out, std::string* error) {
  long long v;
  if (!parse_integer(text, 1, count, &v)) {
    *error = text::tr(what, {{"value", std::string(text)}, {"count", std::to_string(count)}});
    return false;
  }
  *out = static_cast<int>(v) - 1;
  return true;
}

nlohmann::json rows(std::span<const float> m, int rows_n, int cols) {
  nlohmann::json out = nlohmann::json::array();
  for (int r = 0; r < rows_n; ++r) out.push_back(std::vector<float>(m.begin() + r * cols, m.begin() + (r + 1) * cols));
  return out;
}

}  // namespace

// ---- the text surface ----------------------------------------------------------------------------
std::string LessonSession::set_vector(std::string_view key, std::string_view value) {
  std::vector<float> v;
  std::string error;
  if (!parse_numbers(value, &v, &error)) return error;
  const Mlp& m = scenario_.mlp;
  if (key == "x" || key == "y") {
    const std::vector<float>& old = key == "x" ? scenario_.x : scenario_.y;
    if (key == "y" && scenario_.y.empty()) return text::T("lessonview.error.no_target");
    if (v.size() != old.size())
      return text::tr("lessonview.error.count", {{"key", std::string(key)},
                                                 {"count", std::to_string(old.size())},
                                                 {"got", std::to_string(v.size())}});
    if (key == "x" && !editable()) return text::T("lessonview.error.inputs_fixed");
    if (key == "y" && scenario_.loss == Loss::bce)
      for (float t : v)
        if (t < 0 || t > 1) return text::T("lessonview.error.bce_target");
    Scenario next = scenario_;
    (key == "x" ? next.x : next.y) = v;
    return apply(std::move(next), true);
  }
  // "w2" / "b1": a whole layer, row by row
  int l;
  if (!parse_index(key.substr(1), m.layer_count(), "lessonview.index.layer", &l, &error)) return error;
  if (!editable()) return text::T("lessonview.error.weights_fixed");
  Scenario next = scenario_;
  std::span<float> dst = key[0] == 'w' ? next.mlp.weights(l) : next.mlp.bias(l);
  if (v.size() != dst.size())
    return text::tr(key[0] == 'w' ? "lessonview.error.count_rows" : "lessonview.error.count_neurons",
                    {{"key", std::string(key)}, {"count", std::to_string(dst.size())}, {"got", std::to_string(v.size())}});
  std::copy(v.begin(), v.end(), dst.begin());
  return apply(std::move(next), true);
}

std::string LessonSession::set(std::string_view key, std::string_view value) {
  value = trim_spaces(value);
  std::string error;
  const std::vector<std::string_view> args = words(value);
  const Mlp& m = scenario_.mlp;
  if (key == "lesson") return value == id_ ? "" : load(value);
  if (key == "w" || key == "b") {
    const bool w = key == "w";
    if (args.size() != (w ? 4u : 3u))
      return w ? text::tr("lessonview.usage.example",
                          {{"usage", "set w LAYER NEURON INPUT VALUE"}, {"example", "set w 1 1 2 0.25"}})
               : text::tr("lessonview.usage.example", {{"usage", "set b LAYER NEURON VALUE"}, {"example", "set b 1 2 0.5"}});
    int l, o, i = 0;
    float v;
    if (!parse_index(args[0], m.layer_count(), "lessonview.index.layer", &l, &error) ||
        !parse_index(args[1], m.layer(l).outputs, "lessonview.index.neuron", &o, &error) ||
        (w && !parse_index(args[2], m.layer(l).inputs, "lessonview.index.input", &i, &error)) ||
        !parse_number(args.back(), &v, &error))
      return error;
    return w ? set_weight(l, o, i, v) : set_bias(l, o, v);
  }
  if (key.empty()) return text::T("lessonview.error.empty_key");
  if (key == "x" || key == "y" || ((key[0] == 'w' || key[0] == 'b') && key.size() == 2)) return set_vector(key, value);
  if (key.size() == 2 && (key[0] == 'x' || key[0] == 'y')) {  // x1 10, y2 0.99
    const bool x = key[0] == 'x';
    int i;
    float v;
    if (!parse_index(key.substr(1), static_cast<int>(x ? scenario_.x.size() : std::max<size_t>(1, scenario_.y.size())),
                     x ? "lessonview.index.input" : "lessonview.index.output", &i, &error) ||
        !parse_number(value, &v, &error))
      return error;
    return x ? set_input(i, v) : set_target(i, v);
  }
  if (key == "loss") {
    Loss loss;
    if (!parse_loss(value, &loss))
      return text::tr("lessonview.error.loss_got",
                      {{"key", "loss"}, {"a", "half-sse"}, {"b", "mse"}, {"c", "bce"}, {"value", std::string(value)}});
    return loss == scenario_.loss ? "" : set_loss(loss);
  }
  if (key == "lr") {
    float v;
    if (!parse_number(value, &v, &error)) return error;
    return set_learning_rate(v);
  }
  if (key == "act" || key == "acts") {  // "act 2 sigmoid" or "acts relu,sigmoid"
    if (key == "act" && args.size() != 2)
      return text::tr("lessonview.usage", {{"usage", "set act LAYER relu|leaky-relu|sigmoid|tanh|identity|softmax"}});
    std::vector<std::string_view> names = key == "act" ? std::vector<std::string_view>{args[1]} : args;
    if (key == "acts" && static_cast<int>(names.size()) != m.layer_count())
      return text::tr("lessonview.error.acts_count", {{"key", "acts"}, {"count", std::to_string(m.layer_count())}});
    for (size_t k = 0; k < names.size(); ++k) {
      int l = static_cast<int>(k);
      if (key == "act" && !parse_index(args[0], m.layer_count(), "lessonview.index.layer", &l, &error)) return error;
      Activation act;
      if (!parse_activation(names[k], &act) || act == Activation::step)
        return text::tr("lessonview.error.unknown_activation",
                        {{"name", std::string(names[k])}, {"choices", "relu, leaky-relu, sigmoid, tanh, identity, softmax"}});
      if (scenario_.mlp.layer(l).activation != act)
        if (std::string e = set_activation(l, act); !e.empty()) return e;
    }
    return "";
  }
  if (key == "net") {  // "3-4-2"
    std::vector<int> sizes;
    std::string_view rest = value;
    while (!rest.empty()) {
      const size_t dash = rest.find('-');
      int n;
      // the MNIST output layer takes a whole hidden layer (up to what a trace writes out)
      const int most = is_output_layer() ? kMaxTraceWidth : kMaxCustomNeurons;
      if (!parse_index(rest.substr(0, dash), most, "lessonview.index.size", &n, &error)) return error;
      sizes.push_back(n + 1);
      rest = dash == std::string_view::npos ? std::string_view() : rest.substr(dash + 1);
    }
    if (static_cast<int>(sizes.size()) > kMaxCustomLayers + 1)
      return text::tr("lessonview.error.too_many_layers", {{"count", std::to_string(kMaxCustomLayers)}});
    if ((is_custom() || is_output_layer()) && shape_text(m) == value) return "";
    return set_shape(sizes);
  }
  if (key == "seed") {
    long long s;
    if (!parse_integer(value, 0, 4294967295LL, &s))
      return text::tr("lessonview.error.seed", {{"key", "seed"}, {"range", "0..4294967295"}});
    if (!is_custom()) return text::tr("lessonview.error.randomize", {{"command", "randomize"}});
    return uint64_t(s) == seed_ ? "" : randomize(uint64_t(s));
  }
  if (key == "step") {
    int n;
    if (!parse_index(value, std::max(1, step_count()), "lessonview.index.step", &n, &error)) return error;
    go_to(n);
    return "";
  }
  if (key == "speed") {
    float v;
    if (!parse_number(value, &v, &error)) return error;
    if (v < 0.1f || v > 20) return text::tr("lessonview.error.speed", {{"key", "speed"}});
    speed = v;
    return "";
  }
  return text::tr("lessonview.error.unknown_key", {{"key", std::string(key)},
                                                   {"keys", "lesson, x, w, b, w1…, b1…, y, loss, lr, act, net, seed, "
                                                            "step, speed"}});
}

std::optional<std::string> LessonSession::command(std::string_view verb, std::string_view args) {
  args = trim_spaces(args);
  if (verb == "step") {
    if (args == "next") go_to(step_ + 1);
    else if (args == "prev" || args == "previous") go_to(step_ - 1);
    else if (args == "first") go_to(0);
    else if (args == "last") go_to(step_count() - 1);
    else if (args == "all") show_all = true;
    else if (args == "current") show_all = false;
    else return set("step", args);
    return "";
  }
  if (verb == "lesson") return set("lesson", args);
  if (verb == "undo") return undo() ? "" : text::T("lessonview.error.nothing_to_undo");
  if (verb == "play") {
    if (!args.empty())
      if (std::string e = set("speed", args); !e.empty()) return e;
    if (step_ >= step_count() - 1) go_to(0);
    playing = true;
    play_clock_ = 0;
    return "";
  }
  if (verb == "pause") {
    playing = false;
    return "";
  }
  if (verb == "randomize" || verb == "randomise") {
    if (args.empty()) return randomize(seed_ + 1);
    return set("seed", args);
  }
  return std::nullopt;
}

void LessonSession::append_link(std::string* link) const {
  link->append("&lesson=").append(id_);
  const Mlp& m = scenario_.mlp;
  if (is_custom()) {
    link->append("&net=").append(shape_text(m)).append("&acts=");
    for (int l = 0; l < m.layer_count(); ++l) link->append(l ? "," : "").append(activation_name(m.layer(l).activation));
  }
  if (is_output_layer()) link->append("&net=").append(shape_text(m));
  if (!editable()) return;
  append_link_numbers(link, "x", scenario_.x);
  for (int l = 0; l < m.layer_count(); ++l) {
    append_link_numbers(link, "w" + std::to_string(l + 1), m.weights(l));
    append_link_numbers(link, "b" + std::to_string(l + 1), m.bias(l));
  }
  if (!scenario_.y.empty()) {
    append_link_numbers(link, "y", scenario_.y);
    link->append("&loss=").append(loss_name(scenario_.loss));
    link->append("&lr=").append(float_to_text(scenario_.learning_rate));
  }
  link->append("&step=").append(std::to_string(step_ + 1));
}

void LessonSession::state(nlohmann::json* out) const {
  using nlohmann::json;
  const Mlp& m = scenario_.mlp;
  json steps = json::array();
  for (const Step& s : lesson_.steps)
    steps.push_back({{"kind", step_kind_name(s.kind)},
                     {"layer", s.layer},
                     {"neuron", s.neuron},
                     {"input", s.input},
                     {"symbolic", s.symbolic},
                     {"substituted", s.substituted},
                     {"explanation", s.explanation},
                     {"values", s.values}});
  json layers = json::array();
  for (int l = 0; l < m.layer_count(); ++l) {
    const LayerSpec& spec = m.layer(l);
    json layer = {{"inputs", spec.inputs},
                  {"outputs", spec.outputs},
                  {"activation", activation_name(spec.activation)},
                  {"parameters", m.weights(l).size() + m.bias(l).size()}};
    if (traced_) {
      layer["w"] = rows(m.weights(l), spec.outputs, spec.inputs);
      layer["b"] = std::vector<float>(m.bias(l).begin(), m.bias(l).end());
      layer["z"] = std::vector<float>(trace_.ws.z(l).begin(), trace_.ws.z(l).end());
      layer["a"] = std::vector<float>(trace_.ws.a(l).begin(), trace_.ws.a(l).end());
      if (trace_.has_target()) {
        layer["delta"] = std::vector<float>(trace_.ws.delta(l).begin(), trace_.ws.delta(l).end());
        layer["dw"] = rows(trace_.mlp.dweights(l), spec.outputs, spec.inputs);
        layer["db"] = std::vector<float>(trace_.mlp.dbias(l).begin(), trace_.mlp.dbias(l).end());
      }
      if (trace_.has_update()) {
        layer["w_after"] = rows(trace_.updated.weights(l), spec.outputs, spec.inputs);
        layer["b_after"] = std::vector<float>(trace_.updated.bias(l).begin(), trace_.updated.bias(l).end());
      }
    }
    layers.push_back(std::move(layer));
  }
  *out = {{"lesson", id_},
          {"title", lesson_.title},
          {"step", step_},
          {"step_number", step_ + 1},
          {"step_count", step_count()},
          {"show_all", show_all},
          {"playing", playing},
          {"speed", speed},
          {"steps", std::move(steps)},
          {"layers", std::move(layers)},
          {"shape", shape_text(m)},
          {"parameters", m.parameter_count()},
          {"editable", editable()},
          {"undo_depth", undo_depth()},
          {"error", error_}};
  if (const Step* c = current())
    (*out)["current"] = {{"kind", step_kind_name(c->kind)}, {"substituted", c->substituted}, {"values", c->values}};
  if (traced_) {
    (*out)["x"] = scenario_.x;
    const std::span<const float> y_hat = trace_.ws.a(m.layer_count() - 1);
    (*out)["output"] = std::vector<float>(y_hat.begin(), y_hat.end());
  }
  if (!scenario_.y.empty()) {
    (*out)["y"] = scenario_.y;
    (*out)["loss"] = loss_name(scenario_.loss);
    (*out)["learning_rate"] = scenario_.learning_rate;
    if (traced_) {
      (*out)["loss_before"] = trace_.loss_value;
      (*out)["loss_after"] = trace_.loss_after;
    }
  }
  if (is_custom()) (*out)["seed"] = seed_;
}

}  // namespace nnlab::app
