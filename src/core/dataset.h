// DatasetView: the samples a Trainer or an Evaluator reads (the caller owns the memory), and the
// two helpers both use: the check of a view against a model and the copy of one sample.
#pragma once

#include <cstdint>
#include <string>

namespace nnlab {

class Mlp;

// A view of a dataset; the caller owns the memory and keeps it alive while it is used.
struct DatasetView {
  const float* features = nullptr;  // (N, D) row-major
  const int32_t* labels = nullptr;  // (N) class indices 0..O−1 (one-hot targets), or nullptr
  const float* targets = nullptr;   // (N, O) generic targets, used when labels == nullptr
  int count = 0;                    // N
  int dims = 0;                     // D, must equal the model's input size
};

// true if the view fits the model: samples present, D = the model's inputs, labels or targets,
// every label a class of the model (0..O−1; 0..1 for one output). Otherwise *error (if given)
// says what is wrong.
bool check_dataset(const Mlp& model, const DatasetView& data, std::string* error);

// Sample `index`'s features into x (D) and its target into y (O): one-hot from a label (a single
// output gets the label itself, 0 or 1), else the row of targets.
void copy_sample(const DatasetView& data, int outputs, int index, float* x, float* y);

}  // namespace nnlab
