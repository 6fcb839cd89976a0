// The Concepts view: the activation explorer (f and f′ of ReLU, leaky ReLU, sigmoid, tanh and step,
// with a z slider marked on both curves), softmax on a small editable vector, short cards on
// losses and optimizers in plain language, and a glossary of the terms in English and Chinese.
// Curves and probabilities come from lessons/activation_explorer.h (the core's activate /
// activation_derivative / softmax); the cards' formulas are the ones src/core computes.
//
// Text surface: set act relu|leaky-relu|sigmoid|tanh|step · set z −1.5 · set softmax 2,1,0.1
// state(): the activation and its point, softmax, and every text shown (titles, cards, glossary).
#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <algorithm>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/common/layout.h"
#include "app/common/link.h"
#include "app/common/widgets.h"
#include "app/views.h"
#include "data/float_text.h"
#include "data/number_text.h"
#include "lessons/activation_explorer.h"
#include "lessons/activation_text.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"
#include "text/text.h"

namespace nnlab::app {
namespace {

constexpr float kZMin = -5, kZMax = 5;
constexpr int kMaxSoftmax = 10;  // the ten digits (7 emotions of a sentiment classifier fit too)
const ImVec4 kText(0.78f, 0.78f, 0.82f, 1.0f);
const ImVec4 kTitle(0.55f, 0.75f, 1.0f, 1.0f);
const ImU32 kCurveF = IM_COL32(110, 180, 255, 255), kCurveDf = IM_COL32(255, 160, 70, 255);

// A card: its title and text are keys of the string tables; the formula is written the same in
// every language ("" = none, '\n' between lines). U+0302 (a combining hat) puts a hat on the letter
// before it: m̂, v̂.
struct Card {
  const char* id;
  const char* title;
  const char* formula;
  const char* text;
};

// The losses as src/core/losses.cpp computes them: half-sse and cross-entropy sum over the outputs,
// mse and bce average over them.
const Card kLosses[] = {
    {"loss", "concepts.loss.intro.title", "", "concepts.loss.intro.text"},
    {"half-sse", "concepts.loss.half_sse.title", "L = \u00bd \u03a3 (y \u2212 \u0177)\u00b2",
     "concepts.loss.half_sse.text"},
    {"mse", "concepts.loss.mse.title", "L = (1/n) \u03a3 (y \u2212 \u0177)\u00b2", "concepts.loss.mse.text"},
    {"bce", "concepts.loss.bce.title", "L = \u2212(1/n) \u03a3 [y ln \u0177 + (1 \u2212 y) ln(1 \u2212 \u0177)]",
     "concepts.loss.bce.text"},
    {"cross-entropy", "concepts.loss.ce.title", "L = \u2212\u03a3 y ln \u0177 = \u2212ln \u0177_c",
     "concepts.loss.ce.text"},
};

// The optimizers as src/core/optimizers.h writes them (Adam with its bias correction).
const Card kOptimizers[] = {
    {"optimizer", "concepts.opt.intro.title", "", "concepts.opt.intro.text"},
    {"sgd", "concepts.opt.sgd.title", "w \u2190 w \u2212 \u03b7 \u2202L/\u2202w", "concepts.opt.sgd.text"},
    {"learning-rate", "concepts.opt.lr.title", "", "concepts.opt.lr.text"},
    {"momentum", "concepts.opt.momentum.title", "v \u2190 \u03bcv + g,  w \u2190 w \u2212 \u03b7v",
     "concepts.opt.momentum.text"},
    {"adam", "concepts.opt.adam.title",
     "m \u2190 \u03b2\u2081m + (1 \u2212 \u03b2\u2081)g,  v \u2190 \u03b2\u2082v + (1 \u2212 \u03b2\u2082)g\u00b2\n"
     "m\u0302 = m/(1 \u2212 \u03b2\u2081\u1d57),  v\u0302 = v/(1 \u2212 \u03b2\u2082\u1d57)\n"
     "w \u2190 w \u2212 \u03b7\u00b7m\u0302/(\u221av\u0302 + \u03b5)",
     "concepts.opt.adam.text"},
};

// The glossary: each term's own word in each language (the key ….term in both tables) and its meaning.
struct Term {
  const char* id;
  const char* term;
  const char* meaning;
};
const Term kGlossary[] = {
    {"neuron", "glossary.neuron.term", "glossary.neuron.meaning"},
    {"weight", "glossary.weight.term", "glossary.weight.meaning"},
    {"bias", "glossary.bias.term", "glossary.bias.meaning"},
    {"activation", "glossary.activation.term", "glossary.activation.meaning"},
    {"activation-function", "glossary.activation_function.term", "glossary.activation_function.meaning"},
    {"weighted-sum", "glossary.weighted_sum.term", "glossary.weighted_sum.meaning"},
    {"linear-transformation", "glossary.linear_transformation.term", "glossary.linear_transformation.meaning"},
    {"input-layer", "glossary.input_layer.term", "glossary.input_layer.meaning"},
    {"hidden-layer", "glossary.hidden_layer.term", "glossary.hidden_layer.meaning"},
    {"output-layer", "glossary.output_layer.term", "glossary.output_layer.meaning"},
    {"fully-connected-layer", "glossary.fully_connected_layer.term", "glossary.fully_connected_layer.meaning"},
    {"forward-propagation", "glossary.forward_propagation.term", "glossary.forward_propagation.meaning"},
    {"backpropagation", "glossary.backpropagation.term", "glossary.backpropagation.meaning"},
    {"chain-rule", "glossary.chain_rule.term", "glossary.chain_rule.meaning"},
    {"loss-function", "glossary.loss_function.term", "glossary.loss_function.meaning"},
    {"mean-squared-error", "glossary.mean_squared_error.term", "glossary.mean_squared_error.meaning"},
    {"cross-entropy", "glossary.cross_entropy.term", "glossary.cross_entropy.meaning"},
    {"gradient-descent", "glossary.gradient_descent.term", "glossary.gradient_descent.meaning"},
    {"learning-rate", "glossary.learning_rate.term", "glossary.learning_rate.meaning"},
    {"optimizer", "glossary.optimizer.term", "glossary.optimizer.meaning"},
    {"batch", "glossary.batch.term", "glossary.batch.meaning"},
    {"epoch", "glossary.epoch.term", "glossary.epoch.meaning"},
    {"overfitting", "glossary.overfitting.term", "glossary.overfitting.meaning"},
    {"underfitting", "glossary.underfitting.term", "glossary.underfitting.meaning"},
    {"regularization", "glossary.regularization.term", "glossary.regularization.meaning"},
    {"normalization", "glossary.normalization.term", "glossary.normalization.meaning"},
    {"accuracy", "glossary.accuracy.term", "glossary.accuracy.meaning"},
    {"confusion-matrix", "glossary.confusion_matrix.term", "glossary.confusion_matrix.meaning"},
    {"hyper-parameter", "glossary.hyper_parameter.term", "glossary.hyper_parameter.meaning"},
};

text::Lang other_language() { return text::language() == text::Lang::zh ? text::Lang::en : text::Lang::zh; }

// Can the current font draw every character of `s`? (The English UI carries no Chinese glyphs
// unless the Chinese font is loaded.)
bool font_draws(const char* s) {
  const ImFont* font = ImGui::GetFont();
  for (const char* p = s; *p;) {
    unsigned int c = 0;
    const int n = ImTextCharFromUtf8(&c, p, nullptr);
    if (n <= 0) return false;
    p += n;
    if (c >= 0x20 && !font->FindGlyphNoFallback(ImWchar(c))) return false;
  }
  return true;
}

// One line of a formula, with a hat drawn over each letter that a U+0302 follows (the fonts have
// no combining marks). Unwrapped: formulas are short.
void formula_line(const std::string& line, ImVec4 color) {
  std::string plain;
  std::vector<std::pair<size_t, size_t>> hats;  // byte ranges in `plain` of the letters with a hat
  size_t letter = 0;
  for (size_t i = 0; i < line.size();) {
    if (line.compare(i, 2, "\xcc\x82") == 0) {  // U+0302
      hats.push_back({letter, plain.size()});
      i += 2;
      continue;
    }
    letter = plain.size();
    const unsigned char c = static_cast<unsigned char>(line[i]);
    const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    plain.append(line, i, n);
    i += n;
  }
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImGui::TextColored(color, "%s", plain.c_str());
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float f = ImGui::GetFontSize();
  for (const auto& [from, to] : hats) {
    const float x0 = o.x + ImGui::CalcTextSize(plain.c_str(), plain.c_str() + from).x;
    const float x1 = o.x + ImGui::CalcTextSize(plain.c_str(), plain.c_str() + to).x;
    const float mid = (x0 + x1) * 0.5f, half = std::min(0.22f * f, (x1 - x0) * 0.4f);
    const ImVec2 pts[3] = {ImVec2(mid - half, o.y + 0.3f * f), ImVec2(mid, o.y + 0.1f * f),
                           ImVec2(mid + half, o.y + 0.3f * f)};
    dl->AddPolyline(pts, 3, ImGui::GetColorU32(color), 0, std::max(1.0f, 0.08f * f));
  }
}

nlohmann::json cards_json(const Card* cards, int count) {
  nlohmann::json out = nlohmann::json::array();
  for (int k = 0; k < count; ++k)
    out.push_back({{"id", cards[k].id},
                   {"title", text::T(cards[k].title)},
                   {"formula", cards[k].formula},
                   {"text", text::T(cards[k].text)}});
  return out;
}

class ConceptsView : public View {
 public:
  ConceptsView() : curves_(activation_curves(kZMin, kZMax, 201)), softmax_z_{2.0f, 1.0f, 0.1f, -1.0f} {}

