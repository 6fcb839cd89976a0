// The Concepts view: the activation explorer (f and f′ of ReLU, leaky ReLU, sigmoid, tanh and step,
// with a z slider marked on both curves), softmax on a small editable vector, and short cards on
// losses and optimizers in plain language. Curves and probabilities come from
// lessons/activation_explorer.h (the core's activate / activation_derivative / softmax).
//
// Text surface: set act relu|leaky-relu|sigmoid|tanh|step · set z −1.5 · set softmax 2,1,0.1
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/common/link.h"
#include "app/common/widgets.h"
#include "app/views.h"
#include "data/float_text.h"
#include "data/number_text.h"
#include "lessons/activation_explorer.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"

namespace nnlab::app {
namespace {

constexpr float kZMin = -5, kZMax = 5;
constexpr int kMaxSoftmax = 6;
const ImVec4 kText(0.78f, 0.78f, 0.82f, 1.0f);
const ImU32 kCurveF = IM_COL32(110, 180, 255, 255), kCurveDf = IM_COL32(255, 160, 70, 255);

struct Card {
  const char* title;
  const char* formula;
  const char* text;
};

const Card kLosses[] = {
    {"Loss: the exam's marking scheme", "",
     "A loss says how wrong the network's answer is: 0 for a perfect answer, more the further off. Training means "
     "lowering it, like a student losing fewer marks on each practice test."},
    {"Half squared error", "L = \u00bd \u03a3 (y \u2212 \u0177)\u00b2",
     "The gap between the answer and the truth, squared: twice as far off costs four times as much. The \u00bd makes "
     "its gradient simply \u0177 \u2212 y."},
    {"Mean squared error (MSE)", "L = (1/n) \u03a3 (y \u2212 \u0177)\u00b2",
     "The same idea averaged over the outputs; good for predicting amounts such as a house price."},
    {"Binary cross-entropy", "L = \u2212[y log \u0177 + (1 \u2212 y) log(1 \u2212 \u0177)]",
     "For yes/no answers given as a probability: being confidently wrong (\u0177 near 0 when y = 1) costs a great "
     "deal."},
    {"Cross-entropy (classification)", "L = \u2212\u03a3 y log \u0177 = \u2212log \u0177_true",
     "Only the probability given to the right class counts: the surer the network is of the truth, the fewer marks it "
     "loses. Mistaking a 9 for a 4 costs more when it was sure."},
};

const Card kOptimizers[] = {
    {"Optimizer: the tutor", "",
     "The optimizer decides how to change every weight after seeing its gradient, i.e. which way and how far to step "
     "so the loss falls."},
    {"Gradient descent (SGD)", "w \u2190 w \u2212 \u03b7 \u2202L/\u2202w",
     "Walking downhill blindfolded: feel the slope under your feet and take a step the steepest way down. One sample "
     "or one mini-batch at a time."},
    {"Learning rate \u03b7", "",
     "The size of each step. Too large and the network jumps past the answer (the loss bounces or grows); too small "
     "and it learns very slowly."},
    {"Momentum", "v \u2190 \u03bcv + g,  w \u2190 w \u2212 \u03b7v",
     "Like a ball rolling downhill: it keeps some of its previous speed, so it rolls through small bumps and speeds up "
     "on long slopes."},
    {"Adam", "m \u2190 \u03b2\u2081m + (1\u2212\u03b2\u2081)g,  v \u2190 \u03b2\u2082v + (1\u2212\u03b2\u2082)g\u00b2",
     "The experienced driver: it remembers the recent direction and how bumpy each weight's road has been, and adjusts "
     "each weight's step size by itself (defaults \u03b7 = 0.001, \u03b2\u2081 = 0.9, \u03b2\u2082 = 0.999)."},
};

class ConceptsView : public View {
 public:
  ConceptsView() : curves_(activation_curves(kZMin, kZMax, 201)), softmax_z_{2.0f, 1.0f, 0.1f, -1.0f} {}

  void draw() override {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ImGui::BeginChild("concepts left", ImVec2(std::floor(avail.x * 0.58f), 0), false);
    draw_explorer();
    draw_softmax();
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("concepts right", ImVec2(0, 0), false);
    draw_cards("Losses: how wrong is the answer?", kLosses, int(std::size(kLosses)));
    draw_cards("Optimizers: how to improve", kOptimizers, int(std::size(kOptimizers)));
    ImGui::EndChild();
  }

