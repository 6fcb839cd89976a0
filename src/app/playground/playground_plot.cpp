// The output plot: the network's map over the plane (or the map of the neuron or feature under the
// pointer), the training points (and the test points), the probe's cross; tapping it inspects a
// point or, with the "add points" tool, adds, moves and deletes points. And the datasets' thumbnails.
#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "app/common/dot.h"
#include "app/common/layout.h"
#include "app/common/widgets.h"
#include "app/playground/playground_view.h"
#include "playground/palette.h"
#include "text/text.h"

namespace nnlab::app {
namespace {

using namespace nnlab::playground;
using text::T;

ImU32 u32(Rgb c, float alpha = 1.0f) {
  return IM_COL32(to_byte(c.r), to_byte(c.g), to_byte(c.b), int(std::clamp(alpha, 0.0f, 1.0f) * 255));
}

Rgb point_color(const Point& p, int classes) { return classes > 0 ? class_color(p.label) : diverging_color(p.value); }

// Holding a point still this long deletes it. A finger's long press reaches the plot as a cancel
// (the touch layer turns a still finger into hover at 0.5 s: it clears the active item before the
// frame, so ImGui reports no deactivation): a press held kHeldS that ends so counts too.
constexpr double kLongPressS = 0.45, kHeldS = 0.3;

}  // namespace

void PlaygroundView::draw_plot(float size) {
  const float f = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const ImVec2 end(o.x + size, o.y + size);
  auto to_screen = [&](float x, float y) {
    return ImVec2(o.x + (x + kDomain) / (2 * kDomain) * size, o.y + (kDomain - y) / (2 * kDomain) * size);
  };
  auto to_plane = [&](ImVec2 p, float* x, float* y) {
    *x = std::clamp((p.x - o.x) / size * 2 * kDomain - kDomain, -kDomain, kDomain);
    *y = std::clamp(kDomain - (p.y - o.y) / size * 2 * kDomain, -kDomain, kDomain);
  };
  // which map: a feature or a hidden neuron under the pointer (or picked), else the output
  const int L = engine_.model().layer_count();
  const int shown_l = hover_layer_ >= 0 ? hover_layer_ : focus_layer_;
  const int shown_n = hover_layer_ >= 0 ? hover_neuron_ : focus_neuron_;
  const gpu::Texture* tex = &output_tex_;
  if (hover_feature_ >= 0 && feature_map_for_ == hover_feature_) tex = &focus_tex_;
  else if (shown_l >= 0 && shown_l < L - 1 && maps_.focus_layer() == shown_l && maps_.focus_neuron() == shown_n &&
           focus_tex_.id)
    tex = &focus_tex_;
  dl->AddRectFilled(o, end, IM_COL32(255, 255, 255, 255));
  if (tex->id) dl->AddImage(tex->imgui_id(), o, end);
  else if (!gpu::last_error().empty())
    dl->AddText(ImVec2(o.x + 4, o.y + 4), IM_COL32(160, 40, 40, 255), gpu::last_error().c_str());
  // the axes: ticks at −6 … 6, as TF Playground labels them
  const ImU32 tick = IM_COL32(70, 70, 70, 200);
  for (int v = -6; v <= 6; v += 2) {
    const ImVec2 bx = to_screen(float(v), -kDomain), ry = to_screen(kDomain, float(v));
    dl->AddLine(ImVec2(bx.x, end.y - 0.3f * f), ImVec2(bx.x, end.y), tick);
    dl->AddLine(ImVec2(end.x - 0.3f * f, ry.y), ImVec2(end.x, ry.y), tick);
  }
  // the points: filled with their class (or value), white rings for training, dark for test
  const int K = class_count(settings_.data);
  const float r = std::clamp(size / 100.0f, 2.0f, 0.32f * f);
  for (const Point& p : engine_.points()) {
    if (p.test && !settings_.show_test) continue;
    const ImVec2 c = to_screen(p.x, p.y);
    // a ring of 1 px round the fill, as two dots: two quads where circles were ~50 triangles
    dot::add(dl, c, r + 0.5f, p.test ? IM_COL32(20, 20, 20, 255) : IM_COL32_WHITE);
    dot::add(dl, c, r - 0.5f, u32(point_color(p, K)));
  }
  if (drag_point_ >= 0 && drag_point_ < int(engine_.points().size())) {
    const Point& p = engine_.points()[size_t(drag_point_)];
    dl->AddCircle(to_screen(p.x, p.y), r * 2.2f, kHighlight, 16, 2.0f);
  }
  if (has_probe_) {
    const ImVec2 c = to_screen(probe_x_, probe_y_);
    const float s = 0.7f * f;
    dl->AddCircle(c, s * 0.6f, IM_COL32(20, 20, 20, 255), 16, 3.0f);
    dl->AddCircle(c, s * 0.6f, IM_COL32_WHITE, 16, 1.5f);
    dl->AddLine(ImVec2(c.x - s, c.y), ImVec2(c.x - s * 0.6f, c.y), IM_COL32(20, 20, 20, 255), 2);
    dl->AddLine(ImVec2(c.x + s * 0.6f, c.y), ImVec2(c.x + s, c.y), IM_COL32(20, 20, 20, 255), 2);
    dl->AddLine(ImVec2(c.x, c.y - s), ImVec2(c.x, c.y - s * 0.6f), IM_COL32(20, 20, 20, 255), 2);
    dl->AddLine(ImVec2(c.x, c.y + s * 0.6f), ImVec2(c.x, c.y + s), IM_COL32(20, 20, 20, 255), 2);
  }
  // input
  ImGui::SetCursorScreenPos(o);
  const bool clicked = ImGui::InvisibleButton("plot", ImVec2(size, size),
                                              ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  remember_item("playground.plot");
  if (tool_ == Tool::inspect) layout::drag_scrolls();  // it only takes taps: a finger's drag scrolls the page
  const ImGuiIO& io = ImGui::GetIO();
  float mx, my;
  to_plane(io.MousePos, &mx, &my);
  const float pick = std::max(r * 2.5f, 0.6f * f) / size * 2 * kDomain;  // a finger's reach, in plane units
  const bool moved = io.MouseDragMaxDistanceSqr[0] > 64.0f * (f / 16) * (f / 16);
  if (tool_ == Tool::inspect) {
    // a click, not a press the touch layer let go of to scroll (that one never clicks)
    if (clicked && !moved) {
      const int near = engine_.nearest_point(mx, my, pick, settings_.show_test);
      if (near >= 0) set_probe(engine_.points()[size_t(near)].x, engine_.points()[size_t(near)].y);
      else set_probe(mx, my);
    }
  } else {
    const bool active = ImGui::IsItemActive(), released = ImGui::IsItemDeactivated();
    const bool cancelled = plot_was_active_ && !active && !released;
    plot_was_active_ = active;
    if (cancelled && drag_point_ >= 0 && !press_consumed_ && !moved && ImGui::GetTime() - press_time_ >= kHeldS) {
      engine_.remove_point(drag_point_);
      engine_.evaluate(true);
      press_consumed_ = true;
    }
    if (cancelled) drag_point_ = -1;
    if (ImGui::IsItemActivated()) {
      drag_point_ = engine_.nearest_point(mx, my, pick, settings_.show_test);
      press_consumed_ = false;
      press_time_ = ImGui::GetTime();
    }
    if (ImGui::IsItemActive() && !press_consumed_ && drag_point_ >= 0) {
      if (moved) {
        engine_.move_point(drag_point_, mx, my);
      } else if (ImGui::GetTime() - press_time_ >= kLongPressS) {  // held still on a point: delete it
        engine_.remove_point(drag_point_);
        engine_.evaluate(true);
        drag_point_ = -1;
        press_consumed_ = true;
      }
    }
    if (released) {
      if (!press_consumed_ && drag_point_ >= 0 && !moved && ImGui::GetTime() - press_time_ >= kHeldS) {
        engine_.remove_point(drag_point_);
        drag_point_ = -1;
        press_consumed_ = true;
      }
      if (!press_consumed_ && drag_point_ < 0 && !moved) {
        float x, y;
        to_plane(io.MouseClickedPos[0], &x, &y);
        const int K2 = class_count(settings_.data);
        if (engine_.add_point(x, y, K2 > 0 ? std::min(add_class_, K2 - 1) : 0, add_value_) < 0)
          say(Note("playground.bad.points_full", {{"max", std::to_string(kMaxPoints)}}), true);
      }
      if (drag_point_ >= 0) engine_.evaluate(true);
      drag_point_ = -1;
    }
    if (ImGui::IsItemClicked(ImGuiMouseButton_Right)) {
      const int near = engine_.nearest_point(mx, my, pick, settings_.show_test);
      if (near >= 0) {
        engine_.remove_point(near);
        engine_.evaluate(true);
      }
    }
  }
}

// A dataset's thumbnail (its points at noise 0, as TF Playground draws them); a tap picks it.
void PlaygroundView::draw_thumbnail(DataKind kind, float size, bool selected) {
  static std::array<std::vector<Point>, kDataKindCount> cache;
  std::vector<Point>& pts = cache[size_t(int(kind))];
  if (pts.empty()) {
    pts = generate(kind, 0, 50, 1);
    if (pts.size() > 160) pts.resize(160);
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const std::string name = "playground.data " + std::string(data_name(kind));
  if (ImGui::InvisibleButton(stable_name(name), ImVec2(size, size))) (void)set("data", data_name(kind));
  remember_item(stable_name(name));
  const bool hovered = ImGui::IsItemHovered();
  dl->AddRectFilled(o, ImVec2(o.x + size, o.y + size), IM_COL32(250, 250, 250, 255), 2);
  const int K = class_count(kind);
  const float dot = std::max(1.5f, size / 40);
  for (const Point& p : pts) {
    const float x = o.x + (p.x + kDomain) / (2 * kDomain) * size, y = o.y + (kDomain - p.y) / (2 * kDomain) * size;
    dl->AddRectFilled(ImVec2(x - dot / 2, y - dot / 2), ImVec2(x + dot / 2, y + dot / 2), u32(point_color(p, K)));
  }
  dl->AddRect(ImVec2(o.x - 1, o.y - 1), ImVec2(o.x + size + 1, o.y + size + 1),
              selected  ? kHighlight
              : hovered ? IM_COL32_WHITE
                        : IM_COL32(80, 80, 80, 255),
              2, 0, selected ? 3.0f : 1.0f);
  static const char* const kNames[kDataKindCount] = {
      "playground.data.circle",    "playground.data.xor",       "playground.data.gauss",   "playground.data.spiral",
      "playground.data.reg_plane", "playground.data.reg_gauss", "playground.data.spiral3", "playground.data.blobs4"};
  if (hovered) ImGui::SetTooltip("%s", T(kNames[int(kind)]));
}

}  // namespace nnlab::app
