// train_on.h — backprop that keeps learning: after the lesson's one step, forward → backward →
// update again and again on the same sample (or on a few samples the learner enters, as one
// minibatch), with the core's own forward, batch_loss, backward and SGD optimizer.
#pragma once

#include <string>
#include <vector>

#include "core/mlp.h"
#include "lessons/lesson.h"

namespace nnlab {

inline constexpr int kMaxTrainOnSteps = 1000;
inline constexpr int kMaxTrainOnSamples = 16;

struct TrainSample {
  std::vector<float> x;  // (I)
  std::vector<float> y;  // (O)
};

struct TrainOn {
  std::vector<float> losses;  // (N + 1) the mean loss over the samples before step 1, …, after step N
  Mlp before, after;          // the network before step 1 and after step N
  std::vector<float> y_hat;   // (O) the first sample's output after step N
  int steps = 0;
};

// `samples` empty: the scenario's own x and y. Returns false + *error (current language) when the
// scenario has no target, a sample has the wrong size, or steps is outside 1 … kMaxTrainOnSteps.
bool train_on(const Scenario& s, const std::vector<TrainSample>& samples, int steps, TrainOn* out, std::string* error);

// "10,1,1:1; 0,1,1:0" → samples (inputs, then ':' and the target). False + *error if malformed.
bool parse_samples(std::string_view text, int inputs, int outputs, std::vector<TrainSample>* out, std::string* error);
std::string samples_text(const std::vector<TrainSample>& samples);  // the same form, for links

}  // namespace nnlab
