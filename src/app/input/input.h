// The app's input: the platform pushes what happened (pointer, wheel, keys, text) and the frame
// hands it to Dear ImGui, with the touch gestures (touch.h) and the keyboard's navigation
// (keyboard.h) on top. Nothing here touches GLFW or the browser; src/platform turns their events
// into Event values (key codes are GLFW's, which ImGui's GLFW backend maps in io.KeyMap).
//
// Per frame, in order:
//   platform  begin_frame(now)   after the backends' NewFrame, before ImGui::NewFrame: one frame's
//                                events into io (ImGui 1.87's trickling), gestures, mouse state
//   App       after_new_frame()  first thing in App::frame: Tab and the keyboard's other moves
//   App       end_frame()        last thing in App::frame: focus ring, the active text field
#pragma once
#include <imgui.h>

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "app/input/events.h"
#include "app/input/keyboard.h"
#include "app/input/touch.h"

namespace nnlab::app::input {

// The text field being edited, for the page's on-screen keyboard (a DOM input laid over it).
struct TextField {
  bool active = false;
  ImGuiID id = 0;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // its frame, in display (framebuffer) pixels
  std::string text;                      // what it holds now
  bool numeric = false;                  // a number (the phone shows its number pad)
};

class Input {
 public:
  void push(Event e) { queue_.push(std::move(e)); }
  void set_scale(float scale);
  // The device's pointer is a finger (a phone, a tablet): the pointer counts as touch from the
  // first frame, before any finger lands, until a mouse or pen shows up.
  void set_touch_screen(bool touch) {
    if (touch && !pointer_seen_) state_.pointer = PointerKind::touch;
  }
  void begin_frame(double now);
  void after_new_frame();
  void end_frame();

  PointerKind pointer() const { return state_.pointer; }
  bool touch_mode() const { return state_.pointer == PointerKind::touch; }
  bool finger_down() const { return touch_.finger_down(); }
  const TextField& text_field() const { return field_; }
  bool text_cursor() const { return text_cursor_; }  // ImGui shows the text cursor (a field is under the pointer)
  void state(nlohmann::json* out) const;             // state().input

 private:
  bool apply(const Event& e);  // false: the event waits for the next frame
  void replace_text(const std::string& text);

  EventQueue queue_;
  InputState state_;
  TouchGestures touch_;
  KeyboardNav keys_;
  TextField field_;
  double last_now_ = -1;
  float scale_ = 1.0f;
  bool text_cursor_ = false;
  bool pointer_seen_ = false;   // a pointer event has arrived
  bool end_text_field_ = false;  // the page's input was left: the field lets go after NewFrame
  ImGuiID hovered_scroll_ = 0;  // the window the wheel would scroll now
  bool tooltip_ = false;        // a tooltip is on screen (what hover shows)
};

}  // namespace nnlab::app::input
