// The Playground view: TensorFlow Playground's 2-D world in nnlab — pick data, features and a
// network, press Play and watch every neuron's map change while it learns — and what TF Playground
// cannot: the hand calculation behind any pixel, several classes, weights in the link, the loss
// landscape of any two weights with an optimizer race, accuracy and a confusion matrix, model
// files, and classroom links that hide controls and lock the network's shape.
//
// The Playground itself lives in src/playground (data, settings, engine, maps, landscape, files:
// no ImGui); this folder draws it: playground_view.cpp (scripting, links, files), playground_frame.cpp
// (training and maps under a frame budget, textures), playground_draw.cpp (layout and panels),
// playground_network.cpp (the diagram and its editor), playground_plot.cpp (the output plot, curves,
// confusion), playground_landscape.cpp (the landscape panel).
//
// Scripting (see docs/commands.md):
//   keys      the settings' (settings.h) plus `pts` (the points) and `w` (the weights)
//   commands  train start|pause|step [epoch|batch]|reset · regenerate · point add X Y CLASS|move I X Y|
//             remove I|clear · probe X Y|none · hand X Y · select neuron L O|weight L O I|bias L O|none ·
//             landscape A B|none (parameters "w L O I" or "b L O") · race [LR] · tool inspect|add ·
//             save · open · budget train|maps MS · check map
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/common/gpu.h"
#include "app/view.h"
#include "playground/engine.h"
#include "playground/landscape.h"
#include "playground/maps.h"
#include "playground/settings.h"

namespace nnlab::app {

class PlaygroundView : public View {
 public:
  PlaygroundView();
  ~PlaygroundView() override;
  void draw() override;
  void tick() override;
  std::string set(std::string_view key, std::string_view value) override;
  std::optional<std::string> command(std::string_view verb, std::string_view args) override;
  void state(nlohmann::json* out) const override;
  void append_link(std::string* link) const override;
  void release_gpu() override;
  void language_changed() override {}
  std::optional<std::string> open_file(const std::string& name, const std::string& bytes) override;

  // Links carry the weights of networks up to this many parameters, and edited points up to kLinkPoints.
  static constexpr size_t kLinkWeights = 500;
  static constexpr size_t kLinkPoints = 600;

  // What the learner picked: a neuron (its map enlarged, its bias editable), a weight, or nothing.
  struct Selection {
    enum class Kind { none, neuron, weight } kind = Kind::none;
    int layer = 0, out = 0, in = 0;  // Mlp layer; neuron `out`; weight from input `in`
    bool operator==(const Selection&) const = default;
  };
  enum class Tool { inspect, add };

 private:
  // ---- playground_view.cpp: settings, data, scripting, files
  std::string change(const playground::Settings& next, playground::Change c);
  void regenerate_points();
  std::string train(std::string_view what);
  std::string point_command(std::string_view args);
  std::string hand_calculation(float x, float y);
  std::string select_command(std::string_view args);
  std::string landscape_command(std::string_view args);
  std::string set_points_text(std::string_view text);
  std::string set_weights_text(std::string_view text);
  std::string save_model();
  std::string check_map();
  void say(playground::Note note, bool error);
  void say_text(std::string text, bool error);
  std::string said() const;
  void set_probe(float x, float y);
  void pause_for(const char* why);

  // ---- playground_frame.cpp: training and pictures, once per frame
  void run_training(double dt);
  void update_maps();
  void update_landscape();
  void upload_textures();

  // ---- playground_draw.cpp: the layout
  void draw_toolbar(float width);
  void draw_data_panel(float width);
  void draw_output_panel(float width, bool narrow);
  void draw_settings_row(float width);
  void draw_editor(float width);
  void draw_classroom(float width);
  void draw_files(float width);
  void draw_confusion(float width);
  void draw_curve(float width, float height);
  void draw_legend(float width);
  // playground_network.cpp
  void draw_network(float width, float height);
  // playground_plot.cpp
  void draw_plot(float size);
  void draw_thumbnail(playground::DataKind kind, float size, bool selected);
  // playground_landscape.cpp
  void draw_landscape(float width, bool narrow);
  void draw_landscape_map(const char* id, float size, int racer);

  playground::Settings settings_;
  playground::Engine engine_;
  playground::Maps maps_;
  playground::Landscape land_;
  bool playing_ = false;
  bool drawn_ = false;             // drawn since the last tick: training runs while the view shows
  double epoch_credit_ = 0;        // epochs the speed setting owes this frame
  double train_budget_ms_ = 4.0;   // training time per frame at most
  double maps_budget_ms_ = 5.0;    // grid evaluation per frame at most
  double last_tick_ = -1;
  double train_ms_ = 0, maps_ms_ = 0;  // this frame's, for state()
  double epochs_per_s_ = 0;        // measured, over the last second
  double rate_clock_ = 0;
  int rate_epochs_start_ = 0;
  uint64_t maps_started_for_ = ~0ull;  // the weights version the running/last map pass began with
  uint64_t maps_shown_ = 0;            // the maps version on the textures
  int map_passes_ = 0;                 // completed passes, for state()
  double map_pass_clock_ = 0, map_passes_per_s_ = 0;
  int map_passes_at_clock_ = 0;
  int focus_layer_ = -1, focus_neuron_ = 0;  // whose full map the plot shows (−1: the output)
  int hover_feature_ = -1;                  // a feature tile under the pointer
  int hover_layer_ = -2, hover_neuron_ = 0;  // a neuron tile under the pointer (−2: none)
  Selection selection_;
  Tool tool_ = Tool::inspect;
  int add_class_ = 1;
  float add_value_ = 0.5f;
  int drag_point_ = -1;
  bool press_consumed_ = false;
  double press_time_ = 0;
  bool plot_was_active_ = false;  // the plot held the pointer last frame (a press the touch layer cancels ends unreported)
  bool has_probe_ = false;
  float probe_x_ = 0, probe_y_ = 0;
  std::vector<float> probe_out_;
  playground::Note message_;
  std::string message_text_;
  bool message_error_ = false;
  bool landscape_open_ = false;
  int race_pending_ = 0;  // race steps to run per frame while racing
  float race_lr_ = 0.1f;
  float land_span_ = 2.0f;
  uint64_t land_started_for_ = ~0ull;
  uint32_t classroom_hide_ = 0;  // the exercise being composed (not applied to this screen)
  bool classroom_lock_ = false;
  bool focus_editor_ = false;
  // textures
  gpu::Texture output_tex_, focus_tex_, tiles_tex_, land_tex_, thumbs_tex_;
  std::vector<float> tiles_buffer_;
  std::vector<float> feature_map_;  // (kRes²) the hovered feature over the plane
  int feature_map_for_ = -1;
  bool textures_dirty_ = true;
  uint64_t land_shown_ = 0;
  int tile_cols_ = 1;
  struct MapCheck {
    int samples = 0;
    int colour = -1;   // the largest channel difference, GPU against the palette (0 … 255)
    float value = -1;  // the largest difference, the grid's value against the core's probe
  } map_check_;
};

}  // namespace nnlab::app
