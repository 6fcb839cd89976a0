// LessonSession: the editable lesson behind the Network and Backprop views (see lesson_session.h):
// loading, edits, undo and stepping. The text surface (set / command / link / state) is in
// lesson_session_text.cpp.
#include "app/lesson/lesson_session.h"
#include "core/shape_text.h"

#include <algorithm>
#include <cmath>

#include "lessons/builtin.h"
#include "text/text.h"

namespace nnlab::app {
namespace {

constexpr size_t kMaxUndo = 200;
// Bigger networks (the MNIST anatomy) are not put in links; the Playground's largest (7 inputs,
// 8 × 16 hidden, 4 outputs: 2,100 parameters) still is, for its hand calculation.
constexpr size_t kMaxLinkParams = 2200;

Scenario custom_start(uint64_t seed) {
  const LayerSpec layers[] = {{3, 4, Activation::relu}, {4, 2, Activation::sigmoid}};
  Scenario s;
  custom_scenario(3, layers, seed, &s, nullptr);
  return s;
}

Scenario starting_scenario(std::string_view id, uint64_t seed) {
  if (id == "custom") return custom_start(seed);
  const BuiltinLesson* b = find_builtin_lesson(id);
  return b ? b->scenario() : Scenario{};
}

bool build_lesson(const std::string& id, const Scenario& s, Lesson* out, std::string* error) {
  if (id == "custom") {
    if (!build_trace_lesson(s, TraceOptions{}, out, error)) return false;
    out->title = text::tr("lessonview.custom.title", {{"shape", shape_text(s.mlp)}});
    out->intro = text::tr("lessonview.custom.intro", {{"layers", std::to_string(kMaxCustomLayers)},
                                                      {"neurons", std::to_string(kMaxCustomNeurons)}});
  } else {
    const BuiltinLesson* b = find_builtin_lesson(id);
    if (!b) {
      if (error) *error = text::tr("lessonview.error.unknown_lesson", {{"id", id}});
      return false;
    }
    if (!b->build(s, out, error)) return false;
  }
  out->id = id;
  return true;
}

struct StepKey {
  StepKind kind;
  int layer, neuron, input, occurrence;
};

StepKey key_of(const Lesson& lesson, int index) {
  const Step& s = lesson.steps[index];
  int occurrence = 0;
  for (int k = 0; k < index; ++k) {
    const Step& t = lesson.steps[k];
    occurrence += t.kind == s.kind && t.layer == s.layer && t.neuron == s.neuron && t.input == s.input;
  }
  return {s.kind, s.layer, s.neuron, s.input, occurrence};
}

int find_key(const Lesson& lesson, const StepKey& key) {
  int occurrence = 0;
  for (int k = 0; k < static_cast<int>(lesson.steps.size()); ++k) {
    const Step& t = lesson.steps[k];
    if (t.kind == key.kind && t.layer == key.layer && t.neuron == key.neuron && t.input == key.input &&
        occurrence++ == key.occurrence)
      return k;
  }
  return -1;
}

// Same network, numbers and settings: re-applying a link or typing the same value is no edit.
bool same(const Scenario& a, const Scenario& b) {
  if (a.mlp.layer_count() != b.mlp.layer_count() || a.x != b.x || a.y != b.y || a.loss != b.loss ||
      a.learning_rate != b.learning_rate)
    return false;
  for (int l = 0; l < a.mlp.layer_count(); ++l)
    if (a.mlp.layer(l).inputs != b.mlp.layer(l).inputs || a.mlp.layer(l).outputs != b.mlp.layer(l).outputs ||
        a.mlp.layer(l).activation != b.mlp.layer(l).activation)
      return false;
  return std::equal(a.mlp.params().begin(), a.mlp.params().end(), b.mlp.params().begin());
}

}  // namespace

LessonSession::LessonSession(std::vector<LessonChoice> choices) : choices_(std::move(choices)) {
  load(choices_.front().id);
}

bool LessonSession::editable() const { return scenario_.mlp.parameter_count() <= kMaxLinkParams && traced_; }

std::string LessonSession::load(std::string_view id) {
  const bool offered = std::any_of(choices_.begin(), choices_.end(), [&](const LessonChoice& c) { return id == c.id; });
  if (!offered) {
    std::string known;
    for (const LessonChoice& c : choices_) known += std::string(known.empty() ? "" : ", ") + c.id;
    return text::tr("lessonview.error.lesson_not_here", {{"id", std::string(id)}, {"choices", known}});
  }
  Scenario s = starting_scenario(id, seed_);
  Lesson lesson;
  std::string error;
  if (!build_lesson(std::string(id), s, &lesson, &error)) return error;
  id_ = std::string(id);
  scenario_ = std::move(s);
  lesson_ = std::move(lesson);
  traced_ = run_core_trace(scenario_, &trace_, nullptr);
  undo_.clear();
  pending_.reset();
  step_ = 0;
  playing = false;
  error_.clear();
  return "";
}

// Input names are part of the starting scenario and written in the language of the moment: the
// current scenario and every undo step take the names of the current language.
void LessonSession::rebuild_texts() {
  const std::vector<std::string> names = starting_scenario(id_, seed_).input_names;
  auto rename = [&](Scenario& s) {
    if (names.size() == s.input_names.size()) s.input_names = names;
  };
  rename(scenario_);
  for (Scenario& s : undo_) rename(s);
  if (pending_) rename(*pending_);
  Lesson lesson;
  std::string error;
  if (build_lesson(id_, scenario_, &lesson, &error)) lesson_ = std::move(lesson);
}

std::string LessonSession::apply(Scenario next, bool undoable) {
  if (same(next, scenario_)) return "";
  Lesson lesson;
  std::string error;
  if (!build_lesson(id_, next, &lesson, &error)) return error;
  std::optional<StepKey> key;
  if (step_ < step_count()) key = key_of(lesson_, step_);
  if (undoable || pending_) {  // a gesture's first change pushes the state before the gesture
    undo_.push_back(undoable ? scenario_ : std::move(*pending_));
    pending_.reset();
    if (undo_.size() > kMaxUndo) undo_.erase(undo_.begin());
  }
  scenario_ = std::move(next);
  lesson_ = std::move(lesson);
  traced_ = run_core_trace(scenario_, &trace_, nullptr);
  const int found = key ? find_key(lesson_, *key) : -1;
  step_ = found >= 0 ? found : std::clamp(step_, 0, std::max(0, step_count() - 1));
  return "";
}

void LessonSession::begin_edit() { pending_ = scenario_; }

bool LessonSession::undo() {
  if (undo_.empty()) return false;
  Scenario previous = std::move(undo_.back());
  undo_.pop_back();
  pending_.reset();
  return apply(std::move(previous), false).empty();
}

std::string LessonSession::set_weight(int l, int o, int i, float v, bool undoable) {
  if (!editable()) return text::T("lessonview.error.weights_fixed");
  const Mlp& m = scenario_.mlp;
  if (l < 0 || l >= m.layer_count() || o < 0 || o >= m.layer(l).outputs || i < 0 || i >= m.layer(l).inputs)
    return text::tr("lessonview.error.no_weight", {{"name", "W(" + std::to_string(l + 1) + ")[" + std::to_string(o + 1) +
                                                                "][" + std::to_string(i + 1) + "]"},
                                                   {"shape", shape_text(m)}});
  Scenario next = scenario_;
  next.mlp.weights(l)[o * m.layer(l).inputs + i] = v;
  return apply(std::move(next), undoable);
}

std::string LessonSession::set_bias(int l, int o, float v, bool undoable) {
  if (!editable()) return text::T("lessonview.error.biases_fixed");
  const Mlp& m = scenario_.mlp;
  if (l < 0 || l >= m.layer_count() || o < 0 || o >= m.layer(l).outputs)
    return text::tr("lessonview.error.no_bias",
                    {{"name", "b(" + std::to_string(l + 1) + ")[" + std::to_string(o + 1) + "]"}, {"shape", shape_text(m)}});
  Scenario next = scenario_;
  next.mlp.bias(l)[o] = v;
  return apply(std::move(next), undoable);
}

std::string LessonSession::set_input(int i, float v, bool undoable) {
  if (!editable()) return text::T("lessonview.error.inputs_fixed");
  if (i < 0 || i >= static_cast<int>(scenario_.x.size()))
    return text::tr("lessonview.error.no_input", {{"name", "x" + std::to_string(i + 1)}});
  Scenario next = scenario_;
  next.x[i] = v;
  return apply(std::move(next), undoable);
}

std::string LessonSession::set_target(int k, float v, bool undoable) {
  if (scenario_.y.empty()) return text::T("lessonview.error.no_target");
  if (k < 0 || k >= static_cast<int>(scenario_.y.size()))
    return text::tr("lessonview.error.no_target_k", {{"name", "y" + std::to_string(k + 1)}});
  if (scenario_.loss == Loss::bce && (v < 0 || v > 1)) return text::T("lessonview.error.bce_target");
  Scenario next = scenario_;
  next.y[k] = v;
  return apply(std::move(next), undoable);
}

std::string LessonSession::set_loss(Loss loss) {
  if (scenario_.y.empty()) return text::T("lessonview.error.no_loss");
  if (loss != Loss::half_sse && loss != Loss::mse && loss != Loss::bce)
    return text::tr("lessonview.error.loss", {{"key", "loss"}, {"a", "half-sse"}, {"b", "mse"}, {"c", "bce"}});
  if (loss == Loss::bce)
    for (float y : scenario_.y)
      if (y < 0 || y > 1) return text::T("lessonview.error.bce_targets");
  Scenario next = scenario_;
  next.loss = loss;
  return apply(std::move(next), true);
}

std::string LessonSession::set_learning_rate(float lr, bool undoable) {
  if (scenario_.y.empty()) return text::T("lessonview.error.no_learning");
  if (!(lr >= 0 && lr <= 100)) return text::T("lessonview.error.lr_range");
  Scenario next = scenario_;
  next.learning_rate = lr;
  return apply(std::move(next), undoable);
}

std::string LessonSession::set_activation(int l, Activation act) {
  if (!is_custom()) return text::T("lessonview.error.activation_fixed");
  if (act == Activation::softmax && l != scenario_.mlp.layer_count() - 1) return text::T("lessonview.error.softmax_last");
  Scenario next = scenario_;
  std::string error;
  if (!set_layer_activation(&next, l, act, &error)) return error;
  return apply(std::move(next), true);
}

std::string LessonSession::set_shape(std::span<const int> sizes) {
  if (is_output_layer()) {  // H inputs (a hidden layer), C outputs
    if (sizes.size() != 2)
      return text::tr("lessonview.error.output_layer_shape", {{"syntax", "INPUTS-CLASSES"}, {"example", "16-10"}});
    Scenario next = scenario_;
    const LayerSpec spec[] = {{sizes[0], sizes[1], Activation::softmax}};
    std::string error;
    if (!next.mlp.build(spec, &error)) return error;
    next.mlp.init_params(seed_);
    next.x.resize(size_t(sizes[0]), 0.0f);
    return apply(std::move(next), true);
  }
  if (!is_custom()) return text::T("lessonview.error.shape_fixed");
  if (sizes.size() < 2) return text::tr("lessonview.error.shape_short", {{"example", "3-4-2"}});
  std::vector<LayerSpec> layers;
  const int old_layers = scenario_.mlp.layer_count();
  for (size_t l = 1; l < sizes.size(); ++l) {
    const int L = static_cast<int>(l) - 1;
    const bool last = l + 1 == sizes.size();
    Activation act = last ? Activation::sigmoid : Activation::relu;
    if (L < old_layers - 1 && !last) act = scenario_.mlp.layer(L).activation;
    if (last) act = scenario_.mlp.layer(old_layers - 1).activation;
    layers.push_back({0, sizes[l], act});
  }
  Scenario next;
  std::string error;
  if (!custom_scenario(sizes[0], layers, seed_, &next, &error)) return error;
  for (size_t i = 0; i < next.x.size() && i < scenario_.x.size(); ++i) next.x[i] = scenario_.x[i];
  return apply(std::move(next), true);
}

std::string LessonSession::randomize(uint64_t seed) {
  if (!is_custom()) return text::tr("lessonview.error.randomize", {{"command", "randomize"}});
  seed_ = seed;
  Scenario next = scenario_;
  next.mlp.init_params(seed);
  return apply(std::move(next), true);
}

void LessonSession::go_to(int step) {
  step_ = std::clamp(step, 0, std::max(0, step_count() - 1));
  if (step_ >= step_count() - 1) playing = false;
}

void LessonSession::tick(float dt) {
  if (!playing) return;
  play_clock_ += dt * speed;
  while (play_clock_ >= 1.0f && playing) {
    play_clock_ -= 1.0f;
    go_to(step_ + 1);
  }
}

}  // namespace nnlab::app
