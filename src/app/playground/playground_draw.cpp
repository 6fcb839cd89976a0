// The Playground's layout: a toolbar (TF Playground's top bar and more), then three columns — the
// data, the network, the output — or, on a narrow screen, one scrolling column with the output
// plot first at the full width; the landscape, classroom and file panels below. Every control can
// be hidden by a classroom link (Settings::hides).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/common/host.h"
#include "app/common/layout.h"
#include "app/common/widgets.h"
#include "app/playground/playground_view.h"
#include "data/float_text.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"
#include "playground/palette.h"
#include "text/text.h"

namespace nnlab::app {
namespace {

using namespace nnlab::playground;
using text::T;
using text::tr;

constexpr float kLearningRates[] = {0.00001f, 0.0001f, 0.001f, 0.003f, 0.01f, 0.03f, 0.1f, 0.3f, 1.0f, 3.0f, 10.0f};
constexpr float kRegRates[] = {0.0f, 0.001f, 0.003f, 0.01f, 0.03f, 0.1f, 0.3f, 1.0f, 3.0f, 10.0f};
constexpr int kSpeeds[] = {1, 3, 10, 30, 100, 300, 1000, 0};

// A button's height: `ems` font sizes, and at least a finger's 44 CSS px on a touch screen.
float tall(float ems) { return std::max(ems * ImGui::GetFontSize(), layout::target_height()); }

// The three columns need about this many font sizes (≈ 700 CSS px); below it, and wherever the
// app's layout says to stack, one scrolling column.
constexpr float kColumnsFonts = 44;

ImU32 u32(Rgb c, float alpha = 1.0f) {
  return IM_COL32(to_byte(c.r), to_byte(c.g), to_byte(c.b), int(std::clamp(alpha, 0.0f, 1.0f) * 255));
}

// Items side by side while they fit, on the next line when they do not (a toolbar on any width).
struct Flow {
  float right;
  bool narrow = false;  // labels wrap to their control's width (two controls a row)
  bool first = true;
  void next(float w) {
    if (!first && ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x * 2 + w <= right)
      ImGui::SameLine(0, ImGui::GetStyle().ItemSpacing.x * 2);
    first = false;
  }
};

// Wrapped to `width` from the cursor (wrapped_text wraps at the window's edge; columns are narrower).
void wrap_to(float width, std::string_view text) {
  wrapped_text(text, std::max(0.0f, ImGui::GetContentRegionAvail().x - width));
}

// A label above a combo of `items` (texts in the current language); returns the chosen index or −1.
int labelled_combo(Flow& flow, const char* label, const char* id, float width, int current,
                   const std::vector<std::string>& items) {
  if (!flow.narrow) {  // wide enough for its longest choice and the arrow, so none is cut
    const ImGuiStyle& style = ImGui::GetStyle();
    for (const std::string& item : items)
      width = std::max(width, ImGui::CalcTextSize(item.c_str()).x + 2 * style.FramePadding.x + ImGui::GetFrameHeight());
  }
  const float unit = flow.narrow ? width : std::max(width, ImGui::CalcTextSize(label).x);
  flow.next(unit);
  ImGui::BeginGroup();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  wrap_to(unit, label);
  ImGui::PopStyleColor();
  ImGui::SetNextItemWidth(width);
  int chosen = -1;
  const char* preview = current >= 0 && current < int(items.size()) ? items[size_t(current)].c_str() : "";
  if (ImGui::BeginCombo((std::string("##") + id).c_str(), preview)) {
    for (int i = 0; i < int(items.size()); ++i)
      if (layout::selectable(items[size_t(i)].c_str(), i == current)) chosen = i;
    ImGui::EndCombo();
  }
  ImGui::EndGroup();
  remember_item(stable_name(std::string("playground.") + id));
  return chosen;
}

const char* activation_label(Activation a) {
  switch (a) {
    case Activation::relu: return T("playground.act.relu");
    case Activation::leaky_relu: return T("playground.act.leaky_relu");
    case Activation::tanh: return T("playground.act.tanh");
    case Activation::sigmoid: return T("playground.act.sigmoid");
    case Activation::softmax: return T("playground.act.softmax");
    default: return T("playground.act.linear");
  }
}

const char* control_label(Control c) {
  static const char* const kKeys[kControlCount] = {
      "playground.control.data",       "playground.control.noise",      "playground.control.split",
      "playground.control.batch",      "playground.control.regenerate", "playground.control.points",
      "playground.control.features",   "playground.control.layers",     "playground.control.neurons",
      "playground.control.act",        "playground.control.out",        "playground.control.loss",
      "playground.control.opt",        "playground.control.lr",         "playground.control.reg",
      "playground.control.reg_rate",   "playground.control.play",       "playground.control.step",
      "playground.control.reset",      "playground.control.speed",      "playground.control.test",
      "playground.control.discretize", "playground.control.weights",    "playground.control.curve",
      "playground.control.confusion",  "playground.control.landscape",  "playground.control.hand",
      "playground.control.files",      "playground.control.classroom"};
  return T(kKeys[int(c)]);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
void PlaygroundView::draw() {
  drawn_ = true;
  upload_textures();
  const float f = ImGui::GetFontSize();
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool narrow = layout::stacked(avail) || avail < kColumnsFonts * f;  // a phone held upright, a narrow window
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  wrapped_text(text::two_sentences(T("playground.intro"),
                                   T(layout::pointer_key("playground.intro.click", "playground.tap.intro"))));
  ImGui::PopStyleColor();
  const std::string message = said();
  if (!message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, message_error_ ? ImVec4(1, 0.5f, 0.42f, 1) : ImVec4(0.6f, 0.9f, 0.6f, 1));
    wrapped_text(message);
    ImGui::PopStyleColor();
  }
  draw_toolbar(avail);
  if (!narrow) draw_settings_row(avail);
  ImGui::Spacing();
  if (narrow) {  // the plot first, at the full width; then the knobs, the network, the data
    draw_output_panel(avail, true);
    ImGui::Spacing();
    draw_settings_row(avail);
    section(T("playground.network"));
    draw_network(avail, std::max(16 * f, avail * 0.9f));
    draw_editor(avail);
    section(T("playground.data"));
    draw_data_panel(avail);
  } else {
    const float data_w = std::clamp(avail * 0.17f, 11 * f, 14 * f);
    const float out_w = std::clamp(avail * 0.32f, 19 * f, 30 * f);
    const float net_w = avail - data_w - out_w - 2 * ImGui::GetStyle().ItemSpacing.x;
    const float net_h = std::clamp(ImGui::GetContentRegionAvail().y - 2 * f, 22 * f, 40 * f);
    ImGui::BeginGroup();
    ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), "%s", T("playground.data"));
    ImGui::PushItemWidth(data_w);
    draw_data_panel(data_w);
    ImGui::PopItemWidth();
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    draw_network(net_w, net_h);
    draw_editor(net_w);
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    draw_output_panel(out_w, false);
    ImGui::EndGroup();
  }
  draw_landscape(avail, narrow);
  draw_classroom(avail);
  draw_files(avail);
}

