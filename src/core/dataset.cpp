// DatasetView helpers (see dataset.h).
#include "core/dataset.h"

#include <cstring>

#include "core/mlp.h"

namespace nnlab {

bool check_dataset(const Mlp& model, const DatasetView& d, std::string* error) {
  auto fail = [&](const std::string& m) {
    if (error) *error = m;
    return false;
  };
  if (model.layer_count() == 0) return fail("the model has no layers");
  if (d.count < 1 || !d.features) return fail("the dataset is empty");
  if (d.dims != model.input_size())
    return fail("the dataset has " + std::to_string(d.dims) + " features per sample but the model expects " +
                std::to_string(model.input_size()));
  if (!d.labels && !d.targets) return fail("the dataset has neither labels nor targets");
  if (d.labels) {
    const int classes = model.output_size() == 1 ? 2 : model.output_size();
    for (int i = 0; i < d.count; ++i)
      if (d.labels[i] < 0 || d.labels[i] >= classes)
        return fail("label " + std::to_string(d.labels[i]) + " of sample " + std::to_string(i) + " is outside 0.." +
                    std::to_string(classes - 1));
  }
  return true;
}

void copy_sample(const DatasetView& d, int outputs, int index, float* x, float* y) {
  std::memcpy(x, d.features + static_cast<size_t>(index) * d.dims, sizeof(float) * d.dims);
  if (d.labels) {
    std::memset(y, 0, sizeof(float) * outputs);
    const int label = d.labels[index];
    if (outputs == 1) {
      y[0] = static_cast<float>(label);
    } else if (label >= 0 && label < outputs) {
      y[label] = 1.0f;
    }
  } else {
    std::memcpy(y, d.targets + static_cast<size_t>(index) * outputs, sizeof(float) * outputs);
  }
}

}  // namespace nnlab