  void draw() override {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float f = ImGui::GetFontSize();
    if (avail.x < 44 * f) {  // a narrow screen: one column that scrolls
      ImGui::BeginChild("concepts all", ImVec2(0, 0), false);
      draw_explorer();
      draw_softmax();
      draw_right();
      ImGui::EndChild();
      return;
    }
    ImGui::BeginChild("concepts left", ImVec2(std::floor(avail.x * 0.56f), 0), false);
    draw_explorer();
    draw_softmax();
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("concepts right", ImVec2(0, 0), false);
    draw_right();
    ImGui::EndChild();
  }

  void language_changed() override { curves_ = activation_curves(kZMin, kZMax, 201); }

  std::string set(std::string_view key, std::string_view value) override {
    std::string error;
    if (key == "act") {
      for (size_t k = 0; k < curves_.size(); ++k)
        if (activation_name(curves_[k].activation) == value ||
            (value == "leaky_relu" && curves_[k].activation == Activation::leaky_relu)) {
          current_ = int(k);
          return "";
        }
      return text::tr(
          "concepts.error.act",
          {{"key", "act"}, {"choices", "relu, leaky-relu, sigmoid, tanh, step"}, {"value", std::string(value)}});
    }
    if (key == "z") {
      float z;
      if (!parse_number(value, &z, &error)) return error;
      if (z < kZMin || z > kZMax)
        return text::tr("concepts.error.range", {{"key", "z"}, {"from", num(kZMin)}, {"to", num(kZMax)}});
      z_ = z;
      return "";
    }
    if (key == "softmax") {
      std::vector<float> v;
      if (!parse_numbers(value, &v, &error)) return error;
      if (v.size() < 2 || v.size() > size_t(kMaxSoftmax))
        return text::tr("concepts.error.softmax_count",
                        {{"key", "softmax"}, {"min", "2"}, {"max", std::to_string(kMaxSoftmax)}});
      for (float x : v)
        if (std::fabs(x) > 50) return text::tr("concepts.error.softmax_range", {{"key", "softmax"}});
      softmax_z_ = v;
      return "";
    }
    return text::tr("concepts.error.unknown", {{"key", std::string(key)}, {"keys", "act, z, softmax"}});
  }

