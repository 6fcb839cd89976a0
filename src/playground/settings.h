// The Playground's settings — what the learner chooses (data, features, network, training, what
// the screen shows, what a classroom link hides) — and their one field table. Every text form
// ("set KEY VALUE", links "#view=playground&data=spiral&net=4,2…", state(), the model file's
// record of them) is read and written by walking that table (settings.cpp): a new setting is a
// member here, a row there, a control in the view and a test.
//
// Link keys, in the order links write them:
//   data noise split seed    the points: generator, noise in %, training share in %, its seed
//   features                 x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2 (the network's inputs)
//   net act acts out         hidden layers "4,2" (0–8 layers of 1–16), the activation of every
//                            hidden layer, or one per layer, and the output's activation
//   loss opt lr batch        square | cross-entropy; sgd | momentum | adam; η; batch size or "all"
//   reg reg_rate init        none | l1 | l2 and its rate; the seed of the first weights
//   speed test discretize    epochs per second (or max); test points shown; the output map's sign only
//   hide lock                controls and panels a classroom link hides; the network's shape fixed
// (The points themselves, when edited, and the weights travel as `pts` and `w`: the view's.)
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/activations.h"
#include "core/losses.h"
#include "core/mlp.h"
#include "core/optimizers.h"
#include "playground/datasets.h"
#include "playground/features.h"
#include "playground/note.h"

namespace nnlab::playground {

inline constexpr int kMaxHiddenLayers = 8;
inline constexpr int kMaxNeurons = 16;  // per hidden layer
inline constexpr float kMinLearningRate = 1e-5f, kMaxLearningRate = 10.0f;
inline constexpr float kMaxRegRate = 10.0f;
inline constexpr int kMaxSpeed = 100000;  // epochs per second; 0 = as many as a frame's budget allows

enum class Regularization : uint8_t { none, l1, l2 };
enum class LossChoice : uint8_t { square, cross_entropy };

// What a classroom link can hide (`hide=lr,reg,…`): every control and panel of the view.
enum class Control : uint8_t {
  data, noise, split, batch, regenerate, points, features, layers, neurons, act, out, loss, opt, lr, reg,
  reg_rate, play, step, reset, speed, test, discretize, weights, curve, confusion, landscape, hand, files,
  classroom
};
inline constexpr int kControlCount = 29;
std::string_view control_name(Control c);  // "data", …, "reg_rate", …, "classroom"

// The activations a hidden layer may have, and their names here ("linear" is the core's identity).
inline constexpr Activation kHiddenActivations[] = {Activation::relu, Activation::leaky_relu, Activation::tanh,
                                                    Activation::sigmoid, Activation::identity};
std::string_view activation_word(Activation a);  // "relu", "leaky-relu", "tanh", "sigmoid", "linear", "softmax"

struct Settings {
  DataKind data = DataKind::circle;
  int noise = 0;         // percent, 0 … 50
  int split = 50;        // training share, percent, 10 … 90
  uint32_t seed = 1;     // the generator's
  FeatureMask features = kDefaultFeatures;
  std::vector<int> hidden = {4, 2};  // neurons per hidden layer
  Activation act = Activation::tanh;  // every hidden layer's (and a new layer's)
  std::vector<Activation> acts = std::vector<Activation>(2, Activation::tanh);  // per hidden layer
  Activation output = Activation::tanh;  // tanh | sigmoid (two classes), softmax, identity (regression)
  LossChoice loss = LossChoice::square;
  OptimizerKind optimizer = OptimizerKind::sgd;
  float lr = 0.03f;     // η
  int batch = 10;       // 1 … kMaxPoints; 0 = all training points in one batch
  Regularization reg = Regularization::none;
  float reg_rate = 0;   // λ
  uint32_t init = 1;    // the first weights' seed (Reset draws the next)
  int speed = 30;       // epochs per second; 0 = max
  bool show_test = false;
  bool discretize = false;
  uint32_t hidden_controls = 0;  // bit c: Control c is hidden
  bool lock = false;             // features and layer sizes cannot change (classroom)

  bool operator==(const Settings&) const = default;
  bool hides(Control c) const { return (hidden_controls >> int(c)) & 1u; }
};

// What a change needs: nothing but a redraw, a new setting for the running training, new points
// (and a new network), or a new network.
enum class Change : uint8_t { ui, live, data, network };

// Applies one setting ("lr", "0.01"). Returns an empty note or why not (then *s is untouched).
Note apply_setting(Settings* s, std::string_view key, std::string_view value, Change* change);
// Every setting as "&key=value" pairs, in the table's order.
void append_settings_link(const Settings& s, std::string* link);
// The pairs back (a saved model's record): every key known and every value accepted.
bool settings_from_link(std::string_view link, Settings* s, Note* error);
void settings_to_json(const Settings& s, nlohmann::json* out);

// ---- the network the settings describe ----------------------------------------------------------
int input_size(const Settings& s);   // enabled features
int output_size(const Settings& s);  // 1 (two classes, regression) or the classes
Loss core_loss(const Settings& s);   // half-sse, bce (sigmoid) or cross-entropy (softmax)
std::vector<LayerSpec> layer_specs(const Settings& s);
// The default output for a kind of problem, and whether `out` fits it.
Activation default_output(Problem p);
bool output_fits(Problem p, Activation out);

}  // namespace nnlab::playground
