#include "app/common/layout.h"

#include <imgui_internal.h>  // ImGui::GetItemID

#include <algorithm>

namespace nnlab::app::layout {
namespace {

ImGuiStyle g_base;
bool g_touch = false;
ImGuiID g_drag_scrolls = 0, g_drag_scrolled_last = 0;  // this frame's and the last frame's

}  // namespace

void set_base_style(const ImGuiStyle& style) { g_base = style; }
const ImGuiStyle& base_style() { return g_base; }

void begin_frame(bool touch) {
  g_touch = touch;
  g_drag_scrolled_last = g_drag_scrolls;
  g_drag_scrolls = 0;
  ImGuiStyle& s = ImGui::GetStyle();
  const float f = ImGui::GetFontSize();
  // A frame of 2.75 font sizes (44 CSS px) for a finger; a little more room between rows so two
  // targets are never touching; a grab a fingertip can see beside itself.
  s.FramePadding.y = touch ? std::max(g_base.FramePadding.y, 0.5f * (kTouchTargetFonts - 1.0f) * f)
                           : g_base.FramePadding.y;
  s.ItemSpacing.y = touch ? std::max(g_base.ItemSpacing.y, 0.5f * f) : g_base.ItemSpacing.y;
  s.GrabMinSize = touch ? std::max(g_base.GrabMinSize, 1.5f * f) : g_base.GrabMinSize;
  s.SelectableTextAlign = touch ? ImVec2(0, 0.5f) : g_base.SelectableTextAlign;
}

bool touch() { return g_touch; }

bool stacked(float width) { return width < kStackFonts * ImGui::GetFontSize(); }

float target_height() { return g_touch ? kTouchTargetFonts * ImGui::GetFontSize() : ImGui::GetFrameHeight(); }

const char* pointer_key(const char* mouse_key, const char* touch_key) { return g_touch ? touch_key : mouse_key; }

void drag_scrolls() { g_drag_scrolls = ImGui::GetItemID(); }

bool drags_scroll(ImGuiID item) { return item != 0 && (item == g_drag_scrolls || item == g_drag_scrolled_last); }

bool small_button(const char* label) { return g_touch ? ImGui::Button(label) : ImGui::SmallButton(label); }

bool selectable(const char* label, bool selected, float width) {
  // A Selectable spans the spacing around it: its height plus ItemSpacing.y is what a finger hits.
  const float h = g_touch ? target_height() - ImGui::GetStyle().ItemSpacing.y : 0.0f;
  return ImGui::Selectable(label, selected, 0, ImVec2(width, h));
}

float button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
}

float check_width(const char* label) { return labelled_width(ImGui::GetFrameHeight(), label); }

float labelled_width(float item_width, const char* label) {
  return item_width + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
}

void next_in_row(float width, float spacing) {
  ImGui::SameLine(0, spacing);
  if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
}

}  // namespace nnlab::app::layout
