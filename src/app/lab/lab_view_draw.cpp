// The MNIST lab view, drawn: controls on the left, pictures on the right.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "app/common/host.h"
#include "app/common/layout.h"
#include "app/common/widgets.h"
#include "app/lab/lab_view.h"
#include "data/float_text.h"
#include "lessons/activation_text.h"
#include "lessons/number_format.h"
#include "text/text.h"

namespace nnlab::app {
namespace {

using text::T;
using text::tr;

const ImVec4 kErrorColor(1.0f, 0.45f, 0.4f, 1.0f);
const ImVec4 kOkColor(0.6f, 0.9f, 0.6f, 1.0f);

const char* optimizer_label(OptimizerKind k) {
  return T(k == OptimizerKind::sgd        ? "lab.opt.sgd"
           : k == OptimizerKind::momentum ? "lab.opt.momentum"
                                          : "lab.opt.adam");
}

const char* loss_label(Loss l) { return T(l == Loss::mse ? "lab.loss.mse" : "lab.loss.cross_entropy"); }

std::string with_commas(long long n) {
  std::string s = std::to_string(n);
  for (int i = int(s.size()) - 3; i > 0; i -= 3) s.insert(size_t(i), ",");
  return s;
}

// A label that changes with the language on a widget that keeps state: the text, then a fixed ID.
std::string label_id(const char* key, const char* id) { return std::string(T(key)) + "###" + id; }

// Text in one decimal place etc.: printf's forms, the same in both languages.
std::string fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// The tooltip of the item just drawn, on hover.
void tip(const char* key) {
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", T(key));
}

}  // namespace

// Training time for this frame. budget_ms_ is the floor; when the frame waits anyway (the page's
// drawing is slow in software WebGL, or vsync holds the frame), the idle part of the previous
// frame goes to training too, up to kMaxBudgetMs, so training speeds up without costing frames.
double LabView::adapt_budget() {
  constexpr double kMaxBudgetMs = 20.0, kIdleMarginMs = 5.0;
  const double interval_ms = ImGui::GetIO().DeltaTime * 1000.0;
  const double idle_ms = interval_ms - lab_.last_update_ms();
  if (idle_ms > kIdleMarginMs + 1.0) adaptive_ms_ += 0.5;
  else if (idle_ms < kIdleMarginMs - 1.0) adaptive_ms_ -= 1.0;
  adaptive_ms_ = std::clamp(adaptive_ms_, budget_ms_, std::max(budget_ms_, kMaxBudgetMs));
  return adaptive_ms_;
}

void LabView::tick() {
  if (lab_.has_data()) lab_.update(adapt_budget());
  if (save_pending_ && lab_.in_sync())
    if (const std::string error = save_model(); !error.empty()) say(error, true);
}

void LabView::draw() {
  const float f = ImGui::GetFontSize();
  if (!lab_.has_data()) {
    ImGui::TextWrapped("%s", T("lab.loading"));
    ImGui::ProgressBar(-1.0f * float(ImGui::GetTime()), ImVec2(20 * f, 0), "");
    return;
  }
  update_prediction(false);
  const float avail = ImGui::GetContentRegionAvail().x;
  if (layout::stacked(avail)) {
    // One column: what you press first and what it does (Start, the progress, the curves), then the
    // pad and its prediction, the pictures behind the tabs, and the settings last.
    ImGui::BeginChild("mnist_column", ImVec2(0, 0), false);
    const float width = ImGui::GetContentRegionAvail().x;
    draw_intro(width);
    draw_training_status(width);
    ImGui::Spacing();
    draw_curves(lab_, settings_.epochs, width, 11 * f);
    draw_timeline(width);
    ImGui::Spacing();
    draw_pad(width);
    ImGui::Spacing();
    draw_tabs(width, true);
    draw_settings(width);
    ImGui::EndChild();
    return;
  }
  const float left = std::clamp(avail * 0.3f, 17 * f, 22 * f);
  ImGui::BeginChild("mnist_controls", ImVec2(left, 0), false);
  draw_controls(left);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("mnist_pictures", ImVec2(0, 0), false);
  draw_pictures(ImGui::GetContentRegionAvail().x);
  ImGui::EndChild();
}

// A text box showing `current` until edited; commits through set(key, text) on Enter or when it
// loses focus. A rejected value shows the reason and the box returns to the current value. Its
// label comes from the tables (`label_key`), its ID stays the setting's key whatever the language.
bool LabView::field(const char* label_key, const char* ui_name, const char* key, const std::string& current, Field* f,
                    float width, const char* tip_key, int flags) {
  if (!f->active) std::snprintf(f->buf, sizeof f->buf, "%s", current.c_str());
  ImGui::SetNextItemWidth(width);
  ImGui::InputText(label_id(label_key, key).c_str(), f->buf, sizeof f->buf, flags);
  remember_item(ui_name);
  if (tip_key) tip(tip_key);
  f->active = ImGui::IsItemActive();
  if (!ImGui::IsItemDeactivatedAfterEdit() || current == f->buf) return false;
  const std::string error = set(key, f->buf);
  if (!error.empty()) say(error, true);
  return error.empty();
}

void LabView::draw_controls(float width) {
  width = std::min(width, ImGui::GetContentRegionAvail().x);  // less the scrollbar, when there is one
  draw_intro(width);
  draw_training_status(width);
  draw_settings(width);
}

void LabView::draw_intro(float width) {
  ImGui::PushTextWrapPos(width - 0.5f * ImGui::GetFontSize());
  ImGui::TextDisabled("%s", T("lab.intro"));
  ImGui::PopTextWrapPos();
}

// The network, its training and the data: every setting the lab has.
void LabView::draw_settings(float width) {
  const float f = ImGui::GetFontSize();
  width = std::min(width, ImGui::GetContentRegionAvail().x);
  const float w = width - 7.5f * f;
  ImGui::PushTextWrapPos(width - 0.5f * f);
  auto apply = [&](const char* key, const std::string& value) {
    const std::string error = set(key, value);
    if (!error.empty()) say(error, true);
  };

  section(T("lab.section.network"));
  for (const char* preset : lab::kArchPresets) {
    if (preset != lab::kArchPresets[0]) layout::next_in_row(layout::button_width(preset));  // wraps on a phone
    if (ImGui::Button(preset)) apply("arch", preset);
    remember_item(stable_name(std::string("mnist.preset ") + preset));
  }
  field("lab.field.layers", "mnist.arch", "arch", lab::arch_text(settings_.hidden, lab_.shape()), &f_arch_, w,
        "lab.tip.layers");
  ImGui::SetNextItemWidth(w);
  if (ImGui::BeginCombo(label_id("lab.field.activation", "act").c_str(), activation_text(settings_.activation).label)) {
    for (Activation a : lab::kActivations)
      if (layout::selectable(activation_text(a).label, a == settings_.activation))
        apply("act", std::string(activation_name(a)));
    ImGui::EndCombo();
  }
  remember_item("mnist.act");
  ImGui::TextDisabled(
      "%s", tr("lab.parameters", {{"count", with_commas((long long)lab_.model().parameter_count())}}).c_str());

  section(T("lab.section.training"));
  ImGui::SetNextItemWidth(w);
  if (ImGui::BeginCombo(label_id("lab.field.optimizer", "opt").c_str(), optimizer_label(settings_.optimizer))) {
    for (OptimizerKind k : {OptimizerKind::sgd, OptimizerKind::momentum, OptimizerKind::adam})
      if (layout::selectable(optimizer_label(k), k == settings_.optimizer))
        apply("opt", std::string(optimizer_name(k)));
    ImGui::EndCombo();
  }
  remember_item("mnist.opt");
  ImGui::SetNextItemWidth(w);
  if (ImGui::BeginCombo(label_id("lab.field.loss", "loss").c_str(), loss_label(settings_.loss))) {
    for (Loss l : lab::kLosses)
      if (layout::selectable(loss_label(l), l == settings_.loss)) apply("loss", std::string(loss_name(l)));
    ImGui::EndCombo();
  }
  remember_item("mnist.loss");
  // Numbers: the phone shows its number pad, and only a number's characters are taken.
  constexpr int kReal = ImGuiInputTextFlags_CharsScientific, kWhole = ImGuiInputTextFlags_CharsDecimal;
  draw_update_settings(w);
  field("lab.field.lr", "mnist.lr", "lr", float_to_text(settings_.lr), &f_lr_, w, "lab.tip.lr", kReal);
  field("lab.field.batch", "mnist.batch", "batch", std::to_string(settings_.batch), &f_batch_, w, "lab.tip.batch",
        kWhole);
  field("lab.field.epochs", "mnist.epochs", "epochs", std::to_string(settings_.epochs), &f_epochs_, w, "lab.tip.epochs",
        kWhole);
  field("lab.field.l2", "mnist.l2", "l2", float_to_text(settings_.l2), &f_l2_, w, "lab.tip.l2", kReal);
  field("lab.field.dropout", "mnist.dropout", "dropout", float_to_text(settings_.dropout), &f_dropout_, w,
        "lab.tip.dropout", kReal);
  field("lab.field.seed", "mnist.seed", "seed", std::to_string(settings_.seed), &f_seed_, w, "lab.tip.seed", kWhole);
  field("lab.field.patience", "mnist.patience", "patience", std::to_string(settings_.patience), &f_patience_, w,
        "lab.tip.patience", kWhole);
  ImGui::TextDisabled("%s", T("lab.live_hint"));
  ImGui::TextDisabled("%s", T("lab.l2_hint"));
  section(T("lab.section.data"));
  ImGui::TextWrapped("%s", lab::message_text(data_title_).c_str());
  ImGui::TextDisabled("%s", tr(class_names_.empty() ? "lab.data.counts_digits" : "lab.data.counts_images",
                               {{"train", with_commas(lab_.train_count())}, {"test", with_commas(lab_.test_count())}})
                                .c_str());
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(T("lab.subset"));
  for (int s : kSubsetSizes) {
    const std::string label = s == 0 ? label_id("lab.subset.all", "subset_all") : lab::subset_text(s);
    layout::next_in_row(layout::check_width(label.c_str()));
    if (ImGui::RadioButton(label.c_str(), settings_.subset == s)) apply("subset", lab::subset_text(s));
    remember_item(stable_name("mnist.subset " + lab::subset_text(s)));
  }
  const std::string unit = label_id("lab.norm.unit", "norm_unit"),
                    standard = label_id("lab.norm.standardise", "norm_std");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(T("lab.norm"));
  layout::next_in_row(layout::check_width(unit.c_str()));
  if (ImGui::RadioButton(unit.c_str(), settings_.normalisation == Normalisation::unit)) apply("norm", "unit");
  remember_item("mnist.norm unit");
  layout::next_in_row(layout::check_width(standard.c_str()));
  if (ImGui::RadioButton(standard.c_str(), settings_.normalisation == Normalisation::standardise))
    apply("norm", "standardise");
  remember_item("mnist.norm standardise");
  ImGui::TextDisabled("%s", T("lab.norm_hint"));
  if (layout::small_button("MNIST")) {
    if (auto e = command("data", "embedded"); e && !e->empty()) say(*e, true);
  }
  remember_item("mnist.data embedded");
#ifndef __EMSCRIPTEN__
  layout::next_in_row(layout::button_width("Fashion-MNIST"));
  if (layout::small_button("Fashion-MNIST")) {
    if (auto e = command("data", "fashion"); e && !e->empty()) say(*e, true);
  }
  remember_item("mnist.data fashion");
#endif
  const std::string idx = label_id("lab.data.your_idx", "idx_files");
  layout::next_in_row(layout::button_width(idx.c_str()));
  if (layout::small_button(idx.c_str())) {
    if (!host::pick_files(".gz,.idx3-ubyte,.idx1-ubyte,.ubyte", true))
      say(lab::Message("lab.data.drop_idx", {{"train", "train"}, {"test", "t10k"}}), false);
  }
  remember_item("mnist.data idx");

  ImGui::PopTextWrapPos();
}

void LabView::draw_training_status(float width) {
  const float f = ImGui::GetFontSize();
  const bool running = lab_.phase() == lab::Phase::running;
  const ImVec2 button(std::max(4.0f * f, (width - 3.5f * f) / 4), std::max(1.8f * f, layout::target_height()));
  if (ImGui::Button(
          running ? label_id("lab.button.pause", "start").c_str() : label_id("lab.button.start", "start").c_str(),
          button)) {
    const std::string error = running ? (lab_.pause(), std::string()) : lab_.start();
    if (!error.empty()) say(error, true);
  }
  remember_item(running ? "mnist.pause" : "mnist.start");
  ImGui::SameLine();
  if (ImGui::Button(label_id("lab.button.step", "step").c_str(), button)) {
    const std::string error = lab_.step();
    if (!error.empty()) say(error, true);
  }
  remember_item("mnist.step");
  tip("lab.tip.step");
  ImGui::SameLine();
  if (ImGui::Button(label_id("lab.button.reset", "reset").c_str(), button)) {
    if (lab_.steps() > 0) reset_question_ = true;  // a trained network: asked first
    else (void)reset();
  }
  remember_item("mnist.reset");
  tip("lab.tip.reset");
  draw_reset_question(width);
  if (layout::small_button(label_id(replace_asked_ ? "reliability.button.replace" : "lab.button.save", "save").c_str())) {
    const std::string error = save_model();
    if (!error.empty()) say(error, true);
  }
  remember_item("mnist.save");
  ImGui::SameLine();
  if (layout::small_button(label_id("lab.button.open", "open").c_str())) {
    if (!host::pick_files(".json", false)) say(lab::Message("lab.open.drop_model"), false);
  }
  remember_item("mnist.open");
  draw_export_python_button();
  const std::string format = tr("lab.model_format", {{"format", "nnlab-model"}});
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(format.c_str()).x) ImGui::NewLine();
  ImGui::TextDisabled("%s", format.c_str());

