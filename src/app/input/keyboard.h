// Keyboard use of the whole app on Dear ImGui 1.86's navigation (ImGuiConfigFlags_NavEnableKeyboard).
//
// What 1.86 lacks and this adds: Tab / Shift+Tab move the focus through every item (buttons,
// sliders, fields, tabs, the navigation entries…) in the order they are drawn, across child
// windows (1.86's Tab visits text fields only, inside one window); Enter presses the focused item as
// Space does (1.86: Enter only starts text input); Left/Right adjust a focused slider at once
// (1.86: Space first); typing on a focused field starts editing it; Escape drops the focus, giving
// the arrow keys back to the lessons, which step with them whenever no item has the focus.
//
// How: ImGui's test-engine hooks (IMGUI_ENABLE_TEST_ENGINE, a compile definition of the imgui
// library) report every item as it is added; each frame's list is the Tab order of the next. Focus
// moves as ImGui's own navigation moves it (imgui_internal.h: FocusWindow, SetNavID, ScrollToRectEx).
// The navigation is on while the focus is shown: a mouse click hides it (ImGui does) and turns it off.
#pragma once
#include <imgui.h>

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "app/input/events.h"

struct ImGuiContext;
struct ImGuiWindow;
struct ImRect;

namespace nnlab::app::input {

class KeyboardNav {
 public:
  struct Box {
    ImVec2 min, max;
  };
  struct Item {
    ImGuiID id = 0;
    ImGuiWindow* window = nullptr;
    Box rect;      // the item's rectangle (ImGui::GetItemRectMin/Max), absolute
    Box nav_rect;  // the part that navigation highlights (the frame of a slider or field), absolute
    Box nav_rel;   // nav_rect relative to the window's content start (what ImGui's nav stores)
    ImGuiID focus_scope = 0;
    int flags = 0;  // ImGuiItemFlags
  };
  enum class CharRoute { apply, hold };  // hold: leave it queued until the focused field is editing

  KeyboardNav();
  ~KeyboardNav();
  KeyboardNav(const KeyboardNav&) = delete;
  KeyboardNav& operator=(const KeyboardNav&) = delete;
  void set_scale(float scale) { scale_ = scale; }

  void begin_frame();                            // before the frame's events: the navigation on or off
  bool on_key(const Event& e, int mods);         // a key down/up from the queue: true = ImGui sees it
  CharRoute on_char(unsigned codepoint);         // a typed character
  void after_new_frame();                        // Tab, Enter, Escape, arrows on sliders; keys the focus owns
  void end_frame();                              // the focus ring; this frame's items become the Tab order
  bool focus_shown() const;                      // an item has the keyboard focus and it is drawn
  const Item* find(ImGuiID id) const;            // in the last complete frame
  const std::string& focused_label() const { return focused_label_; }

  // From ImGui's hooks (input.cpp).
  void on_item_add(ImGuiContext& g, const ImRect& nav_bb, ImGuiID id);
  void on_item_info(ImGuiContext& g, ImGuiID id, const char* label);
  static KeyboardNav* current();  // the one driving the current frame

 private:
  void focus(const Item& item);
  void move_focus(int direction);
  bool text_active() const;

  std::vector<Item> building_, items_;
  float scale_ = 1.0f;
  int tab_ = 0;  // +1 Tab, -1 Shift+Tab, pressed this frame
  bool press_ = false, adjust_ = false, drop_focus_ = false, start_input_ = false;
  ImGuiID start_input_id_ = 0;  // the field a typed character asked to edit
  ImGuiID clicked_id_ = 0;      // the item the pointer last pressed: Tab goes on from there
  int start_input_frames_ = 0;
  std::string focused_label_;
};

}  // namespace nnlab::app::input
