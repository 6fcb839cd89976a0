// builtin.cpp — starting scenarios of the built-in lessons, the registry, "your own network".
// The numbers are the worked examples of docs/worked-examples.md.
#include "lessons/builtin.h"

#include <algorithm>
#include <initializer_list>
#include <vector>

#include "core/assert.h"

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
  s.input_names = {"temperature, °C", "rain, 1 = yes"};
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
  s.input_names = {"temperature, °C", "rain, 1 = yes", "wind, 1 = yes"};
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
  // ∂L/∂W⁽²⁾₁₁ = 0.082167041, ∂L/∂W⁽¹⁾₁₁ = 0.000438568.
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

// ---------------------------------------------------------------------------------------------
std::span<const BuiltinLesson> builtin_lessons() {
  static const BuiltinLesson kLessons[] = {
      {"umbrella", "The umbrella neuron", [] { return umbrella_scenario(); }, umbrella_lesson},
      {"coat", "The coat network 3-2-1", coat_scenario, coat_lesson},
      {"two-by-two", "Two inputs, two neurons: W·x + b", two_by_two_scenario, two_by_two_lesson},
      {"backprop-coat", "Backprop by hand: the coat network", backprop_coat_scenario, backprop_lesson},
      {"backprop-sigmoid", "Backprop by hand: a 2-2-2 sigmoid network", backprop_sigmoid_scenario, backprop_lesson},
      {"mnist-anatomy", "Anatomy of the MNIST network 784-16-16-10", mnist_anatomy_scenario, anatomy_lesson},
      {"mnist-output", "The output layer of your MNIST network, by hand", mnist_output_scenario, mnist_output_lesson},
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
      *error = "unknown lesson '" + std::string(id) + "' (known:";
      for (const BuiltinLesson& l : builtin_lessons()) *error += std::string(" ") + l.id;
      *error += ")";
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
  const std::string limits = "1.." + std::to_string(kMaxCustomNeurons);
  if (inputs < 1 || inputs > kMaxCustomNeurons) return fail("inputs must be " + limits);
  if (layers.empty() || static_cast<int>(layers.size()) > kMaxCustomLayers)
    return fail("a network here has 1.." + std::to_string(kMaxCustomLayers) + " layers");
  std::vector<LayerSpec> specs(layers.begin(), layers.end());
  for (size_t l = 0; l < specs.size(); ++l) {
    if (specs[l].outputs < 1 || specs[l].outputs > kMaxCustomNeurons)
      return fail("layer " + std::to_string(l + 1) + ": neurons must be " + limits);
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
    if (error) *error = "no layer " + std::to_string(layer + 1) + " in this network";
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
