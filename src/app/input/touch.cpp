#define IMGUI_DEFINE_MATH_OPERATORS  // ImVec2 arithmetic (imgui_internal.h)
#include "app/input/touch.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace nnlab::app::input {
namespace {

constexpr double kFlingWindowS = 0.1;  // the fling's speed: the finger's movement over its last 100 ms
constexpr float kFlingDecayS = 0.35f;  // the speed falls by e every 0.35 s (close to phones' feel)

float length(ImVec2 v) { return std::sqrt(v.x * v.x + v.y * v.y); }

// The window a finger on `w` scrolls: w or the nearest parent that can scroll and takes the wheel.
ImGuiWindow* scrollable(ImGuiWindow* w) {
  for (; w; w = (w->Flags & ImGuiWindowFlags_ChildWindow) ? w->ParentWindow : nullptr)
    if ((w->ScrollMax.y > 0 || w->ScrollMax.x > 0) && !(w->Flags & ImGuiWindowFlags_NoScrollWithMouse)) return w;
  return nullptr;
}

}  // namespace

void TouchGestures::begin_frame(double now, FrameBudget* budget) {
  ++frame_;
  ImGuiContext& g = *GImGui;
  if (down_ && phase_ == Phase::undecided && frame_ > down_frame_) {
    // ImGui has seen the press for a frame: an item took it, or the finger is on blank space
    // (ImGui then holds the window's move id, which our windows never act on).
    const bool blank = g.ActiveId == 0 || (g.ActiveIdWindow && g.ActiveId == g.ActiveIdWindow->MoveId);
    phase_ = blank ? Phase::blank : Phase::item;
    ImGuiWindow* w = blank ? scrollable(g.HoveredWindow) : nullptr;
    scroll_window_ = w ? w->ID : 0;
  }
  const bool still = down_ && !moved_ && now - down_time_ >= kLongPressS;
  if (still && (phase_ == Phase::blank || phase_ == Phase::item)) {
    // Sliders and drags (they claim left/right while active) keep a finger that rests on them.
    const bool slider = phase_ == Phase::item && g.ActiveId != 0 &&
                        (g.ActiveIdUsingNavDirMask & ((1 << ImGuiDir_Left) | (1 << ImGuiDir_Right)));
    if (!slider) {
      if (g.ActiveId != 0) ImGui::ClearActiveID();  // a held button is cancelled, not clicked
      phase_ = Phase::hover;
      budget->take_button(0);  // ImGui's button goes up this frame
    }
  }
}

void TouchGestures::start_scrolling(const InputState& s) {
  phase_ = Phase::scrolling;
  last_pos_ = ImVec2(s.x, s.y);
  if (ImGuiWindow* w = ImGui::FindWindowByID(scroll_window_)) scroll_pos_ = w->Scroll;
}

void TouchGestures::on_event(const Event& e, const InputState& s) {
  using T = Event::Type;
  if (e.type != T::pointer_move && e.type != T::pointer_button && e.type != T::pointer_leave) return;
  if (e.pointer != PointerKind::touch) {  // a mouse or pen: no gestures
    if (phase_ != Phase::none || lift_frame_ >= 0 || fling_window_) {
      const float scale = scale_;
      const int frame = frame_;
      *this = TouchGestures();
      scale_ = scale;
      frame_ = frame;
    }
    return;
  }
  const ImVec2 p(s.x, s.y);
  if (e.type == T::pointer_button && e.code == 0 && e.down) {
    down_ = true;
    moved_ = false;
    phase_ = Phase::undecided;
    down_pos_ = last_pos_ = p;
    down_time_ = e.time;
    down_frame_ = frame_;
    lift_frame_ = -1;
    fling_window_ = 0;  // a finger stops a fling
    scroll_window_ = 0;
    samples_[0] = {e.time, p};
    sample_count_ = 1;
    return;
  }
  if (!down_) return;
  if (e.type == T::pointer_move) {
    if (sample_count_ == int(std::size(samples_))) {
      std::move(samples_ + 1, samples_ + sample_count_, samples_);
      --sample_count_;
    }
    samples_[sample_count_++] = {e.time, p};
    if (!moved_ && length(p - down_pos_) > slop()) {
      moved_ = true;
      if (phase_ == Phase::blank && scroll_window_) start_scrolling(s);
    }
    return;
  }
  if (e.type == T::pointer_button && e.code == 0 && !e.down) {
    if (phase_ == Phase::scrolling && sample_count_ >= 2) {
      // The speed over the last kFlingWindowS (and only if the finger was still moving at the end).
      const Sample& last = samples_[sample_count_ - 1];
      int first = sample_count_ - 1;
      while (first > 0 && last.t - samples_[first - 1].t <= kFlingWindowS) --first;
      const double dt = last.t - samples_[first].t;
      if (dt > 0.01 && e.time - last.t < 0.05) {
        fling_velocity_ = (last.p - samples_[first].p) * float(1.0 / dt);
        if (length(fling_velocity_) > 150.0f * scale_) fling_window_ = scroll_window_;
      }
    }
    down_ = false;
    phase_ = Phase::none;
    lift_frame_ = frame_;
  }
}

bool TouchGestures::scroll_by(ImGuiID id, ImVec2 delta) {
  ImGuiWindow* w = ImGui::FindWindowByID(id);
  if (!w || !w->WasActive) return false;
  const ImVec2 before = scroll_pos_;
  scroll_pos_.x = std::clamp(scroll_pos_.x + delta.x, 0.0f, w->ScrollMax.x);
  scroll_pos_.y = std::clamp(scroll_pos_.y + delta.y, 0.0f, w->ScrollMax.y);
  if (w->ScrollMax.x > 0) ImGui::SetScrollX(w, scroll_pos_.x);
  if (w->ScrollMax.y > 0) ImGui::SetScrollY(w, scroll_pos_.y);
  return scroll_pos_.x != before.x || scroll_pos_.y != before.y;
}

void TouchGestures::after_events(float dt, const InputState& s) {
  if (phase_ == Phase::undecided && moved_ && down_) {
    // Moved past the slop before ImGui saw the press: decided at the next begin_frame.
    return;
  }
  if (phase_ == Phase::blank && moved_ && scroll_window_) start_scrolling(s);
  if (phase_ == Phase::scrolling && down_) {
    const ImVec2 p(s.x, s.y);
    (void)scroll_by(scroll_window_, last_pos_ - p);  // the finger goes up, the content follows it
    last_pos_ = p;
    return;
  }
  if (fling_window_ && dt > 0) {
    if (!scroll_by(fling_window_, fling_velocity_ * -dt)) fling_window_ = 0;
    fling_velocity_ = fling_velocity_ * std::exp(-dt / kFlingDecayS);
    if (length(fling_velocity_) < 20.0f * scale_) fling_window_ = 0;
  }
}

ImVec2 TouchGestures::mouse_pos(const InputState& s) const {
  if (s.pointer == PointerKind::touch && !down_ && lift_frame_ >= 0 && frame_ > lift_frame_)
    return ImVec2(-FLT_MAX, -FLT_MAX);  // the finger has gone: no hover left behind
  return ImVec2(s.x, s.y);
}

bool TouchGestures::mouse_down(int button, const InputState& s) const {
  if (button == 0 && phase_ == Phase::hover) return false;
  return s.buttons[button];
}

void TouchGestures::state(nlohmann::json* out) const {
  static const char* const names[] = {"none", "undecided", "item", "blank", "scrolling", "hover"};
  *out = {{"phase", names[int(phase_)]}, {"fling", fling_window_ != 0}};
}

}  // namespace nnlab::app::input
