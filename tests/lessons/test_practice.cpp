// "Your turn": answers checked against the core's numbers (exact and rounded accepted, wrong
// formulas refused with the right pointer), backward fading, problems reproducible from their id,
// the finite-difference gradient check, train-on, and the Markdown export's numbers.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "lessons/builtin.h"
#include "lessons/export_markdown.h"
#include "lessons/gradient_evidence.h"
#include "lessons/number_format.h"
#include "lessons/practice.h"
#include "lessons/problems.h"
#include "lessons/train_on.h"
#include "lessons/trace.h"
#include "text/text.h"

using namespace nnlab;

namespace {

struct Worked {
  Scenario scenario;
  Lesson lesson;
  CoreTrace trace;
};

Worked worked(const char* id) {
  Worked w;
  const BuiltinLesson* b = find_builtin_lesson(id);
  REQUIRE(b);
  w.scenario = b->scenario();
  std::string error;
  REQUIRE(b->build(w.scenario, &w.lesson, &error));
  if (!run_core_trace(w.scenario, &w.trace, &error)) w.trace.mlp = w.scenario.mlp;  // anatomy: shapes only
  return w;
}

// v rounded to 3 significant digits, as a learner writes it from a calculator.
float rounded3(float v) {
  if (v == 0) return 0;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2e", double(v));
  return std::strtof(buf, nullptr);
}

std::string text_of(const std::vector<float>& v) {
  std::string s;
  for (size_t k = 0; k < v.size(); ++k) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.9g", double(v[k]));
    s += (k ? ", " : "") + std::string(buf);
  }
  return s;
}

const Step* step_of(const Lesson& l, StepKind kind, int layer = -1, int neuron = -1, int input = -1) {
  const Step* s = find_step(l, kind, layer, neuron, input);
  REQUIRE(s);
  return s;
}

const char* const kLessons[] = {"umbrella", "coat", "two-by-two", "backprop-coat", "backprop-sigmoid", "backprop-softmax",
                                "mnist-anatomy"};

}  // namespace

