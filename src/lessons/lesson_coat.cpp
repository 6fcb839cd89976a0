// lesson_coat.cpp — the coat network 3-2-1 (docs/worked-examples.md §2).
//   z⁽¹⁾ = [−3.5, −8] (the seed prints −7), a⁽¹⁾ = [0, 0], z⁽²⁾ = 0.2, ŷ = σ(0.2) = 0.549834,
//   11 parameters.
// The weights are set by hand, so ŷ is a score between 0 and 1 read against the 0.5 line, not a
// probability (a network's output is one only if it was trained to be one).
#include <cmath>

#include "lessons/builtin.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"
#include "lessons/trace.h"
#include "text/text.h"

namespace nnlab {
namespace {

constexpr float kLine = 0.5f;  // ŷ above it: "wear a coat"
constexpr float kNear = 0.1f;  // closer than this to the line: only a slight lean

// The lesson's own numbers (the learner has not edited anything yet).
bool is_worked_example(const Scenario& s) {
  const Scenario start = coat_scenario();
  if (s.mlp.parameter_count() != start.mlp.parameter_count() || s.x != start.x) return false;
  for (size_t p = 0; p < start.mlp.parameter_count(); ++p)
    if (s.mlp.params()[p] != start.mlp.params()[p]) return false;
  return true;
}

// "a score just above the 0.5 line, leaning slightly towards “wear a coat”" and its siblings.
const char* lean_key(float y_hat) {
  if (y_hat == kLine) return "lesson.coat.lean.on_line";
  if (y_hat > kLine) return y_hat - kLine < kNear ? "lesson.coat.lean.slightly_for" : "lesson.coat.lean.for";
  return kLine - y_hat < kNear ? "lesson.coat.lean.slightly_against" : "lesson.coat.lean.against";
}

}  // namespace

bool coat_lesson(const Scenario& s, Lesson* out, std::string* error) {
  if (s.mlp.layer_count() != 2 || s.mlp.input_size() != 3 || s.mlp.layer(0).outputs != 2 || s.mlp.output_size() != 1 ||
      s.mlp.layer(1).activation == Activation::softmax) {
    if (error) *error = text::T("lesson.coat.error");
    return false;
  }
  CoreTrace t;
  if (!run_forward_trace(s, &t, error)) return false;
  const Notation n(t.mlp);

  Lesson lesson;
  lesson.id = "coat";
  lesson.title = text::T("lesson.coat.title");
  lesson.intro = text::T("lesson.coat.intro");
  forward_steps(t, TraceOptions{}, builtin_input_names("coat"), &lesson.steps);

  Step* h1 = find_step(lesson, StepKind::sum, 0, 0);
  h1->explanation = text::two_sentences(h1->explanation, text::T("lesson.coat.hidden1"));
  Step* h2 = find_step(lesson, StepKind::sum, 0, 1);
  h2->explanation = text::two_sentences(h2->explanation, text::T("lesson.coat.hidden2"));
  if (is_worked_example(s)) {
    // −7 is the slip people make adding these four terms by hand; show the sum one term at a time.
    Step note;
    note.kind = StepKind::note;
    note.layer = 0, note.neuron = 1;
    const std::string wrong = format_number(-7), right = num(t.ws.z(0)[1]);
    note.symbolic = text::tr("lesson.coat.slip.symbolic", {{"z", n.z(0, 1)}, {"wrong", wrong}});
    const std::span<const float> w = t.mlp.weights(0);  // (2, 3)
    float running = 0;                                  // display arithmetic, as in the sum step
    std::string terms, partial[3];
    for (int i = 0; i <= 3; ++i) {
      const float term = i < 3 ? w[3 + i] * t.x[i] : t.mlp.bias(0)[1];
      running = i == 0 ? term : running + term;
      terms += i == 0 ? num(term) : (term < 0 ? " − " + negated(term) : " + " + num(term));
      if (i > 0) partial[i - 1] = num(running);
    }
    note.substituted = text::tr("lesson.coat.slip.substituted",
                                {{"z", n.z(0, 1)}, {"terms", terms}, {"right", right}, {"wrong", wrong}});
    note.values = {t.ws.z(0)[1]};
    note.explanation = text::tr(
        "lesson.coat.slip.explanation",
        {{"wrong", wrong}, {"first", partial[0]}, {"second", partial[1]}, {"third", partial[2]}, {"right", right}});
    note.highlight = h2->highlight;
    const auto at = lesson.steps.begin() + (h2 - lesson.steps.data()) + 1;
    lesson.steps.insert(at, std::move(note));
  }

  // ---- the decision: a score read against the 0.5 line
  const float y_hat = t.ws.a(1)[0];
  const std::string y_text = num(y_hat), line = num(kLine);
  Step d;
  d.kind = StepKind::decision;
  d.layer = 1, d.neuron = 0;
  d.symbolic = text::tr("lesson.coat.decision.symbolic", {{"line", line}});
  d.substituted = text::tr(y_hat > kLine ? "lesson.coat.decision.yes" : "lesson.coat.decision.no",
                           {{"y", y_text}, {"line", line}});
  d.values = {y_hat, kLine};  // the output and the line it is read against
  const bool both_inactive = t.ws.a(0)[0] == 0 && t.ws.a(0)[1] == 0;
  const std::string what = both_inactive
                               ? text::tr("lesson.coat.decision.bias_only", {{"z", num(t.ws.z(1)[0])}, {"y", y_text}})
                               : text::tr("lesson.coat.decision.score", {{"y", y_text}});
  d.explanation = text::two_sentences(text::two_sentences(what, text::tr(lean_key(y_hat), {{"line", line}})),
                                      text::T("lesson.coat.decision.not_probability"));
  d.highlight.layer = 1;
  d.highlight.neurons = {{1, 0}};
  lesson.steps.push_back(std::move(d));
  lesson.steps.push_back(parameter_count_step(t.mlp));
  *out = std::move(lesson);
  return true;
}

}  // namespace nnlab