// Reset, Play/Pause, the two Steps, the epoch counter and the speed.
void PlaygroundView::draw_toolbar(float width) {
  const float f = ImGui::GetFontSize();
  const bool narrow = width < kColumnsFonts * f;
  Flow flow{ImGui::GetCursorScreenPos().x + width};
  const ImVec2 big(0, tall(2.2f));
  if (!settings_.hides(Control::reset)) {
    flow.next(ImGui::CalcTextSize(T("playground.reset")).x + 2 * f);
    if (ImGui::Button(with_id(T("playground.reset"), "reset").c_str(), big)) (void)train("reset");
    remember_item("playground.reset");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", T("playground.reset_tip"));
  }
  if (!settings_.hides(Control::play)) {
    flow.next(narrow ? 5 * f : 6 * f);
    const bool on = playing_;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.85f, 0.45f, 0.1f, 1));
    else ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.1f, 0.45f, 0.75f, 1));
    if (ImGui::Button(with_id(T(on ? "playground.pause" : "playground.play"), "play").c_str(),
                      ImVec2(narrow ? 5 * f : 6 * f, big.y))) {
      const std::string e = train(on ? "pause" : "start");
      if (!e.empty()) say_text(e, true);
    }
    ImGui::PopStyleColor();
    remember_item(on ? "playground.pause" : "playground.play");
  }
  if (!settings_.hides(Control::step)) {
    const std::string tip = tr("playground.step_tip", {{"steps", std::to_string(engine_.steps_per_epoch())},
                                                       {"batch", std::to_string(engine_.batch_size())}});
    const char* epoch_key = narrow ? "playground.step_epoch_short" : "playground.step_epoch";
    const char* batch_key = narrow ? "playground.step_batch_short" : "playground.step_batch";
    flow.next(ImGui::CalcTextSize(T(epoch_key)).x + 2 * f);
    if (ImGui::Button(with_id(T(epoch_key), "step").c_str(), big)) (void)train("step epoch");
    remember_item("playground.step");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip.c_str());
    flow.next(ImGui::CalcTextSize(T(batch_key)).x + 2 * f);
    if (ImGui::Button(with_id(T(batch_key), "step_batch").c_str(), big)) (void)train("step batch");
    remember_item("playground.step_batch");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip.c_str());
  }
  // the epoch counter, TF Playground's 000,000 and the batches into the next epoch
  char digits[32];
  std::snprintf(digits, sizeof digits, "%06d", engine_.epochs_done());
  std::string counter = digits;
  if (counter.size() > 3) counter.insert(counter.size() - 3, ",");
  const std::string batches = engine_.step_in_epoch() > 0 ? tr("playground.epoch_batches",
                                                               {{"step", std::to_string(engine_.step_in_epoch())},
                                                                {"steps", std::to_string(engine_.steps_per_epoch())}})
                                                          : std::string();
  flow.next(8 * f);
  ImGui::BeginGroup();
  const float epoch_top = ImGui::GetCursorScreenPos().y;
  ImGui::TextDisabled("%s", T("playground.epoch"));
  ImGui::SetWindowFontScale(1.3f);
  ImGui::TextUnformatted(counter.c_str());
  ImGui::SetWindowFontScale(1.0f);
  if (!batches.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", batches.c_str());
  }
  // as tall as the buttons beside it (a finger's row)
  ImGui::Dummy(ImVec2(0, std::max(0.0f, epoch_top + big.y - ImGui::GetCursorScreenPos().y)));
  ImGui::EndGroup();
  remember_item("playground.epoch");
  if (!settings_.hides(Control::speed)) {
    std::vector<std::string> items;
    int current = -1;
    for (int i = 0; i < int(std::size(kSpeeds)); ++i) {
      items.push_back(kSpeeds[i] == 0
                          ? std::string(T("playground.speed.max"))
                          : text::tr_count("playground.speed.value", kSpeeds[i], {{"n", format_count(kSpeeds[i])}}));
      if (kSpeeds[i] == settings_.speed) current = i;
    }
    if (current < 0) {
      items.push_back(
          text::tr_count("playground.speed.value", settings_.speed, {{"n", format_count(settings_.speed)}}));
      current = int(items.size()) - 1;
    }
    const int c = labelled_combo(flow, T("playground.speed"), "speed",
                                 std::max(8 * f, 6.5f * f + ImGui::GetFrameHeight()), current, items);
    if (c >= 0 && c < int(std::size(kSpeeds))) (void)set("speed", kSpeeds[c] == 0 ? "max" : std::to_string(kSpeeds[c]));
  }
  if (playing_ || epochs_per_s_ > 0) {
    flow.next(8 * f);
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", T("playground.rate"));
    ImGui::Text("%s", tr("playground.rate_value", {{"n", format_number(epochs_per_s_)}}).c_str());
    ImGui::EndGroup();
  }
}

