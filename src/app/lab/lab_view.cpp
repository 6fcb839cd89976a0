// The MNIST lab view: settings, data, files and the scripting surface (drawing: lab_view_draw.cpp).
#include "app/lab/lab_view.h"
#include "core/shape_text.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <span>

#include "app/common/host.h"
#include "app/common/link.h"
#include "app/views.h"
#include "data/mnist_embedded.h"
#include "data/number_text.h"
#include "lessons/number_format.h"
#include "lessons/trace.h"
#include "text/text.h"

namespace nnlab::app {
namespace {

using text::T;
using text::tr;

constexpr int kPadSide = 28;
#ifndef __EMSCRIPTEN__
constexpr const char* kFashionDir = "/usr/share/datasets/fashion-mnist";
// Fashion-MNIST's labels 0–9 (Zalando's README: T-shirt/top, Trouser, … Ankle boot).
[[maybe_unused]] constexpr const char* kFashionClasses[] = {
    "lab.fashion.0", "lab.fashion.1", "lab.fashion.2", "lab.fashion.3", "lab.fashion.4",
    "lab.fashion.5", "lab.fashion.6", "lab.fashion.7", "lab.fashion.8", "lab.fashion.9"};
#endif

// "MNIST (embedded: 7,996 train / 2,004 test)", from the pack's own counts.
lab::Message embedded_title(const IdxDataset& d) {
  return lab::Message("lab.data.embedded", {{"train", format_number(d.train.labels.count)},
                                            {"test", format_number(d.test.labels.count)}});
}

std::span<const uint8_t> as_bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace

LabView::LabView() : lab_(host::training_remote()) {  // the page's Web Worker; none on the desktop
  const std::string stored = host::load_setting("mnist");
  if (!stored.empty()) {
    std::string error;
    bool kept = false;
    if (!lab::settings_from_text(stored, {784, kMnistClasses}, &settings_, &error, &kept))
      say(tr(kept ? "reliability.stored.kept_others" : "lab.stored.ignored", {{"error", error}}), true);
  }
  auto digits = std::make_shared<IdxDataset>();
  std::string error;
  if (load_embedded_mnist(digits.get(), &error)) {
    embedded_ = digits;
    use_data(embedded_title(*embedded_), embedded_);
  }
  // In the browser the page delivers the pack after the first frame (open_file).
}

// The output layer of this very network, worked by hand for the digit on the pad (else the
// selected test digit): a link into the Network view's lesson "mnist-output" carrying the layer's
// weights and biases and the last hidden layer's activations, all as the core computed them.
std::string LabView::hand_calculation() {
  if (!run_app_command) return tr("lab.hand.no_app", {{"lesson", "mnist-output"}});
  if (!lab_.has_model()) return T("lab.refuse.no_network");
  const Mlp& m = lab_.model();
  const int L = m.layer_count(), hidden = m.layer(L - 1).inputs;
  if (L < 2 || hidden > kMaxTraceWidth)
    return tr("lab.hand.too_wide", {{"arch", lab::arch_text(settings_.hidden, lab_.shape())},
                                    {"inputs", std::to_string(hidden)},
                                    {"max", std::to_string(kMaxTraceWidth)},
                                    {"a", "784-16-16-10"},
                                    {"b", "784-30-10"}});
  if (pad_has_digit_) {
    lab_.forward_one(pad_x_.data());
  } else {
    std::vector<float> x(size_t(lab_.inputs()));
    lab_.test_input(std::clamp(selected_digit_, 0, lab_.test_count() - 1), x.data());
    lab_.forward_one(x.data());
  }
  const int sizes[] = {hidden, lab_.classes()};
  std::string link = "link #view=network&lesson=mnist-output&net=" + shape_text(sizes);
  append_link_numbers(&link, "x", lab_.probe().a(L - 2).subspan(0, size_t(hidden)));
  append_link_numbers(&link, "w1", m.weights(L - 1));
  append_link_numbers(&link, "b1", m.bias(L - 1));
  link += "&step=1";
  return run_app_command(link);
}

void LabView::say(std::string message, bool error) {
  message_ = std::move(message);
  message_key_ = lab::Message();
  message_error_ = error;
}

void LabView::say(lab::Message message, bool error) {
  message_.clear();
  message_key_ = std::move(message);
  message_error_ = error;
}

std::string LabView::said() const { return message_key_.empty() ? message_ : lab::message_text(message_key_); }

void LabView::language_changed() {
  class_names_.clear();
  for (const char* key : class_keys_) class_names_.push_back(T(key));
}

void LabView::persist() const {
  nlohmann::json j;
  lab::settings_to_json(settings_, lab_.shape(), &j);
  host::store_setting("mnist", j.dump());
}

// A settings change: lr, batch and epochs apply to the running network; anything else builds a
// new one (the old one is gone, so the lab says so).
std::string LabView::change(const lab::Settings& next, bool live) {
  if (next == settings_) return "";
  if (lab_.has_data()) {
    const bool had_progress = lab_.steps() > 0;
    const std::string error = live ? lab_.apply_live(next) : lab_.rebuild(next);
    if (!error.empty()) return error;
    if (!live && had_progress) say(lab::Message("lab.new_network_setting"), false);
  }
  settings_ = next;
  persist();
  pad_weights_seen_ = -1;
  return "";
}

std::string LabView::use_data(lab::Message title, std::shared_ptr<const IdxDataset> data,
                              std::vector<const char*> class_keys) {
  // The session (and the worker, and saved model files) name the data in English: one name
  // whatever the language; the view shows data_title_ in the current one.
  // Data the settings cannot build a network for is refused before anything changes: the lab
  // keeps its data, its network and what it has learned.
  if (data && data->train.images.count > 0) {
    const int pixels = data->train.images.pixels_per_image();
    if (pixels > kMaxLayerSize)
      return text::tr("reliability.data.too_many_pixels",
                      {{"rows", std::to_string(data->train.images.rows)},
                       {"cols", std::to_string(data->train.images.cols)},
                       {"pixels", std::to_string(pixels)}, {"max", std::to_string(kMaxLayerSize)}});
    Mlp probe;
    lab::Message why;
    if (!lab::build_network(settings_, {data->train.images.rows * data->train.images.cols, kMnistClasses}, &probe, &why))
      return lab::message_text(why);
  }
  lab_.set_data(lab::message_text_in(text::Lang::en, title), std::move(data), kMnistClasses);
  data_title_ = std::move(title);
  class_keys_ = std::move(class_keys);
  language_changed();
  const std::string error = lab_.rebuild(settings_);
  if (!error.empty()) return error;
  selected_digit_ = 0;
  sel_truth_ = sel_pred_ = -1;
  pad_weights_seen_ = -1;
  return "";
}

std::string LabView::set(std::string_view key, std::string_view value) {
  lab::Settings next = settings_;
  bool live = false;
  const std::string error = lab::apply_setting(&next, key, value, lab_.shape(), &live);
  if (!error.empty()) return error;
  return change(next, live);
}

void LabView::append_link(std::string* link) const { lab::append_settings_link(settings_, lab_.shape(), link); }

// ---------------------------------------------------------------------------------------------
std::optional<std::string> LabView::command(std::string_view verb, std::string_view args) {
  if (verb == "train") return train(args);
  if (verb == "draw") return draw_command(args);
  if (verb == "save") {
    if (args == "replace") return save_model(true);
    if (!args.empty()) return tr("app.usage", {{"command", "save | save replace"}});
    return save_model();
  }
  if (verb == "export" && args == "python") return export_python();
  if (verb == "open") {
    if (!host::pick_files(".json,.gz,.idx3-ubyte,.idx1-ubyte,.ubyte", true)) return std::string(T("lab.open.no_dialog"));
    return std::string();
  }
  if (verb == "data") {
    if (args == "embedded") {
      if (!embedded_) return std::string(T("lab.data.embedded_loading"));
      return use_data(embedded_title(*embedded_), embedded_);
    }
    if (args == "fashion") {
#ifdef __EMSCRIPTEN__
      return std::string(T("lab.data.fashion_web"));
#else
      auto d = std::make_shared<IdxDataset>();
      std::string error;
      if (!load_idx_dir(kFashionDir, kMnistClasses, d.get(), &error))
        return tr("lab.data.fashion_missing", {{"package", "dataset-fashion-mnist"}, {"error", error}});
      lab::Message title("lab.data.fashion", {{"train", std::to_string(d->train.labels.count)},
                                              {"test", std::to_string(d->test.labels.count)}});
      return use_data(std::move(title), std::move(d), {std::begin(kFashionClasses), std::end(kFashionClasses)});
#endif
    }
    return lab::message_text(lab::Message(
        "lab.bad.two", {{"key", "data"}, {"a", "embedded"}, {"b", "fashion"}, {"value", std::string(args)}}));
  }
  if (verb == "select") {
    std::vector<float> v;
    std::string error;
    if (args.rfind("digit ", 0) == 0 && parse_numbers(args.substr(6), &v, &error) && v.size() == 1) {
      if (v[0] < 0 || v[0] >= float(lab_.test_count()) || v[0] != std::floor(v[0]))
        return tr("lab.select.digit_range", {{"command", "select digit"}, {"max", std::to_string(lab_.test_count() - 1)}});
      selected_digit_ = int(v[0]);
      inside_pad_ = false;
      return std::string();
    }
    if (args.rfind("cell ", 0) == 0 && parse_numbers(args.substr(5), &v, &error) && v.size() == 2) {
      if (v[0] < 0 || v[1] < 0 || v[0] >= float(lab_.classes()) || v[1] >= float(lab_.classes()))
        return tr("lab.select.cell_range",
                  {{"command", "select cell TRUE PREDICTED"}, {"max", std::to_string(lab_.classes() - 1)}});
      sel_truth_ = int(v[0]), sel_pred_ = int(v[1]);
      tab_ = kDigits, tab_forced_ = true;
      return std::string();
    }
    return tr("app.usage", {{"command", "select digit N | select cell TRUE PREDICTED"}});
  }
  if (verb == "tab") {
    const char* names[] = {"weights", "digits", "confusion", "inside", "search", "updates"};
    for (int t = 0; t < kTabs; ++t)
      if (args == names[t]) {
        tab_ = Tab(t), tab_forced_ = true;
        return std::string();
      }
    return lab::message_text(lab::Message(
        "lab.bad.one_of", {{"key", "tab"}, {"values", "weights, digits, confusion, inside, search, updates"},
                           {"value", std::string(args)}}));
  }
  if (verb == "budget") {
    double ms;
    if (!parse_real(args, &ms) || ms < 1 || ms > 100)
      return tr("lab.budget_usage", {{"command", "budget MS"}, {"lo", "1"}, {"hi", "100"}});
    budget_ms_ = ms;
    return std::string();
  }
  if (verb == "hand") return hand_calculation();
  if (verb == "search") return search_command(args);
  if (verb == "compare") return compare_command(args);
  if (verb == "timeline") return timeline_command(args);
  return std::nullopt;
}

std::string LabView::train(std::string_view what) {
  if (what == "start") return lab_.start();
  if (what == "pause") {
    lab_.pause();
    return "";
  }
  if (what == "step") return lab_.step();
  if (what == "reset") return reset();
  return tr("lab.usage_got", {{"command", "train start|pause|step|reset"}, {"value", std::string(what)}});
}

std::string LabView::draw_command(std::string_view args) {
  if (args == "clear") {
    pad_.clear();
    return "";
  }
  std::vector<float> v;
  std::string error;
  if (args.rfind("line ", 0) == 0 && parse_numbers(args.substr(5), &v, &error) && v.size() == 4) {
    pad_.begin_stroke(v[0], v[1]);
    for (int i = 1; i <= 16; ++i)
      pad_.add_point(v[0] + (v[2] - v[0]) * float(i) / 16, v[1] + (v[3] - v[1]) * float(i) / 16);
    return "";
  }
  return tr("lab.draw_usage", {{"command", "draw clear | draw line X0 Y0 X1 Y1"}});
}

std::string LabView::save_model(bool replace) {
  // Right after Pause (or Step) the page's copy of the weights is a snapshot behind the worker's:
  // save once the worker has answered, so the file holds the weights on screen after it.
  if (!lab_.in_sync()) {
    save_pending_ = true;
    save_replace_ = save_replace_ || replace;
    return "";
  }
  replace = replace || save_replace_;
  save_pending_ = save_replace_ = false;
  // A file saved before is replaced only when the learner says so: the first Save asks, the
  // next one (the button now says Replace, or "save replace") replaces it.
  if (!replace && !replace_asked_ && host::file_exists(kModelFileName)) {
    replace_asked_ = true;
    say(lab::Message("reliability.save.exists", {{"name", kModelFileName}, {"command", "save replace"}}), false);
    return "";
  }
  std::string text, where;
  std::string error = lab::model_file_text(lab_, settings_, &text);
  if (error.empty()) error = host::save_file(kModelFileName, text, &where, replace || replace_asked_);
  replace_asked_ = false;
  if (error.empty()) say(lab::Message("lab.saved", {{"where", where}}), false);
  return error;
}

// ---------------------------------------------------------------------------------------------
std::optional<std::string> LabView::open_file(const std::string& name, const std::string& bytes) {
  const lab::LabFileKind kind = lab::classify_lab_file(name, bytes);
  if (kind == lab::LabFileKind::unknown) return std::nullopt;
  if (kind == lab::LabFileKind::embedded_pack) {
    auto d = std::make_shared<IdxDataset>();
    std::string error;
    if (!parse_mnist_pack(as_bytes(bytes), name, d.get(), &error)) return error;
    embedded_ = d;
    if (!lab_.has_data()) return use_data(embedded_title(*embedded_), embedded_);
    return std::string();
  }
  if (kind == lab::LabFileKind::model) {
    Mlp model;
    lab::Settings next = settings_;
    std::string error = lab::read_model_file(name, bytes, lab_.shape(), &model, &next);
    if (error.empty()) error = lab_.adopt(model, next);
    if (!error.empty()) return error;
    settings_ = next;
    persist();
    pad_weights_seen_ = -1;
    say(lab::Message("lab.opened_model", {{"name", name}, {"arch", lab::arch_text(settings_.hidden, lab_.shape())}}),
        false);
    return std::string();
  }
  std::string error = idx_.add(name, bytes, kMnistClasses);
  if (!error.empty()) return error;
  if (!idx_.complete()) {
    say(lab::Message("lab.idx_got", {{"name", name}, {"files", idx_.missing()}}), false);
    return std::string();
  }
  auto d = std::make_shared<IdxDataset>();
  error = idx_.take(d.get());
  if (!error.empty()) return error;
  lab::Message title("lab.data.idx", {{"train", std::to_string(d->train.labels.count)},
                                      {"test", std::to_string(d->test.labels.count)}});
  error = use_data(title, std::move(d));
  if (error.empty()) say(lab::Message("lab.data.now", {{"data", title}}), false);
  return error;
}

// ---------------------------------------------------------------------------------------------
// The pad's digit through MNIST preprocessing and the network: when the ink changes, and every
// 200 ms while the weights change.
void LabView::update_prediction(bool force) {
  const bool square28 = lab_.inputs() == kPadSide * kPadSide;
  if (!lab_.has_model() || !square28) {
    pad_has_digit_ = false;
    return;
  }
  const double now = ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0;
  const bool ink = pad_.version() != pad_version_seen_;
  const bool weights = lab_.weights_version() != pad_weights_seen_ && now - pad_time_ > 0.2;
  if (!force && !ink && !weights) return;
  pad_input_.resize(size_t(kPadSide) * kPadSide);
  pad_x_.resize(size_t(lab_.inputs()));
  pad_has_digit_ = lab::mnist_preprocess(pad_.ink(), lab::DrawPad::kSide, lab::DrawPad::kSide, pad_input_.data());
  pad_version_seen_ = pad_.version();
  pad_weights_seen_ = lab_.weights_version();
  pad_time_ = now;
  if (!pad_has_digit_) {
    pad_probs_.clear();
    return;
  }
  lab_.normalise(pad_input_.data(), pad_x_.data());
  lab_.forward_one(pad_x_.data());
  const auto out = lab_.probe().a(lab_.model().layer_count() - 1);
  pad_probs_.assign(out.begin(), out.begin() + lab_.classes());
}

std::vector<int> LabView::shown_digits() const {
  std::vector<int> out;
  const auto& labels = lab_.data().test.labels.labels;
  const auto& pred = lab_.test_predictions();
  const bool known = !lab_.epochs().empty();
  for (int i = 0; i < lab_.test_count() && out.size() < 48; ++i) {
    if (sel_truth_ >= 0) {
      if (known && labels[size_t(i)] == sel_truth_ && pred[size_t(i)] == sel_pred_) out.push_back(i);
    } else if (!mistakes_only_ || (known && pred[size_t(i)] != labels[size_t(i)])) {
      out.push_back(i);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
void LabView::state(nlohmann::json* out) const {
  nlohmann::json settings;
  lab::settings_to_json(settings_, lab_.shape(), &settings);
  nlohmann::json history = nlohmann::json::array();
  for (const lab::EpochPoint& e : lab_.epochs())
    history.push_back({{"epoch", e.epoch},
                       {"train_loss", e.train_loss},
                       {"train_accuracy", e.train_accuracy},
                       {"test_loss", e.test_loss},
                       {"test_accuracy", e.test_accuracy}});
  nlohmann::json confusion = nullptr;
  if (!lab_.confusion().empty()) {
    confusion = nlohmann::json::array();
    const int C = lab_.classes();
    for (int t = 0; t < C; ++t)
      confusion.push_back(std::vector<int>(lab_.confusion().begin() + t * C, lab_.confusion().begin() + (t + 1) * C));
  }
  const std::string arch = lab_.has_model() ? shape_text(lab_.model()) : std::string();
  const int best = pad_probs_.empty()
                       ? -1
                       : int(std::max_element(pad_probs_.begin(), pad_probs_.end()) - pad_probs_.begin());
  *out = {
      {"data",
       {{"name", lab::message_text(data_title_)},
        {"ready", lab_.has_data()},
        {"train_count", lab_.train_count()},
        {"train_total", lab_.data().train.labels.count},
        {"test_count", lab_.test_count()},
        {"inputs", lab_.inputs()},
        {"classes", lab_.classes()},
        {"class_names", class_names_}}},
      {"settings", settings},
      {"architecture", arch},
      {"parameter_count", lab_.model().parameter_count()},
      {"training",
       {{"phase", lab::phase_name(lab_.phase())},
        {"trains_in", lab_.trains_remotely() ? "worker" : "frame"},
        {"running", lab_.phase() == lab::Phase::running},
        {"evaluating", lab_.evaluating()},
        {"epoch", lab_.epochs_done()},
        {"epoch_fraction", lab_.shown().epoch_fraction},
        {"step", lab_.steps()},
        {"samples_per_s", lab_.shown().samples_per_s},
        {"ms_per_step", lab_.shown().ms_per_step},
        {"eta_s", lab_.eta_s()},
        {"last_batch_loss", lab_.shown().last_loss},
        {"budget_ms", budget_ms_},
        {"frame_budget_ms", adaptive_ms_},
        {"message", lab_.message()},
        {"history", history}}},
      {"confusion", confusion},
      {"pad",
       {{"empty", pad_.empty()}, {"has_digit", pad_has_digit_}, {"prediction", best}, {"probabilities", pad_probs_}}},
      {"selected_cell", {sel_truth_, sel_pred_}},
      {"selected_digit", selected_digit_},
      {"shown_digits", shown_digits()},
      {"weight_uploads", pictures_.weight_uploads()},
      {"tab", std::array<const char*, kTabs>{"weights", "digits", "confusion", "inside", "search", "updates"}[tab_]},
      {"message", said()},
      {"message_is_error", message_error_},
  };
  deeper_state(out);
}

void LabView::release_gpu() { pictures_.release(); }

std::unique_ptr<View> make_lab_view() { return std::make_unique<LabView>(); }

}  // namespace nnlab::app