  const int shown_epoch = std::min(lab_.epochs_done() + 1, settings_.epochs);
  const float frac = lab_.epochs_done() >= settings_.epochs ? 1.0f : lab_.shown().epoch_fraction;
  const std::string overlay = tr("lab.progress", {{"epoch", std::to_string(shown_epoch)},
                                                  {"epochs", std::to_string(settings_.epochs)},
                                                  {"percent", fixed(double(frac) * 100, 0)}});
  ImGui::ProgressBar(frac, ImVec2(width - 0.5f * f, 0), overlay.c_str());
  // The status lines wrap (at their spaces and bars) where a language makes them longer than the column.
  ImGui::PushTextWrapPos(width - 0.5f * f);
  ImGui::TextWrapped("%s", tr(lab_.evaluating() ? "lab.status.measuring" : "lab.status.plain",
                              {{"phase", lab::phase_label(lab_.phase())}, {"step", std::to_string(lab_.steps())}})
                               .c_str());
  if (lab_.shown().samples_per_s > 0) {
    const std::string rate = with_commas((long long)lab_.shown().samples_per_s),
                      ms = fixed(lab_.shown().ms_per_step, 2);
    ImGui::TextWrapped("%s",
                       lab_.eta_s() >= 0
                           ? tr("lab.speed_eta", {{"rate", rate}, {"ms", ms}, {"eta", fixed(lab_.eta_s(), 0)}}).c_str()
                           : tr("lab.speed", {{"rate", rate}, {"ms", ms}}).c_str());
  }
  if (!lab_.epochs().empty()) {
    const lab::EpochPoint& e = lab_.epochs().back();
    ImGui::TextWrapped("%s", tr("lab.after_epoch", {{"epoch", std::to_string(e.epoch)},
                                                    {"train", fixed(double(e.train_accuracy) * 100, 1)},
                                                    {"test", fixed(double(e.test_accuracy) * 100, 1)}})
                                 .c_str());
    if (e.epoch > 0 && e.train_accuracy - e.test_accuracy > 0.05f)
      ImGui::TextColored(ImVec4(1, 0.8f, 0.4f, 1), "%s", T("lab.overfitting"));
  }
  const std::string lab_message = lab_.message(), said_now = said();
  if (lab_.message_is_error()) ImGui::TextColored(kErrorColor, "%s", lab_message.c_str());
  else if (!lab_message.empty()) ImGui::TextColored(kOkColor, "%s", lab_message.c_str());
  if (!said_now.empty()) ImGui::TextColored(message_error_ ? kErrorColor : kOkColor, "%s", said_now.c_str());
  draw_diverged_note();
  ImGui::PopTextWrapPos();
}