// Learning rate, activation, regularisation and its rate (TF Playground's top bar), optimizer,
// loss and output (ours).
void PlaygroundView::draw_settings_row(float width) {
  float f = ImGui::GetFontSize();
  Flow flow{ImGui::GetCursorScreenPos().x + width, width < kColumnsFonts * f};
  const float half = (width - 2 * ImGui::GetStyle().ItemSpacing.x) / 2;
  // On a narrow screen every combo takes half the width: two side by side.
  auto w = [&](float ems) { return width < kColumnsFonts * f ? half - 1 : ems * f; };
  auto numbers = [](const float* v, int n, float current, std::vector<std::string>* items) {
    int at = -1;
    for (int i = 0; i < n; ++i) {
      items->push_back(format_number(v[i]));
      if (v[i] == current) at = i;
    }
    if (at < 0) {
      items->push_back(format_number(current));
      at = n;
    }
    return at;
  };
  if (!settings_.hides(Control::lr)) {
    std::vector<std::string> items;
    const int at = numbers(kLearningRates, int(std::size(kLearningRates)), settings_.lr, &items);
    const int c = labelled_combo(flow, T("playground.lr"), "lr", w(6), at, items);
    if (c >= 0 && c < int(std::size(kLearningRates))) (void)set("lr", float_to_text(kLearningRates[c]));
  }
  if (!settings_.hides(Control::act)) {
    std::vector<std::string> items;
    int at = 0;
    for (int i = 0; i < int(std::size(kHiddenActivations)); ++i) {
      items.push_back(activation_label(kHiddenActivations[i]));
      if (kHiddenActivations[i] == settings_.act) at = i;
    }
    const int c = labelled_combo(flow, T("playground.act"), "act", w(7), at, items);
    if (c >= 0) (void)set("act", activation_word(kHiddenActivations[c]));
  }
  if (!settings_.hides(Control::reg)) {
    const std::vector<std::string> items = {T("playground.reg.none"), "L1", "L2"};
    const int c = labelled_combo(flow, T("playground.reg"), "reg", w(5), int(settings_.reg), items);
    if (c >= 0) (void)set("reg", c == 0 ? "none" : c == 1 ? "l1" : "l2");
  }
  if (!settings_.hides(Control::reg_rate)) {
    std::vector<std::string> items;
    const int at = numbers(kRegRates, int(std::size(kRegRates)), settings_.reg_rate, &items);
    const int c = labelled_combo(flow, T("playground.reg_rate"), "reg_rate", w(5), at, items);
    if (c >= 0 && c < int(std::size(kRegRates))) (void)set("reg_rate", float_to_text(kRegRates[c]));
  }
  if (!settings_.hides(Control::opt)) {
    const std::vector<std::string> items = {"SGD", T("playground.opt.momentum"), "Adam"};
    const int c = labelled_combo(flow, T("playground.opt"), "opt", w(6), int(settings_.optimizer), items);
    if (c >= 0) (void)set("opt", optimizer_name(OptimizerKind(c)));
  }
  const Problem p = problem_of(settings_.data);
  if (!settings_.hides(Control::loss) && p != Problem::regression) {
    const std::vector<std::string> items = {T("playground.loss.square"), T("playground.loss.cross_entropy")};
    const int c = labelled_combo(flow, T("playground.loss"), "loss", w(11), int(settings_.loss), items);
    if (c >= 0) {
      const std::string e = set("loss", c == 0 ? "square" : "cross-entropy");
      if (!e.empty()) say_text(e, true);
    }
  }
  if (!settings_.hides(Control::out) && p == Problem::binary) {
    const std::vector<std::string> items = {activation_label(Activation::tanh), activation_label(Activation::sigmoid)};
    const int c = labelled_combo(flow, T("playground.out"), "out", w(6),
                                 settings_.output == Activation::sigmoid ? 1 : 0, items);
    if (c >= 0) {
      const std::string e = set("out", c == 0 ? "tanh" : "sigmoid");
      if (!e.empty()) say_text(e, true);
    }
  }
}

