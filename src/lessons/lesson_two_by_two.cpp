// lesson_two_by_two.cpp — two inputs, two neurons as z = W·x + b (docs/worked-examples.md §3).
//   z = [0.5·1 + 0.3·2 + 0.1, 0.4·1 + 0.6·2 + 0.2] = [1.2, 1.8],  a = ReLU(z) = [1.2, 1.8]
// The sum steps highlight row o of W, the whole column x and b_o: the matrix view's picture.
#include "lessons/builtin.h"
#include "lessons/notation.h"
#include "lessons/trace.h"
#include "text/text.h"

namespace nnlab {

bool two_by_two_lesson(const Scenario& s, Lesson* out, std::string* error) {
  if (s.mlp.layer_count() != 1) {
    if (error) *error = text::T("lesson.two_by_two.error");
    return false;
  }
  CoreTrace t;
  if (!run_forward_trace(s, &t, error)) return false;
  const int I = t.mlp.input_size(), O = t.mlp.output_size();

  Lesson lesson;
  lesson.id = "two-by-two";
  lesson.title = text::T("lesson.two_by_two.title");
  lesson.intro = text::T("lesson.two_by_two.intro");
  forward_steps(t, TraceOptions{}, s.input_names, &lesson.steps);
  for (int o = 0; o < O; ++o) {
    Step* sum = find_step(lesson, StepKind::sum, 0, o);
    sum->explanation = text::tr(
        "lesson.two_by_two.sum",
        {{"row", std::to_string(o + 1)}, {"bias", "b" + subscript(o + 1)}, {"z", num(sum->values[0])}});
  }

  // The whole layer at once, as matrices.
  const std::span<const float> W = t.mlp.weights(0), b = t.mlp.bias(0), z = t.ws.z(0), a = t.ws.a(0);
  std::string rows = "[";
  for (int o = 0; o < O; ++o) rows += (o ? ", " : "") + vector_text(W.data() + o * I, I);
  rows += "]";
  Step m;
  m.kind = StepKind::sum;
  m.layer = 0;
  m.symbolic = "z = W·x + b,  a = " + activation_symbol(t.mlp.layer(0).activation) + "(z)";
  m.substituted = "z = " + rows + " · " + vector_text(t.x.data(), I) + " + " + vector_text(b.data(), O) + " = " +
                  vector_text(z.data(), O) + ",  a = " + vector_text(a.data(), O);
  m.values.assign(z.begin(), z.end());
  m.explanation = text::tr("lesson.two_by_two.matrix", {{"neurons", std::to_string(O)}});
  m.highlight.layer = 0;
  for (int o = 0; o < O; ++o) {
    m.highlight.neurons.push_back({0, o});
    m.highlight.biases.push_back({0, o});
    for (int i = 0; i < I; ++i) m.highlight.weights.push_back({0, o, i});
  }
  for (int i = 0; i < I; ++i) m.highlight.neurons.push_back({-1, i});
  lesson.steps.push_back(std::move(m));
  *out = std::move(lesson);
  return true;
}

}  // namespace nnlab
