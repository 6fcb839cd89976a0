// The MNIST lab's pictures (see lab_pictures.h).
#include "app/lab/lab_pictures.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/common/layout.h"
#include "app/common/widgets.h"
#include "lessons/activation_text.h"
#include "text/text.h"

namespace nnlab::app {
namespace {

using text::T;
using text::tr;

const ImU32 kTrainColor = IM_COL32(90, 160, 255, 255);   // train: blue
const ImU32 kTestColor = IM_COL32(255, 160, 60, 255);    // test: orange
const ImU32 kBatchColor = IM_COL32(150, 150, 160, 150);  // smoothed minibatches: grey
const ImU32 kGrid = IM_COL32(255, 255, 255, 28);
const ImU32 kDim = IM_COL32(170, 170, 170, 255);

struct Axes {  // data → screen for one plot
  ImVec2 p0, p1;
  float x_max, y_min, y_max;
  ImVec2 at(float x, float y) const {
    const float u = x_max > 0 ? x / x_max : 0, v = (y - y_min) / std::max(1e-6f, y_max - y_min);
    return ImVec2(p0.x + u * (p1.x - p0.x), p1.y - std::clamp(v, 0.0f, 1.0f) * (p1.y - p0.y));
  }
};

// One plot: frame, grid, y labels, the smoothed batch curve, and train/test per-epoch lines.
void plot(const char* title, const lab::Session& lab, bool accuracy, float x_max, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float f = ImGui::GetFontSize();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const auto& epochs = lab.epochs();
  const auto& batches = lab.batches();
  float lo = accuracy ? 1.0f : 0.0f, hi = accuracy ? 1.0f : 0.5f;
  for (const auto& e : epochs) {
    const float a = accuracy ? e.train_accuracy : e.train_loss, b = accuracy ? e.test_accuracy : e.test_loss;
    lo = std::min(lo, std::min(a, b));
    hi = std::max(hi, std::max(a, b));
  }
  for (const auto& b : batches) {
    const float v = accuracy ? b.accuracy : b.loss;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  if (accuracy) lo = std::max(0.0f, std::floor(lo * 5.0f) / 5.0f), hi = 1.0f;  // ticks at round percentages
  else hi = std::min(hi * 1.05f, 5.0f);
  Axes ax{ImVec2(o.x + 3.2f * f, o.y + 1.4f * f), ImVec2(o.x + size.x - 0.5f * f, o.y + size.y - 1.4f * f), x_max, lo,
          hi};
  dl->AddText(o, ImGui::GetColorU32(ImGuiCol_Text), title);
  dl->AddRectFilled(ax.p0, ax.p1, IM_COL32(20, 22, 28, 255));
  char buf[32];
  for (int k = 0; k <= 4; ++k) {
    const float y = lo + (hi - lo) * float(k) / 4.0f;
    const ImVec2 p = ax.at(0, y);
    dl->AddLine(ImVec2(ax.p0.x, p.y), ImVec2(ax.p1.x, p.y), kGrid);
    if (accuracy) std::snprintf(buf, sizeof buf, "%.0f%%", double(y) * 100);
    else std::snprintf(buf, sizeof buf, "%.2f", double(y));
    dl->AddText(ImVec2(o.x, p.y - 0.5f * f), kDim, buf);
  }
  const int step = std::max(1, int(std::ceil(x_max / 10.0f)));
  for (int e = 0; e <= int(x_max); e += step) {
    const ImVec2 p = ax.at(float(e), lo);
    dl->AddLine(ImVec2(p.x, ax.p0.y), ImVec2(p.x, ax.p1.y), kGrid);
    std::snprintf(buf, sizeof buf, "%d", e);
    const float half = ImGui::CalcTextSize(buf).x * 0.5f;  // centred on its line, kept inside the plot
    dl->AddText(ImVec2(std::min(p.x - half, o.x + size.x - 2 * half), ax.p1.y + 0.1f * f), kDim, buf);
  }
  dl->PushClipRect(ax.p0, ax.p1, true);
  // At most one point per 2 pixels of width: the curve looks the same, and software WebGL pays
  // for every triangle of a thick anti-aliased line (7,500 steps: 3,546 indices per plot, not 25,638).
  constexpr float kMinDx = 2.0f;
  std::vector<ImVec2> pts;
  pts.reserve(batches.size());
  for (size_t i = 0; i < batches.size(); ++i) {
    const ImVec2 p = ax.at(batches[i].epoch, accuracy ? batches[i].accuracy : batches[i].loss);
    if (pts.empty() || p.x - pts.back().x >= kMinDx || i + 1 == batches.size()) pts.push_back(p);
  }
  if (pts.size() >= 2) dl->AddPolyline(pts.data(), int(pts.size()), kBatchColor, 0, 1.5f);
  const bool dots = ax.p1.x - ax.p0.x >= 10.0f * x_max;  // epoch markers while they stand apart
  for (int series = 0; series < 2; ++series) {
    pts.clear();
    for (const auto& e : epochs) {
      const float v = series == 0 ? (accuracy ? e.train_accuracy : e.train_loss)
                                  : (accuracy ? e.test_accuracy : e.test_loss);
      pts.push_back(ax.at(float(e.epoch), v));
    }
    const ImU32 c = series == 0 ? kTrainColor : kTestColor;
    if (pts.size() >= 2) dl->AddPolyline(pts.data(), int(pts.size()), c, 0, 2.0f);
    if (dots)
      for (const ImVec2& p : pts) dl->AddCircleFilled(p, 3.0f, c);
  }
  // The timeline's moment on screen: a line where the network shown was.
  const lab::TimelineView& t = lab.timeline();
  if (t.shown >= 0 && t.shown < int(t.marks.size())) {
    const ImVec2 p = ax.at(t.marks[size_t(t.shown)].epoch, lo);
    dl->AddLine(ImVec2(p.x, ax.p0.y), ImVec2(p.x, ax.p1.y), kHighlight, 2.0f);
  }
  dl->PopClipRect();
  ImGui::Dummy(size);
}

}  // namespace

void draw_curves(const lab::Session& lab, int epochs, float width, float height) {
  const float f = ImGui::GetFontSize();
  const float x_max = float(std::max({epochs, lab.epochs_done(), 1}));
  const float w = (width - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  plot(T("lab.curves.loss"), lab, false, x_max, ImVec2(w, height - 1.6f * f));
  ImGui::SameLine();
  plot(T("lab.curves.accuracy"), lab, true, x_max, ImVec2(w, height - 1.6f * f));
  // Legend: its keys wrap to the next line where the row is full (a phone).
  bool first = true;
  auto next = [&](float w) {
    if (!first) {
      ImGui::SameLine(0, 1.2f * f);
      if (ImGui::GetContentRegionAvail().x < w) ImGui::NewLine();
    }
    first = false;
  };
  auto key = [&](ImU32 c, const char* text) {
    next(1.4f * f + ImGui::GetStyle().ItemSpacing.x + ImGui::CalcTextSize(text).x);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + 0.35f * f), ImVec2(p.x + 1.2f * f, p.y + 0.65f * f), c);
    ImGui::Dummy(ImVec2(1.4f * f, f));
    ImGui::SameLine();
    ImGui::TextUnformatted(text);
  };
  key(kTrainColor, T("lab.curves.train"));
  key(kTestColor, T("lab.curves.test"));
  key(kBatchColor, T("lab.curves.batches"));
  next(ImGui::CalcTextSize(T("lab.curves.x")).x);
  ImGui::TextDisabled("%s", T("lab.curves.x"));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", T("lab.curves.tip"));
}

std::string class_text(int c, const std::vector<std::string>& names) {
  return std::to_string(c) + (c >= 0 && c < int(names.size()) ? " " + names[size_t(c)] : std::string());
}

bool draw_confusion(const std::vector<int>& confusion, int classes, const std::vector<std::string>& names,
                    int selected_truth, int selected_predicted, float cell, int* truth, int* predicted) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float f = ImGui::GetFontSize();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const ImVec2 g(o.x + 1.6f * f, o.y + 2.2f * f);  // grid origin, below the axis title and the column numbers
  dl->AddText(ImVec2(g.x, o.y), kDim, T("lab.confusion.predicted"));
  const bool known = confusion.size() == size_t(classes) * size_t(classes);
  int64_t row_max = 1;
  for (int t = 0; known && t < classes; ++t) {
    int64_t sum = 0;
    for (int p = 0; p < classes; ++p) sum += confusion[size_t(t) * classes + p];
    row_max = std::max(row_max, sum);
  }
  bool clicked = false;
  char buf[16];
  for (int t = 0; t < classes; ++t) {
    std::snprintf(buf, sizeof buf, "%d", t);
    dl->AddText(ImVec2(o.x + 0.3f * f, g.y + (float(t) + 0.5f) * cell - 0.5f * f), kDim, buf);
    for (int p = 0; p < classes; ++p) {
      const int n = known ? confusion[size_t(t) * classes + p] : 0;
      const ImVec2 a(g.x + float(p) * cell, g.y + float(t) * cell), b(a.x + cell - 1, a.y + cell - 1);
      const float share = float(double(n) / double(row_max));
      // the diagonal (right) in green, mistakes in red; brighter = more digits
      const ImU32 fill = n == 0   ? IM_COL32(28, 30, 36, 255)
                         : t == p ? IM_COL32(30, int(60 + 180 * share), 70, 255)
                                  : IM_COL32(int(90 + 165 * std::min(1.0f, share * 8)), 40, 40, 255);
      dl->AddRectFilled(a, b, fill);
      if (t == selected_truth && p == selected_predicted) dl->AddRect(a, b, IM_COL32_WHITE, 0, 0, 2);
      if (n > 0) {
        std::snprintf(buf, sizeof buf, "%d", n);
        centered_text(dl, ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f), IM_COL32(235, 235, 235, 255), buf);
      }
      if (t == 0) {
        std::snprintf(buf, sizeof buf, "%d", p);
        centered_text(dl, ImVec2((a.x + b.x) * 0.5f, g.y - 0.55f * f), kDim, buf);
      }
      ImGui::SetCursorScreenPos(a);
      ImGui::PushID(t * classes + p);
      if (ImGui::InvisibleButton("cell", ImVec2(cell - 1, cell - 1))) {
        *truth = t, *predicted = p;
        clicked = true;
      }
      if (t == 3 && p == 8) remember_item("mnist.confusion_3_8");
      if (t == 0 && p == 0) remember_item("mnist.confusion_0_0");
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "%s",
            text::tr_count(
                names.empty() ? "lab.confusion.tip_digits" : "lab.confusion.tip_images", n,
                {{"count", std::to_string(n)}, {"truth", class_text(t, names)}, {"predicted", class_text(p, names)}})
                .c_str());
      ImGui::PopID();
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(o.x, g.y + float(classes) * cell + 0.3f * f));
  if (names.empty()) {
    ImGui::TextDisabled("%s", T(layout::pointer_key("lab.confusion.rows_digits", "layout.tap.confusion_rows_digits")));
  } else {
    std::string legend;
    for (int c = 0; c < classes; ++c)  // (a no-break space keeps each number with its name)
      legend += (c ? " · " : "") + std::to_string(c) + "\u00a0" + (c < int(names.size()) ? names[size_t(c)] : "");
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 1.6f * f + float(classes) * cell + 8 * f);
    ImGui::TextDisabled("%s", tr(layout::pointer_key("lab.confusion.rows_images", "layout.tap.confusion_rows_images"),
                                 {{"legend", legend}})
                                  .c_str());
    ImGui::PopTextWrapPos();
  }
  return clicked;
}