// Which dataset, the split, the noise, the batch size, Regenerate, and the learner's own points.
void PlaygroundView::draw_data_panel(float width) {
  const float f = ImGui::GetFontSize();
  if (!settings_.hides(Control::data)) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    wrap_to(width, T("playground.data.which"));
    ImGui::PopStyleColor();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    // four a row, fewer when a narrow column would make them smaller than a fingertip
    const int per_row = std::clamp(int((width + gap) / (layout::target_height() + gap)), 1, 4);
    const float thumb = std::min((width - gap * (per_row - 1)) / per_row, 5 * f);
    for (int i = 0; i < kDataKindCount; ++i) {
      if (i % per_row) ImGui::SameLine();
      draw_thumbnail(kAllData[i], thumb, kAllData[i] == settings_.data);
    }
  }
  ImGui::PushItemWidth(width);
  if (!settings_.hides(Control::split)) {
    int split = settings_.split;
    ImGui::TextDisabled("%s", tr("playground.split", {{"value", std::to_string(split)}}).c_str());
    if (ImGui::SliderInt("##split", &split, 10, 90, "%d%%")) {
      split = std::clamp((split + 5) / 10 * 10, 10, 90);  // TF Playground's steps of 10
      if (split != settings_.split) (void)set("split", std::to_string(split));
    }
    remember_item("playground.split");
  }
  if (!settings_.hides(Control::noise)) {
    int noise = settings_.noise;
    ImGui::TextDisabled("%s", tr("playground.noise", {{"value", std::to_string(noise)}}).c_str());
    if (ImGui::SliderInt("##noise", &noise, 0, 50)) {
      noise = std::clamp((noise + 2) / 5 * 5, 0, 50);  // steps of 5
      if (noise != settings_.noise) (void)set("noise", std::to_string(noise));
    }
    remember_item("playground.noise");
  }
  if (!settings_.hides(Control::batch)) {
    const bool all = settings_.batch == 0;
    ImGui::TextDisabled("%s", tr("playground.batch", {{"value", all ? std::string(T("playground.batch_all"))
                                                                    : std::to_string(settings_.batch)}})
                                  .c_str());
    const int most = std::max(2, std::min(kMaxPoints, std::max(30, engine_.train_count())));
    int batch = all ? engine_.batch_size() : settings_.batch;
    ImGui::SetNextItemWidth(width - 4.5f * f);
    ImGui::BeginDisabled(all);
    if (ImGui::SliderInt("##batch", &batch, 1, most, "%d", ImGuiSliderFlags_Logarithmic))
      (void)set("batch", std::to_string(batch));
    ImGui::EndDisabled();
    remember_item("playground.batch");
    ImGui::SameLine();
    bool a = all;
    if (ImGui::Checkbox(with_id(T("playground.batch_all"), "batch_all").c_str(), &a))
      (void)set("batch", a ? "all" : std::to_string(std::min(10, std::max(1, engine_.train_count()))));
  }
  ImGui::PopItemWidth();
  if (!settings_.hides(Control::regenerate)) {
    if (ImGui::Button(with_id(T("playground.regenerate"), "regenerate").c_str(), ImVec2(width, tall(1.9f))))
      (void)command("regenerate", "");
    remember_item("playground.regenerate");
  }
  if (!settings_.hides(Control::points)) {
    ImGui::Spacing();
    ImGui::TextDisabled("%s", T("playground.points.title"));
    const float half = (width - ImGui::GetStyle().ItemSpacing.x) / 2;
    auto tool_button = [&](Tool t, const char* key, const char* name) {
      const bool on = tool_ == t;
      if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
      if (ImGui::Button(with_id(T(key), name).c_str(), ImVec2(half, tall(1.9f)))) tool_ = t;
      if (on) ImGui::PopStyleColor();
      remember_item(stable_name(std::string("playground.tool ") + name));
    };
    tool_button(Tool::inspect, "playground.tool.inspect", "inspect");
    ImGui::SameLine();
    tool_button(Tool::add, "playground.tool.add", "add");
    const int K = class_count(settings_.data);
    if (tool_ == Tool::add) {
      if (K > 0) {
        for (int k = 0; k < K; ++k) {
          if (k) ImGui::SameLine();
          const Rgb c = class_color(k);
          const bool on = add_class_ == k;
          ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(c.r, c.g, c.b, on ? 1.0f : 0.45f));
          ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(c.r, c.g, c.b, 0.85f));
          const std::string label = K == 2 ? (k == 0 ? "\u22121" : "+1") : std::to_string(k);
          if (ImGui::Button((label + (on ? " \u2022" : "") + "###class" + std::to_string(k)).c_str(),
                            ImVec2(3 * f, tall(1.9f))))
            add_class_ = k;
          ImGui::PopStyleColor(2);
          remember_item(stable_name("playground.class " + std::to_string(k)));
        }
      } else {
        ImGui::SetNextItemWidth(width);
        ImGui::SliderFloat(with_id(T("playground.value"), "value").c_str(), &add_value_, -1, 1, "%.2f");
      }
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    wrap_to(width, tool_ == Tool::add
                       ? T(layout::pointer_key("playground.tool.help_add", "playground.tap.tool.help_add"))
                       : T(layout::pointer_key("playground.tool.help_inspect", "playground.tap.tool.help_inspect")));
    ImGui::PopStyleColor();
    if (ImGui::Button(with_id(T("playground.points.clear"), "clear").c_str(), ImVec2(width, 0)))
      (void)point_command("clear");
    remember_item("playground.clear");
  }
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  wrap_to(width, tr("playground.points.count", {{"count", format_count(long(engine_.points().size()))},
                                                {"train", format_count(engine_.train_count())},
                                                {"test", format_count(engine_.test_count())}}));
  if (engine_.edited() && engine_.points().size() > kLinkPoints)
    wrap_to(width, tr("playground.link.no_points", {{"count", format_count(long(engine_.points().size()))},
                                                    {"max", format_count(long(kLinkPoints))}}));
  ImGui::PopStyleColor();
}