void LabView::draw_pictures(float width) {
  const float f = ImGui::GetFontSize();
  draw_curves(lab_, settings_.epochs, width, 13 * f);
  draw_timeline(width);
  ImGui::Spacing();
  const float pad = std::clamp(width * 0.18f, 8 * f, 11 * f);
  ImGui::BeginGroup();
  ImGui::TextUnformatted(T("lab.pad.title"));
  pictures_.draw_pad(pad_, pad_input_.empty() ? nullptr : pad_input_.data(), 28, pad);
  if (pad_.version() != pad_version_seen_) update_prediction(true);
  draw_pad_buttons();
  draw_prediction(pad);
  draw_hand_button();
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  draw_tabs(ImGui::GetContentRegionAvail().x, false);
  ImGui::EndGroup();
}

// The pad in one column: as large as half the width (a finger draws on it), the prediction beside it
// while there is room, else below.
void LabView::draw_pad(float width) {
  const float f = ImGui::GetFontSize(), gap = ImGui::GetStyle().ItemSpacing.x;
  const float pad = std::clamp(width * 0.5f, 8 * f, 14 * f);
  const bool beside = width - pad - gap >= 9 * f;
  ImGui::TextUnformatted(T("lab.pad.title"));
  pictures_.draw_pad(pad_, pad_input_.empty() ? nullptr : pad_input_.data(), 28, pad);
  if (pad_.version() != pad_version_seen_) update_prediction(true);
  if (beside) {
    ImGui::SameLine();
    ImGui::BeginGroup();
    draw_prediction(width - pad - gap);
    ImGui::EndGroup();
  }
  draw_pad_buttons();
  if (!beside) draw_prediction(width);
  draw_hand_button();
}

