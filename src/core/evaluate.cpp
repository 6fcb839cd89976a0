// Evaluation in slices (see evaluate.h).
#include "core/evaluate.h"

#include <algorithm>

#include "core/activations.h"
#include "core/assert.h"

namespace nnlab {

void classify(const float* out, const float* y, int O, int* predicted, int* truth) {
  if (O == 1) {
    *predicted = out[0] > 0.5f ? 1 : 0;
    *truth = y[0] > 0.5f ? 1 : 0;
  } else {
    *predicted = argmax(out, O);
    *truth = argmax(y, O);
  }
}

Evaluation evaluate(const Mlp& model, const DatasetView& data, Loss loss, int batch) {
  Evaluator ev;
  ev.begin(model, data, loss, batch);
  ev.step(data.count);
  return ev.result();
}

void Evaluator::begin(const Mlp& model, const DatasetView& data, Loss loss, int batch, std::span<int32_t> predicted,
                      std::span<float> confidence) {
  next_ = 0;
  loss_sum_ = 0.0;
  correct_ = 0;
  result_.count = 0;  // done() until the view checks out
  if (!check_dataset(model, data, nullptr)) {
    result_ = Evaluation{};
    model_ = nullptr;
    return;
  }
  NNLAB_ASSERT(predicted.empty() || predicted.size() >= static_cast<size_t>(data.count));
  NNLAB_ASSERT(confidence.empty() || confidence.size() >= static_cast<size_t>(data.count));
  const int O = model.output_size();
  const int C = O == 1 ? 2 : O;
  model_ = &model;
  data_ = data;
  loss_ = loss;
  batch_ = std::clamp(batch, 1, data.count);
  predicted_ = predicted;
  confidence_ = confidence;
  ws_.resize(model, batch_);
  x_.resize(static_cast<size_t>(batch_) * data.dims);
  y_.resize(static_cast<size_t>(batch_) * O);
  result_.loss = 0.0f;
  result_.accuracy = 0.0f;
  result_.count = data.count;
  result_.classes = C;
  result_.confusion.assign(static_cast<size_t>(C) * C, 0);
  result_.precision.assign(C, 0.0f);  // sized here, filled by finish()
  result_.recall.assign(C, 0.0f);
}

bool Evaluator::step(int max_rows) {
  if (done()) return true;
  const int N = result_.count, O = model_->output_size(), C = result_.classes, D = data_.dims;
  for (int left = max_rows; left > 0 && next_ < N;) {
    const int rows = std::min({batch_, N - next_, left});
    for (int r = 0; r < rows; ++r)
      copy_sample(data_, O, next_ + r, &x_[static_cast<size_t>(r) * D], &y_[static_cast<size_t>(r) * O]);
    forward(*model_, x_.data(), rows, ws_);
    const float* out = ws_.a(model_->layer_count() - 1).data();  // (rows, O)
    for (int r = 0; r < rows; ++r) {
      const float* yhat = out + static_cast<size_t>(r) * O;
      const float* y = &y_[static_cast<size_t>(r) * O];
      loss_sum_ += sample_loss(*model_, ws_, y, r, loss_);
      int p, t;
      classify(yhat, y, O, &p, &t);
      result_.confusion[static_cast<size_t>(t) * C + p] += 1;
      correct_ += p == t;
      const size_t i = static_cast<size_t>(next_ + r);
      if (!predicted_.empty()) predicted_[i] = p;
      if (!confidence_.empty()) {
        // A probability, 0 … 1; outputs that are not numbers (weights so large the sums overflow)
        // give no confidence at all rather than NaN.
        const float c = O == 1 ? std::max(yhat[0], 1.0f - yhat[0]) : yhat[p];
        confidence_[i] = c >= 0.0f && c <= 1.0f ? c : c > 1.0f ? 1.0f : 0.0f;
      }
    }
    next_ += rows;
    left -= rows;
  }
  if (!done()) return false;
  finish();
  return true;
}

void Evaluator::finish() {
  const int N = result_.count, C = result_.classes;
  result_.loss = static_cast<float>(loss_sum_ / N);
  result_.accuracy = static_cast<float>(correct_) / static_cast<float>(N);
  for (int c = 0; c < C; ++c) {
    int predicted = 0, actual = 0;
    for (int k = 0; k < C; ++k) {
      predicted += result_.confusion[static_cast<size_t>(k) * C + c];
      actual += result_.confusion[static_cast<size_t>(c) * C + k];
    }
    const int tp = result_.confusion[static_cast<size_t>(c) * C + c];
    result_.precision[c] = predicted ? static_cast<float>(tp) / static_cast<float>(predicted) : 0.0f;
    result_.recall[c] = actual ? static_cast<float>(tp) / static_cast<float>(actual) : 0.0f;
  }
}

}  // namespace nnlab
