// python_export.h — a trained lab network as a standalone Python script (NumPy only), so a learner
// can carry it into the Python they are learning. The weights are inline, exactly: each layer's
// float32 values little-endian and base64-encoded. predict_proba(pixels) takes a 28 × 28 image as
// 784 values from 0 to 1 (grey / 255, row by row, as the lab's draw pad and test digits give them),
// applies the lab's normalisation and the network, and returns the class probabilities — the
// app's forward pass, to float rounding.
#pragma once

#include <string>
#include <vector>

#include "core/mlp.h"
#include "lab/settings.h"

namespace nnlab::lab {

struct PythonModel {
  const Mlp* mlp = nullptr;
  Normalisation normalisation = Normalisation::unit;
  float mean = 0, std = 1;               // of the training pixels (standardise only)
  std::vector<std::string> class_names;  // empty: the digits 0–9
  std::string data;                      // what it was trained on ("MNIST (embedded …)")
};

// The script's text; "" + *error if there is no network.
bool python_script(const PythonModel& model, std::string* out, std::string* error);

}  // namespace nnlab::lab
