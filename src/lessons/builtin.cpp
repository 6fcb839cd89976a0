// builtin.cpp — starting scenarios of the built-in lessons, the registry, "your own network".
// The numbers are the worked examples of docs/worked-examples.md.
#include "lessons/builtin.h"

#include <algorithm>
#include <initializer_list>
#include <vector>

#include "core/assert.h"
#include "text/text.h"

namespace nnlab {
namespace {

// A network with the given layers and parameters in the Mlp's flat layout (per layer W then b).
Mlp network(std::initializer_list<LayerSpec> layers, std::initializer_list<float> params) {
  Mlp mlp;
  const std::vector<LayerSpec> specs(layers);
  const bool ok = mlp.build(specs, nullptr);
  NNLAB_ASSERT(ok && params.size() == mlp.parameter_count());
  (void)ok;
  std::copy(params.begin(), params.end(), mlp.params().begin());
  return mlp;
}

}  // namespace

Scenario umbrella_scenario(Activation activation) {
  Scenario s;
  // z = w₁x₁ + w₂x₂ + b, w = [−0.5, 2], b = 1
  s.mlp = network({{2, 1, activation}}, {-0.5f, 2.0f, 1.0f});
  s.x = {10.0f, 1.0f};  // temperature 10 °C, raining
  s.input_names = builtin_input_names("umbrella");
  return s;
}

Scenario coat_scenario() {
  Scenario s;
  s.mlp = network({{3, 2, Activation::relu}, {2, 1, Activation::sigmoid}},
                  {-0.5f, 1.0f, 0.5f,  // W⁽¹⁾ row 1: cold and rain/wind → you may be cold
                   -1.0f, 0.5f, 0.5f,  // W⁽¹⁾ row 2: very cold → must wear one
                   0.0f, 1.0f,         // b⁽¹⁾
                   0.8f, -0.5f,        // W⁽²⁾
                   0.2f});             // b⁽²⁾
  s.x = {10.0f, 1.0f, 1.0f};           // temperature, rain, wind
  s.input_names = builtin_input_names("coat");
  return s;
}

Scenario backprop_coat_scenario() {
  Scenario s = coat_scenario();
  s.y = {1.0f};  // the right answer: wear a coat
  s.loss = Loss::half_sse;
  s.learning_rate = 0.5f;
  return s;
}

Scenario two_by_two_scenario() {
  Scenario s;
  s.mlp = network({{2, 2, Activation::relu}}, {0.5f, 0.3f, 0.4f, 0.6f, 0.1f, 0.2f});
  s.x = {1.0f, 2.0f};
  return s;
}

Scenario backprop_sigmoid_scenario() {
  // The classic worked example (M. Mazur, "A Step by Step Backpropagation Example", 2015):
  // 2-2-2, sigmoid everywhere, ½Σ(y−ŷ)², η = 0.5. Its published numbers: L = 0.298371109,
  // ∂L/∂W⁽²⁾₁₁ = 0.082167041, ∂L/∂W⁽¹⁾₁₁ = 0.000438568. After the step Mazur reports L =
  // 0.291027924 with the weights updated and the biases left alone; the lesson's step (the core's
  // SGD) updates the biases too and gets L = 0.2805. The lesson's intro says so (lesson_backprop.cpp).
  Scenario s;
  s.mlp = network({{2, 2, Activation::sigmoid}, {2, 2, Activation::sigmoid}},
                  {0.15f, 0.20f, 0.25f, 0.30f, 0.35f, 0.35f,    // W⁽¹⁾, b⁽¹⁾
                   0.40f, 0.45f, 0.50f, 0.55f, 0.60f, 0.60f});  // W⁽²⁾, b⁽²⁾
  s.x = {0.05f, 0.10f};
  s.y = {0.01f, 0.99f};
  s.loss = Loss::half_sse;
  s.learning_rate = 0.5f;
  return s;
}

Scenario mnist_anatomy_scenario() {
  Scenario s;
  const LayerSpec specs[] = {{784, 16, Activation::relu}, {16, 16, Activation::relu}, {16, 10, Activation::softmax}};
  const bool ok = s.mlp.build(specs, nullptr);
  NNLAB_ASSERT(ok);
  (void)ok;
  s.x.assign(784, 0.0f);
  s.loss = Loss::cross_entropy;
  return s;
}

std::vector<std::string> builtin_input_names(std::string_view id) {
  const bool umbrella = id == "umbrella", coat = id == "coat" || id == "backprop-coat";
  if (!umbrella && !coat) return {};
  std::vector<std::string> names = {text::T("lesson.input.temperature"), text::T("lesson.input.rain")};
  if (coat) names.push_back(text::T("lesson.input.wind"));
  return names;
}

std::vector<std::string> translated_input_names(const std::vector<std::string>& names) {
  static const char* const kKeys[] = {"lesson.input.temperature", "lesson.input.rain", "lesson.input.wind"};
  std::vector<std::string> out = names;
  for (std::string& name : out)
    for (const char* key : kKeys)
      for (text::Lang lang : text::kLangs)
        if (name == text::T_in(lang, key)) name = text::T(key);
  return out;
}

// ---------------------------------------------------------------------------------------------
const char* BuiltinLesson::title() const { return text::T(title_key); }

std::span<const BuiltinLesson> builtin_lessons() {
  static const BuiltinLesson kLessons[] = {
      {"umbrella", "lesson.menu.umbrella", [] { return umbrella_scenario(); }, umbrella_lesson},
      {"coat", "lesson.menu.coat", coat_scenario, coat_lesson},
      {"two-by-two", "lesson.menu.two_by_two", two_by_two_scenario, two_by_two_lesson},
      {"backprop-coat", "lesson.menu.backprop_coat", backprop_coat_scenario, backprop_lesson},
      {"backprop-sigmoid", "lesson.menu.backprop_sigmoid", backprop_sigmoid_scenario, backprop_lesson},
      {"backprop-softmax", "practice.menu.backprop_softmax", backprop_softmax_scenario, backprop_lesson},
      {"mnist-anatomy", "lesson.menu.mnist_anatomy", mnist_anatomy_scenario, anatomy_lesson},
      {"mnist-output", "lesson.menu.mnist_output", mnist_output_scenario, mnist_output_lesson},
  };
  return kLessons;
}

const BuiltinLesson* find_builtin_lesson(std::string_view id) {
  for (const BuiltinLesson& lesson : builtin_lessons())
    if (id == lesson.id) return &lesson;
  return nullptr;
}

bool build_builtin_lesson(std::string_view id, Lesson* out, std::string* error) {
  const BuiltinLesson* lesson = find_builtin_lesson(id);
  if (!lesson) {
    if (error) {
      std::string known;
      for (const BuiltinLesson& l : builtin_lessons()) known += std::string(known.empty() ? "" : " ") + l.id;
      *error = text::tr("lesson.error.unknown", {{"id", std::string(id)}, {"known", known}});
    }
    return false;
  }
  if (!lesson->build(lesson->scenario(), out, error)) return false;
  out->id = lesson->id;
  return true;
}

// ---------------------------------------------------------------------------------------------
bool custom_scenario(int inputs, std::span<const LayerSpec> layers, uint64_t seed, Scenario* out, std::string* error) {
  auto fail = [&](std::string message) {
    if (error) *error = std::move(message);
    return false;
  };
  const std::string most = std::to_string(kMaxCustomNeurons);
  if (inputs < 1 || inputs > kMaxCustomNeurons) return fail(text::tr("lesson.error.custom_inputs", {{"most", most}}));
  if (layers.empty() || static_cast<int>(layers.size()) > kMaxCustomLayers)
    return fail(text::tr("lesson.error.custom_layers", {{"most", std::to_string(kMaxCustomLayers)}}));
  std::vector<LayerSpec> specs(layers.begin(), layers.end());
  for (size_t l = 0; l < specs.size(); ++l) {
    if (specs[l].outputs < 1 || specs[l].outputs > kMaxCustomNeurons)
      return fail(text::tr("lesson.error.custom_neurons", {{"layer", std::to_string(l + 1)}, {"most", most}}));
    specs[l].inputs = l == 0 ? inputs : specs[l - 1].outputs;
  }
  Scenario s;
  if (!s.mlp.build(specs, error)) return false;
  s.mlp.init_params(seed);
  s.x.assign(inputs, 1.0f);
  *out = std::move(s);
  return true;
}

bool set_layer_activation(Scenario* s, int layer, Activation activation, std::string* error) {
  if (layer < 0 || layer >= s->mlp.layer_count()) {
    if (error) *error = text::tr("lesson.error.no_layer", {{"layer", std::to_string(layer + 1)}});
    return false;
  }
  std::vector<LayerSpec> specs;
  for (int l = 0; l < s->mlp.layer_count(); ++l) specs.push_back(s->mlp.layer(l));
  specs[layer].activation = activation;
  Mlp mlp;
  if (!mlp.build(specs, error)) return false;
  std::copy(s->mlp.params().begin(), s->mlp.params().end(), mlp.params().begin());
  s->mlp = std::move(mlp);
  return true;
}

}  // namespace nnlab