void LabView::draw_pad_buttons() {
  const float f = ImGui::GetFontSize();
  if (ImGui::Button(label_id("lab.pad.clear", "clear").c_str())) pad_.clear();
  remember_item("mnist.clear");
  if (pictures_.preview().id && pad_has_digit_) {
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", T("lab.pad.sees"));
    ImGui::SameLine();
    ImGui::Image(pictures_.preview().imgui_id(), ImVec2(1.6f * f, 1.6f * f));
    tip("lab.pad.sees_tip");
  }
}

void LabView::draw_prediction(float width) {
  if (pad_has_digit_ && !pad_probs_.empty())
    draw_probability_bars(pad_probs_.data(), lab_.classes(), class_names_, width);
  else ImGui::Dummy(ImVec2(width, 10 * ImGui::GetFontSize()));
}

void LabView::draw_hand_button() {
  if (layout::small_button(label_id("lab.hand.button", "hand").c_str())) {
    if (auto e = command("hand", ""); e && !e->empty()) say(*e, true);
  }
  remember_item("mnist.hand");
  tip("lab.hand.tip");
}

// The four pictures behind tabs. Where the tabs' titles would not fit (a phone, a tablet's column)
// they are a row of buttons that wraps, so no title is cut short; `in_column`: the picture follows
// in the scrolling column instead of a box of its own.
// The tabs' body fills the column's rest, but never less than 16 lines: on a short screen (a phone
// on its side) the column scrolls to it instead of leaving it no height at all.
static float tab_body_height() {
  return std::max(ImGui::GetContentRegionAvail().y, 16.0f * ImGui::GetTextLineHeightWithSpacing());
}

