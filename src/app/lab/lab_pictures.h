// The MNIST lab's pictures, drawn with ImGui (the UI edge): learning curves, the confusion matrix,
// test digits with their predictions, first-layer weights as 28 × 28 images, activations inside
// the network, probability bars, and the draw pad. Each function draws at the cursor and returns
// what the user clicked; textures go through gpu::colormap (shaders/colormap.frag.glsl).
#pragma once
#include <string>
#include <vector>

#include "app/common/gpu.h"
#include "lab/draw_pad.h"
#include "lab/session.h"

namespace nnlab::app {

// Loss (left) and accuracy (right) over epochs: train and test per epoch, and the smoothed
// minibatch curve. `epochs` is the planned number (the x axis).
void draw_curves(const lab::Session& lab, int epochs, float width, float height);

// Class c as text: "7" for digits (no names), "9 Ankle boot" for a dataset with class names.
std::string class_text(int c, const std::vector<std::string>& names);

// The (C, C) confusion matrix, rows = true class, columns = predicted. Returns true when a cell
// was clicked (*truth, *predicted set). `selected_*` highlights a cell (−1: none). With class
// names (Fashion-MNIST) the axes keep their numbers and a legend names them.
bool draw_confusion(const std::vector<int>& confusion, int classes, const std::vector<std::string>& names,
                    int selected_truth, int selected_predicted, float cell, int* truth, int* predicted);

// Probabilities as labelled horizontal bars; the largest is highlighted (and named, if named).
void draw_probability_bars(const float* probs, int classes, const std::vector<std::string>& names, float width);

// Every hidden layer's activations (and the output's probabilities) of the last lab.forward_one().
void draw_activations(const lab::Session& lab, const std::vector<std::string>& names, float width);

// Textures owned by the lab's pictures.
class LabPictures {
 public:
  // First-layer weights of every hidden neuron, each tile scaled by its own largest |w|: green
  // positive, red negative. Uploads at most every `interval_s` while the weights change.
  void draw_weights(const lab::Session& lab, float width, double now, double interval_s);
  // Test digits (indices into the test split) with predicted label and confidence; mistakes get a
  // red frame. Returns the clicked index or −1. `selected` gets a white frame.
  int draw_digits(const lab::Session& lab, const std::vector<int>& indices, float tile, int selected);
  // The pad: drawing with the mouse (or touch/pen, which browsers deliver as mouse events).
  // Returns true when the ink changed. Also shows the 28 × 28 the network sees (`preview`).
  bool draw_pad(lab::DrawPad& pad, const float* preview, int side, float size);
  const gpu::Texture& preview() const { return preview_; }  // the pad's 28 × 28 (after draw_pad)
  void release();
  int weight_uploads() const { return weight_uploads_; }

 private:
  gpu::Texture weights_, digits_, pad_, preview_;
  int weights_version_ = -1, weight_uploads_ = 0;
  double weights_time_ = -1e9;
  std::vector<int> digits_key_;
  int digits_data_ = -1;
  int pad_version_ = -1;
  std::vector<float> buffer_;
  bool pad_drawing_ = false;
};

}  // namespace nnlab::app
