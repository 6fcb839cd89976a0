// A finger on Dear ImGui 1.86, which knows only a mouse: what the finger does depends on where it
// lands, decided one frame after it lands (once ImGui has seen the press):
//   - on an item that takes the press (slider, button, the pad, a plot, a diagram): the item gets
//     the mouse, as it would with a mouse;
//   - anywhere else: dragging scrolls the window under the finger (the nearest that can scroll),
//     and a quick flick keeps it going for a moment (the speed decays as on phones);
//   - holding still for kLongPressS shows what hover shows (tooltips, exact values): ImGui's button
//     is released (and a pressed button cancelled, so it does not click); sliders keep the finger;
//   - lifting the finger takes the pointer away a frame later, so a tap leaves no hover behind.
#pragma once
#include <imgui.h>

#include <nlohmann/json_fwd.hpp>

#include "app/input/events.h"

namespace nnlab::app::input {

class TouchGestures {
 public:
  static constexpr double kLongPressS = 0.5;
  void set_scale(float scale) { scale_ = scale; }
  // Before the frame's events: classify last frame's press; a long press becomes hover (taking
  // button 0's transition of this frame from `budget`).
  void begin_frame(double now, FrameBudget* budget);
  void on_event(const Event& e, const InputState& s);  // after each applied pointer event
  // After the frame's events: scroll by the finger's movement, or keep a fling going.
  void after_events(float dt, const InputState& s);
  ImVec2 mouse_pos(const InputState& s) const;       // what ImGui sees
  bool mouse_down(int button, const InputState& s) const;
  bool scrolling() const { return phase_ == Phase::scrolling || fling_window_ != 0; }
  void state(nlohmann::json* out) const;

 private:
  enum class Phase { none, undecided, item, blank, scrolling, hover };
  float slop() const { return 8.0f * scale_; }  // how far a finger may wander and still be a tap
  bool scroll_by(ImGuiID window, ImVec2 delta);   // false once the window cannot move that way
  void start_scrolling(const InputState& s);

  float scale_ = 1.0f;
  int frame_ = 0;
  Phase phase_ = Phase::none;
  bool down_ = false, moved_ = false;
  ImVec2 down_pos_, last_pos_;
  double down_time_ = 0;
  int down_frame_ = 0, lift_frame_ = -1;
  ImGuiID scroll_window_ = 0;
  ImVec2 scroll_pos_;  // the scroll we aim at, kept in float (ImGui floors its own)
  struct Sample {
    double t;
    ImVec2 p;
  };
  Sample samples_[16] = {};  // the finger's last positions, for the fling's speed
  int sample_count_ = 0;
  ImGuiID fling_window_ = 0;
  ImVec2 fling_velocity_;  // px/s
};

}  // namespace nnlab::app::input