  std::string set(std::string_view key, std::string_view value) override {
    std::string error;
    if (key == "act") {
      for (size_t k = 0; k < curves_.size(); ++k)
        if (activation_name(curves_[k].activation) == value ||
            (value == "leaky_relu" && curves_[k].activation == Activation::leaky_relu)) {
          current_ = int(k);
          return "";
        }
      return "act must be relu, leaky-relu, sigmoid, tanh or step (got '" + std::string(value) + "')";
    }
    if (key == "z") {
      float z;
      if (!parse_number(value, &z, &error)) return error;
      if (z < kZMin || z > kZMax) return "z must be in −5 … 5";
      z_ = z;
      return "";
    }
    if (key == "softmax") {
      std::vector<float> v;
      if (!parse_numbers(value, &v, &error)) return error;
      if (v.size() < 2 || v.size() > size_t(kMaxSoftmax)) return "softmax takes 2 … 6 numbers";
      for (float x : v)
        if (std::fabs(x) > 50) return "softmax inputs must be in −50 … 50";
      softmax_z_ = v;
      return "";
    }
    return "unknown concepts parameter '" + std::string(key) + "' (act, z, softmax)";
  }

  void state(nlohmann::json* out) const override {
    const ActivationCurve& c = curves_[current_];
    const ActivationPoint p = activation_point(c.activation, z_);
    *out = {{"activation", activation_name(c.activation)},
            {"formula", c.formula},
            {"derivative", c.derivative},
            {"z", p.z},
            {"f", p.f},
            {"df", p.df},
            {"softmax", {{"z", softmax_z_}, {"p", softmax_probabilities(softmax_z_)}}}};
  }

  void append_link(std::string* link) const override {
    link->append("&act=").append(activation_name(curves_[current_].activation));
    link->append("&z=").append(float_to_text(z_));
    append_link_numbers(link, "softmax", softmax_z_);
  }

 private:
  void draw_explorer() {
    const float f = ImGui::GetFontSize();
    ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), "Activation functions: the neuron's switch");
    ImGui::PushStyleColor(ImGuiCol_Text, kText);
    ImGui::TextWrapped(
        "A neuron adds up its weighted inputs into a vote z, then an activation f decides what it "
        "passes on. Its slope f\u2032 is what backprop multiplies by: where the slope is 0, no error "
        "flows back and nothing is learned.");
    ImGui::PopStyleColor();
    for (size_t k = 0; k < curves_.size(); ++k) {
      if (k) ImGui::SameLine();
      if (ImGui::RadioButton(curves_[k].name.c_str(), current_ == int(k))) current_ = int(k);
      remember_item(stable_name("act " + std::string(activation_name(curves_[k].activation))));
    }
    ImGui::SetNextItemWidth(-6 * f);
    ImGui::SliderFloat("z (the vote)", &z_, kZMin, kZMax, "z = %.2f");
    remember_item("z");
    const ActivationCurve& c = curves_[current_];
    const ActivationPoint p = activation_point(c.activation, z_);
    ImGui::TextColored(ImColor(kCurveF).Value, "%s", c.formula.c_str());
    ImGui::SameLine(0, 2 * f);
    ImGui::TextColored(ImColor(kCurveF).Value, "f(%s) = %s", num(p.z).c_str(), num(p.f).c_str());
    ImGui::TextColored(ImColor(kCurveDf).Value, "%s", c.derivative.c_str());
    ImGui::SameLine(0, 2 * f);
    ImGui::TextColored(ImColor(kCurveDf).Value, "f\u2032(%s) = %s", num(p.z).c_str(), num(p.df).c_str());
    draw_plot(c, p,
              ImVec2(ImGui::GetContentRegionAvail().x, std::min(16 * f, ImGui::GetContentRegionAvail().y * 0.45f)));
  }

  void draw_plot(const ActivationCurve& c, const ActivationPoint& p, ImVec2 size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const float y_min = -1.5f, y_max = 2.0f;  // ReLU is clipped above 2: the shape is what matters
    auto to_screen = [&](float z, float v) {
      return ImVec2(o.x + (z - kZMin) / (kZMax - kZMin) * size.x,
                    o.y + (1.0f - (std::clamp(v, y_min, y_max) - y_min) / (y_max - y_min)) * size.y);
    };
    dl->AddRectFilled(o, ImVec2(o.x + size.x, o.y + size.y), IM_COL32(20, 22, 28, 255));
    const ImU32 axis = IM_COL32(120, 120, 130, 255), grid = IM_COL32(50, 52, 60, 255);
    for (int z = int(kZMin); z <= int(kZMax); ++z)
      dl->AddLine(to_screen(float(z), y_min), to_screen(float(z), y_max), grid);
    for (float v : {-1.0f, 1.0f}) dl->AddLine(to_screen(kZMin, v), to_screen(kZMax, v), grid);
    dl->AddLine(to_screen(kZMin, 0), to_screen(kZMax, 0), axis, 1.5f);
    dl->AddLine(to_screen(0, y_min), to_screen(0, y_max), axis, 1.5f);
    dl->AddText(ImVec2(to_screen(0, 1).x + 4, to_screen(0, 1).y - ImGui::GetFontSize() * 0.5f), axis, "1");
    dl->AddText(ImVec2(to_screen(0, -1).x + 4, to_screen(0, -1).y - ImGui::GetFontSize() * 0.5f), axis, "\u22121");
    dl->AddText(ImVec2(o.x + size.x - ImGui::GetFontSize() * 1.2f, to_screen(0, 0).y + 2), axis, "z");
    auto curve = [&](const std::vector<float>& v, ImU32 color, float thick) {
      for (size_t k = 1; k < v.size(); ++k) {
        // the step function's jump is drawn as a jump, not a slope
        if (std::fabs(v[k] - v[k - 1]) > 0.5f) continue;
        dl->AddLine(to_screen(c.z[k - 1], v[k - 1]), to_screen(c.z[k], v[k]), color, thick);
      }
    };
    curve(c.df, kCurveDf, 2.0f);
    curve(c.f, kCurveF, 3.0f);
    const ImVec2 pf = to_screen(p.z, p.f), pd = to_screen(p.z, p.df);
    dl->AddLine(ImVec2(pf.x, o.y), ImVec2(pf.x, o.y + size.y), IM_COL32(255, 255, 255, 60));
    dl->AddCircleFilled(pd, 5, kCurveDf);
    dl->AddCircleFilled(pf, 6, kCurveF);
    dl->AddCircle(pf, 7, IM_COL32_WHITE, 0, 1.5f);
    dl->AddText(ImVec2(o.x + 6, o.y + 4), kCurveF, ("f(z) = " + c.name).c_str());
    dl->AddText(ImVec2(o.x + 6, o.y + 4 + ImGui::GetFontSize()), kCurveDf, "f\u2032(z): its slope");
    ImGui::Dummy(size);
  }

