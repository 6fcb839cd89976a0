// A lesson the learner can edit, without any drawing: the scenario (network, input, target), the
// steps rebuilt from the core after every edit, the current step, undo, play, and the text surface
// (set / command / link / state) that the Network and Backprop views share. Tests drive it directly.
//
// Indices in commands and links count from 1, as the screen prints them: W⁽¹⁾₁₂ is
// `set w 1 1 2 0.25` (layer 1, neuron 1, input 2) and the link key `w1` holds W⁽¹⁾ row by row.
//
//   set keys      x 10,1,1 | x1 10 | w L O I V | b L O V | wL v,v,… | bL v,… | y 1 | loss half-sse|bce
//                 lr 0.5 | act L relu | net 3-4-2 | seed 7 | step N | speed 2 | lesson ID
//   commands      step next|prev|first|last|all|N · lesson ID · undo · play [speed] · pause
//                 randomize [seed] (your own network)
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "data/number_text.h"
#include "lessons/lesson.h"
#include "lessons/trace.h"

namespace nnlab::app {

struct LessonChoice {
  const char* id;     // "coat", "two-by-two", "custom", "mnist-anatomy", "backprop-coat", …
  const char* label;  // for the picker: a key of the string tables ("lessonview.lesson.coat")
};

class LessonSession {
 public:
  // The lessons this session offers (the first is loaded).
  explicit LessonSession(std::vector<LessonChoice> choices);

  // ---- the lesson ------------------------------------------------------------------------------
  std::string load(std::string_view id);  // the lesson's starting scenario; "" or an error
  const std::vector<LessonChoice>& choices() const { return choices_; }
  const std::string& id() const { return id_; }
  const Scenario& scenario() const { return scenario_; }
  const Lesson& lesson() const { return lesson_; }
  const CoreTrace* trace() const { return traced_ ? &trace_ : nullptr; }  // nullptr: too big to trace
  bool editable() const;  // small enough to edit weights and links (not the MNIST anatomy)
  bool is_custom() const { return id_ == "custom"; }
  // The MNIST lab's output layer: one softmax layer whose shape ("16-10", up to kMaxTraceWidth
  // inputs) comes with the lab's link.
  bool is_output_layer() const { return id_ == "mnist-output"; }
  const std::string& error() const { return error_; }
  // Rebuilds the lesson's texts (and the input names) in the current language: the same scenario,
  // step and undo history.
  void rebuild_texts();

  // ---- stepping --------------------------------------------------------------------------------
  int step() const { return step_; }
  int step_count() const { return static_cast<int>(lesson_.steps.size()); }
  const Step* current() const { return step_ < step_count() ? &lesson_.steps[step_] : nullptr; }
  void go_to(int step);
  bool show_all = false;  // the list shows the steps after the current one too
  bool playing = false;
  float speed = 1.0f;   // steps per second while playing
  void tick(float dt);  // advances while playing; stops at the last step

  // ---- edits: "" or a readable error (then nothing changed). A drag or a typed value calls
  // begin_edit() when the widget activates and then the setters with undoable = false: the whole
  // gesture is one undo step (and a gesture that changed nothing leaves none).
  void begin_edit();
  std::string set_weight(int l, int o, int i, float v, bool undoable = true);
  std::string set_bias(int l, int o, float v, bool undoable = true);
  std::string set_input(int i, float v, bool undoable = true);
  std::string set_target(int k, float v, bool undoable = true);
  std::string set_loss(Loss loss);
  std::string set_learning_rate(float lr, bool undoable = true);
  std::string set_activation(int l, Activation act);
  std::string set_shape(std::span<const int> sizes);  // your own network: inputs, then layer sizes
  std::string randomize(uint64_t seed);
  uint64_t seed() const { return seed_; }
  bool undo();
  int undo_depth() const { return static_cast<int>(undo_.size()); }

  // ---- the text surface --------------------------------------------------------------------------
  std::string set(std::string_view key, std::string_view value);
  std::optional<std::string> command(std::string_view verb, std::string_view args);
  void append_link(std::string* link) const;
  void state(nlohmann::json* out) const;

 private:
  std::string rebuild(const Scenario& previous, bool undoable);  // keeps the current step
  std::string apply(Scenario next, bool undoable);
  std::string set_vector(std::string_view key, std::string_view value);

  std::vector<LessonChoice> choices_;
  std::string id_;
  Scenario scenario_;
  Lesson lesson_;
  CoreTrace trace_;
  bool traced_ = false;
  std::string error_;
  int step_ = 0;
  float play_clock_ = 0;
  uint64_t seed_ = 1;
  std::vector<Scenario> undo_;       // oldest first, at most kMaxUndo
  std::optional<Scenario> pending_;  // begin_edit()'s snapshot, pushed by the edit's first change
};

}  // namespace nnlab::app
