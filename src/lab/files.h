// The MNIST lab's files: trained models in and out (nnlab-model JSON, data/model_file.h), and the
// four IDX files of an MNIST-style dataset, collected as they arrive in any order. Every function
// returns "" or a readable message naming the file; nothing here touches the current model or
// data on failure. Pure logic: no ImGui, no GPU, no host.
#pragma once
#include <optional>
#include <string>

#include "core/mlp.h"
#include "data/idx.h"
#include "lab/settings.h"

namespace nnlab::lab {

class Session;

enum class LabFileKind { embedded_pack, model, idx, unknown };
// What a dropped or picked file is, by its name and first bytes.
LabFileKind classify_lab_file(const std::string& name, const std::string& bytes);

// The current network and how it was trained, as nnlab-model JSON text.
std::string model_file_text(const Session& lab, const Settings& settings, std::string* out);
// A model file → *model, and *settings updated to its architecture (and its training info where
// the lab offers those values). Checks it fits the data: `shape.inputs` inputs, `shape.classes` softmax outputs.
std::string read_model_file(const std::string& name, const std::string& bytes, DataShape shape, Mlp* model,
                            Settings* settings);

// The four files of an IDX dataset, parsed one at a time as they arrive.
class IdxCollector {
 public:
  enum Slot { train_images, train_labels, test_images, test_labels, kSlots };
  // Which file this is, from its name ("train-images-idx3-ubyte", "t10k-labels.idx1-ubyte"…).
  static std::optional<Slot> slot_for(const std::string& name);

  // Parses one file into its slot (replacing an earlier one). "" or an error naming the file.
  std::string add(const std::string& name, const std::string& bytes, int classes);
  bool complete() const;
  std::string missing() const;  // the names still expected, "" when complete
  // All four here: checks the pairs and that train and test images have one size, then moves
  // them into *out and starts over. On a mismatch: the error, and the collector is cleared.
  std::string take(IdxDataset* out);
  void clear();

 private:
  IdxImages images_[2];  // train, test
  IdxLabels labels_[2];
  std::string names_[kSlots];
  bool have_[kSlots] = {};
};

}  // namespace nnlab::lab