  void state(nlohmann::json* out) const override {
    const ActivationCurve& c = curves_[current_];
    const ActivationPoint p = activation_point(c.activation, z_);
    nlohmann::json glossary = nlohmann::json::array();
    for (const Term& t : kGlossary)
      glossary.push_back({{"id", t.id},
                          {"term", text::T(t.term)},
                          {"en", text::T_in(text::Lang::en, t.term)},
                          {"zh", text::T_in(text::Lang::zh, t.term)},
                          {"meaning", text::T(t.meaning)}});
    *out = {{"activation", activation_name(c.activation)},
            {"formula", c.formula},
            {"derivative", c.derivative},
            {"z", p.z},
            {"f", p.f},
            {"df", p.df},
            {"softmax", {{"z", softmax_z_}, {"p", softmax_probabilities(softmax_z_)}, {"max", kMaxSoftmax}}},
            {"titles",
             {{"activations", text::T("concepts.activations.title")},
              {"softmax", text::T("concepts.softmax.title")},
              {"losses", text::T("concepts.losses.title")},
              {"optimizers", text::T("concepts.optimizers.title")},
              {"glossary", text::T("concepts.glossary.title")}}},
            {"losses", cards_json(kLosses, int(std::size(kLosses)))},
            {"optimizers", cards_json(kOptimizers, int(std::size(kOptimizers)))},
            {"glossary", std::move(glossary)}};
  }