// The losses (and accuracy), the curve, the plot, its legend and switches, the probe's result and
// the hand calculation, the confusion matrix.
void PlaygroundView::draw_output_panel(float width, bool narrow) {
  const float f = ImGui::GetFontSize();
  width = std::min(width, ImGui::GetContentRegionAvail().x);
  if (!narrow) ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), "%s", T("playground.output"));
  const auto loss = [](float v) { return std::isfinite(v) ? format_number(v) : std::string("\u221e"); };
  ImGui::TextUnformatted(tr("playground.test_loss", {{"value", loss(engine_.test_eval().loss)}}).c_str());
  ImGui::TextDisabled("%s", tr("playground.train_loss", {{"value", loss(engine_.train_eval().loss)}}).c_str());
  if (engine_.classes() > 0 && engine_.test_eval().count > 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    wrap_to(width, tr("playground.accuracy", {{"test", format_number(100 * engine_.test_eval().accuracy)},
                                              {"train", format_number(100 * engine_.train_eval().accuracy)}}));
    ImGui::PopStyleColor();
  }
  if (!settings_.hides(Control::curve)) draw_curve(width, 3.6f * f);
  const float size = std::min(width, narrow ? width : 26 * f);
  draw_plot(size);
  draw_legend(size);
  if (!settings_.hides(Control::test)) {
    bool t = settings_.show_test;
    if (ImGui::Checkbox(with_id(T("playground.show_test"), "show_test").c_str(), &t))
      (void)set("test", t ? "on" : "off");
    remember_item("playground.show_test");
    if (size > 18 * f) ImGui::SameLine();
  }
  if (!settings_.hides(Control::discretize)) {
    bool d = settings_.discretize;
    if (ImGui::Checkbox(with_id(T("playground.discretize"), "discretize").c_str(), &d))
      (void)set("discretize", d ? "on" : "off");
    remember_item("playground.discretize");
  }
  // what the plot shows, when it is not the output
  const int L = engine_.model().layer_count();
  int shown_l = hover_layer_ >= 0 ? hover_layer_ : focus_layer_,
      shown_n = hover_layer_ >= 0 ? hover_neuron_ : focus_neuron_;
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  if (hover_feature_ >= 0) {
    wrap_to(width, tr("playground.showing_feature", {{"feature", feature_label(Feature(hover_feature_))}}));
  } else if (shown_l >= 0 && shown_l < L - 1) {
    wrap_to(width, tr("playground.showing_neuron",
                      {{"neuron", std::to_string(shown_n + 1)}, {"layer", std::to_string(shown_l + 1)}}));
    if (focus_layer_ >= 0 && hover_layer_ < 0) {
      const std::string label = with_id(T("playground.show_output"), "show_output");
      layout::next_in_row(layout::button_width(label.c_str()));
      if (layout::small_button(label.c_str())) (void)select_command("none");
      remember_item("playground.show_output");
    }
  }
  ImGui::PopStyleColor();
  if (has_probe_ && !probe_out_.empty()) {
    ImGui::Spacing();
    const std::string at = "(" + format_number(probe_x_) + ", " + format_number(probe_y_) + ")";
    std::string said;
    if (engine_.classes() > 2) {
      const int c = engine_.predicted_class(probe_out_.data());
      said = tr("playground.probe_class",
                {{"at", at}, {"class", std::to_string(c)}, {"p", format_number(probe_out_[size_t(c)])}});
    } else {
      said = tr("playground.probe", {{"at", at}, {"y_hat", format_number(probe_out_[0])}});
    }
    wrap_to(width, said);
    if (!settings_.hides(Control::hand)) {
      if (ImGui::Button(with_id(T("playground.hand"), "hand").c_str(), ImVec2(std::min(width, 16 * f), tall(2)))) {
        const std::string e = hand_calculation(probe_x_, probe_y_);
        if (!e.empty()) say_text(e, true);
      }
      remember_item("playground.hand");
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", T("playground.hand_tip"));
    }
  }
  if (!settings_.hides(Control::confusion) && engine_.classes() > 0) draw_confusion(width);
}