void LabView::draw_tabs(float width, bool in_column) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const char* titles[] = {"lab.tab.weights", "lab.tab.digits", "lab.tab.confusion",
                          "lab.tab.inside",  "lab.tab.search", "lab.tab.updates"};
  const char* ids[] = {"weights", "digits", "confusion", "inside", "search", "updates"};
  const char* ui_names[] = {"mnist.tab_weights", "mnist.tab_digits", "mnist.tab_confusion",
                            "mnist.tab_inside",  "mnist.tab_search", "mnist.tab_updates"};
  float titles_w = 0;
  for (const char* t : titles)
    titles_w += ImGui::CalcTextSize(T(t)).x + 2 * style.FramePadding.x + style.ItemInnerSpacing.x;
  if (in_column || titles_w > width) {
    for (int t = 0; t < kTabs; ++t) {
      const std::string label = label_id(titles[t], ids[t]);
      if (t) layout::next_in_row(layout::button_width(label.c_str()));
      const bool on = tab_ == t;
      if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_TabActive));
      if (ImGui::Button(label.c_str())) tab_ = Tab(t);
      remember_item(ui_names[t]);
      if (on) ImGui::PopStyleColor();
    }
    tab_forced_ = false;
    ImGui::Separator();
    if (!in_column) ImGui::BeginChild("tab_body", ImVec2(width, tab_body_height()), false);
    draw_tab_body(tab_, width);
    if (!in_column) ImGui::EndChild();
    return;
  }
  if (!ImGui::BeginTabBar("mnist_tabs")) return;
  const bool forced = tab_forced_;  // a click below may force another tab for the next frame
  tab_forced_ = false;
  for (int t = 0; t < kTabs; ++t) {
    const ImGuiTabItemFlags flags = forced && tab_ == t ? ImGuiTabItemFlags_SetSelected : 0;
    const bool open = ImGui::BeginTabItem(label_id(titles[t], ids[t]).c_str(), nullptr, flags);
    remember_item(ui_names[t]);
    if (!open) continue;
    if (!forced && !tab_forced_) tab_ = Tab(t);
    ImGui::BeginChild("tab_body", ImVec2(width, tab_body_height()), false);
    draw_tab_body(Tab(t), width);
    ImGui::EndChild();
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

void LabView::draw_tab_body(Tab t, float width) {
  const float f = ImGui::GetFontSize();
  if (t == kWeights) {
    const IdxImages& img = lab_.data().test.images;
    ImGui::TextWrapped("%s", tr("lab.weights.caption", {{"count", std::to_string(img.pixels_per_image())},
                                                        {"rows", std::to_string(img.rows)},
                                                        {"cols", std::to_string(img.cols)}})
                                 .c_str());
    pictures_.draw_weights(lab_, width - f, ImGui::GetTime(), 0.3);
  } else if (t == kDigits) {
    if (sel_truth_ >= 0) {
      const std::string cell = tr(
          class_names_.empty() ? "lab.digits.cell_digits" : "lab.digits.cell_images",
          {{"truth", class_text(sel_truth_, class_names_)}, {"predicted", class_text(sel_pred_, class_names_)}});
      const std::string all = label_id("lab.digits.show_all", "show_all");
      if (!layout::touch()) ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(cell.c_str());
      layout::next_in_row(layout::button_width(all.c_str()));
      if (layout::small_button(all.c_str())) sel_truth_ = sel_pred_ = -1;
      remember_item("mnist.show_all");
    } else {
      ImGui::Checkbox(label_id("lab.digits.mistakes", "mistakes").c_str(), &mistakes_only_);
      remember_item("mnist.mistakes");
      ImGui::SameLine();
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(8 * f, width - ImGui::GetCursorPosX() - f));
      ImGui::TextDisabled("%s", T(layout::pointer_key("lab.digits.hint", "layout.tap.digits_hint")));
      ImGui::PopTextWrapPos();
    }
    const int clicked = pictures_.draw_digits(lab_, shown_digits(), 2.6f * f, inside_pad_ ? -1 : selected_digit_);
    if (clicked >= 0) {
      selected_digit_ = clicked, inside_pad_ = false;
      tab_ = kInside, tab_forced_ = true;
    }
  } else if (t == kConfusion) {
    int truth, predicted;
    const float cell = std::min(2.2f * f, (width - 3 * f) / float(lab_.classes()));
    if (draw_confusion(lab_.confusion(), lab_.classes(), class_names_, sel_truth_, sel_pred_, cell, &truth,
                       &predicted)) {
      sel_truth_ = truth, sel_pred_ = predicted;
      tab_ = kDigits, tab_forced_ = true;
    }
  } else if (t == kSearch) {
    draw_search(width - f);
  } else if (t == kUpdates) {
    draw_compare(width - f);
  } else {
    const std::string pad = label_id("lab.inside.pad", "inside_pad");
    const std::string test = tr("lab.inside.test", {{"index", std::to_string(selected_digit_)}}) + "###inside_test";
    if (ImGui::RadioButton(pad.c_str(), inside_pad_)) inside_pad_ = true;
    remember_item("mnist.inside_pad");
    layout::next_in_row(layout::check_width(test.c_str()));
    if (ImGui::RadioButton(test.c_str(), !inside_pad_)) inside_pad_ = false;
    remember_item("mnist.inside_test");
    if (inside_pad_ && !pad_has_digit_) {
      ImGui::TextDisabled("%s", T("lab.inside.empty"));
    } else if (lab_.has_model()) {
      if (inside_pad_) lab_.forward_one(pad_x_.data());
      else if (selected_digit_ < lab_.test_count()) {
        std::vector<float> x(size_t(lab_.inputs()));
        lab_.test_input(selected_digit_, x.data());
        lab_.forward_one(x.data());
      }
      if (!inside_pad_) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - f);
        ImGui::TextWrapped(
            "%s", tr("lab.inside.caption",
                     {{"index", std::to_string(selected_digit_)},
                      {"label", class_text(lab_.data().test.labels.labels[size_t(selected_digit_)], class_names_)}})
                      .c_str());
        ImGui::PopTextWrapPos();
        (void)pictures_.draw_digits(lab_, {selected_digit_}, 3.0f * f, -1);
      } else if (pictures_.preview().id) {
        ImGui::Image(pictures_.preview().imgui_id(), ImVec2(3.0f * f, 3.0f * f));
        ImGui::SameLine();
        ImGui::TextUnformatted(T("lab.inside.yours"));
      }
      draw_activations(lab_, class_names_, width - f);
    }
  }
}

}  // namespace nnlab::app