void draw_probability_bars(const float* probs, int classes, const std::vector<std::string>& names, float width) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float f = ImGui::GetFontSize();
  const int best = int(std::max_element(probs, probs + classes) - probs);
  char buf[32];
  for (int c = 0; c < classes; ++c) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float bar = width - 5.5f * f;
    std::snprintf(buf, sizeof buf, "%d", c);
    dl->AddText(p, c == best ? IM_COL32_WHITE : kDim, buf);
    const ImVec2 a(p.x + 1.2f * f, p.y + 0.15f * f);
    dl->AddRectFilled(a, ImVec2(a.x + bar, a.y + 0.8f * f), IM_COL32(35, 38, 46, 255));
    dl->AddRectFilled(a, ImVec2(a.x + bar * std::clamp(probs[c], 0.0f, 1.0f), a.y + 0.8f * f),
                      c == best ? IM_COL32(80, 200, 110, 255) : IM_COL32(90, 120, 170, 255));
    std::snprintf(buf, sizeof buf, "%5.1f%%", double(probs[c]) * 100);
    dl->AddText(ImVec2(a.x + bar + 0.3f * f, p.y), c == best ? IM_COL32_WHITE : kDim, buf);
    ImGui::Dummy(ImVec2(width, 1.0f * f));
    if (!names.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", class_text(c, names).c_str());
  }
  if (!names.empty()) ImGui::Text("\u2192 %s", class_text(best, names).c_str());
}