// The editor of the clicked weight or bias (as the Network view's): type a value or drag it, and
// for a weight, pick it as an axis of the loss landscape.
void PlaygroundView::draw_editor(float width) {
  const Mlp& m = engine_.model();
  if (selection_.kind == Selection::Kind::none || settings_.hides(Control::weights)) return;
  if (selection_.layer >= m.layer_count() || selection_.out >= m.layer(selection_.layer).outputs ||
      (selection_.kind == Selection::Kind::weight && selection_.in >= m.layer(selection_.layer).inputs)) {
    selection_ = Selection{};
    return;
  }
  const float f = ImGui::GetFontSize();
  const Notation n(m);
  const int l = selection_.layer;
  const bool weight = selection_.kind == Selection::Kind::weight;
  const std::string layer = l == m.layer_count() - 1 ? std::string(T("playground.layer.output"))
                                                     : tr("playground.layer.hidden", {{"n", std::to_string(l + 1)}});
  const ParamRef ref{l, selection_.out, weight ? selection_.in : -1};
  const size_t index = param_index(m, ref);
  float value = m.params()[index];
  std::string title;
  if (weight) {
    const std::string from = l == 0 ? tr("playground.from.feature",
                                         {{"name", feature_label(nth_feature(settings_.features, selection_.in))}})
                                    : tr("playground.from.neuron",
                                         {{"neuron", std::to_string(selection_.in + 1)}, {"layer", std::to_string(l)}});
    title = tr("playground.edit.weight", {{"w", n.w(l, selection_.out, selection_.in)},
                                          {"from", from},
                                          {"neuron", std::to_string(selection_.out + 1)},
                                          {"layer", layer}});
  } else {
    title = tr("playground.edit.bias",
               {{"b", n.b(l, selection_.out)}, {"neuron", std::to_string(selection_.out + 1)}, {"layer", layer}});
  }
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, kHighlightVec);
  wrap_to(width, title);
  ImGui::PopStyleColor();
  ImGui::SetNextItemWidth(7 * f);
  if (focus_editor_) {
    ImGui::SetKeyboardFocusHere();
    focus_editor_ = false;
  }
  float typed = value;
  if (ImGui::InputFloat("##value", &typed, 0, 0, "%.6g", ImGuiInputTextFlags_AutoSelectAll) && std::isfinite(typed) &&
      typed != value)
    engine_.set_param(index, std::clamp(typed, -1e6f, 1e6f));
  remember_item("playground.edit value");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(8 * f);
  float dragged = value;
  if (ImGui::DragFloat("##drag", &dragged, std::max(0.005f, std::fabs(value) * 0.01f), -1e6f, 1e6f, "%.4g") &&
      dragged != value)
    engine_.set_param(index, dragged);
  remember_item("playground.edit drag");
  if (!settings_.hides(Control::landscape)) {
    auto axis = [&](const char* key, const char* name, bool first) {
      ImGui::SameLine();
      if (ImGui::Button(with_id(T(key), name).c_str())) {
        size_t other = land_.has_axes() ? (first ? land_.b() : land_.a()) : SIZE_MAX;
        if (other == SIZE_MAX || other == index) {  // a second axis nearby: the next parameter
          other = index + 1 < m.parameter_count() ? index + 1 : index - 1;
        }
        ParamRef a, b;
        param_ref(m, first ? index : other, &a);
        param_ref(m, first ? other : index, &b);
        auto words = [](const ParamRef& p) {
          return p.in < 0 ? "b " + std::to_string(p.layer + 1) + " " + std::to_string(p.out + 1)
                          : "w " + std::to_string(p.layer + 1) + " " + std::to_string(p.out + 1) + " " +
                                std::to_string(p.in + 1);
        };
        (void)landscape_command(words(a) + " " + words(b));
      }
      remember_item(stable_name(std::string("playground.") + name));
    };
    axis("playground.edit.land_a", "land_a", true);
    axis("playground.edit.land_b", "land_b", false);
  }
  ImGui::SameLine();
  if (ImGui::Button(with_id(T("playground.edit.done"), "done").c_str())) selection_ = Selection{};
  remember_item("playground.edit done");
}

