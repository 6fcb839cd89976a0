// builtin.h — the built-in lessons: their starting scenarios and their lesson builders.
//
// Each lesson = a Scenario (network, input, optional target) + a builder that turns the CURRENT
// scenario into steps. The app keeps a Scenario, lets the learner edit any number, and calls the
// builder again; the CLI calls build_builtin_lesson(id, …) with the starting scenario.
//
//   id                 network (docs/worked-examples.md)               builder
//   umbrella           2-1 ReLU, x = [10 °C, rain 1]                    umbrella_lesson
//   coat               3-2-1 ReLU/sigmoid, x = [10, 1, 1]               coat_lesson
//   two-by-two         2-2 ReLU, x = [1, 2]                             two_by_two_lesson
//   backprop-coat      the coat network, target 1, ½Σ(y−ŷ)², η = 0.5    backprop_lesson
//   backprop-sigmoid   2-2-2 sigmoid (Mazur's worked example), η = 0.5  backprop_lesson
//   backprop-softmax   2-3-3 softmax + cross-entropy, δ = ŷ − y, η = 0.5 backprop_lesson
//   mnist-anatomy      784-16-16-10 (+ 784-30-10, 784-128-10)           anatomy_lesson
// All builders share the generic builder of trace.h and add their own text on top.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lessons/lesson.h"

namespace nnlab {

// ---- starting scenarios -------------------------------------------------------------------------
Scenario umbrella_scenario(Activation activation = Activation::relu);  // relu | sigmoid | tanh | step | …
Scenario coat_scenario();                                              // no target (forward lesson)
Scenario backprop_coat_scenario();  // target y = 1 ("wear a coat"), half-sse, η = 0.5
Scenario two_by_two_scenario();
Scenario backprop_sigmoid_scenario();  // x = [0.05, 0.1], y = [0.01, 0.99], half-sse, η = 0.5
Scenario backprop_softmax_scenario();  // 2-3-3 ReLU/softmax, x = [1, 2], class 2 of 3, cross-entropy, η = 0.5
Scenario mnist_anatomy_scenario();     // 784-16-16-10 (ReLU, ReLU, softmax), x = 784 zeros
Scenario mnist_output_scenario();      // a 16 → 10 softmax layer; the MNIST lab sends its own

// ---- builders: false + *error when the scenario cannot be traced (sizes, NaN, …) ---------------
// Every text (and error) in the current language (text/text.h): build again after a change of it.
bool umbrella_lesson(const Scenario& s, Lesson* out, std::string* error);
bool coat_lesson(const Scenario& s, Lesson* out, std::string* error);
bool two_by_two_lesson(const Scenario& s, Lesson* out, std::string* error);
bool backprop_lesson(const Scenario& s, Lesson* out, std::string* error);      // needs a target
bool anatomy_lesson(const Scenario& s, Lesson* out, std::string* error);       // any size (shapes only)
bool mnist_output_lesson(const Scenario& s, Lesson* out, std::string* error);  // one softmax layer

// ---- registry (CLI `trace NAME`, the app's lesson list, deep links) ----------------------------
struct BuiltinLesson {
  const char*
      id;  // "umbrella", "coat", "two-by-two", "backprop-coat", "backprop-sigmoid", "mnist-anatomy", "mnist-output"
  const char* title_key;                                  // its title for menus, in the string tables
  Scenario (*scenario)();                                 // the starting situation
  bool (*build)(const Scenario&, Lesson*, std::string*);  // steps for the current situation
  const char* title() const;                              // the title in the current language
};
std::span<const BuiltinLesson> builtin_lessons();
const BuiltinLesson* find_builtin_lesson(std::string_view id);  // nullptr if unknown
// The lesson `id` on its starting scenario; false + "unknown lesson …" for an unknown id.
bool build_builtin_lesson(std::string_view id, Lesson* out, std::string* error);

// The names of a built-in lesson's inputs in the current language ({"temperature, °C", "rain, 1 =
// yes", …} for umbrella, coat and backprop-coat; empty for the others). A scenario gets them when it
// is made; a view that keeps a scenario across a change of language can refresh them from here.
// The umbrella and coat lessons always write their steps with these (current-language) names.
std::vector<std::string> builtin_input_names(std::string_view id);
// `names` with every built-in input name, in either language, in the current one (others as given).
std::vector<std::string> translated_input_names(const std::vector<std::string>& names);

// ---- "your own network" ------------------------------------------------------------------------
// Big enough for every network the Playground builds (7 inputs, 8 hidden layers of 16, an output
// layer), whose "hand calculation" opens this lesson.
inline constexpr int kMaxCustomLayers = 9;    // layers with weights
inline constexpr int kMaxCustomNeurons = 16;  // inputs and neurons per layer

// A network with `inputs` inputs and one layer per entry of `layers` (neurons, activation),
// weights from init_params(seed), input x = 1s, no target. Sizes limited to the constants above.
bool custom_scenario(int inputs, std::span<const LayerSpec> layers, uint64_t seed, Scenario* out, std::string* error);
// Changes one layer's activation, keeping every weight and bias (the activation switch).
bool set_layer_activation(Scenario* s, int layer, Activation activation, std::string* error);

}  // namespace nnlab
