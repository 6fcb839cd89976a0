// lesson_anatomy.cpp — the shapes and parameter counts of an MNIST network (lessons.md §4):
//   28 × 28 = 784 inputs; 784-16-16-10: 784·16 + 16 + 16·16 + 16 + 16·10 + 10 = 13,002;
//   for comparison 784-30-10 (23,860) and 784-128-10 (101,770).
// Every count is read from an Mlp the core built (weights(l).size(), parameter_count()).
#include <cmath>

#include "core/shape_text.h"
#include "lessons/activation_text.h"
#include "lessons/builtin.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"
#include "lessons/trace.h"
#include "text/text.h"

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
  const Notation n(mlp);
  std::string sum, names;
  for (int l = 0; l < mlp.layer_count(); ++l) {
    sum += (l ? " + " : "") + count(mlp.weights(l).size()) + " + " + count(mlp.bias(l).size());
    names += (l ? " + " : "") + n.vec("W", l) + " + " + n.vec("b", l);
  }
  s.symbolic = text::tr("lesson.params.symbolic", {{"names", names}});  // "parameters = W⁽¹⁾ + b⁽¹⁾ + …"
  s.substituted = text::tr("lesson.anatomy.compare.substituted",
                           {{"shape", shape_name(mlp)}, {"sum", sum}, {"total", count(mlp.parameter_count())}});
  s.values = {static_cast<float>(mlp.parameter_count())};
  s.explanation = text::T("lesson.anatomy.compare.explanation");
  return s;
}

}  // namespace

bool anatomy_lesson(const Scenario& s, Lesson* out, std::string* error) {
  const Mlp& mlp = s.mlp;
  if (mlp.layer_count() < 1) {
    if (error) *error = text::T("lesson.anatomy.error");
    return false;
  }
  const Notation n(mlp);
  const int inputs = mlp.input_size();
  const int side = static_cast<int>(std::lround(std::sqrt(static_cast<double>(inputs))));

  Lesson lesson;
  lesson.id = "mnist-anatomy";
  lesson.title = text::tr("lesson.anatomy.title", {{"shape", shape_name(mlp)}});
  lesson.intro = text::T("lesson.anatomy.intro");

  Step image;
  image.kind = StepKind::shape;
  image.layer = -1;
  image.symbolic = text::T("lesson.anatomy.image.symbolic");
  if (side * side == inputs)
    image.substituted = text::tr("lesson.anatomy.image.square",
                                 {{"side", std::to_string(side)}, {"count", count(static_cast<size_t>(inputs))}});
  else image.substituted = text::tr("lesson.anatomy.image.flat", {{"count", count(static_cast<size_t>(inputs))}});
  image.values = {static_cast<float>(inputs)};
  image.explanation = text::T("lesson.anatomy.image.explanation");
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
    s.substituted = text::tr("lesson.anatomy.layer.substituted",
                             {{"layer", n.layer_name(l)},
                              {"matrix", n.vec("W", l)},
                              {"rows", std::to_string(spec.outputs)},
                              {"cols", std::to_string(spec.inputs)},
                              {"weights", count(w)},
                              {"biases", count(b)},
                              {"params", count(w + b)},
                              {"activation", activation_text(spec.activation).label}});
    s.values = {static_cast<float>(w), static_cast<float>(b), static_cast<float>(w + b)};
    s.explanation = text::tr_count(
        "lesson.anatomy.layer.explanation", spec.outputs,
        {{"neurons", std::to_string(spec.outputs)}, {"inputs", std::to_string(spec.inputs)}});
    s.highlight.layer = l;
    for (int o = 0; o < spec.outputs; ++o) s.highlight.neurons.push_back({l, o});
    lesson.steps.push_back(std::move(s));
  }

  Step total = parameter_count_step(mlp);
  total.explanation = text::T("lesson.anatomy.total.explanation");
  lesson.steps.push_back(std::move(total));

  if (shape_name(mlp) == "784-16-16-10") {
    lesson.steps.push_back(comparison_step({{784, 30, Activation::relu}, {30, 10, Activation::softmax}}));
    lesson.steps.push_back(comparison_step({{784, 128, Activation::relu}, {128, 10, Activation::softmax}}));
  }
  *out = std::move(lesson);
  return true;
}

}  // namespace nnlab
