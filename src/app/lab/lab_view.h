// The MNIST lab view: pick a network and its training settings, press Start, and watch a real
// network learn real handwriting — curves, confusion matrix, test digits, first-layer weights,
// activations and a draw-a-digit pad — then save or load the model.
//
// The lab itself lives in src/lab (settings, engine, session, wire, files, draw pad: no ImGui);
// this folder draws it: lab_view.cpp (settings, data, files, scripting), lab_view_draw.cpp (the
// view) and lab_pictures (curves, confusion matrix, digits, weights, the pad).
//
// Scripting ("set KEY VALUE", link keys, state()["mnist"]) — see docs/commands.md:
//   keys      arch act loss opt lr batch epochs l2 dropout seed subset norm patience
//   commands  train start|pause|step|reset · draw clear|line X0 Y0 X1 Y1 · save · open
//             data embedded|fashion · select digit N · select cell TRUE PREDICTED
//             tab weights|digits|confusion|inside|search|updates · budget MS · hand
//             compare updates [SECONDS] · search start|cancel · search use N · search KEY VALUE
//             timeline EPOCH|now · timeline continue
//   keys      (also) update online|minibatch|full · batchnorm on|off
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <memory>

#include "app/lab/lab_pictures.h"
#include "app/view.h"
#include "lab/draw_pad.h"
#include "lab/files.h"
#include "lab/session.h"
#include "lab/settings.h"

namespace nnlab::app {

class LabView : public View {
 public:
  LabView();
  void draw() override;
  void tick() override;
  std::string set(std::string_view key, std::string_view value) override;
  std::optional<std::string> command(std::string_view verb, std::string_view args) override;
  void state(nlohmann::json* out) const override;
  void append_link(std::string* link) const override;
  void release_gpu() override;
  void language_changed() override;
  std::optional<std::string> open_file(const std::string& name, const std::string& bytes) override;

 private:
  enum Tab { kWeights, kDigits, kConfusion, kInside, kSearch, kUpdates, kTabs };
  struct Field {  // a text box that commits on Enter or when it loses focus
    char buf[64] = {};
    bool active = false;
  };

  // lab_view.cpp: settings, data, files, scripting
  std::string change(const lab::Settings& next, bool live);
  void persist() const;
  // `title`: what the lab calls the data (its English text names it in model files). Empty
  // class_keys: the classes are the digits 0–9; else the string-table keys of their names.
  std::string use_data(lab::Message title, std::shared_ptr<const IdxDataset> data,
                       std::vector<const char*> class_keys = {});
  std::string train(std::string_view what);
  std::string draw_command(std::string_view args);
  std::string save_model(bool replace = false);  // replace: over a file saved before, without asking
  std::string export_python();                   // lab_export.cpp: the network as a NumPy script
  void draw_export_python_button();
  void update_prediction(bool force);
  void say(std::string message, bool error);   // a text made elsewhere (an error the data layer wrote)
  void say(lab::Message message, bool error);  // the lab's own: shown in whatever language is current
  std::string said() const;
  std::string hand_calculation();
  std::vector<int> shown_digits() const;

  // lab_view_draw.cpp: the view
  void draw_controls(float width);  // the left column: the intro, the status and the settings
  void draw_intro(float width);     // what the lab is for, wrapped to the column
  void draw_training_status(float width);
  void draw_settings(float width);
  void draw_pictures(float width);  // the right column: curves, the pad beside the tabs
  void draw_pad(float width);       // one column: the pad and its prediction
  void draw_pad_buttons();
  void draw_prediction(float width);
  void draw_hand_button();
  void draw_tabs(float width, bool in_column);
  void draw_tab_body(Tab tab, float width);
  bool field(const char* label_key, const char* ui_name, const char* key, const std::string& current, Field* f,
             float width, const char* tip_key = nullptr, int flags = 0);

  // lab_view_deeper.cpp: how often to update, the search, the timeline, Reset's question
  void draw_update_settings(float width);  // Online / Mini-batch / Full batch, batch norm
  void draw_timeline(float width);         // the slider under the curves
  void draw_reset_question(float width);
  void draw_batchnorm_by_hand(float width);  // μ, σ², x̂, γ, β of one neuron over four digits
  bool compute_batchnorm_by_hand();
  void draw_diverged_note();
  void draw_search(float width);  // the Search tab
  void draw_search_runs(float width);
  void draw_search_curves(float width);
  void draw_compare(float width);  // the Updates tab
  bool search_field(const char* label_key, const char* key, Field* f, float width, int flags = 0);
  std::string search_command(std::string_view args);
  std::string compare_command(std::string_view args);
  std::string timeline_command(std::string_view args);
  std::string use_run(int index);  // index into the runs
  std::string reset();
  void deeper_state(nlohmann::json* out) const;

  lab::SearchSpec search_spec_;
  Field f_search_[10];           // one per search key (lab::kSearchKeys)
  int search_sort_column_ = -1;  // the runs table's order (−1: as they ran)
  bool search_sort_descending_ = false;
  bool reset_question_ = false;     // Reset would throw a trained network away: asked first
  bool continue_question_ = false;  // "continue from here" drops the later history: asked first
  double compare_budget_s_ = 3;
  struct ByHand {  // batch norm of hidden neuron 1 over the first four test digits, from the core
    int weights_version = -1;
    bool ok = false;
    float h[4], xhat[4], z[4], z_inference[4];
    float mean, inv_std, gamma, beta, running_mean, running_var;
  } by_hand_;

  lab::Settings settings_;
  lab::Session lab_;
  lab::Message data_title_;               // e.g. "MNIST (embedded: 7,996 train / 2,004 test)"
  std::vector<const char*> class_keys_;   // e.g. Fashion-MNIST's class names' keys; empty for digits
  std::vector<std::string> class_names_;  // … their texts in the current language
  bool save_pending_ = false;             // a save waiting for the training worker's snapshot
  bool save_replace_ = false;             // … and it may replace the file
  bool replace_asked_ = false;            // the file exists: the next Save replaces it
  static constexpr const char* kModelFileName = "nnlab-model.json";
  LabPictures pictures_;
  lab::DrawPad pad_;
  lab::IdxCollector idx_;
  std::shared_ptr<const IdxDataset> embedded_;  // kept to switch back after other data
  std::string message_;                         // the last thing said: a text …
  lab::Message message_key_;                    // … or a keyed message (made into text when shown)
  bool message_error_ = false;
  double budget_ms_ = 8.0;    // training time per frame, at least
  double adaptive_ms_ = 8.0;  // this frame's training time: budget_ms_ + the frame's idle time
  double adapt_budget();

  std::vector<float> pad_input_;  // (28·28) preprocessed pad, [0, 1]
  std::vector<float> pad_x_;      // (D) normalised network input
  std::vector<float> pad_probs_;  // (C) the network's probabilities for the pad
  bool pad_has_digit_ = false;
  int pad_version_seen_ = -1, pad_weights_seen_ = -1;
  double pad_time_ = -1e9;

  Tab tab_ = kWeights;
  bool tab_forced_ = true;              // select tab_ in the tab bar on the next frame
  int sel_truth_ = -1, sel_pred_ = -1;  // the confusion cell whose digits are shown
  bool mistakes_only_ = false;
  int selected_digit_ = 0;  // test digit shown inside the network
  bool inside_pad_ = true;  // "inside the network" shows the pad's digit (else selected_digit_)
  Field f_arch_, f_lr_, f_batch_, f_epochs_, f_l2_, f_dropout_, f_seed_, f_patience_;
};

}  // namespace nnlab::app