void PlaygroundView::draw_classroom(float width) {
  if (settings_.hides(Control::classroom)) return;
  ImGui::Spacing();
  if (!ImGui::CollapsingHeader(with_id(T("playground.class.title"), "classroom").c_str())) return;
  remember_item("playground.classroom");
  const float f = ImGui::GetFontSize();
  wrapped_text(T("playground.class.intro"));
  const int per_row = std::max(1, int(width / (13 * f)));
  for (int c = 0; c < kControlCount; ++c) {
    if (c % per_row) ImGui::SameLine(float(c % per_row) * 13 * f);
    bool hide = (classroom_hide_ >> c) & 1u;
    if (ImGui::Checkbox((std::string(control_label(Control(c))) + "###hide" + std::to_string(c)).c_str(), &hide))
      classroom_hide_ = hide ? classroom_hide_ | (1u << c) : classroom_hide_ & ~(1u << c);
    remember_item(stable_name("playground.hide " + std::string(control_name(Control(c)))));
  }
  ImGui::Checkbox(with_id(T("playground.class.lock"), "lock").c_str(), &classroom_lock_);
  remember_item("playground.lock");
  // The exercise's link: this situation, with the chosen controls hidden.
  Settings exercise = settings_;
  exercise.hidden_controls = classroom_hide_;
  exercise.lock = classroom_lock_;
  std::string link = "#view=playground";
  append_settings_link(exercise, &link);
  {
    std::string rest;
    append_link(&rest);  // points and weights as this screen has them
    const size_t pts = rest.find("&pts="), w = rest.find("&w=");
    const size_t from = std::min(pts, w);
    if (from != std::string::npos) link += rest.substr(from);
  }
  ImGui::TextDisabled("%s", T("playground.class.link"));
  std::string shown = link;
  ImGui::SetNextItemWidth(width);
  ImGui::InputText("##exercise", shown.data(), shown.size() + 1, ImGuiInputTextFlags_ReadOnly);
  remember_item("playground.exercise_link");
  if (ImGui::Button(with_id(T("playground.class.copy"), "copy").c_str())) ImGui::SetClipboardText(link.c_str());
  remember_item("playground.copy_link");
  ImGui::SameLine();
  if (ImGui::Button(with_id(T("playground.class.try"), "try").c_str()) && run_app_command)
    (void)run_app_command("link " + link);
  remember_item("playground.try_link");
}

void PlaygroundView::draw_files(float width) {
  (void)width;
  if (settings_.hides(Control::files)) return;
  ImGui::Spacing();
  if (!ImGui::CollapsingHeader(with_id(T("playground.files.title"), "files").c_str())) return;
  if (ImGui::Button(with_id(T("playground.files.save"), "save").c_str())) {
    const std::string e = save_model();
    if (!e.empty()) say_text(e, true);
  }
  remember_item("playground.save");
  ImGui::SameLine();
  if (ImGui::Button(with_id(T("playground.files.open"), "open").c_str()) && !host::pick_files(".json", false))
    say(Note("playground.file.no_dialog"), true);
  remember_item("playground.open");
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  wrapped_text(T("playground.files.drop"));
  if (engine_.model().parameter_count() > kLinkWeights)
    wrapped_text(tr("playground.link.no_weights", {{"count", format_count(long(engine_.model().parameter_count()))},
                                                   {"max", format_count(long(kLinkWeights))}}));
  ImGui::PopStyleColor();
}

// The confusion matrix of the test points: rows the true class, columns the predicted one.
void PlaygroundView::draw_confusion(float width) {
  const int K = engine_.classes();
  const auto& cm = engine_.test_eval().confusion;
  if (cm.size() != size_t(K) * K) return;
  const float f = ImGui::GetFontSize();
  ImGui::Spacing();
  ImGui::TextDisabled("%s", T("playground.confusion"));
  const float cell = std::min(2.6f * f, (width - 3 * f) / float(K + 1));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  int most = 1;
  for (int v : cm) most = std::max(most, v);
  const ImVec2 origin(o.x + 1.6f * f, o.y + 1.3f * f);
  centered_text(dl, ImVec2(origin.x + cell * K * 0.5f, o.y + 0.5f * f), ImGui::GetColorU32(ImGuiCol_TextDisabled),
                T("playground.confusion.predicted"));
  for (int t = 0; t < K; ++t) {
    const Rgb c = class_color(t);
    dl->AddRectFilled(ImVec2(o.x + 0.3f * f, origin.y + cell * t + cell * 0.3f),
                      ImVec2(o.x + 1.1f * f, origin.y + cell * (t + 0.7f)), u32(c));
    for (int p = 0; p < K; ++p) {
      const int v = cm[size_t(t) * K + p];
      const ImVec2 a(origin.x + cell * p, origin.y + cell * t), b(a.x + cell - 2, a.y + cell - 2);
      const float s = float(v) / float(most);
      dl->AddRectFilled(
          a, b, t == p ? IM_COL32(40, 90 + int(120 * s), 60, 255) : IM_COL32(60 + int(150 * s), 40, 40, 255), 3);
      centered_text(dl, ImVec2((a.x + b.x) / 2, (a.y + b.y) / 2), IM_COL32_WHITE, std::to_string(v).c_str());
    }
  }
  for (int p = 0; p < K; ++p) {
    const Rgb c = class_color(p);
    dl->AddRectFilled(ImVec2(origin.x + cell * p + cell * 0.3f, origin.y + cell * K + 2),
                      ImVec2(origin.x + cell * (p + 0.7f), origin.y + cell * K + 0.6f * f), u32(c));
  }
  ImGui::Dummy(ImVec2(origin.x - o.x + cell * K, origin.y - o.y + cell * K + 0.8f * f));
  remember_item("playground.confusion");
  ImGui::TextDisabled("%s", T("playground.confusion.rows"));
}

