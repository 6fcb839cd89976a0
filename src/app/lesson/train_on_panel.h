// "Train on" in the Backprop view: after the lesson's one update, forward → backward → update
// again for N steps on the same sample (or on a few samples the learner enters), with the loss
// curve across the steps and every parameter before and after (lessons/train_on.h does the work
// with the core). Text surface: `train on N` · `set samples 10,1,1:1; 0,1,1:0` (empty: the
// lesson's own sample) · state "train_on": {steps, losses, params_before, params_after, y_hat}.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "lessons/train_on.h"

namespace nnlab::app {

class LessonSession;

class TrainOnPanel {
 public:
  std::optional<std::string> command(std::string_view verb, std::string_view args, const LessonSession& s);
  std::optional<std::string> set(std::string_view key, std::string_view value, const LessonSession& s);
  void state(nlohmann::json* out, const LessonSession& s) const;
  void append_link(std::string* link) const;
  void draw(const LessonSession& s);

 private:
  std::string run(const LessonSession& s, int steps);
  bool current(const LessonSession& s) const;  // the result belongs to the session's scenario

  int steps_ = 20;
  std::vector<TrainSample> samples_;
  char samples_buf_[256] = {};
  bool has_result_ = false;
  TrainOn result_;
  Scenario trained_from_;
  std::string error_;
};

}  // namespace nnlab::app
