// The umbrella neuron (lessons.md §1): x₁ = temperature, x₂ = rain, one neuron z = w·x + b,
// a = f(z), and the decision "take an umbrella?". Every number comes from the umbrella lesson
// (src/lessons), which reads them from the core's forward pass; the view only draws them.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "app/common/gpu.h"
#include "app/view.h"
#include "core/activations.h"
#include "core/mlp.h"
#include "lessons/lesson.h"

namespace nnlab::app {

struct NeuronParams {
  float x1 = 10;  // temperature, °C
  float x2 = 1;   // raining: 0 = no, 1 = yes
  float w1 = -0.5f;
  float w2 = 2;
  float b = 1;
  Activation activation = Activation::relu;
};

class NeuronView : public View {
 public:
  NeuronView();
  void draw() override;  // ImGui widgets; a slider changes the parameters set() changes, then recompute()

  // "x1", "x2", "w1", "w2", "b" take numbers; "act" takes relu|sigmoid|tanh|step.
  // Returns "" or a readable error; on error nothing changes.
  std::string set(std::string_view key, std::string_view value) override;
  const NeuronParams& params() const { return params_; }
  void release_gpu() override { gpu::release(map_texture_); }
  void language_changed() override { recompute(); }  // the lesson's steps are built in the language

  // Results of the core's forward pass for the current parameters.
  float term(int i) const { return terms_[i]; }  // wᵢ·xᵢ
  float z() const { return z_; }
  float a() const { return a_; }
  bool umbrella() const;    // the decision
  float threshold() const;  // a above this → "take an umbrella"
  std::string decision_text() const;  // "take an umbrella" / "no umbrella", in the current language
  std::string map_note() const;       // under the decision map: where the boundary lies and why
  std::string plot_caption() const;   // above the activation plot: the formula and this neuron's z

  // {"x1":…, "terms":[…], "z":…, "a":…, "decision":…, "map_note":…, "plot_caption":…}; texts in the
  // current language
  void state(nlohmann::json* out) const override;
  void append_link(std::string* link) const override;  // "&x1=10&x2=1&…"

 private:
  void recompute();
  void draw_controls();           // the sliders and the activation
  void draw_hand_calculation();   // the lesson's steps
  void draw_pictures(float width);  // the diagram, the decision map and the activation plot
  void draw_diagram(float height);
  void draw_decision_map(float width, float height);
  void draw_activation_plot(float width, float height);

  NeuronParams params_;
  Scenario scenario_;  // the neuron (a 2 → 1 core Mlp) and its input
  Lesson lesson_;      // the hand calculation of scenario_, rebuilt after every edit
  std::string lesson_error_;
  Workspace grid_;               // batch kMapW·kMapH: the decision map
  std::vector<float> grid_x_;    // (kMapW·kMapH, 2) inputs over temperature × rain
  std::vector<float> grid_out_;  // (kMapH, kMapW) a − threshold, for the colour map
  gpu::Texture map_texture_;
  bool map_dirty_ = true;
  float terms_[2] = {};  // read from lesson_'s steps
  float z_ = 0, a_ = 0;
};

}  // namespace nnlab::app