// The train (grey) and test (white) loss over the epochs, TF Playground's line chart.
void PlaygroundView::draw_curve(float width, float height) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  dl->AddRectFilled(o, ImVec2(o.x + width, o.y + height), IM_COL32(24, 26, 32, 255), 3);
  const auto& h = engine_.history();
  if (h.size() >= 2) {
    float top = 1e-6f;
    for (const HistoryPoint& p : h)
      for (float v : {p.train_loss, p.test_loss})
        if (std::isfinite(v)) top = std::max(top, v);
    const double e0 = h.front().epoch, e1 = std::max(h.back().epoch, e0 + 1e-9);
    const int every = std::max(1, int(h.size()) / int(std::max(8.0f, width / 2)));  // ≤ a point per 2 px
    // the training and test losses (on the largest loss's scale); for classes, the test accuracy (0 … 100 %)
    const int series_count = engine_.classes() > 0 ? 3 : 2;
    static const ImU32 kColours[3] = {IM_COL32(150, 150, 150, 255), IM_COL32(250, 250, 250, 255),
                                      IM_COL32(90, 200, 110, 255)};
    // one path a series, 2 px wide (a whole number: ImGui's textured lines, 2 triangles a segment),
    // broken where a value is not finite
    for (int series = 0; series < series_count; ++series) {
      for (size_t i = 0; i < h.size(); i += size_t(every)) {
        const float v = series == 0 ? h[i].train_loss / top : series == 1 ? h[i].test_loss / top : h[i].test_accuracy;
        if (!std::isfinite(v)) {
          dl->PathStroke(kColours[series], 0, 2.0f);
          continue;
        }
        dl->PathLineTo(ImVec2(o.x + float((h[i].epoch - e0) / (e1 - e0)) * width,
                              o.y + height * (1 - v) * 0.92f + height * 0.04f));
      }
      dl->PathStroke(kColours[series], 0, 2.0f);
    }
  }
  ImGui::Dummy(ImVec2(width, height));
  remember_item("playground.curve");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", T(engine_.classes() > 0 ? "playground.curve_tip_classes" : "playground.curve_tip"));
}

// TF Playground's colour legend: −1 … 1 in its shades, and what the colours mean.
void PlaygroundView::draw_legend(float width) {
  const float f = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const int K = engine_.classes();
  if (K > 2) {
    float x = o.x;
    for (int k = 0; k < K; ++k) {
      dl->AddRectFilled(ImVec2(x, o.y + 0.2f * f), ImVec2(x + 0.9f * f, o.y + 1.1f * f), u32(class_color(k)));
      const std::string label = tr("playground.class_n", {{"n", std::to_string(k)}});
      dl->AddText(ImVec2(x + 1.1f * f, o.y + 0.1f * f), ImGui::GetColorU32(ImGuiCol_Text), label.c_str());
      x += 1.6f * f + ImGui::CalcTextSize(label.c_str()).x;
    }
    ImGui::Dummy(ImVec2(width, tall(1.4f)));
  } else {
    const float bar = std::min(width, 12 * f);
    for (int i = 0; i < kShades; ++i) {
      const float v = -1 + 2 * (float(i) + 0.5f) / kShades;
      dl->AddRectFilled(ImVec2(o.x + bar * i / kShades, o.y),
                        ImVec2(o.x + bar * (i + 1) / kShades + 0.5f, o.y + 0.7f * f), u32(heatmap_color(v, false)));
    }
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    dl->AddText(ImVec2(o.x, o.y + 0.75f * f), text, "\u22121");
    centered_text(dl, ImVec2(o.x + bar / 2, o.y + 1.25f * f), text, "0");
    dl->AddText(ImVec2(o.x + bar - 0.8f * f, o.y + 0.75f * f), text, "1");
    ImGui::Dummy(ImVec2(bar, tall(1.8f)));
  }
  remember_item("playground.legend");
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  wrap_to(width, T(K == 0  ? "playground.legend.regression"
                   : K > 2 ? "playground.legend.classes"
                           : "playground.legend"));
  ImGui::PopStyleColor();
}

}  // namespace nnlab::app
