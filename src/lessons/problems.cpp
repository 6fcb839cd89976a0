// problems.cpp — the fixed problems and the generated ones (see problems.h).
#include "lessons/problems.h"

#include <algorithm>
#include <cctype>

#include "core/rng.h"
#include "core/shape_text.h"
#include "lessons/activation_text.h"
#include "lessons/builtin.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"
#include "text/text.h"

namespace nnlab {
namespace {

constexpr int kMnistTrainImages = 60000, kMnistBatch = 100;

// "W⁽¹⁾₁₂" → "w112", "b⁽²⁾" → "b2", "b(2)" → "b2": what a learner may type for a parameter.
std::string name_key(std::string_view s) {
  static const char* const kSup[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  static const char* const kSub[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    bool done = false;
    for (int d = 0; d < 10 && !done; ++d)
      for (const char* t : {kSup[d], kSub[d]}) {
        const size_t n = std::char_traits<char>::length(t);
        if (s.compare(i, n, t) == 0) {
          out += char('0' + d), i += n, done = true;
          break;
        }
      }
    if (done) continue;
    if (s.compare(i, 3, "⁽") == 0 || s.compare(i, 3, "⁾") == 0) {
      i += 3;
      continue;
    }
    const unsigned char c = static_cast<unsigned char>(s[i++]);
    if (std::isalnum(c)) out += char(std::tolower(c));
  }
  return out;
}

std::vector<std::string> split_names(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  auto push = [&]() {
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ',' || c == ';' || c == ' ' || c == '\t') push();
    else if (s.compare(i, 3, "，") == 0 || s.compare(i, 3, "、") == 0) push(), i += 2;
    else cur += c;
  }
  push();
  return out;
}

std::string layers_text(const Scenario& s) {
  const Notation n(s.mlp);
  std::string out = "x = " + vector_text(s.x.data(), int(s.x.size()));
  for (int l = 0; l < s.mlp.layer_count(); ++l) {
    const LayerSpec& spec = s.mlp.layer(l);
    std::string rows;
    for (int o = 0; o < spec.outputs; ++o)
      rows += (o ? ", " : "") + vector_text(s.mlp.weights(l).data() + o * spec.inputs, spec.inputs);
    out += "; " + n.vec("W", l) + " = " + (spec.outputs > 1 ? "[" + rows + "]" : rows) + ", " + n.vec("b", l) + " = " +
           vector_text(s.mlp.bias(l).data(), spec.outputs) + ", " + activation_text(spec.activation).label;
  }
  return out;
}

float pick(Rng& rng, float lo, float step, int count) { return lo + step * float(rng.next_u32() % uint32_t(count)); }

// A random small network from the seed, with one of its steps asked.
bool generated(uint64_t seed, Problem* p, std::string* error) {
  Rng rng(seed);
  const int kind = int(seed % 5);
  Scenario s;
  std::vector<LayerSpec> specs;
  if (kind == 0) specs = {{3, 1, Activation::relu}};
  else if (kind == 1) specs = {{2, 1, seed % 2 ? Activation::sigmoid : Activation::relu}};
  else if (kind == 2) specs = {{2, 2, Activation::relu}, {2, 1, Activation::identity}};
  else specs = {{2, 1, Activation::identity}};
  if (!s.mlp.build(specs, error)) return false;
  for (int l = 0; l < s.mlp.layer_count(); ++l) {
    for (float& w : s.mlp.weights(l)) w = pick(rng, -1.5f, 0.5f, 7);
    for (float& b : s.mlp.bias(l)) b = pick(rng, -1.0f, 0.5f, 5);
  }
  s.x.resize(size_t(s.mlp.input_size()));
  for (float& x : s.x) x = pick(rng, -2.0f, 1.0f, 6);
  if (kind >= 3) {
    s.y = {pick(rng, -1.0f, 0.5f, 5)};
    s.loss = Loss::half_sse;
    s.learning_rate = kind == 3 ? 0.5f : 0.1f;
  }
  Lesson lesson;
  if (!build_trace_lesson(s, TraceOptions{}, &lesson, error)) return false;
  const Step* want = nullptr;
  if (kind == 0) want = find_step(lesson, StepKind::sum, 0, 0);
  else if (kind == 1) want = find_step(lesson, StepKind::activation, 0, 0);
  else if (kind == 2) want = find_step(lesson, StepKind::sum, 1, 0);
  else if (kind == 3) want = find_step(lesson, StepKind::weight_grad, 0, 0, int(seed / 5 % 2));
  else want = find_step(lesson, StepKind::update, 0, 0, int(seed / 5 % 2));
  if (!want) return false;
  p->lesson = "generated";
  p->title = text::tr("practice.problem.title.generated", {{"seed", std::to_string(seed)}});
  std::string network = layers_text(s);
  if (!s.y.empty())
    network = text::tr("practice.problem.with_target",
                       {{"network", network}, {"y", num(s.y[0])}, {"eta", num(s.learning_rate)}});
  p->question = text::tr("practice.problem.generated",
                         {{"shape", shape_text(s.mlp)}, {"network", network}, {"symbol", asked_symbol(*want)}});
  p->answer = expected(*want);
  p->step = int(want - lesson.steps.data());
  p->scenario = std::move(s);
  p->worked = std::move(lesson);
  return true;
}

bool from_lesson(const char* lesson_id, StepKind kind, int layer, int neuron, Problem* p, std::string* error) {
  const BuiltinLesson* b = find_builtin_lesson(lesson_id);
  if (!b) return false;
  p->scenario = b->scenario();
  if (!b->build(p->scenario, &p->worked, error)) return false;
  const Step* s = find_step(p->worked, kind, layer, neuron);
  if (!s) return false;
  p->step = int(s - p->worked.steps.data());
  p->answer = expected(*s);
  return true;
}

}  // namespace

std::string generated_id(uint64_t seed) { return "gen-" + std::to_string(seed); }

std::vector<std::string> problem_ids(std::string_view view) {
  if (view == "neuron") return {"umbrella-z"};
  if (view == "backprop") return {"coat-learners"};
  return {"coat-z2", "mnist-params", "batches"};
}

bool make_problem(std::string_view id, Problem* out, std::string* error) {
  Problem p;
  p.id = std::string(id);
  bool ok = false;
  if (id == "umbrella-z") {
    ok = from_lesson("umbrella", StepKind::sum, 0, 0, &p, error);
    p.lesson = "umbrella";
    p.title = text::T("practice.problem.title.umbrella_z");
    p.question = text::tr("practice.problem.umbrella_z", {{"x1", num(p.scenario.x[0])},
                                                          {"x2", num(p.scenario.x[1])},
                                                          {"w1", num(p.scenario.mlp.weights(0)[0])},
                                                          {"w2", num(p.scenario.mlp.weights(0)[1])},
                                                          {"b", num(p.scenario.mlp.bias(0)[0])}});
  } else if (id == "coat-z2") {
    ok = from_lesson("coat", StepKind::sum, 0, 1, &p, error);
    p.lesson = "coat";
    p.title = text::T("practice.problem.title.coat_z2");
    p.question = text::tr("practice.problem.coat_z2", {{"network", layers_text(p.scenario)}, {"z", "z⁽¹⁾₂"}});
  } else if (id == "mnist-params") {
    p.scenario = mnist_anatomy_scenario();
    p.answer = {float(p.scenario.mlp.parameter_count())};  // the core's Mlp counts them
    p.exact = ok = true;
    p.lesson = "mnist-anatomy";
    p.title = text::T("practice.problem.title.params");
    p.question = text::tr("practice.problem.params", {{"shape", shape_text(p.scenario.mlp)}});
  } else if (id == "batches") {
    // ⌈images / batch⌉, as the core's trainer counts steps per epoch (trainer.h)
    p.answer = {float((kMnistTrainImages + kMnistBatch - 1) / kMnistBatch)};
    p.exact = ok = true;
    p.lesson = "mnist-anatomy";
    p.title = text::T("practice.problem.title.batches");
    p.question = text::tr("practice.problem.batches",
                          {{"images", format_count(kMnistTrainImages)}, {"batch", std::to_string(kMnistBatch)}});
  } else if (id == "coat-learners") {
    p.scenario = backprop_coat_scenario();
    CoreTrace t;
    if (!run_core_trace(p.scenario, &t, error)) return false;
    const Notation n(t.mlp);
    for (int l = 0; l < t.mlp.layer_count(); ++l) {
      const LayerSpec& s = t.mlp.layer(l);
      for (int o = 0; o < s.outputs; ++o) {
        for (int i = 0; i < s.inputs; ++i) {
          p.parameters.push_back(n.w(l, o, i));
          if (t.mlp.dweights(l)[size_t(o * s.inputs + i)] != 0) p.learners.push_back(n.w(l, o, i));
        }
        p.parameters.push_back(n.b(l, o));
        if (t.mlp.dbias(l)[size_t(o)] != 0) p.learners.push_back(n.b(l, o));
      }
    }
    ok = true;
    p.lesson = "backprop-coat";
    p.title = text::T("practice.problem.title.learners");
    p.question = text::tr(
        "practice.problem.learners",
        {{"count", std::to_string(p.parameters.size())}, {"x", vector_text(t.x.data(), 3)}, {"y", num(t.y[0])}});
  } else if (id.starts_with("gen-")) {
    long long seed = -1;
    const std::string digits(id.substr(4));
    if (!digits.empty() && digits.size() <= 10 && std::all_of(digits.begin(), digits.end(), ::isdigit))
      seed = std::stoll(digits);
    if (seed < 0 || seed > 4294967295LL) {
      if (error) *error = text::tr("practice.problem.bad_seed", {{"id", std::string(id)}, {"prefix", "gen-"}});
      return false;
    }
    ok = generated(uint64_t(seed), &p, error);
  }
  if (!ok) {
    if (error && error->empty())
      *error = text::tr(
          "practice.problem.unknown",
          {{"id", std::string(id)}, {"known", "umbrella-z, coat-z2, mnist-params, batches, coat-learners, gen-N"}});
    return false;
  }
  *out = std::move(p);
  return true;
}

std::string problem_answer_text(const Problem& p) {
  if (!p.learners.empty()) {
    std::string list;
    for (const std::string& s : p.learners) list += (list.empty() ? "" : ", ") + s;
    return list;
  }
  if (p.step >= 0) return p.worked.steps[size_t(p.step)].substituted;
  return p.answer.size() == 1 ? num(p.answer[0]) : vector_text(p.answer.data(), int(p.answer.size()));
}

Verdict check_problem(const Problem& p, std::string_view typed, int tries) {
  Verdict v;
  const bool last_try = tries + 1 >= kTriesBeforeAnswer;
  auto give_away = [&](Verdict::Kind kind, std::string why) {
    v.kind = kind;
    v.feedback = last_try && kind == Verdict::wrong
                     ? text::two_sentences(why, text::tr("practice.answer", {{"formula", problem_answer_text(p)}}))
                     : why;
    if (last_try && kind == Verdict::wrong) v.kind = Verdict::revealed;
    return v;
  };
  if (!p.learners.empty()) {  // a set of parameter names
    const std::vector<std::string> given = split_names(typed);
    if (given.empty()) return {Verdict::unreadable, text::T("practice.problem.learners_empty")};
    std::vector<std::string> keys;
    for (const std::string& g : given) {
      const std::string k = name_key(g);
      const auto it = std::find_if(p.parameters.begin(), p.parameters.end(),
                                   [&](const std::string& n) { return name_key(n) == k; });
      if (it == p.parameters.end())
        return {Verdict::unreadable, text::tr("practice.problem.learners_unknown", {{"name", g}})};
      keys.push_back(*it);
    }
    for (const std::string& k : keys)
      if (std::find(p.learners.begin(), p.learners.end(), k) == p.learners.end()) {
        const char* why = k.find("⁽¹⁾") != std::string::npos ? "practice.problem.learners_relu"
                                                             : "practice.problem.learners_input";
        return give_away(Verdict::wrong, text::tr(why, {{"name", k}}));
      }
    for (const std::string& k : p.learners)
      if (std::find(keys.begin(), keys.end(), k) == keys.end())
        return give_away(Verdict::wrong, text::T("practice.problem.learners_missing"));
    return {Verdict::right, text::tr("practice.problem.learners_right", {{"names", problem_answer_text(p)}})};
  }
  std::vector<float> given;
  if (!parse_answer(typed, &given))
    return {Verdict::unreadable, text::tr("practice.unreadable", {{"text", std::string(typed)}})};
  if (given.size() != p.answer.size())
    return {Verdict::unreadable, text::tr("practice.count_plain", {{"count", std::to_string(p.answer.size())}})};
  if (all_close(given, p.answer, p.exact)) {
    const std::string exact = p.answer.size() == 1 ? format_number_full(p.answer[0])
                                                   : vector_text(p.answer.data(), int(p.answer.size()));
    return {Verdict::right,
            text::tr("practice.right", {{"symbol", p.step >= 0 ? asked_symbol(p.worked.steps[size_t(p.step)])
                                                               : std::string(text::T("practice.symbol.answer"))},
                                        {"exact", exact}})};
  }
  std::string why;
  if (p.step >= 0) {
    CoreTrace t;
    if (run_core_trace(p.scenario, &t, nullptr)) why = diagnose(t, p.worked, p.worked.steps[size_t(p.step)], given);
  }
  if (why.empty() && p.id == "mnist-params") {
    float weights = 0;
    for (int l = 0; l < p.scenario.mlp.layer_count(); ++l) weights += float(p.scenario.mlp.weights(l).size());
    if (given[0] == weights) why = text::T("practice.why.no_biases");
  }
  if (why.empty() && p.id == "batches" && given[0] == float(kMnistTrainImages * kMnistBatch))
    why = text::T("practice.why.batches_multiplied");
  if (why.empty()) why = text::tr("practice.wrong_plain", {{"given", num(given[0])}});
  if (tries >= 1 && !last_try && p.step >= 0)
    why = text::two_sentences(why, text::tr("practice.hint", {{"formula", masked(p.worked.steps[size_t(p.step)])}}));
  return give_away(Verdict::wrong, why);
}

}  // namespace nnlab
