// lesson_anatomy.cpp — the shapes and parameter counts of an MNIST network (lessons.md §4):
//   28 × 28 = 784 inputs; 784-16-16-10: 784·16 + 16 + 16·16 + 16 + 16·10 + 10 = 13,002;
//   for comparison 784-30-10 (23,860) and 784-128-10 (101,770).
// Every count is read from an Mlp the core built (weights(l).size(), parameter_count()).
#include <cmath>

#include "core/shape_text.h"
#include "lessons/builtin.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"
#include "lessons/trace.h"

namespace nnlab {
namespace {

std::string count(size_t n) { return format_count(static_cast<long long>(n)); }

std::string shape_name(const Mlp& mlp) { return shape_text(mlp); }

// "784-30-10: 23,520 + 30 + 300 + 10 = 23,860 parameters"
Step comparison_step(const std::vector<LayerSpec>& specs) {
  Mlp mlp;
  Step s;
  s.kind = StepKind::shape;
  if (!mlp.build(specs, &s.explanation)) return s;
  std::string sum;
  for (int l = 0; l < mlp.layer_count(); ++l)
    sum += (l ? " + " : "") + count(mlp.weights(l).size()) + " + " + count(mlp.bias(l).size());
  s.symbolic = shape_name(mlp);
  s.substituted = shape_name(mlp) + ": " + sum + " = " + count(mlp.parameter_count()) + " parameters";
  s.values = {static_cast<float>(mlp.parameter_count())};
  s.explanation = "The same recipe for another network: one weight per connection plus one bias per neuron.";
  return s;
}

}  // namespace

bool anatomy_lesson(const Scenario& s, Lesson* out, std::string* error) {
  const Mlp& mlp = s.mlp;
  if (mlp.layer_count() < 1) {
    if (error) *error = "the anatomy lesson needs a network";
    return false;
  }
  const Notation n(mlp);
  const int inputs = mlp.input_size();
  const int side = static_cast<int>(std::lround(std::sqrt(static_cast<double>(inputs))));

  Lesson lesson;
  lesson.id = "mnist-anatomy";
  lesson.title = "Anatomy of the network " + shape_name(mlp);
  lesson.intro =
      "A handwritten digit is a 28 × 28 grid of grey values. The network reads it as one long list of "
      "numbers, passes it through its layers, and answers with one probability per digit 0–9. Here is "
      "how big each part is.";

  Step image;
  image.kind = StepKind::shape;
  image.layer = -1;
  image.symbolic = "image (rows × columns) → vector x";
  if (side * side == inputs)
    image.substituted = std::to_string(side) + " × " + std::to_string(side) + " pixels → x with " +
                        count(static_cast<size_t>(inputs)) + " entries, pixel (row r, column c) → x[" +
                        std::to_string(side) + "·r + c]";
  else image.substituted = "x has " + count(static_cast<size_t>(inputs)) + " entries";
  image.values = {static_cast<float>(inputs)};
  image.explanation =
      "The image is flattened row after row into one vector; each grey value is scaled from 0–255 "
      "to 0–1 so that all inputs have the same range.";
  lesson.steps.push_back(std::move(image));

  for (int l = 0; l < mlp.layer_count(); ++l) {
    const LayerSpec& spec = mlp.layer(l);
    const size_t w = mlp.weights(l).size(), b = mlp.bias(l).size();
    Step s;
    s.kind = StepKind::shape;
    s.layer = l;
    s.symbolic = n.vec("z", l) + " = " + n.vec("W", l) + "·" + (l == 0 ? std::string("x") : n.vec("a", l - 1)) + " + " +
                 n.vec("b", l) + ",  " + n.vec("W", l) + ": " + std::to_string(spec.outputs) + " × " +
                 std::to_string(spec.inputs);
    s.substituted = n.layer_name(l) + ": " + n.vec("W", l) + " " + std::to_string(spec.outputs) + " × " +
                    std::to_string(spec.inputs) + " = " + count(w) + " weights + " + count(b) +
                    " biases = " + count(w + b) + " parameters, " + activation_symbol(spec.activation);
    s.values = {static_cast<float>(w), static_cast<float>(b), static_cast<float>(w + b)};
    s.explanation = "Every one of the " + std::to_string(spec.outputs) + " neurons is connected to all " +
                    std::to_string(spec.inputs) + " inputs of this layer and has its own bias.";
    s.highlight.layer = l;
    for (int o = 0; o < spec.outputs; ++o) s.highlight.neurons.push_back({l, o});
    lesson.steps.push_back(std::move(s));
  }

  Step total = parameter_count_step(mlp);
  total.explanation =
      "All of these numbers together are what training adjusts; the network's size and speed do "
      "not change while it learns.";
  lesson.steps.push_back(std::move(total));

  if (shape_name(mlp) == "784-16-16-10") {
    lesson.steps.push_back(comparison_step({{784, 30, Activation::relu}, {30, 10, Activation::softmax}}));
    lesson.steps.push_back(comparison_step({{784, 128, Activation::relu}, {128, 10, Activation::softmax}}));
  }
  *out = std::move(lesson);
  return true;
}

}  // namespace nnlab