void draw_activations(const lab::Session& lab, const std::vector<std::string>& names, float width) {
  if (!lab.has_model() || lab.probe().batch() < 1) return;
  const Mlp& m = lab.model();
  const float f = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (int l = 0; l + 1 < m.layer_count(); ++l) {
    const auto a = lab.probe().a(l);
    const int n = m.layer(l).outputs;
    float top = 1e-6f;
    for (int i = 0; i < n; ++i) top = std::max(top, std::fabs(a[i]));
    char brightest[32];
    std::snprintf(brightest, sizeof brightest, "%.2f", double(top));
    ImGui::TextUnformatted(text::tr_count("lab.inside.layer", n,
                                          {{"layer", std::to_string(l + 1)},
                                           {"count", std::to_string(n)},
                                           {"activation", activation_text(m.layer(l).activation).label},
                                           {"top", brightest}})
                               .c_str());
    const float cell = std::clamp(width / float(std::min(n, 32)), 0.6f * f, 1.6f * f);
    const int per_row = std::max(1, int(width / cell));
    const ImVec2 o = ImGui::GetCursorScreenPos();
    for (int i = 0; i < n; ++i) {
      const ImVec2 p(o.x + float(i % per_row) * cell, o.y + float(i / per_row) * cell);
      dl->AddRectFilled(p, ImVec2(p.x + cell - 2, p.y + cell - 2), activation_fill(a[i] / top));
    }
    ImGui::Dummy(ImVec2(width, float((n + per_row - 1) / per_row) * cell + 0.3f * f));
  }
  ImGui::TextUnformatted(T(names.empty() ? "lab.inside.output_digits" : "lab.inside.output_images"));
  draw_probability_bars(lab.probe().a(m.layer_count() - 1).data(), m.output_size(), names, width);
}

