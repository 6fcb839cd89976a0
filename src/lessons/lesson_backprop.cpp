// lesson_backprop.cpp — backprop by hand (lessons.md §5): forward, loss, δ of every layer,
// ∂L/∂W and ∂L/∂b of every parameter, one gradient-descent step, the loss before → after.
// Works on any traceable scenario with a target; the built-ins are the coat network (both hidden
// ReLUs inactive for this sample: only b⁽²⁾ learns from it) and a 2-2-2 sigmoid network where
// every gradient is non-zero (Mazur's worked example; his published step leaves the biases alone,
// the core's SGD step moves them too, and the intro says so).
#include "core/shape_text.h"
#include "lessons/builtin.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"
#include "lessons/trace.h"
#include "text/text.h"

namespace nnlab {
namespace {

// Mazur's published losses: before his one step, and after it (it updates the weights only).
constexpr const char* kMazurLossBefore = "0.298371109";
constexpr const char* kMazurLossAfter = "0.291027924";

bool same_numbers(const Scenario& a, const Scenario& b) {
  if (a.mlp.parameter_count() != b.mlp.parameter_count() || a.mlp.layer_count() != b.mlp.layer_count() || a.x != b.x ||
      a.y != b.y || a.loss != b.loss || a.learning_rate != b.learning_rate)
    return false;
  for (int l = 0; l < a.mlp.layer_count(); ++l)
    if (a.mlp.layer(l).outputs != b.mlp.layer(l).outputs || a.mlp.layer(l).activation != b.mlp.layer(l).activation)
      return false;
  for (size_t p = 0; p < a.mlp.parameter_count(); ++p)
    if (a.mlp.params()[p] != b.mlp.params()[p]) return false;
  return true;
}

// The coat network's weights (whatever the input): its first hidden ReLU switches on for other days.
bool coat_weights(const Mlp& mlp) {
  const Scenario coat = coat_scenario();
  if (mlp.parameter_count() != coat.mlp.parameter_count() || mlp.layer_count() != 2) return false;
  for (size_t p = 0; p < mlp.parameter_count(); ++p)
    if (mlp.params()[p] != coat.mlp.params()[p]) return false;
  return true;
}

const char* loss_title_key(Loss loss) {
  switch (loss) {
    case Loss::half_sse: return "lesson.loss_name.half_sse";
    case Loss::mse: return "lesson.loss_name.mse";
    case Loss::bce: return "lesson.loss_name.bce";
    case Loss::cross_entropy: return "lesson.loss_name.cross_entropy";
  }
  return "lesson.loss_name.half_sse";
}

// "1 of 11 parameters get a non-zero gradient: b⁽²⁾" and the ReLU neurons inactive for this sample.
Step gradient_summary(const CoreTrace& t) {
  const Notation n(t.mlp, t.first_output);
  auto add = [](std::string* list, int* count, const std::string& item) {
    *list = (*count)++ ? text::tr("lesson.list_join", {{"a", *list}, {"b", item}}) : item;
  };
  std::string learning, inactive;
  int nonzero = 0, inactive_count = 0;
  for (int l = 0; l < t.mlp.layer_count(); ++l) {
    const LayerSpec& spec = t.mlp.layer(l);
    for (int o = 0; o < spec.outputs; ++o) {
      for (int i = 0; i < spec.inputs; ++i)
        if (t.mlp.dweights(l)[o * spec.inputs + i] != 0) add(&learning, &nonzero, n.w(l, o, i));
      if (t.mlp.dbias(l)[o] != 0) add(&learning, &nonzero, n.b(l, o));
      if (l < t.mlp.layer_count() - 1 && spec.activation == Activation::relu && t.ws.z(l)[o] <= 0)
        add(&inactive, &inactive_count, n.z(l, o) + " = " + num(t.ws.z(l)[o]));
    }
  }
  const std::string total = format_count(static_cast<long long>(t.mlp.parameter_count()));
  Step s;
  s.kind = StepKind::note;
  s.symbolic = text::T("lesson.summary.symbolic");
  s.substituted = nonzero ? text::tr("lesson.summary.some",
                                     {{"count", format_count(nonzero)}, {"total", total}, {"list", learning}})
                          : text::tr("lesson.summary.none", {{"total", total}});
  s.values = {static_cast<float>(nonzero)};
  if (inactive_count > 0) {
    // Inactive for this sample is not dead (off for every input): say the difference once, here.
    std::string not_dead = text::T("lesson.summary.not_dead");
    if (coat_weights(t.mlp) && t.ws.z(0)[0] <= 0) {
      Scenario other;  // the coat network on another day: no temperature, rain and wind
      other.mlp = t.mlp;
      other.x = {0.0f, 1.0f, 1.0f};
      CoreTrace on;
      if (run_forward_trace(other, &on, nullptr) && on.ws.z(0)[0] > 0)
        not_dead = text::tr("lesson.summary.not_dead_example",
                            {{"x", vector_text(other.x.data(), 3)}, {"z", n.z(0, 0)}, {"value", num(on.ws.z(0)[0])}});
    }
    s.explanation = text::two_sentences(text::tr("lesson.summary.inactive", {{"list", inactive}}), not_dead);
  } else {
    s.explanation = text::T("lesson.summary.all_learn");
  }
  for (int l = 0; l < t.mlp.layer_count(); ++l) {
    const LayerSpec& spec = t.mlp.layer(l);
    for (int o = 0; o < spec.outputs; ++o) {
      if (t.mlp.dbias(l)[o] != 0) s.highlight.biases.push_back({l, o});
      for (int i = 0; i < spec.inputs; ++i)
        if (t.mlp.dweights(l)[o * spec.inputs + i] != 0) s.highlight.weights.push_back({l, o, i});
    }
  }
  return s;
}

}  // namespace

bool backprop_lesson(const Scenario& s, Lesson* out, std::string* error) {
  if (s.y.empty()) {
    if (error) *error = text::T("lesson.backprop.error");
    return false;
  }
  CoreTrace t;
  if (!run_core_trace(s, &t, error)) return false;

  Lesson lesson;
  const std::string shape = shape_text(t.mlp);
  lesson.id = "backprop";
  lesson.title = text::tr("lesson.backprop.title", {{"shape", shape}, {"loss", text::T(loss_title_key(t.loss))}});
  lesson.intro = text::tr("lesson.backprop.intro", {{"eta", num(t.learning_rate)}});
  if (same_numbers(s, backprop_sigmoid_scenario()) && t.has_update())
    lesson.intro = text::two_sentences(lesson.intro,
                                       text::tr("lesson.backprop.mazur", {{"before", num(t.loss_value)},
                                                                          {"after", num(t.loss_after)},
                                                                          {"published_before", kMazurLossBefore},
                                                                          {"published", kMazurLossAfter}}));
  const TraceOptions options;
  forward_steps(t, options, translated_input_names(s.input_names), &lesson.steps);
  std::vector<Step> back;
  backward_steps(t, options, &back);
  // The summary goes after the last gradient step, before the update.
  size_t split = back.size();
  for (size_t i = 0; i < back.size(); ++i)
    if (back[i].kind == StepKind::update) {
      split = i;
      break;
    }
  back.insert(back.begin() + static_cast<std::ptrdiff_t>(split), gradient_summary(t));
  lesson.steps.insert(lesson.steps.end(), back.begin(), back.end());
  *out = std::move(lesson);
  return true;
}

}  // namespace nnlab
