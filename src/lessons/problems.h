// problems.h — problems to work beside the lessons, each checked by the core.
//
//   umbrella-z      the umbrella neuron's z                      (−2)
//   coat-z2         the coat network's hidden z⁽¹⁾₂               (−8; −7 is the common slip)
//   mnist-params    parameters of 784-16-16-10                   (13,002)
//   batches         updates per epoch: 60,000 images, batch 100  (600, the core trainer's count)
//   coat-learners   which of the coat's 11 parameters learn from a sample that leaves both
//                   ReLUs inactive                               (b⁽²⁾ only)
//   gen-SEED        a random small network and input from SEED (reproducible: the same seed is
//                   the same problem everywhere), one of its steps asked: a weighted sum, an
//                   activation, a δ, a gradient or an update
// A problem that asks for a step carries the scenario and the lesson it came from, so a wrong
// answer is diagnosed like the step's own (practice.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lessons/lesson.h"
#include "lessons/practice.h"
#include "lessons/trace.h"

namespace nnlab {

struct Problem {
  std::string id;        // "coat-z2", "gen-17"
  std::string lesson;    // the lesson whose progress it counts towards ("coat", "generated", …)
  std::string title;     // for the list, in the current language
  std::string question;  // in the current language
  std::vector<float> answer;  // the core's number(s)
  bool exact = false;         // a count
  // Steps: the problem's own lesson and the step it asks (diagnosis, hint); step < 0 otherwise.
  Scenario scenario;
  Lesson worked;
  int step = -1;
  // coat-learners: the names of the parameters whose gradient is not 0, and every parameter's name.
  std::vector<std::string> learners, parameters;
};

// The fixed problems' ids for a view ("neuron", "network", "backprop"), in the order shown.
std::vector<std::string> problem_ids(std::string_view view);
// The problem `id` (one of the above or "gen-SEED"); false + *error for an unknown id.
bool make_problem(std::string_view id, Problem* out, std::string* error);
std::string generated_id(uint64_t seed);  // "gen-SEED"

// Checks one answer; `tries` counts the wrong answers before this one (the third shows the answer).
Verdict check_problem(const Problem& p, std::string_view answer, int tries);
std::string problem_answer_text(const Problem& p);  // the answer as shown when given away

}  // namespace nnlab
