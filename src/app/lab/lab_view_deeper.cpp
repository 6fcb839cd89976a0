// The MNIST lab, deeper: how often the weights are updated (the presets in the settings and the
// Updates tab's comparison), the hyper-parameter search (the Search tab), batch norm's switch, the
// timeline under the curves, Reset's question and the note when a run ended worse than it began.
// Every number comes from the lab's engine (src/lab) through the session; this file only draws
// and forwards commands.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <numeric>

#include "app/common/layout.h"
#include "app/common/widgets.h"
#include "app/lab/lab_view.h"
#include "core/rng.h"
#include "data/float_text.h"
#include "data/number_text.h"
#include "lessons/number_format.h"
#include "text/text.h"

namespace nnlab::app {
namespace {

using text::T;
using text::tr;

const ImVec4 kErrorColor(1.0f, 0.45f, 0.4f, 1.0f);
const ImVec4 kWarnColor(1.0f, 0.8f, 0.4f, 1.0f);
// online, minibatch, full batch (the comparison's curves and the legend)
const ImU32 kWayColors[3] = {IM_COL32(240, 110, 90, 255), IM_COL32(90, 190, 250, 255), IM_COL32(120, 220, 120, 255)};
const char* const kWayKeys[3] = {"lab.update.online", "lab.update.minibatch", "lab.update.full"};
const ImU32 kGrid = IM_COL32(70, 74, 84, 255), kDim = IM_COL32(150, 155, 165, 255);

std::string label_id(const char* key, const char* id) { return std::string(T(key)) + "###" + id; }

std::string fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string percent(float v) { return v < 0 ? std::string("–") : fixed(double(v) * 100, 1) + " %"; }

// The timeline's moment as text: "epoch 3", "1/8 of epoch 1".
std::string mark_text(float epoch) {
  if (epoch > 0 && epoch < 1) {
    const char* part = epoch <= 0.125f ? "1/8" : epoch <= 0.25f ? "1/4" : "1/2";
    return tr("lab.timeline.part", {{"part", part}});
  }
  return tr("lab.timeline.epoch", {{"epoch", std::to_string(int(epoch))}});
}

const char* run_status_label(lab::RunStatus s) {
  static const char* const kKeys[lab::kRunStatusCount] = {"lab.run.waiting", "lab.run.training", "lab.run.done",
                                                          "lab.run.stopped", "lab.run.diverged", "lab.run.cancelled"};
  return T(kKeys[int(s)]);
}

void tip(const char* key) {
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", T(key));
}

// A radio button as wide as it draws.
float radio_width(const std::string& label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
         ImGui::CalcTextSize(label.c_str(), nullptr, true).x;
}

// A box with axes for curves: returns its inner rectangle; draws the frame and the title.
struct PlotBox {
  ImVec2 a, b;
  float x_lo, x_hi, y_lo, y_hi;
  bool log_x;
  ImVec2 at(float x, float y) const {
    const float tx = log_x ? (std::log10(std::max(x, x_lo)) - std::log10(x_lo)) / (std::log10(x_hi) - std::log10(x_lo))
                           : (x - x_lo) / std::max(1e-9f, x_hi - x_lo);
    const float ty = (y - y_lo) / std::max(1e-9f, y_hi - y_lo);
    return ImVec2(a.x + std::clamp(tx, 0.0f, 1.0f) * (b.x - a.x), b.y - std::clamp(ty, 0.0f, 1.0f) * (b.y - a.y));
  }
};

PlotBox plot_box(const char* title, const std::string& x_label, ImVec2 size, float x_lo, float x_hi, float y_lo,
                 float y_hi, bool log_x) {
  const float f = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImGui::Dummy(size);
  PlotBox p{ImVec2(o.x + 2.4f * f, o.y + 1.3f * f), ImVec2(o.x + size.x - 0.3f * f, o.y + size.y - 1.3f * f),
            x_lo,  x_hi,  y_lo, y_hi, log_x};
  dl->AddRectFilled(p.a, p.b, IM_COL32(24, 26, 32, 255));
  dl->AddRect(p.a, p.b, kGrid);
  dl->AddText(ImVec2(p.a.x, o.y), IM_COL32(220, 220, 225, 255), title);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2g", double(y_hi));
  dl->AddText(ImVec2(o.x, p.a.y - 0.2f * f), kDim, buf);
  std::snprintf(buf, sizeof buf, "%.2g", double(y_lo));
  dl->AddText(ImVec2(o.x, p.b.y - 0.8f * f), kDim, buf);
  std::snprintf(buf, sizeof buf, "%.3g", double(x_hi));
  dl->AddText(ImVec2(p.b.x - ImGui::CalcTextSize(buf).x, p.b.y + 0.1f * f), kDim, buf);
  dl->AddText(ImVec2(p.a.x, p.b.y + 0.1f * f), kDim, x_label.c_str());
  return p;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Settings: how often to update, batch norm

void LabView::draw_update_settings(float width) {
  const float f = ImGui::GetFontSize();
  auto apply = [&](const char* key, const std::string& value) {
    const std::string error = set(key, value);
    if (!error.empty()) say(error, true);
  };
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(T("lab.update.title"));
  const char* names[3] = {"online", "minibatch", "full"};
  for (int u = 0; u < 3; ++u) {
    const std::string label = label_id(kWayKeys[u], names[u]);
    layout::next_in_row(radio_width(label));
    if (ImGui::RadioButton(label.c_str(), int(settings_.update) == u)) apply("update", names[u]);
    remember_item(stable_name(std::string("mnist.update ") + names[u]));
  }
  const int n = lab_.train_count();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width + 6 * f);
  ImGui::TextDisabled("%s", tr("lab.update.per_epoch", {{"batch", format_number(lab::effective_batch(settings_, n))},
                                                         {"updates", format_number(lab::updates_per_epoch(settings_, n))},
                                                         {"count", format_number(n)}})
                                .c_str());
  ImGui::PopTextWrapPos();
  bool bn = settings_.batchnorm;
  if (ImGui::Checkbox(label_id("lab.batchnorm.option", "batchnorm").c_str(), &bn)) apply("batchnorm", bn ? "on" : "off");
  remember_item("mnist.batchnorm");
  tip("lab.batchnorm.tip");
  draw_batchnorm_by_hand(width);
}

// Batch norm by hand: hidden neuron 1 of the first layer over four digits (the first four test
// digits: a batch to show, never trained on). Every number is the core's: h from the same layer
// without batch norm, μ, 1/√(σ²+ε), x̂ and z from a training forward of a copy of the network (the
// lab's running averages stay untouched), and z in inference from the network's own forward.
bool LabView::compute_batchnorm_by_hand() {
  ByHand& b = by_hand_;
  if (b.weights_version == lab_.weights_version()) return b.ok;
  b.weights_version = lab_.weights_version();
  b.ok = false;
  const Mlp& m = lab_.model();
  if (m.layer_count() < 2 || !m.layer(0).batchnorm || lab_.test_count() < 4) return false;
  constexpr int B = 4;
  const int D = lab_.inputs(), O = m.layer(0).outputs;
  std::vector<float> x(size_t(B) * D);
  for (int i = 0; i < B; ++i) lab_.test_input(i, x.data() + size_t(i) * D);
  Mlp plain;  // the first layer's weighted sum h = W·x + b, without batch norm
  const LayerSpec first[] = {{D, O, Activation::identity, false}};
  if (!plain.build(first, nullptr)) return false;
  std::copy(m.weights(0).begin(), m.weights(0).end(), plain.weights(0).begin());
  std::copy(m.bias(0).begin(), m.bias(0).end(), plain.bias(0).begin());
  Workspace ws;
  ws.resize(plain, B);
  forward(plain, x.data(), B, ws);
  for (int i = 0; i < B; ++i) b.h[i] = ws.z(0)[size_t(i) * O];
  Mlp copy = m;  // training normalises with the batch (and would move the running averages)
  Workspace wt;
  wt.resize(copy, B);
  Rng rng(1);
  forward_train(copy, x.data(), B, wt, 0.0f, rng);
  b.mean = wt.norm_stats(0)[0];
  b.inv_std = wt.norm_stats(0)[size_t(O)];
  for (int i = 0; i < B; ++i) b.xhat[i] = wt.xhat(0)[size_t(i) * O], b.z[i] = wt.z(0)[size_t(i) * O];
  Workspace wi;  // inference: the running averages
  wi.resize(m, B);
  forward(m, x.data(), B, wi);
  for (int i = 0; i < B; ++i) b.z_inference[i] = wi.z(0)[size_t(i) * O];
  b.gamma = m.gamma(0)[0], b.beta = m.beta(0)[0];
  b.running_mean = m.running_mean(0)[0], b.running_var = m.running_var(0)[0];
  b.ok = true;
  return true;
}

void LabView::draw_batchnorm_by_hand(float width) {
  if (!settings_.batchnorm || !compute_batchnorm_by_hand()) return;
  const bool open = ImGui::CollapsingHeader(label_id("lab.bn.title", "bn_by_hand").c_str());
  remember_item("mnist.batchnorm_by_hand");
  if (!open) return;
  const ByHand& b = by_hand_;
  auto four = [](const float* v) {
    std::string t;
    for (int i = 0; i < 4; ++i) t += (i ? ", " : "") + format_number(v[i]);
    return t;
  };
  // σ² as the core used it: 1/√(σ²+ε) read back (the one piece of arithmetic here is for display)
  const double var = 1.0 / (double(b.inv_std) * double(b.inv_std)) - double(kBatchNormEps);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  ImGui::TextWrapped("%s", T("lab.bn.intro"));
  ImGui::TextWrapped("%s", tr("lab.bn.h", {{"h", four(b.h)}}).c_str());
  ImGui::TextWrapped("%s", tr("lab.bn.mean", {{"mu", format_number(b.mean)}}).c_str());
  ImGui::TextWrapped("%s", tr("lab.bn.var", {{"var", format_number(var)}}).c_str());
  ImGui::TextWrapped("%s", tr("lab.bn.xhat", {{"xhat", four(b.xhat)}}).c_str());
  ImGui::TextWrapped("%s", tr("lab.bn.z", {{"gamma", format_number(b.gamma)}, {"beta", format_number(b.beta)},
                                           {"z", four(b.z)}})
                               .c_str());
  ImGui::TextWrapped("%s", tr("lab.bn.inference", {{"rmu", format_number(b.running_mean)},
                                                   {"rvar", format_number(b.running_var)},
                                                   {"z", four(b.z_inference)}})
                               .c_str());
  ImGui::TextDisabled("%s", T("lab.bn.why"));
  ImGui::PopTextWrapPos();
}

// ---------------------------------------------------------------------------------------------
// Reset asks first; a run that ended worse than it began says so

void LabView::draw_reset_question(float width) {
  if (!reset_question_) return;
  if (lab_.steps() == 0) {
    reset_question_ = false;
    return;
  }
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 0.5f * ImGui::GetFontSize());
  ImGui::TextColored(kWarnColor, "%s",
                     tr("lab.reset.question", {{"steps", format_number(double(lab_.steps()))},
                                               {"epochs", std::to_string(lab_.epochs_done())}})
                         .c_str());
  ImGui::PopTextWrapPos();
  const std::string yes = label_id("lab.reset.yes", "reset_yes"), no = label_id("lab.reset.no", "reset_no");
  if (ImGui::Button(yes.c_str())) {
    reset_question_ = false;
    if (const std::string e = reset(); !e.empty()) say(e, true);
  }
  remember_item("mnist.reset_yes");
  layout::next_in_row(layout::button_width(no.c_str()));
  if (ImGui::Button(no.c_str())) reset_question_ = false;
  remember_item("mnist.reset_no");
}

std::string LabView::reset() {
  reset_question_ = continue_question_ = false;
  const std::string error = lab_.rebuild(settings_);
  if (error.empty()) say(lab::Message("lab.new_network_seed", {{"seed", std::to_string(settings_.seed)}}), false);
  pad_weights_seen_ = -1;
  return error;
}

void LabView::draw_diverged_note() {
  const lab::Message note = lab::ended_worse_message(lab_.shown(), settings_.lr);
  if (!note.empty()) ImGui::TextColored(kErrorColor, "%s", lab::message_text(note).c_str());
}

// ---------------------------------------------------------------------------------------------
// The timeline: a slider over the kept moments, the present at its right end

void LabView::draw_timeline(float width) {
  const float f = ImGui::GetFontSize();
  const lab::TimelineView& t = lab_.timeline();
  if (t.too_big) {
    ImGui::TextDisabled("%s", T("lab.timeline.too_big"));
    return;
  }
  const int n = int(t.marks.size());
  if (n < 2) return;
  // The present at the right end: the newest moment when nothing was trained since, else one more.
  const bool newest_is_now = t.marks.back().step == lab_.steps() || t.shown >= 0;
  const int last = newest_is_now ? n - 1 : n;
  int pos = t.shown < 0 ? last : t.shown;
  const std::string now = t.shown < 0 ? tr("lab.timeline.now", {{"moment", mark_text(t.marks.back().epoch)}})
                                      : tr("lab.timeline.then", {{"moment", mark_text(t.marks[size_t(t.shown)].epoch)}});
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(T("lab.timeline.title"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::max(6 * f, width - ImGui::GetCursorPosX() - 0.5f * f));
  if (ImGui::SliderInt("##timeline", &pos, 0, last, now.c_str(), ImGuiSliderFlags_AlwaysClamp)) {
    continue_question_ = false;
    if (const std::string e = lab_.view_mark(pos >= last ? -1 : pos); !e.empty()) say(e, true);
  }
  remember_item("mnist.timeline");
  tip("lab.timeline.tip");
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 0.5f * f);
  if (t.shown >= 0) {
    ImGui::TextColored(kWarnColor, "%s", tr("lab.timeline.viewing", {{"moment", mark_text(t.marks[size_t(t.shown)].epoch)}}).c_str());
    const std::string go = label_id("lab.timeline.continue", "continue"), back = label_id("lab.timeline.back", "back");
    if (!continue_question_) {
      if (layout::small_button(go.c_str())) continue_question_ = true;
      remember_item("mnist.continue");
      layout::next_in_row(layout::button_width(back.c_str()));
      if (layout::small_button(back.c_str())) (void)lab_.view_mark(-1);
      remember_item("mnist.timeline_back");
    } else {
      ImGui::TextColored(kWarnColor, "%s",
                         tr("lab.timeline.question", {{"moment", mark_text(t.marks[size_t(t.shown)].epoch)},
                                                      {"later", mark_text(t.marks.back().epoch)}})
                             .c_str());
      const std::string yes = label_id("lab.timeline.yes", "continue_yes"), no = label_id("lab.reset.no", "continue_no");
      if (layout::small_button(yes.c_str())) {
        continue_question_ = false;
        if (const std::string e = lab_.continue_from_view(); !e.empty()) say(e, true);
        pad_weights_seen_ = -1;
      }
      remember_item("mnist.continue_yes");
      layout::next_in_row(layout::button_width(no.c_str()));
      if (layout::small_button(no.c_str())) continue_question_ = false;
      remember_item("mnist.continue_no");
    }
  }
  ImGui::TextDisabled("%s", tr("lab.timeline.memory", {{"count", std::to_string(n)},
                                                       {"mb", fixed(double(t.bytes) / double(1 << 20), 1)},
                                                       {"bound", std::to_string(lab::kTimelineBytes >> 20)}})
                                .c_str());
  ImGui::PopTextWrapPos();
}

std::string LabView::timeline_command(std::string_view args) {
  const lab::TimelineView& t = lab_.timeline();
  if (args == "now") return lab_.view_mark(-1);
  if (args == "continue") return lab_.continue_from_view();
  double epoch;
  if (!parse_real(args, &epoch)) return tr("app.usage", {{"command", "timeline EPOCH | timeline now | timeline continue"}});
  for (int i = 0; i < int(t.marks.size()); ++i)
    if (std::fabs(double(t.marks[size_t(i)].epoch) - epoch) < 1e-4)
      return lab_.view_mark(i + 1 == int(t.marks.size()) && t.shown < 0 ? -1 : i);
  std::string kept;
  for (const lab::TimelineMark& m : t.marks) kept += (kept.empty() ? "" : ", ") + float_to_text(m.epoch);
  return tr("lab.timeline.no_epoch", {{"epoch", std::string(args)}, {"kept", kept}});
}

// ---------------------------------------------------------------------------------------------
// The Search tab

bool LabView::search_field(const char* label_key, const char* key, Field* f, float width, int flags) {
  const std::string current = lab::search_value_text(search_spec_, key);
  if (!f->active) std::snprintf(f->buf, sizeof f->buf, "%s", current.c_str());
  ImGui::SetNextItemWidth(width);
  ImGui::InputText(label_id(label_key, (std::string("search_") + key).c_str()).c_str(), f->buf, sizeof f->buf, flags);
  remember_item(stable_name(std::string("mnist.search ") + key));
  f->active = ImGui::IsItemActive();
  if (!ImGui::IsItemDeactivatedAfterEdit() || current == f->buf) return false;
  const lab::Message error = lab::apply_search_setting(&search_spec_, key, f->buf);
  if (!error.empty()) say(error, true);
  return error.empty();
}

void LabView::draw_search(float width) {
  const float f = ImGui::GetFontSize();
  const lab::SearchView& v = lab_.search();
  const bool running = v.state == lab::SearchState::running;
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  const int n = lab_.train_count(), n_val = int(double(n) * double(lab::kSearchValidation));
  ImGui::TextWrapped("%s", tr("lab.search.why", {{"validation", format_number(n_val)},
                                                 {"train", format_number(n - n_val)},
                                                 {"test", format_number(lab_.test_count())}})
                               .c_str());
  ImGui::PopTextWrapPos();

  // how: grid, random, successive halving
  const char* methods[3] = {"grid", "random", "halving"};
  const char* method_keys[3] = {"lab.search.grid", "lab.search.random", "lab.search.halving"};
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(T("lab.search.method"));
  for (int m = 0; m < 3; ++m) {
    const std::string label = label_id(method_keys[m], methods[m]);
    layout::next_in_row(radio_width(label));
    if (ImGui::RadioButton(label.c_str(), int(search_spec_.method) == m))
      (void)lab::apply_search_setting(&search_spec_, "method", methods[m]);
    remember_item(stable_name(std::string("mnist.search method ") + methods[m]));
  }
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  ImGui::TextDisabled("%s", T(search_spec_.method == lab::SearchMethod::grid     ? "lab.search.grid_hint"
                              : search_spec_.method == lab::SearchMethod::random ? "lab.search.random_hint"
                                                                                 : "lab.search.halving_hint"));
  ImGui::PopTextWrapPos();

  // what to vary: a switch and the values per dimension
  const float w = std::max(6 * f, width - 9 * f);
  struct Dim {
    const char* key;
    const char* label;
    bool* vary;
    int field;
  };
  const Dim dims[] = {{"lr", "lab.search.vary_lr", &search_spec_.vary_lr, 5},
                      {"batch", "lab.search.vary_batch", &search_spec_.vary_batch, 6},
                      {"hidden", "lab.search.vary_hidden", &search_spec_.vary_hidden, 7},
                      {"l2", "lab.search.vary_l2", &search_spec_.vary_l2, 8},
                      {"dropout", "lab.search.vary_dropout", &search_spec_.vary_dropout, 9}};
  const char* defaults[] = {"0.0001..0.1", "16,32,64,128", "16-16,32,64,128", "0.00001..0.01", "0..0.5"};
  int d = 0;
  for (const Dim& dim : dims) {
    bool on = *dim.vary;
    if (ImGui::Checkbox(label_id(dim.label, (std::string("vary_") + dim.key).c_str()).c_str(), &on)) {
      lab::SearchSpec next = search_spec_;
      std::string value = on ? std::string(defaults[d]) : std::string("off");
      if (on && dim.key == std::string("lr"))
        value = float_to_text(search_spec_.lr_lo) + ".." + float_to_text(search_spec_.lr_hi);
      if (lab::Message e = lab::apply_search_setting(&next, dim.key, value); e.empty()) search_spec_ = next;
    }
    remember_item(stable_name(std::string("mnist.search vary ") + dim.key));
    if (*dim.vary) {
      ImGui::Indent(1.5f * f);
      search_field("lab.search.values", dim.key, &f_search_[dim.field], w - 1.5f * f);
      ImGui::Unindent(1.5f * f);
    }
    ++d;
  }
  constexpr int kWhole = ImGuiInputTextFlags_CharsDecimal;
  if (search_spec_.method == lab::SearchMethod::grid)
    search_field("lab.search.points", "points", &f_search_[4], w, kWhole);
  else search_field("lab.search.runs", "runs", &f_search_[1], w, kWhole);
  search_field("lab.search.epochs", "epochs", &f_search_[2], w, kWhole);
  search_field("lab.search.seed", "seed", &f_search_[3], w, kWhole);
  // the budget, from the plan
  std::vector<lab::Settings> plan;
  lab::Message plan_error;
  const bool planned = lab::plan_search(search_spec_, settings_, lab_.shape(), &plan, &plan_error);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  if (planned)
    ImGui::TextDisabled("%s", tr(search_spec_.method == lab::SearchMethod::halving ? "lab.search.budget_halving"
                                                                                   : "lab.search.budget",
                                 {{"runs", std::to_string(plan.size())},
                                  {"epochs", std::to_string(search_spec_.epochs)},
                                  {"total", std::to_string(int(plan.size()) * search_spec_.epochs)}})
                                  .c_str());
  else ImGui::TextColored(kErrorColor, "%s", lab::message_text(plan_error).c_str());
  ImGui::PopTextWrapPos();

  const ImVec2 button(std::max(8 * f, layout::button_width(T("lab.search.start"))), layout::target_height());
  if (!running) {
    if (ImGui::Button(label_id("lab.search.start", "search_start").c_str(), button))
      if (const std::string e = search_command("start"); !e.empty()) say(e, true);
    remember_item("mnist.search start");
  } else {
    if (ImGui::Button(label_id("lab.search.cancel", "search_start").c_str(), button)) (void)search_command("cancel");
    remember_item("mnist.search cancel");
  }
  if (v.state != lab::SearchState::idle) {
    const std::string overlay =
        running && v.eta_s >= 0
            ? tr("lab.search.progress_eta", {{"percent", fixed(double(v.progress) * 100, 0)}, {"eta", fixed(v.eta_s, 0)}})
            : tr("lab.search.progress", {{"percent", fixed(double(v.progress) * 100, 0)}, {"elapsed", fixed(v.elapsed_s, 1)}});
    ImGui::ProgressBar(v.progress, ImVec2(width, 0), overlay.c_str());
    if (v.state == lab::SearchState::cancelled) ImGui::TextDisabled("%s", T("lab.search.cancelled"));
    draw_search_runs(width);
    draw_search_curves(width);
  }
}

// The best runs' validation accuracy by epoch, overlaid (the best in the highlight colour).
void LabView::draw_search_curves(float width) {
  const float f = ImGui::GetFontSize();
  const lab::SearchView& v = lab_.search();
  std::vector<int> order;
  for (int i = 0; i < int(v.runs.size()); ++i)
    if (!v.runs[size_t(i)].curve.empty()) order.push_back(i);
  if (order.empty()) return;
  std::sort(order.begin(), order.end(), [&](int a, int b) {  // ties by run number (see search.cpp)
    const float x = v.runs[size_t(a)].curve.back(), y = v.runs[size_t(b)].curve.back();
    if (std::isnan(x) != std::isnan(y)) return std::isnan(y);  // a diverged run last
    return x != y && !std::isnan(x) ? x > y : a < b;
  });
  if (order.size() > 5) order.resize(5);
  int most = 1;
  float lo = 1, hi = 0;
  for (int i : order) {
    most = std::max(most, int(v.runs[size_t(i)].curve.size()));
    for (float a : v.runs[size_t(i)].curve) lo = std::min(lo, a), hi = std::max(hi, a);
  }
  lo = std::max(0.0f, std::floor(lo * 10 - 0.5f) / 10), hi = std::min(1.0f, std::ceil(hi * 10 + 0.5f) / 10);
  const PlotBox p = plot_box(T("lab.search.curves"), T("lab.search.curves_x"), ImVec2(width, 9 * f), 0, float(most),
                             lo, hi, false);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 colors[5] = {kHighlight, IM_COL32(90, 190, 250, 255), IM_COL32(120, 220, 120, 255),
                           IM_COL32(200, 150, 250, 255), IM_COL32(240, 110, 90, 255)};
  for (int k = int(order.size()) - 1; k >= 0; --k) {
    const lab::SearchRun& r = v.runs[size_t(order[size_t(k)])];
    ImVec2 prev = p.at(0, r.curve.front());
    for (size_t e = 0; e < r.curve.size(); ++e) {
      const ImVec2 q = p.at(float(e + 1), r.curve[e]);
      if (e > 0) dl->AddLine(prev, q, colors[k], k == 0 ? 2.5f : 1.5f);
      dl->AddCircleFilled(q, 2.5f, colors[k]);
      prev = q;
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "#%d", order[size_t(k)] + 1);
    dl->AddText(ImVec2(prev.x - ImGui::CalcTextSize(buf).x - 3, prev.y - f), colors[k], buf);
  }
}

void LabView::draw_search_runs(float width) {
  const float f = ImGui::GetFontSize();
  const lab::SearchView& v = lab_.search();
  if (v.runs.empty()) return;
  if (v.best >= 0) {
    const lab::SearchRun& b = v.runs[size_t(v.best)];
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextColored(ImVec4(0.6f, 0.9f, 0.6f, 1), "%s",
                       tr("lab.search.best", {{"run", std::to_string(v.best + 1)},
                                              {"accuracy", percent(b.val_accuracy)},
                                              {"lr", float_to_text(b.settings.lr)},
                                              {"batch", std::to_string(b.settings.batch)},
                                              {"arch", lab::arch_text(b.settings.hidden, lab_.shape())}})
                           .c_str());
    ImGui::PopTextWrapPos();
    const std::string use = label_id("lab.search.use_best", "use_best");
    if (ImGui::Button(use.c_str(), ImVec2(0, layout::target_height())))
      if (const std::string e = use_run(v.best); !e.empty()) say(e, true);
    remember_item("mnist.search use_best");
  }
  // the table: every column sorts (click its title)
  const char* columns[] = {"#", "lab.search.col.lr", "lab.search.col.batch", "lab.search.col.hidden",
                           "lab.search.col.l2", "lab.search.col.dropout", "lab.search.col.epochs",
                           "lab.search.col.accuracy", "lab.search.col.loss", "lab.search.col.status", ""};
  constexpr int kColumns = 11;
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
  const float row_h = std::max(ImGui::GetTextLineHeightWithSpacing(), layout::target_height());
  const float height = std::min(float(v.runs.size() + 1) * row_h + f, 14 * row_h);
  if (!ImGui::BeginTable("search_runs", kColumns, flags, ImVec2(width, height))) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  for (int c = 0; c < kColumns; ++c) {
    const char* title = c == 0 ? "#" : c == kColumns - 1 ? "" : T(columns[c]);
    ImGuiTableColumnFlags cf = c == kColumns - 1 ? ImGuiTableColumnFlags_NoSort : 0;
    if (c == 0) cf |= ImGuiTableColumnFlags_DefaultSort;
    ImGui::TableSetupColumn((std::string(title) + "###col" + std::to_string(c)).c_str(), cf);
  }
  ImGui::TableHeadersRow();
  if (ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs(); sort && sort->SpecsCount > 0) {
    search_sort_column_ = sort->Specs[0].ColumnIndex;
    search_sort_descending_ = sort->Specs[0].SortDirection == ImGuiSortDirection_Descending;
  }
  std::vector<int> order(v.runs.size());
  std::iota(order.begin(), order.end(), 0);
  auto key = [&](int i) -> double {
    const lab::SearchRun& r = v.runs[size_t(i)];
    switch (search_sort_column_) {
      case 1: return r.settings.lr;
      case 2: return r.settings.batch;
      case 3: return std::accumulate(r.settings.hidden.begin(), r.settings.hidden.end(), 0) + 1e-3 * r.settings.hidden.size();
      case 4: return r.settings.l2;
      case 5: return r.settings.dropout;
      case 6: return r.epochs;
      case 7: return r.val_accuracy;
      case 8: return r.val_loss < 0 ? 1e30 : r.val_loss;
      case 9: return int(r.status);
      default: return i;
    }
  };
  std::sort(order.begin(), order.end(), [&](int a, int b) {  // ties by run number (see search.cpp)
    const double x = key(a), y = key(b);
    if (std::isnan(x) != std::isnan(y)) return std::isnan(y);  // a diverged run last
    if (x != y && !std::isnan(x)) return search_sort_descending_ ? x > y : x < y;
    return a < b;
  });
  for (int i : order) {
    const lab::SearchRun& r = v.runs[size_t(i)];
    ImGui::TableNextRow(0, row_h);
    auto cell = [&](const std::string& s) {
      ImGui::TableNextColumn();
      if (layout::touch()) ImGui::AlignTextToFramePadding();
      if (i == v.best) ImGui::TextColored(kHighlightVec, "%s", s.c_str());
      else ImGui::TextUnformatted(s.c_str());
    };
    cell(std::to_string(i + 1));
    cell(float_to_text(r.settings.lr));
    cell(std::to_string(r.settings.batch));
    cell(lab::arch_text(r.settings.hidden, lab_.shape()));
    cell(float_to_text(r.settings.l2));
    cell(float_to_text(r.settings.dropout));
    cell(std::to_string(r.epochs));
    cell(percent(r.val_accuracy));
    cell(r.val_loss < 0 ? std::string("–") : std::isfinite(r.val_loss) ? fixed(r.val_loss, 3) : std::string("∞"));
    cell(run_status_label(r.status));
    ImGui::TableNextColumn();
    if (r.status == lab::RunStatus::done || r.status == lab::RunStatus::stopped) {
      ImGui::PushID(i);
      if (layout::small_button(label_id("lab.search.use", "use").c_str()))
        if (const std::string e = use_run(i); !e.empty()) say(e, true);
      remember_item(stable_name("mnist.search use " + std::to_string(i + 1)));
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

std::string LabView::use_run(int index) {
  lab::Settings next;
  const std::string error = lab_.use_search_run(index, &next);
  if (!error.empty()) return error;
  settings_ = next;
  persist();
  pad_weights_seen_ = -1;
  say(lab::Message("lab.search.used", {{"run", std::to_string(index + 1)}}), false);
  return "";
}

std::string LabView::search_command(std::string_view args) {
  if (args == "start") {
    reset_question_ = false;
    return lab_.start_search(search_spec_);
  }
  if (args == "cancel") {
    lab_.cancel_search();
    return "";
  }
  if (args.rfind("use ", 0) == 0) {
    long long n;
    if (!parse_integer(args.substr(4), 1, lab::kMaxSearchRuns, &n))
      return tr("app.usage", {{"command", "search use N"}});
    return use_run(int(n) - 1);
  }
  const size_t space = args.find(' ');
  if (space == std::string_view::npos)
    return tr("app.usage", {{"command", "search start | search cancel | search use N | search KEY VALUE"}});
  return lab::message_text(lab::apply_search_setting(&search_spec_, args.substr(0, space), args.substr(space + 1)));
}

// ---------------------------------------------------------------------------------------------
// The Updates tab: online, minibatch and full batch from the same start for the same time

void LabView::draw_compare(float width) {
  const float f = ImGui::GetFontSize();
  const lab::CompareView& c = lab_.comparison();
  const bool running = c.state == lab::CompareState::running;
  const int n = lab_.train_count();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  ImGui::TextWrapped("%s", T("lab.compare.intro"));
  for (int u = 0; u < 3; ++u) {
    lab::Settings s = settings_;
    s.update = lab::UpdateMode(u);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kWayColors[u]), "%s",
                       tr("lab.compare.way", {{"way", T(kWayKeys[u])},
                                              {"batch", format_number(lab::effective_batch(s, n))},
                                              {"updates", format_number(lab::updates_per_epoch(s, n))}})
                           .c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(T("lab.compare.budget"));
  for (double b : {2.0, 5.0, 10.0}) {
    const std::string label = tr("lab.compare.seconds", {{"s", fixed(b, 0)}}) + "###budget" + fixed(b, 0);
    layout::next_in_row(radio_width(label));
    if (ImGui::RadioButton(label.c_str(), compare_budget_s_ == b)) compare_budget_s_ = b;
    remember_item(stable_name("mnist.compare budget " + fixed(b, 0)));
  }
  const ImVec2 button(std::max(8 * f, layout::button_width(T("lab.compare.start"))), layout::target_height());
  if (!running) {
    if (ImGui::Button(label_id("lab.compare.start", "compare").c_str(), button))
      if (const std::string e = lab_.compare_updates(compare_budget_s_); !e.empty()) say(e, true);
    remember_item("mnist.compare");
  } else {
    if (ImGui::Button(label_id("lab.search.cancel", "compare").c_str(), button)) lab_.cancel_search();
    remember_item("mnist.compare cancel");
  }
  if (c.state == lab::CompareState::idle) return;
  ImGui::ProgressBar(c.progress, ImVec2(width, 0), (fixed(double(c.progress) * 100, 0) + " %").c_str());
  // loss by updates (log scale: 1 … the most) and by seconds
  float most = 1, loss_hi = 0, loss_lo = 1e9f;
  for (const lab::CompareCurve& curve : c.curves)
    for (const lab::ComparePoint& p : curve.points) {
      most = std::max(most, p.updates);
      loss_hi = std::max(loss_hi, p.loss), loss_lo = std::min(loss_lo, p.loss);
    }
  if (loss_lo > loss_hi) return;
  loss_lo = std::max(0.0f, loss_lo * 0.9f), loss_hi *= 1.05f;
  const bool side = width > 30 * f;
  const ImVec2 size(side ? (width - ImGui::GetStyle().ItemSpacing.x) / 2 : width, 10 * f);
  for (int plot = 0; plot < 2; ++plot) {
    if (plot == 1 && side) ImGui::SameLine();
    const PlotBox p = plot == 0 ? plot_box(T("lab.compare.by_updates"), T("lab.compare.updates_x"), size, 1, most * 1.2f,
                                           loss_lo, loss_hi, true)
                                : plot_box(T("lab.compare.by_time"), T("lab.compare.seconds_x"), size, 0,
                                           std::max(0.1f, c.budget_s), loss_lo, loss_hi, false);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int u = 0; u < 3; ++u) {
      const auto& pts = c.curves[u].points;
      for (size_t k = 0; k < pts.size(); ++k) {
        const ImVec2 q = plot == 0 ? p.at(std::max(1.0f, pts[k].updates), pts[k].loss) : p.at(pts[k].seconds, pts[k].loss);
        if (k > 0) {
          const ImVec2 r = plot == 0 ? p.at(std::max(1.0f, pts[k - 1].updates), pts[k - 1].loss)
                                     : p.at(pts[k - 1].seconds, pts[k - 1].loss);
          dl->AddLine(r, q, kWayColors[u], 2.0f);
        }
      }
    }
  }
  if (c.state == lab::CompareState::done) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    char loss[3][16];
    for (int u = 0; u < 3; ++u)
      std::snprintf(loss[u], sizeof loss[u], "%.3f",
                    c.curves[u].points.empty() ? 0.0 : double(c.curves[u].points.back().loss));
    ImGui::TextWrapped("%s", tr("lab.compare.result", {{"online", loss[0]},
                                                       {"minibatch", loss[1]},
                                                       {"full", loss[2]},
                                                       {"s", fixed(c.budget_s, 0)}})
                                 .c_str());
    ImGui::TextWrapped("%s", T("lab.compare.explain"));
    ImGui::PopTextWrapPos();
  }
}

std::string LabView::compare_command(std::string_view args) {
  double budget = compare_budget_s_;
  if (args.rfind("updates", 0) != 0) return tr("app.usage", {{"command", "compare updates [SECONDS]"}});
  std::string_view rest = args.substr(7);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (!rest.empty() && (!parse_real(rest, &budget) || budget < 0.5 || budget > 60))
    return tr("lab.compare.budget_usage", {{"command", "compare updates SECONDS"}, {"lo", "0.5"}, {"hi", "60"}});
  tab_ = kUpdates, tab_forced_ = true;
  return lab_.compare_updates(budget);
}

// ---------------------------------------------------------------------------------------------
void LabView::deeper_state(nlohmann::json* out) const {
  const lab::SearchView& v = lab_.search();
  nlohmann::json runs = nlohmann::json::array();
  for (const lab::SearchRun& r : v.runs) {
    nlohmann::json settings;
    lab::settings_to_json(r.settings, lab_.shape(), &settings);
    runs.push_back({{"settings", settings},
                    {"status", lab::run_status_name(r.status)},
                    {"epochs", r.epochs},
                    {"val_accuracy", r.val_accuracy},
                    {"val_loss", std::isfinite(r.val_loss) ? nlohmann::json(r.val_loss) : nlohmann::json(nullptr)},
                    {"curve", r.curve}});
  }
  (*out)["search"] = {{"state", lab::search_state_name(v.state)},
                      {"spec", lab::search_spec_text(search_spec_)},
                      {"running_spec", v.spec},
                      {"progress", v.progress},
                      {"eta_s", v.eta_s},
                      {"elapsed_s", v.elapsed_s},
                      {"train_count", v.train_count},
                      {"validation_count", v.validation_count},
                      {"runs", runs},
                      {"best", v.best}};
  const lab::TimelineView& t = lab_.timeline();
  nlohmann::json epochs = nlohmann::json::array();
  for (const lab::TimelineMark& m : t.marks) epochs.push_back(m.epoch);
  (*out)["timeline"] = {{"epochs", epochs},
                        {"shown", t.shown},
                        {"shown_epoch", t.shown >= 0 ? nlohmann::json(t.marks[size_t(t.shown)].epoch) : nlohmann::json(nullptr)},
                        {"bytes", t.bytes},
                        {"bound_bytes", lab::kTimelineBytes},
                        {"too_big", t.too_big}};
  const lab::CompareView& c = lab_.comparison();
  nlohmann::json curves = nlohmann::json::array();
  for (const lab::CompareCurve& curve : c.curves) {
    nlohmann::json points = nlohmann::json::array();
    for (const lab::ComparePoint& p : curve.points) points.push_back({p.updates, p.seconds, p.loss});
    curves.push_back({{"batch", curve.batch}, {"updates_per_epoch", curve.updates_per_epoch}, {"points", points}});
  }
  (*out)["compare"] = {{"state", c.state == lab::CompareState::idle      ? "idle"
                                 : c.state == lab::CompareState::running ? "running"
                                                                         : "done"},
                       {"budget_s", c.budget_s},
                       {"progress", c.progress},
                       {"curves", curves}};
  (*out)["updates_per_epoch"] = lab::updates_per_epoch(settings_, lab_.train_count());
  if (const_cast<LabView*>(this)->compute_batchnorm_by_hand()) {  // (a cache of the core's numbers)
    const ByHand& b = by_hand_;
    (*out)["batchnorm_by_hand"] = {{"h", std::vector<float>(b.h, b.h + 4)},
                                   {"mean", b.mean},
                                   {"inv_std", b.inv_std},
                                   {"xhat", std::vector<float>(b.xhat, b.xhat + 4)},
                                   {"gamma", b.gamma},
                                   {"beta", b.beta},
                                   {"z", std::vector<float>(b.z, b.z + 4)},
                                   {"running_mean", b.running_mean},
                                   {"running_var", b.running_var},
                                   {"z_inference", std::vector<float>(b.z_inference, b.z_inference + 4)}};
  }
  (*out)["reset_question"] = reset_question_;
  const lab::Message note = lab::ended_worse_message(lab_.shown(), settings_.lr);
  (*out)["training"]["diverged_note"] = note.empty() ? std::string() : lab::message_text(note);
}

}  // namespace nnlab::app