  void append_link(std::string* link) const override {
    link->append("&act=").append(activation_name(curves_[current_].activation));
    link->append("&z=").append(float_to_text(z_));
    append_link_numbers(link, "softmax", softmax_z_);
  }

 private:
  void draw_right() {
    draw_cards(text::T("concepts.losses.title"), kLosses, int(std::size(kLosses)));
    draw_cards(text::T("concepts.optimizers.title"), kOptimizers, int(std::size(kOptimizers)));
    draw_glossary();
  }

  void draw_explorer() {
    const float f = ImGui::GetFontSize();
    ImGui::TextColored(kTitle, "%s", text::T("concepts.activations.title"));
    ImGui::PushStyleColor(ImGuiCol_Text, kText);
    wrapped_text(text::T("concepts.activations.intro"));
    ImGui::PopStyleColor();
    for (size_t k = 0; k < curves_.size(); ++k) {
      const std::string name(activation_name(curves_[k].activation));
      const std::string label = with_id(activation_text(curves_[k].activation).label, name.c_str());
      if (k) layout::next_in_row(layout::check_width(label.c_str()));
      if (ImGui::RadioButton(label.c_str(), current_ == int(k))) current_ = int(k);
      remember_item(stable_name("act " + name));
    }
    ImGui::SetNextItemWidth(-8 * f);
    ImGui::SliderFloat(with_id(text::T("concepts.z_slider"), "z").c_str(), &z_, kZMin, kZMax, "z = %.2f",
                       ImGuiSliderFlags_AlwaysClamp);
    remember_item("z");
    const ActivationCurve& c = curves_[current_];
    const ActivationPoint p = activation_point(c.activation, z_);
    // The formula and its value at z, side by side where they fit.
    auto pair = [&](ImU32 color, const std::string& formula, const std::string& value) {
      const ImVec4 c4 = ImColor(color).Value;
      ImGui::TextColored(c4, "%s", formula.c_str());
      ImGui::SameLine(0, 2 * f);
      if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(value.c_str()).x) ImGui::NewLine();
      ImGui::TextColored(c4, "%s", value.c_str());
    };
    pair(kCurveF, c.formula, "f(" + num(p.z) + ") = " + num(p.f));
    pair(kCurveDf, c.derivative, "f\u2032(" + num(p.z) + ") = " + num(p.df));
    draw_plot(c, p,
              ImVec2(ImGui::GetContentRegionAvail().x,
                     std::max(8 * f, std::min(16 * f, ImGui::GetContentRegionAvail().y * 0.45f))));
  }