// ---------------------------------------------------------------------------------------------
void LabPictures::draw_weights(const lab::Session& lab, float width, double now, double interval_s) {
  const Mlp& m = lab.model();
  const IdxImages& img = lab.data().test.images;
  if (!lab.has_model() || img.rows * img.cols != m.input_size()) return;
  const int H = m.layer(0).outputs, R = img.rows, C = img.cols;
  const int cols = H <= 36 ? int(std::ceil(std::sqrt(double(H)))) : 16, rows = (H + cols - 1) / cols;
  const int W = cols * (C + 1) - 1, Ht = rows * (R + 1) - 1;  // one black pixel between tiles
  if (lab.weights_version() != weights_version_ && now - weights_time_ >= interval_s) {
    buffer_.assign(size_t(W) * Ht, 0.0f);  // (Ht, W)
    const auto w = m.weights(0);           // (H, R·C)
    for (int h = 0; h < H; ++h) {
      float top = 1e-8f;
      for (int i = 0; i < R * C; ++i) top = std::max(top, std::fabs(w[size_t(h) * R * C + i]));
      const int x0 = (h % cols) * (C + 1), y0 = (h / cols) * (R + 1);
      for (int y = 0; y < R; ++y)
        for (int x = 0; x < C; ++x) buffer_[size_t(y0 + y) * W + x0 + x] = w[size_t(h) * R * C + y * C + x] / top;
    }
    if (gpu::colormap(weights_, buffer_.data(), W, Ht, 1.0f, gpu::Colormap::diverging)) ++weight_uploads_;
    weights_version_ = lab.weights_version();
    weights_time_ = now;
  }
  if (!weights_.id) {
    ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", tr("lab.weights.no_gpu", {{"why", gpu::last_error()}}).c_str());
    return;
  }
  const float scale = std::min({width / float(W), std::max(2.0f, ImGui::GetContentRegionAvail().y / float(Ht)), 6.0f});
  ImGui::Image(weights_.imgui_id(), ImVec2(float(W) * scale, float(Ht) * scale));
  remember_item("mnist.weights");
}

