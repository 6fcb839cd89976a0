// The MNIST lab view, drawn: controls on the left, pictures on the right.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "app/common/host.h"
#include "app/common/widgets.h"
#include "app/lab/lab_view.h"
#include "data/float_text.h"
#include "lessons/activation_text.h"

namespace nnlab::app {
namespace {

const ImVec4 kErrorColor(1.0f, 0.45f, 0.4f, 1.0f);
const ImVec4 kOkColor(0.6f, 0.9f, 0.6f, 1.0f);

const char* optimizer_label(OptimizerKind k) {
  return k == OptimizerKind::sgd ? "SGD" : k == OptimizerKind::momentum ? "SGD + momentum" : "Adam";
}

std::string with_commas(long long n) {
  std::string s = std::to_string(n);
  for (int i = int(s.size()) - 3; i > 0; i -= 3) s.insert(size_t(i), ",");
  return s;
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
    ImGui::TextWrapped("Loading the 10,000 handwritten digits…");
    ImGui::ProgressBar(-1.0f * float(ImGui::GetTime()), ImVec2(20 * f, 0), "");
    return;
  }
  update_prediction(false);
  const float avail = ImGui::GetContentRegionAvail().x;
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
// loses focus. A rejected value shows the reason and the box returns to the current value.
bool LabView::field(const char* label, const char* ui_name, const char* key, const std::string& current, Field* f,
                    float width) {
  if (!f->active) std::snprintf(f->buf, sizeof f->buf, "%s", current.c_str());
  ImGui::SetNextItemWidth(width);
  ImGui::InputText(label, f->buf, sizeof f->buf);
  remember_item(ui_name);
  f->active = ImGui::IsItemActive();
  if (!ImGui::IsItemDeactivatedAfterEdit() || current == f->buf) return false;
  const std::string error = set(key, f->buf);
  if (!error.empty()) say(error, true);
  return error.empty();
}

void LabView::draw_controls(float width) {
  const float f = ImGui::GetFontSize();
  const float w = width - 7.5f * f;
  ImGui::PushTextWrapPos(width - 0.5f * f);
  ImGui::TextDisabled("Pick a network, press Start, and watch it learn to read handwriting.");
  ImGui::PopTextWrapPos();
  draw_training_status(width);
  ImGui::PushTextWrapPos(width - 0.5f * f);
  auto apply = [&](const char* key, const std::string& value) {
    const std::string error = set(key, value);
    if (!error.empty()) say(error, true);
  };

  section("Network");
  for (const char* preset : lab::kArchPresets) {
    if (ImGui::Button(preset)) apply("arch", preset);
    if (preset != lab::kArchPresets[std::size(lab::kArchPresets) - 1]) ImGui::SameLine();
  }
  field("layers", "mnist.arch", "arch", lab::arch_text(settings_.hidden, lab_.shape()), &f_arch_, w);
  ImGui::SetNextItemWidth(w);
  if (ImGui::BeginCombo("activation", activation_text(settings_.activation).label)) {
    for (Activation a : lab::kActivations)
      if (ImGui::Selectable(activation_text(a).label, a == settings_.activation))
        apply("act", std::string(activation_name(a)));
    ImGui::EndCombo();
  }
  ImGui::TextDisabled("%s parameters (weights and biases) to learn",
                      with_commas((long long)lab_.model().parameter_count()).c_str());

  section("Training");
  ImGui::SetNextItemWidth(w);
  if (ImGui::BeginCombo("optimizer", optimizer_label(settings_.optimizer))) {
    for (OptimizerKind k : {OptimizerKind::sgd, OptimizerKind::momentum, OptimizerKind::adam})
      if (ImGui::Selectable(optimizer_label(k), k == settings_.optimizer)) apply("opt", std::string(optimizer_name(k)));
    ImGui::EndCombo();
  }
  ImGui::SetNextItemWidth(w);
  if (ImGui::BeginCombo("loss", std::string(loss_name(settings_.loss)).c_str())) {
    for (Loss l : lab::kLosses)
      if (ImGui::Selectable(std::string(loss_name(l)).c_str(), l == settings_.loss))
        apply("loss", std::string(loss_name(l)));
    ImGui::EndCombo();
  }
  field("learning rate", "mnist.lr", "lr", float_to_text(settings_.lr), &f_lr_, w);
  field("batch size", "mnist.batch", "batch", std::to_string(settings_.batch), &f_batch_, w);
  field("epochs", "mnist.epochs", "epochs", std::to_string(settings_.epochs), &f_epochs_, w);
  field("L2", "mnist.l2", "l2", float_to_text(settings_.l2), &f_l2_, w);
  field("dropout", "mnist.dropout", "dropout", float_to_text(settings_.dropout), &f_dropout_, w);
  field("seed", "mnist.seed", "seed", std::to_string(settings_.seed), &f_seed_, w);
  field("early stop", "mnist.patience", "patience", std::to_string(settings_.patience), &f_patience_, w);
  ImGui::TextDisabled(
      "learning rate, batch size and epochs change live; the rest starts a new network. "
      "Early stop > 0 holds out 10%% of the training digits and stops when they stop improving.");
  section("Data");
  ImGui::TextWrapped("%s", lab_.data_name().c_str());
  ImGui::TextDisabled("training on %s %s, testing on %s", with_commas(lab_.train_count()).c_str(),
                      class_names_.empty() ? "digits" : "images", with_commas(lab_.test_count()).c_str());
  ImGui::TextUnformatted("subset");
  for (int s : kSubsetSizes) {
    ImGui::SameLine();
    if (ImGui::RadioButton(lab::subset_text(s).c_str(), settings_.subset == s)) apply("subset", lab::subset_text(s));
  }
  ImGui::TextUnformatted("inputs");
  ImGui::SameLine();
  if (ImGui::RadioButton("0 to 1", settings_.normalisation == Normalisation::unit)) apply("norm", "unit");
  ImGui::SameLine();
  if (ImGui::RadioButton("standardised", settings_.normalisation == Normalisation::standardise))
    apply("norm", "standardise");
  ImGui::TextDisabled(
      "Pixels are scaled from 0–255 down to small numbers so no input swamps the others "
      "and the usual learning rates work.");
  if (ImGui::SmallButton("MNIST")) {
    if (auto e = command("data", "embedded"); e && !e->empty()) say(*e, true);
  }
#ifndef __EMSCRIPTEN__
  ImGui::SameLine();
  if (ImGui::SmallButton("Fashion-MNIST")) {
    if (auto e = command("data", "fashion"); e && !e->empty()) say(*e, true);
  }
#endif
  ImGui::SameLine();
  if (ImGui::SmallButton("your IDX files…")) {
    if (!host::pick_files(".gz,.idx3-ubyte,.idx1-ubyte,.ubyte", true))
      say("drop the four IDX files (train/t10k images and labels, .gz or plain) on the window", false);
  }

  ImGui::PopTextWrapPos();
}

void LabView::draw_training_status(float width) {
  const float f = ImGui::GetFontSize();
  const bool running = lab_.phase() == lab::Phase::running;
  const ImVec2 button(std::max(4.0f * f, (width - 3.5f * f) / 4), 1.8f * f);
  if (ImGui::Button(running ? "Pause" : "Start", button)) {
    const std::string error = running ? (lab_.pause(), std::string()) : lab_.start();
    if (!error.empty()) say(error, true);
  }
  remember_item(running ? "mnist.pause" : "mnist.start");
  ImGui::SameLine();
  if (ImGui::Button("Step", button)) {
    const std::string error = lab_.step();
    if (!error.empty()) say(error, true);
  }
  remember_item("mnist.step");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("one minibatch: forward, loss, backward, one optimizer update");
  ImGui::SameLine();
  if (ImGui::Button("Reset", button)) (void)train("reset");
  remember_item("mnist.reset");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("a new network: fresh random weights from the seed");
  if (ImGui::SmallButton("Save model")) {
    const std::string error = save_model();
    if (!error.empty()) say(error, true);
  }
  remember_item("mnist.save");
  ImGui::SameLine();
  if (ImGui::SmallButton("Open model…")) {
    if (!host::pick_files(".json", false)) say("drop a model file (.json) on the window to open it", false);
  }
  remember_item("mnist.open");
  ImGui::SameLine();
  ImGui::TextDisabled("(nnlab-model JSON)");

  const int shown_epoch = std::min(lab_.epochs_done() + 1, settings_.epochs);
  char overlay[96];
  const float frac = lab_.epochs_done() >= settings_.epochs ? 1.0f : lab_.shown().epoch_fraction;
  std::snprintf(overlay, sizeof overlay, "epoch %d of %d: %.0f%%", shown_epoch, settings_.epochs, double(frac) * 100);
  ImGui::ProgressBar(frac, ImVec2(width - 0.5f * f, 0), overlay);
  ImGui::Text("%s  |  step %lld  |  %s", lab::phase_name(lab_.phase()), (long long)lab_.steps(),
              lab_.evaluating() ? "measuring accuracy…" : "");
  if (lab_.shown().samples_per_s > 0)
    ImGui::Text("%s images/s  |  %.2f ms per step", with_commas((long long)lab_.shown().samples_per_s).c_str(),
                lab_.shown().ms_per_step);
  if (lab_.eta_s() >= 0) {
    ImGui::SameLine();
    ImGui::Text("|  ETA %.0f s", lab_.eta_s());
  }
  if (!lab_.epochs().empty()) {
    const lab::EpochPoint& e = lab_.epochs().back();
    ImGui::Text("after epoch %d: train %.1f%%, test %.1f%%", e.epoch, double(e.train_accuracy) * 100,
                double(e.test_accuracy) * 100);
    if (e.epoch > 0 && e.train_accuracy - e.test_accuracy > 0.05f) {
      ImGui::PushTextWrapPos(width - 0.5f * f);
      ImGui::TextColored(ImVec4(1, 0.8f, 0.4f, 1),
                         "train \u226b test: it memorises its training digits "
                         "(overfitting) \u2014 try dropout, L2, early stop or more data");
      ImGui::PopTextWrapPos();
    }
  }
  ImGui::PushTextWrapPos(width - 0.5f * f);
  if (lab_.message_is_error()) ImGui::TextColored(kErrorColor, "%s", lab_.message().c_str());
  else if (!lab_.message().empty()) ImGui::TextColored(kOkColor, "%s", lab_.message().c_str());
  if (!message_.empty()) ImGui::TextColored(message_error_ ? kErrorColor : kOkColor, "%s", message_.c_str());
  ImGui::PopTextWrapPos();
}

void LabView::draw_pictures(float width) {
  const float f = ImGui::GetFontSize();
  draw_curves(lab_, settings_.epochs, width, 13 * f);
  ImGui::Spacing();
  const float pad = std::clamp(width * 0.18f, 8 * f, 11 * f);
  ImGui::BeginGroup();
  ImGui::TextUnformatted("Draw a digit");
  pictures_.draw_pad(pad_, pad_input_.empty() ? nullptr : pad_input_.data(), 28, pad);
  if (pad_.version() != pad_version_seen_) update_prediction(true);
  if (ImGui::Button("Clear")) pad_.clear();
  remember_item("mnist.clear");
  if (pictures_.preview().id && pad_has_digit_) {
    ImGui::SameLine();
    ImGui::TextDisabled("sees:");
    ImGui::SameLine();
    ImGui::Image(pictures_.preview().imgui_id(), ImVec2(1.6f * f, 1.6f * f));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("what the network sees: 28 × 28, centred like MNIST");
  }
  if (pad_has_digit_ && !pad_probs_.empty())
    draw_probability_bars(pad_probs_.data(), lab_.classes(), class_names_, pad);
  else ImGui::Dummy(ImVec2(pad, 10 * f));
  if (ImGui::SmallButton("hand calculation \u2192")) {
    if (auto e = command("hand", ""); e && !e->empty()) say(*e, true);
  }
  remember_item("mnist.hand");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "show me the hand calculation: this network's output layer, z = W\u00b7a + b and softmax,\n"
        "worked by hand for the digit on the pad (or the selected test digit)");
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  draw_tabs(ImGui::GetContentRegionAvail().x);
  ImGui::EndGroup();
}

void LabView::draw_tabs(float width) {
  const float f = ImGui::GetFontSize();
  if (!ImGui::BeginTabBar("mnist_tabs")) return;
  const bool forced = tab_forced_;  // a click below may force another tab for the next frame
  tab_forced_ = false;
  const char* titles[] = {"Weights", "Test digits", "Confusion matrix", "Inside the network"};
  const char* ui_names[] = {"mnist.tab_weights", "mnist.tab_digits", "mnist.tab_confusion", "mnist.tab_inside"};
  for (int t = 0; t < kTabs; ++t) {
    const ImGuiTabItemFlags flags = forced && tab_ == t ? ImGuiTabItemFlags_SetSelected : 0;
    const bool open = ImGui::BeginTabItem(titles[t], nullptr, flags);
    remember_item(ui_names[t]);
    if (!open) continue;
    if (!forced && !tab_forced_) tab_ = Tab(t);
    ImGui::BeginChild("tab_body", ImVec2(width, 0), false);
    if (t == kWeights) {
      ImGui::TextWrapped(
          "What each first-layer neuron looks for: its 784 weights as a 28 × 28 picture, "
          "green = this pixel pushes it up, red = pushes it down.");
      pictures_.draw_weights(lab_, width - f, ImGui::GetTime(), 0.3);
    } else if (t == kDigits) {
      if (sel_truth_ >= 0) {
        ImGui::Text("test %s that are %s, read as %s", class_names_.empty() ? "digits" : "images",
                    class_text(sel_truth_, class_names_).c_str(), class_text(sel_pred_, class_names_).c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("show all")) sel_truth_ = sel_pred_ = -1;
      } else {
        ImGui::Checkbox("only mistakes", &mistakes_only_);
        ImGui::SameLine();
        ImGui::TextDisabled("label: prediction and confidence; red = wrong; click one to look inside");
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
    } else {
      if (ImGui::RadioButton("the drawn digit", inside_pad_)) inside_pad_ = true;
      ImGui::SameLine();
      char label[48];
      std::snprintf(label, sizeof label, "test digit #%d", selected_digit_);
      if (ImGui::RadioButton(label, !inside_pad_)) inside_pad_ = false;
      if (inside_pad_ && !pad_has_digit_) {
        ImGui::TextDisabled("draw a digit on the pad (or pick a test digit)");
      } else if (lab_.has_model()) {
        if (inside_pad_) lab_.forward_one(pad_x_.data());
        else if (selected_digit_ < lab_.test_count()) {
          std::vector<float> x(size_t(lab_.inputs()));
          lab_.test_input(selected_digit_, x.data());
          lab_.forward_one(x.data());
        }
        if (!inside_pad_) {
          ImGui::Text("test digit #%d, true label %s; below it the network's answer and confidence", selected_digit_,
                      class_text(lab_.data().test.labels.labels[size_t(selected_digit_)], class_names_).c_str());
          (void)pictures_.draw_digits(lab_, {selected_digit_}, 3.0f * f, -1);
        } else if (pictures_.preview().id) {
          ImGui::Image(pictures_.preview().imgui_id(), ImVec2(3.0f * f, 3.0f * f));
          ImGui::SameLine();
          ImGui::TextUnformatted("your digit, as the network sees it");
        }
        draw_activations(lab_, class_names_, width - f);
      }
    }
    ImGui::EndChild();
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

}  // namespace nnlab::app