  // f and f′ over z ∈ [−5, 5], the vertical range fitted to the curve (ReLU reaches 5 at z = 5, and
  // the plot shows it), never smaller than −1.2 … 1.2 so the ±1 lines are always there.
  void draw_plot(const ActivationCurve& c, const ActivationPoint& p, ImVec2 size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const float f = ImGui::GetFontSize();
    float lo = 0, hi = 0;
    for (const std::vector<float>* v : {&c.f, &c.df})
      for (float x : *v) lo = std::min(lo, x), hi = std::max(hi, x);
    const float span = std::max(1e-3f, hi - lo);
    const float y_min = std::min(-1.2f, lo - 0.08f * span), y_max = std::max(1.2f, hi + 0.08f * span);
    const float pad = 0.5f * f;  // the marker stays whole at z = ±5
    auto to_screen = [&](float z, float v) {
      return ImVec2(o.x + pad + (z - kZMin) / (kZMax - kZMin) * (size.x - 2 * pad),
                    o.y + pad + (1.0f - (std::clamp(v, y_min, y_max) - y_min) / (y_max - y_min)) * (size.y - 2 * pad));
    };
    dl->AddRectFilled(o, ImVec2(o.x + size.x, o.y + size.y), IM_COL32(20, 22, 28, 255));
    const ImU32 axis = IM_COL32(120, 120, 130, 255), grid = IM_COL32(50, 52, 60, 255);
    for (int z = int(kZMin); z <= int(kZMax); ++z)
      dl->AddLine(to_screen(float(z), y_min), to_screen(float(z), y_max), grid);
    // a grid line at every whole value, labelled on the z = 0 axis (every other one when crowded)
    const int first = int(std::ceil(y_min)), last = int(std::floor(y_max));
    const int every = (size.y / (y_max - y_min)) < 1.2f * f ? 2 : 1;
    for (int v = first; v <= last; ++v) {
      if (v == 0) continue;
      dl->AddLine(to_screen(kZMin, float(v)), to_screen(kZMax, float(v)), grid);
      if (v % every == 0) {  // left of the z = 0 axis, where no curve of these rises above 0
        const std::string label = num(float(v));
        const ImVec2 at = to_screen(0, float(v));
        dl->AddText(ImVec2(at.x - 4 - ImGui::CalcTextSize(label.c_str()).x, at.y - f * 0.5f), axis, label.c_str());
      }
    }
    dl->AddLine(to_screen(kZMin, 0), to_screen(kZMax, 0), axis, 1.5f);
    dl->AddLine(to_screen(0, y_min), to_screen(0, y_max), axis, 1.5f);
    dl->AddText(ImVec2(o.x + size.x - f * 1.2f, to_screen(0, 0).y + 2), axis, "z");
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
    dl->AddText(ImVec2(o.x + 6, o.y + 4), kCurveF, text::tr("concepts.plot.f", {{"name", c.name}}).c_str());
    dl->AddText(ImVec2(o.x + 6, o.y + 4 + f), kCurveDf, text::T("concepts.plot.df"));
    ImGui::Dummy(size);
  }

