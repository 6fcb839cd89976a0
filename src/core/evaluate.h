// Evaluation of a model on a dataset (dropout off): loss, accuracy, confusion matrix, per-class
// precision / recall, and optionally each sample's predicted class and confidence.
//
//   evaluate()   the whole dataset in one call
//   Evaluator    the same, a slice at a time, so a UI can spread it over frames:
//                  Evaluator ev;
//                  ev.begin(model, data, loss);    allocates: workspace, buffers, result
//                  while (!ev.step(256)) { … }     never allocates
//                  const Evaluation& e = ev.result();
// evaluate() is begin() and one step() over all samples, so both give the same numbers; the
// slicing never changes them (every sample's loss is added in dataset order, in double).
// Non-finite losses are not clamped: if any sample's loss is NaN or ±Inf, so is Evaluation::loss
// (callers that plot it decide what to draw); accuracy and the confusion matrix still count.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/dataset.h"
#include "core/losses.h"
#include "core/mlp.h"

namespace nnlab {

struct Evaluation {
  float loss = 0.0f;             // mean loss (not finite if any sample's is not)
  float accuracy = 0.0f;         // fraction correct: argmax for C > 1, ŷ > 0.5 for one output
  int count = 0;                 // N (0 for a dataset the model cannot read, see check_dataset)
  int classes = 0;               // C (2 for a single-output network)
  std::vector<int> confusion;    // (C, C): confusion[true·C + predicted]
  std::vector<float> precision;  // (C) TP / (TP + FP), 0 when nothing was predicted as the class
  std::vector<float> recall;     // (C) TP / (TP + FN), 0 when the class never occurs
};

// Predicted and true class of one sample from its output ŷ (O) and target y (O): argmax for
// O > 1, ŷ > 0.5 (and y > 0.5) for a single output.
void classify(const float* out, const float* y, int O, int* predicted, int* truth);

// Evaluates the model on a dataset in chunks of `batch` samples. Allocates its own workspace.
Evaluation evaluate(const Mlp& model, const DatasetView& data, Loss loss, int batch = 256);

class Evaluator {
 public:
  // Starts a pass over `data` in forward passes of ≤ batch samples. predicted (N) and confidence
  // (N), when given, receive each sample's predicted class and the output that won it (softmax:
  // the max probability; one output: max(ŷ, 1 − ŷ)). The model, the data and the spans must stay
  // alive and unchanged until done(). A dataset the model cannot read gives count 0, done at once.
  // The only call that allocates (and not even that when re-begun on the same shapes).
  void begin(const Mlp& model, const DatasetView& data, Loss loss, int batch = 256, std::span<int32_t> predicted = {},
             std::span<float> confidence = {});
  bool step(int max_rows);  // evaluates ≤ max_rows more samples; true once all are done
  bool done() const { return next_ >= result_.count; }
  int evaluated() const { return next_; }               // samples so far, 0..N
  const Evaluation& result() const { return result_; }  // complete once done()

 private:
  void finish();  // loss, accuracy, precision, recall from the sums

  const Mlp* model_ = nullptr;
  DatasetView data_;
  Loss loss_ = Loss::cross_entropy;
  int batch_ = 0;          // B
  int next_ = 0;           // first sample not yet evaluated
  double loss_sum_ = 0.0;  // Σ per-sample loss so far
  int correct_ = 0;
  std::span<int32_t> predicted_;  // (N) or empty
  std::span<float> confidence_;   // (N) or empty
  Workspace ws_;                  // (B) activations
  std::vector<float> x_;          // (B, D) gathered features
  std::vector<float> y_;          // (B, O) targets
  Evaluation result_;
};

}  // namespace nnlab
