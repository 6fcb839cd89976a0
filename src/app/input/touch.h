// A finger on Dear ImGui 1.86, which knows only a mouse. ImGui first sees where the finger is (one
// frame, no press), and what is under it decides the rest:
//   - an item that reacts to the pointer (slider, button, field, the pad, a plot, a diagram): the
//     press goes to it at once and it gets the finger as it would get the mouse. A text field (or an
//     item that takes only taps, layout::drag_scrolls) that the finger then drags away from is let
//     go, and the drag scrolls (as on phones);
//   - anything else (text, empty space): the press is held back. Dragging scrolls the window under
//     the finger (the nearest one that can scroll), and a flick keeps it going for a moment (the
//     speed decays as on phones); lifting without moving is a tap (press and release), at the spot;
//   - holding still for kLongPressS shows what hover shows (tooltips, exact values): ImGui's button
//     is released (a held button is cancelled, so it does not click); sliders keep the finger;
//   - lifting the finger takes the pointer away a frame after the release, so no hover stays behind.
// ImGui's button 0 for a finger is this class's (at most one transition a frame, like the queue).
#pragma once
#include <imgui.h>

#include <nlohmann/json_fwd.hpp>

#include "app/input/events.h"

struct ImGuiWindow;

namespace nnlab::app::input {

class TouchGestures {
 public:
  static constexpr double kLongPressS = 0.5;
  void set_scale(float scale) { scale_ = scale; }
  // Before the frame's events: the press a finger makes (or holds back, or releases), the long
  // press; each takes button 0's transition of this frame from `budget`.
  void begin_frame(double now, FrameBudget* budget);
  void on_event(const Event& e, const InputState& s);  // after each applied pointer event
  // After the frame's events: scroll by the finger's movement, or keep a fling going.
  void after_events(float dt, const InputState& s);
  ImVec2 mouse_pos(const InputState& s) const;  // what ImGui sees
  bool mouse_down(int button, const InputState& s) const;
  bool finger_down() const { return down_; }
  ImGuiID last_scrolled() const { return last_scrolled_; }  // the window a finger scrolled last
  void state(nlohmann::json* out) const;
  // The window a finger (or the wheel) on `w` scrolls: w or the nearest parent that can scroll.
  static ImGuiWindow* scrollable(ImGuiWindow* w);

 private:
  enum class Phase { none, pending, pressed, item, blank, scrolling, hover };
  float slop() const { return 8.0f * scale_; }  // how far a finger may wander and still be a tap
  bool scroll_by(ImGuiID window, ImVec2 delta);   // false once the window cannot move that way
  void start_scrolling(const InputState& s);
  void start_fling();  // from the finger's speed as it lifted
  void reset();

  float scale_ = 1.0f;
  int frame_ = 0;
  Phase phase_ = Phase::none;
  bool down_ = false, moved_ = false;  // the finger (not what ImGui sees)
  bool imgui_down_ = false;            // ImGui's button 0
  bool tap_next_ = false, release_next_ = false;
  ImVec2 down_pos_, last_pos_;
  double down_time_ = 0;
  int down_frame_ = 0, press_frame_ = 0, gone_frame_ = -1;  // gone: the frame the last touch ended for ImGui
  ImGuiID scroll_window_ = 0;
  ImVec2 scroll_pos_;  // the scroll we aim at, kept in float (ImGui floors its own)
  struct Sample {
    double t;
    ImVec2 p;
  };
  Sample samples_[16] = {};  // the finger's last positions, for the fling's speed
  int sample_count_ = 0;
  ImGuiID fling_window_ = 0, last_scrolled_ = 0;
  ImVec2 fling_velocity_;  // px/s
  ImVec2 lift_velocity_;   // the finger's speed as it lifted (px/s), zero if it was not moving
};

}  // namespace nnlab::app::input