  void draw_softmax() {
    const float f = ImGui::GetFontSize();
    section(text::T("concepts.softmax.title"));
    ImGui::PushStyleColor(ImGuiCol_Text, kText);
    wrapped_text(text::T("concepts.softmax.intro"));
    ImGui::PopStyleColor();
    const std::vector<float> p = softmax_probabilities(softmax_z_);
    ImGui::PushItemWidth(4.5f * f);
    for (int i = 0; i < int(softmax_z_.size()); ++i) {  // as many per row as fit
      ImGui::PushID(i);
      const std::string label = "z" + subscript(i + 1);
      if (i) layout::next_in_row(layout::labelled_width(4.5f * f, label.c_str()));
      ImGui::DragFloat(label.c_str(), &softmax_z_[i], 0.05f, -50, 50, "%.3g", ImGuiSliderFlags_AlwaysClamp);
      remember_item(stable_name("softmax z" + std::to_string(i + 1)));
      ImGui::PopID();
    }
    ImGui::PopItemWidth();
    layout::next_in_row(2 * layout::button_width("+") + ImGui::GetStyle().ItemSpacing.x);
    ImGui::BeginDisabled(int(softmax_z_.size()) >= kMaxSoftmax);
    if (layout::small_button("+")) softmax_z_.push_back(0);
    remember_item("softmax add");
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("%s", text::tr("concepts.softmax.add", {{"max", std::to_string(kMaxSoftmax)}}).c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(softmax_z_.size() <= 2);
    if (layout::small_button("\u2212")) softmax_z_.pop_back();
    remember_item("softmax remove");
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("%s", text::T("concepts.softmax.remove"));
    const size_t best = size_t(std::max_element(p.begin(), p.end()) - p.begin());
    for (size_t i = 0; i < p.size(); ++i) {
      ImGui::Text("p%s", subscript(int(i) + 1).c_str());
      ImGui::SameLine(2.5f * f);
      const std::string label = num(p[i]) + "  (" + format_number(std::round(p[i] * 1000.0f) / 10.0f) + " %)";
      ImGui::PushStyleColor(ImGuiCol_PlotHistogram, i == best ? kHighlightVec : ImVec4(0.35f, 0.6f, 0.95f, 1));
      // as tall as a line of text with its frame: a bar to read, not a target to touch
      ImGui::ProgressBar(p[i], ImVec2(-1, f + 2 * layout::base_style().FramePadding.y), label.c_str());
      ImGui::PopStyleColor();
    }
    const Lesson lesson = softmax_lesson(softmax_z_);
    ImGui::PushStyleColor(ImGuiCol_Text, kText);
    for (const Step& s : lesson.steps) {
      wrapped_text(s.substituted);
    }
    ImGui::PopStyleColor();
  }

  void draw_cards(const char* title, const Card* cards, int count) {
    ImGui::TextColored(kTitle, "%s", title);
    for (int k = 0; k < count; ++k) {
      const Card& c = cards[k];
      ImGui::PushID(c.id);
      ImGui::Spacing();
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.95f, 0.95f, 1));
      wrapped_text(text::T(c.title));
      ImGui::PopStyleColor();
      for (const char* line = c.formula; *line;) {  // each line of the formula under the title
        const char* end = std::strchr(line, '\n');
        const std::string one = end ? std::string(line, end) : std::string(line);
        ImGui::Indent(f_indent());
        formula_line(one, kHighlightVec);
        ImGui::Unindent(f_indent());
        line = end ? end + 1 : line + one.size();
      }
      ImGui::PushStyleColor(ImGuiCol_Text, kText);
      wrapped_text(text::T(c.text));
      ImGui::PopStyleColor();
      ImGui::PopID();
    }
    ImGui::Spacing();
    ImGui::Separator();
  }
  static float f_indent() { return ImGui::GetFontSize(); }

  // Every term in both languages: the current language's word first, the other's beside it (a name
  // being taught, read from the other table), then the meaning in the current language.
  void draw_glossary() {
    ImGui::TextColored(kTitle, "%s", text::T("concepts.glossary.title"));
    ImGui::PushStyleColor(ImGuiCol_Text, kText);
    wrapped_text(text::T("concepts.glossary.intro"));
    ImGui::PopStyleColor();
    const text::Lang other = other_language();
    for (const Term& t : kGlossary) {
      ImGui::PushID(t.id);
      ImGui::Spacing();
      ImGui::TextColored(kHighlightVec, "%s", text::T(t.term));
      const char* word = text::T_in(other, t.term);
      if (font_draws(word)) {
        ImGui::SameLine(0, ImGui::GetFontSize());
        ImGui::TextColored(ImVec4(0.95f, 0.95f, 0.95f, 1), "%s", word);
      }
      ImGui::Indent(f_indent());
      ImGui::PushStyleColor(ImGuiCol_Text, kText);
      wrapped_text(text::T(t.meaning));
      ImGui::PopStyleColor();
      ImGui::Unindent(f_indent());
      ImGui::PopID();
    }
    ImGui::Spacing();
  }

  std::vector<ActivationCurve> curves_;
  int current_ = 0;
  float z_ = -1.0f;
  std::vector<float> softmax_z_;
};

}  // namespace

std::unique_ptr<View> make_concepts_view() { return std::make_unique<ConceptsView>(); }

}  // namespace nnlab::app