TEST_SUITE("practice") {
  TEST_CASE("answers: every step kind accepts its exact value and a rounding, refuses a flipped sign") {
    int checked[int(StepKind::loss_after) + 1] = {};
    for (const char* id : kLessons) {
      const Worked w = worked(id);
      for (const Step& step : w.lesson.steps) {
        if (!practicable(step)) continue;
        CAPTURE(id);
        CAPTURE(step.substituted);
        const std::vector<float> want = expected(step);
        REQUIRE(!want.empty());
        std::vector<float> given;
        REQUIRE(parse_answer(text_of(want), &given));
        CHECK(all_close(given, want, exact_answer(step)));
        if (!exact_answer(step)) {
          std::vector<float> r;
          for (float v : want) r.push_back(rounded3(v));
          CHECK(all_close(r, want));
        }
        std::vector<float> flipped = want;
        bool flips = false;
        for (float& v : flipped)
          if (std::fabs(v) > 2 * kAnswerAbsolute) v = -v, flips = true;
        if (flips) CHECK_FALSE(all_close(flipped, want, exact_answer(step)));
        ++checked[int(step.kind)];
      }
    }
    for (StepKind k : {StepKind::term, StepKind::sum, StepKind::activation, StepKind::shape, StepKind::loss,
                       StepKind::loss_grad, StepKind::act_grad, StepKind::delta, StepKind::weight_grad,
                       StepKind::bias_grad, StepKind::update, StepKind::loss_after}) {
      CAPTURE(step_kind_name(k));
      CHECK(checked[int(k)] > 0);
    }
  }

  TEST_CASE("reading answers: the minus sign, grouped thousands, vectors; text is unreadable") {
    std::vector<float> v;
    REQUIRE(parse_answer("\xE2\x88\x92" "3.5", &v));
    CHECK(v == std::vector<float>{-3.5f});
    REQUIRE(parse_answer("13,002", &v));
    CHECK(v == std::vector<float>{13002});
    REQUIRE(parse_answer("0.2, 0.3, 0.5", &v));
    CHECK(v.size() == 3);
    CHECK_FALSE(parse_answer("about 3", &v));
    CHECK_FALSE(parse_answer("", &v));
    CHECK(close_enough(0.55f, 0.549834f));
    CHECK_FALSE(close_enough(0.56f, 0.549834f));
    CHECK(close_enough(0.00005f, 0.0f));  // the floor near 0
    CHECK_FALSE(close_enough(13001, 13002, true));
  }

  TEST_CASE("diagnosis: a wrong input, the bias left out, the coat's -7, a sign, ReLU of the wrong value") {
    const Worked u = worked("umbrella");
    const Step* z = step_of(u.lesson, StepKind::sum, 0, 0);
    const float w2 = u.scenario.mlp.weights(0)[1], x1 = u.scenario.x[0], x2 = u.scenario.x[1];
    const float zv = z->values[0];
    // x₂ = 10 where x₂ is 1 (the temperature put in the rain's place)
    std::string why = diagnose(u.trace, u.lesson, *z, std::vector<float>{zv - w2 * x2 + w2 * x1});
    CHECK(why.find("You used x₂ = 10; x₂ is 1.") != std::string::npos);
    why = diagnose(u.trace, u.lesson, *z, std::vector<float>{zv - u.scenario.mlp.bias(0)[0]});
    CHECK(why.find("left out the bias") != std::string::npos);
    CHECK(diagnose(u.trace, u.lesson, *z, std::vector<float>{zv + 100}).empty());  // no known slip: no pointer

    const Worked c = worked("coat");
    const Step* z2 = step_of(c.lesson, StepKind::sum, 0, 1);
    CHECK(z2->values[0] == doctest::Approx(-8.0f));
    why = diagnose(c.trace, c.lesson, *z2, std::vector<float>{-7});
    CHECK(why.find("common slip") != std::string::npos);
    // ReLU of z⁽¹⁾₂ given the first neuron's value: both are 0 here, so take the output's activation
    const Step* a1 = step_of(c.lesson, StepKind::activation, 0, 0);
    why = diagnose(c.trace, c.lesson, *a1, std::vector<float>{c.trace.ws.z(0)[0]});
    CHECK(why.find("ReLU") != std::string::npos);

    const Worked b = worked("backprop-coat");
    const Step* g = step_of(b.lesson, StepKind::loss_grad);
    why = diagnose(b.trace, b.lesson, *g, std::vector<float>{-g->values[0]});
    CHECK(why.find("ŷ − y") != std::string::npos);
    const Step* up = nullptr;
    for (const Step& s : b.lesson.steps)
      if (s.kind == StepKind::update && s.values.size() == 2 && s.values[0] != s.values[1]) up = &s;
    REQUIRE(up);
    const float grad = (up->values[0] - up->values[1]) / b.scenario.learning_rate;
    why = diagnose(b.trace, b.lesson, *up, std::vector<float>{up->values[0] + b.scenario.learning_rate * grad});
    CHECK(why.find("against the gradient") != std::string::npos);
  }

  TEST_CASE("fading: the last step first; each right answer hides one more from the end") {
    const Worked c = worked("backprop-coat");
    Practice p;
    p.start(c.lesson);
    std::vector<int> order;
    for (int k = 0; k < int(c.lesson.steps.size()); ++k)
      if (practicable(c.lesson.steps[size_t(k)])) order.push_back(k);
    REQUIRE(order.size() > 3);
    CHECK(p.hidden_steps() == std::vector<int>{order.back()});
    CHECK(p.question() == order.back());
    // a wrong answer hides nothing more and says so
    Verdict v = p.answer(c.lesson, c.trace, "12345");
    CHECK(v.kind == Verdict::wrong);
    CHECK(p.hidden_steps().size() == 1);
    // the right one (rounded): the step before is hidden too and asked now
    v = p.answer(c.lesson, c.trace, text_of({rounded3(expected(c.lesson.steps[size_t(order.back())])[0])}));
    CHECK(v.kind == Verdict::right);
    CHECK(p.hidden_steps().size() == 2);
    CHECK(p.question() == order[order.size() - 2]);
    CHECK(p.status(order.back()) == Faded::solved);
    // the third wrong try gives the answer (revealed) and fades one more all the same
    for (int k = 0; k < kTriesBeforeAnswer; ++k) v = p.answer(c.lesson, c.trace, "12345");
    CHECK(v.kind == Verdict::revealed);
    CHECK(p.status(order[order.size() - 2]) == Faded::revealed);
    CHECK(p.hidden_steps().size() == 3);
    // the second wrong try adds the hint: the formula with the numbers, the result "?"
    p.answer(c.lesson, c.trace, "12345");
    v = p.answer(c.lesson, c.trace, "12345");
    CHECK(v.feedback.find("Hint:") != std::string::npos);
    CHECK(v.feedback.find("= ?") != std::string::npos);
    // unreadable text is not counted as an attempt
    const int attempts = p.attempts();
    CHECK(p.answer(c.lesson, c.trace, "ten").kind == Verdict::unreadable);
    CHECK(p.attempts() == attempts);
  }

  TEST_CASE("fading to the whole calculation: answering every step right finishes the lesson") {
    const Worked u = worked("umbrella");
    Practice p;
    p.start(u.lesson);
    int guard = 0;
    while (p.question() >= 0 && guard++ < 50) {
      const Step& s = u.lesson.steps[size_t(p.question())];
      CHECK(p.answer(u.lesson, u.trace, text_of(expected(s))).kind == Verdict::right);
    }
    CHECK(p.finished());
    CHECK(p.solved() == p.practicable_count());
    CHECK(int(p.hidden_steps().size()) == p.practicable_count());
    CHECK(p.feedback().find(text::T("practice.done")) != std::string::npos);
  }

  TEST_CASE("problems: the worked examples' numbers and generated ones that reproduce from their id") {
    Problem p;
    std::string error;
    REQUIRE(make_problem("coat-z2", &p, &error));
    CHECK(p.answer == std::vector<float>{-8});
    Verdict v = check_problem(p, "-7", 0);
    CHECK(v.kind == Verdict::wrong);
    CHECK(v.feedback.find("common slip") != std::string::npos);
    CHECK(check_problem(p, "-8", 1).kind == Verdict::right);
    REQUIRE(make_problem("mnist-params", &p, &error));
    CHECK(p.answer == std::vector<float>{13002});
    CHECK(check_problem(p, "13,002", 0).kind == Verdict::right);
    CHECK(check_problem(p, "13000", 0).kind == Verdict::wrong);
    REQUIRE(make_problem("batches", &p, &error));
    CHECK(p.answer == std::vector<float>{600});
    REQUIRE(make_problem("umbrella-z", &p, &error));
    CHECK(p.answer.size() == 1);
    REQUIRE(make_problem("coat-learners", &p, &error));
    CHECK(p.learners == std::vector<std::string>{"b⁽²⁾"});
    CHECK(check_problem(p, "b⁽²⁾", 0).kind == Verdict::right);
    CHECK(check_problem(p, "b⁽²⁾, w⁽²⁾₁", 0).kind == Verdict::wrong);
    CHECK_FALSE(make_problem("nonsense", &p, &error));
    CHECK(error.find("nonsense") != std::string::npos);

    for (uint64_t seed : {1ull, 17ull, 4242ull}) {
      Problem a, b;
      REQUIRE(make_problem(generated_id(seed), &a, &error));
      REQUIRE(make_problem(generated_id(seed), &b, &error));
      CAPTURE(a.question);
      CHECK(a.question == b.question);
      CHECK(a.answer == b.answer);
      CHECK(a.scenario.mlp.params().size() == b.scenario.mlp.params().size());
      CHECK(check_problem(a, text_of(a.answer), 0).kind == Verdict::right);
      // checked by the core: the step's value is the core's own number for that scenario
      REQUIRE(a.step >= 0);
      CHECK(expected(a.worked.steps[size_t(a.step)]) == a.answer);
    }
    Problem a, b;
    REQUIRE(make_problem(generated_id(1), &a, &error));
    REQUIRE(make_problem(generated_id(2), &b, &error));
    CHECK(a.question != b.question);
  }

  TEST_CASE("gradient check: finite differences agree with backprop below 1e-3 where the loss is smooth") {
    for (const char* id : {"backprop-coat", "backprop-sigmoid", "backprop-softmax"}) {
      CAPTURE(id);
      const Worked w = worked(id);
      GradientEvidence e;
      REQUIRE(gradient_evidence(w.trace, &e));
      const std::span<const float> g = w.trace.mlp.grads();
      REQUIRE(e.numeric.grad.size() == g.size());
      for (size_t p = 0; p < g.size(); ++p) {
        CAPTURE(p);
        if (e.numeric.kink[p]) continue;
        CHECK(relative_error(e.numeric.grad[p], double(g[p])) < kGradientAgreement);
      }
      CHECK(e.max_rel_error < kGradientAgreement);
    }
    // At a ReLU's kink (z = 0 exactly) the loss has no derivative: the difference quotient averages
    // the two one-sided slopes while backprop takes ReLU′(0) = 0; the check marks it, not counts it.
    Worked w = worked("backprop-coat");
    Scenario s = w.scenario;
    const float z0 = w.trace.ws.z(0)[0];
    s.mlp.bias(0)[0] -= z0;  // the first hidden neuron exactly at its kink
    CoreTrace t;
    std::string error;
    REQUIRE(run_core_trace(s, &t, &error));
    GradientEvidence e;
    REQUIRE(gradient_evidence(t, &e));
    CHECK(e.kinks > 0);
    CHECK(e.numeric.kink[s.mlp.bias_offset(0)] == 1);
  }

  TEST_CASE("train on: the coat's loss falls over 20 steps towards a target b⁽²⁾ can reach") {
    Scenario s = backprop_coat_scenario();  // both ReLUs inactive: only b⁽²⁾ learns
    TrainOn r;
    std::string error;
    REQUIRE(train_on(s, {}, 20, &r, &error));
    REQUIRE(r.losses.size() == 21);
    for (size_t k = 1; k < r.losses.size(); ++k) CHECK(r.losses[k] < r.losses[k - 1]);
    CHECK(r.losses.back() < 0.5f * r.losses.front());
    // only b⁽²⁾ moved
    int moved = 0;
    for (size_t p = 0; p < r.before.params().size(); ++p) moved += r.before.params()[p] != r.after.params()[p];
    CHECK(moved == 1);
    CHECK(r.after.bias(1)[0] > r.before.bias(1)[0]);
    CHECK(r.y_hat[0] > 0.549834f);
    // samples the learner enters, and readable errors for bad ones
    std::vector<TrainSample> samples;
    REQUIRE(parse_samples("10,1,1:1; 0,1,1:0", 3, 1, &samples, &error));
    CHECK(samples.size() == 2);
    CHECK(samples_text(samples) == "10,1,1:1;0,1,1:0");  // as a link carries it
    CHECK_FALSE(parse_samples("10,1:1", 3, 1, &samples, &error));
    CHECK(!error.empty());
    CHECK_FALSE(train_on(s, {}, 0, &r, &error));
  }

  TEST_CASE("Markdown: every formula in dollars, the numbers the core's, in both languages") {
    for (const char* id : {"umbrella", "coat", "backprop-coat", "backprop-softmax"}) {
      CAPTURE(id);
      const Worked w = worked(id);
      const std::string md = lesson_markdown(w.lesson, &w.trace);
      CHECK(md.find("$$") != std::string::npos);
      size_t dollars = 0;
      for (size_t at = md.find('$'); at != std::string::npos; at = md.find('$', at + 1)) ++dollars;
      CHECK(dollars % 2 == 0);
      // every practicable step's exact value (full precision) is in the export
      for (const Step& s : w.lesson.steps)
        if (practicable(s) && expected(s).size() == 1) CHECK(md.find(format_number_full(expected(s)[0])) != std::string::npos);
    }
    text::set_language(text::Lang::zh);
    const Worked w = worked("coat");
    const std::string md = lesson_markdown(w.lesson, &w.trace);
    text::set_language(text::Lang::en);
    CHECK(md.find("nnlab") != std::string::npos);
    CHECK(md.find("exact value") == std::string::npos);
    CHECK(md.find(text::T_in(text::Lang::zh, "practice.md.footer")) != std::string::npos);
  }
}
