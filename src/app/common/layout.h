// The layout's two questions, asked once a frame by the App and by every view:
//   - is the pointer a finger? The touch layout: every target at least 44 CSS px tall (frames,
//     tabs, checkboxes, the entries of combos and menus), small buttons made full ones, and texts
//     that say "tap" and "hold" where the mouse's say "click" and "hover";
//   - is the space narrow? The App folds its navigation into a top bar with a menu, and a view
//     whose width is below kStackFonts font sizes stacks its columns into one scrolling column.
// Both are measured in font sizes, so they hold at any DPI (the font is 16 CSS px at every scale:
// 44 CSS px are 2.75 font sizes).
#pragma once
#include <imgui.h>

namespace nnlab::app::layout {

inline constexpr float kNarrowFonts = 44;          // a window narrower than this: the top bar …
inline constexpr float kShortFonts = 30;           // … and one lower than this (a phone on its side)
inline constexpr float kStackFonts = 36;           // a view narrower than this: one column
inline constexpr float kTouchTargetFonts = 2.75f;  // 44 CSS px at the 16 px font

// The style the fonts were built for (App::set_content_scale); begin_frame() adds the touch sizes
// to it, or takes them away, whenever the pointer changes.
void set_base_style(const ImGuiStyle& style);
const ImGuiStyle& base_style();
void begin_frame(bool touch);  // App::frame, before any window

bool touch();               // this frame is laid out for a finger
bool stacked(float width);  // a view `width` pixels wide has one column
float target_height();      // an item's height: 44 CSS px when touch(), else the frame's
// touch_key for a finger, mouse_key otherwise ("tap" / "click", "hold" / "hover"), for text::T or
// text::tr; scripts/strings.py checks that both keys exist with the same placeholders.
const char* pointer_key(const char* mouse_key, const char* touch_key);
// The item just drawn takes only taps (a plot that inspects where it is tapped): a finger that
// drags on it means to scroll, so the touch layer lets the item go and scrolls, as from a text
// field. Call right after the item, each frame; drags_scroll asks it of an item (this frame or the
// last, as the touch layer runs before the views).
void drag_scrolls();
bool drags_scroll(ImGuiID item);

// Widgets that keep the touch layout's sizes.
bool small_button(const char* label);                                // SmallButton; a full-height Button for a finger
bool selectable(const char* label, bool selected, float width = 0);  // in combos and menus
// What an item takes in this frame's style, for next_in_row (labels as ImGui draws them: up to "##").
float button_width(const char* label);                      // ImGui::Button(label)
float check_width(const char* label);                       // a Checkbox or RadioButton: its box, the gap, the label
float labelled_width(float item_width, const char* label);  // a slider, drag or field and its label
// Before an item `width` wide that follows another on its row: stays on the row if it fits (the
// row's items wrap to the next line on a narrow screen, never past the right edge). `spacing` as
// ImGui::SameLine's (< 0: the style's).
void next_in_row(float width, float spacing = -1.0f);

}  // namespace nnlab::app::layout