int LabPictures::draw_digits(const lab::Session& lab, const std::vector<int>& indices, float tile, int selected) {
  const IdxImages& img = lab.data().test.images;
  const int R = img.rows, C = img.cols, n = int(indices.size());
  if (n == 0 || R == 0) return -1;
  if (indices != digits_key_ || digits_data_ != lab.data_version()) {  // an atlas: one row of tiles
    buffer_.assign(size_t(R) * C * n, 0.0f);                           // (R, n·C)
    for (int k = 0; k < n; ++k)
      for (int y = 0; y < R; ++y)
        for (int x = 0; x < C; ++x)
          buffer_[size_t(y) * C * n + size_t(k) * C + x] = float(img.pixels[size_t(indices[k]) * R * C + y * C + x]) /
                                                           255.0f;
    gpu::colormap(digits_, buffer_.data(), C * n, R, 1.0f, gpu::Colormap::grey);
    digits_key_ = indices;
    digits_data_ = lab.data_version();
  }
  const float f = ImGui::GetFontSize();
  const auto& pred = lab.test_predictions();
  const auto& conf = lab.test_confidence();
  const auto& labels = lab.data().test.labels.labels;
  const float cell_w = std::max(tile, ImGui::CalcTextSize("8 100%").x) + 0.4f * f;  // room for the caption
  const int per_row = std::max(1, int(ImGui::GetContentRegionAvail().x / cell_w));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  int clicked = -1;
  char buf[32];
  for (int k = 0; k < n; ++k) {
    const int i = indices[k];
    const ImVec2 p(o.x + float(k % per_row) * cell_w, o.y + float(k / per_row) * (tile + 1.3f * f));
    ImGui::SetCursorScreenPos(p);
    ImGui::PushID(k);
    if (digits_.id)
      ImGui::Image(digits_.imgui_id(), ImVec2(tile, tile), ImVec2(float(k) / float(n), 0),
                   ImVec2(float(k + 1) / float(n), 1));
    else ImGui::Dummy(ImVec2(tile, tile));
    if (ImGui::IsItemClicked()) clicked = i;
    if (k == 0) remember_item("mnist.digit0");
    ImGui::PopID();
    const bool known = size_t(i) < pred.size() && !lab.epochs().empty();
    const bool wrong = known && pred[size_t(i)] != labels[size_t(i)];
    if (wrong)
      dl->AddRect(ImVec2(p.x - 1, p.y - 1), ImVec2(p.x + tile + 1, p.y + tile + 1), IM_COL32(240, 70, 60, 255), 0, 0,
                  2.5f);
    if (i == selected)
      dl->AddRect(ImVec2(p.x - 3, p.y - 3), ImVec2(p.x + tile + 3, p.y + tile + 3), IM_COL32_WHITE, 0, 0, 1.5f);
    if (known) std::snprintf(buf, sizeof buf, "%d %2.0f%%", pred[size_t(i)], double(conf[size_t(i)]) * 100);
    else std::snprintf(buf, sizeof buf, "? (%d)", labels[size_t(i)]);
    dl->AddText(ImVec2(p.x, p.y + tile + 0.1f * f), wrong ? IM_COL32(255, 110, 100, 255) : kDim, buf);
  }
  const int rows = (n + per_row - 1) / per_row;
  ImGui::SetCursorScreenPos(ImVec2(o.x, o.y + float(rows) * (tile + 1.3f * f)));
  ImGui::Dummy(ImVec2(1, 1));
  return clicked;
}

bool LabPictures::draw_pad(lab::DrawPad& pad, const float* preview, int side, float size) {
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("mnist_pad", ImVec2(size, size));
  remember_item("mnist.pad");
  const int before = pad.version();
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const float u = (mouse.x - o.x) / size, v = (mouse.y - o.y) / size;
  if (ImGui::IsItemActivated()) {
    pad.begin_stroke(u, v);
    pad_drawing_ = true;
  } else if (ImGui::IsItemActive() && pad_drawing_) {
    const ImVec2 d = ImGui::GetIO().MouseDelta;
    if (d.x != 0 || d.y != 0) pad.add_point(u, v);
  } else {
    pad_drawing_ = false;
  }
  if (pad.version() != pad_version_) {
    gpu::colormap(pad_, pad.ink(), lab::DrawPad::kSide, lab::DrawPad::kSide, 1.0f, gpu::Colormap::grey);
    gpu::colormap(preview_, preview, side, side, 1.0f, gpu::Colormap::grey);
    pad_version_ = pad.version();
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (pad_.id) dl->AddImage(pad_.imgui_id(), o, ImVec2(o.x + size, o.y + size));
  else dl->AddRectFilled(o, ImVec2(o.x + size, o.y + size), IM_COL32_BLACK);
  dl->AddRect(o, ImVec2(o.x + size, o.y + size), IM_COL32(120, 120, 130, 255));
  if (pad.empty()) centered_text(dl, ImVec2(o.x + size * 0.5f, o.y + size * 0.5f), kDim, T("lab.pad.hint"));
  return pad.version() != before;
}

void LabPictures::release() {
  gpu::release(weights_);
  gpu::release(digits_);
  gpu::release(pad_);
  gpu::release(preview_);
  weights_version_ = pad_version_ = digits_data_ = -1;
  digits_key_.clear();
}

}  // namespace nnlab::app