  void draw_softmax() {
    const float f = ImGui::GetFontSize();
    section("Softmax: votes into probabilities");
    ImGui::PushStyleColor(ImGuiCol_Text, kText);
    ImGui::TextWrapped(
        "The output layer of a classifier: e^z makes every vote positive, and dividing by the total "
        "makes them add up to 1. Change a vote and watch every share move.");
    ImGui::PopStyleColor();
    const std::vector<float> p = softmax_probabilities(softmax_z_);
    ImGui::PushItemWidth(4.5f * f);
    for (int i = 0; i < int(softmax_z_.size()); ++i) {
      ImGui::PushID(i);
      if (i) ImGui::SameLine();
      ImGui::DragFloat(("z" + subscript(i + 1)).c_str(), &softmax_z_[i], 0.05f, -50, 50, "%.3g");
      remember_item(stable_name("softmax z" + std::to_string(i + 1)));
      ImGui::PopID();
    }
    ImGui::PopItemWidth();
    ImGui::SameLine();
    if (ImGui::SmallButton("+") && int(softmax_z_.size()) < kMaxSoftmax) softmax_z_.push_back(0);
    ImGui::SameLine();
    if (ImGui::SmallButton("\u2212") && softmax_z_.size() > 2) softmax_z_.pop_back();
    const size_t best = size_t(std::max_element(p.begin(), p.end()) - p.begin());
    for (size_t i = 0; i < p.size(); ++i) {
      ImGui::Text("p%s", subscript(int(i) + 1).c_str());
      ImGui::SameLine(2.5f * f);
      const std::string label = num(p[i]) + "  (" + format_number(std::round(p[i] * 1000.0f) / 10.0f) + " %)";
      ImGui::PushStyleColor(ImGuiCol_PlotHistogram, i == best ? kHighlightVec : ImVec4(0.35f, 0.6f, 0.95f, 1));
      ImGui::ProgressBar(p[i], ImVec2(-1, 0), label.c_str());
      ImGui::PopStyleColor();
    }
    const Lesson lesson = softmax_lesson(softmax_z_);
    ImGui::PushStyleColor(ImGuiCol_Text, kText);
    for (const Step& s : lesson.steps) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextUnformatted(s.substituted.c_str());
      ImGui::PopTextWrapPos();
    }
    ImGui::PopStyleColor();
  }

  void draw_cards(const char* title, const Card* cards, int count) {
    ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), "%s", title);
    for (int k = 0; k < count; ++k) {
      const Card& c = cards[k];
      ImGui::PushID(title);
      ImGui::PushID(k);
      ImGui::Spacing();
      ImGui::TextColored(ImVec4(0.95f, 0.95f, 0.95f, 1), "%s", c.title);
      if (*c.formula) {
        ImGui::SameLine();
        ImGui::TextColored(kHighlightVec, "  %s", c.formula);
      }
      ImGui::PushStyleColor(ImGuiCol_Text, kText);
      ImGui::TextWrapped("%s", c.text);
      ImGui::PopStyleColor();
      ImGui::PopID();
      ImGui::PopID();
    }
    ImGui::Spacing();
    ImGui::Separator();
  }

  std::vector<ActivationCurve> curves_;
  int current_ = 0;
  float z_ = -1.0f;
  std::vector<float> softmax_z_;
};

}  // namespace

std::unique_ptr<View> make_concepts_view() { return std::make_unique<ConceptsView>(); }

}  // namespace nnlab::app
