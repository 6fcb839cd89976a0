#define IMGUI_DEFINE_MATH_OPERATORS  // ImVec2 arithmetic (imgui_internal.h)
#include "app/input/touch.h"

#include "app/common/layout.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace nnlab::app::input {
namespace {

constexpr double kFlingWindowS = 0.1;  // the fling's speed: the finger's movement over its last 100 ms
constexpr float kFlingDecayS = 0.35f;  // the speed falls by e every 0.35 s (close to phones' feel)

float length(ImVec2 v) { return std::sqrt(v.x * v.x + v.y * v.y); }

bool text_field_active(const ImGuiContext& g) { return g.ActiveId != 0 && g.InputTextState.ID == g.ActiveId; }

// An item a finger's drag scrolls past: a text field, or one that said so (layout::drag_scrolls).
bool drag_lets_go(const ImGuiContext& g) { return text_field_active(g) || layout::drags_scroll(g.ActiveId); }

}  // namespace

ImGuiWindow* TouchGestures::scrollable(ImGuiWindow* w) {
  for (; w; w = (w->Flags & ImGuiWindowFlags_ChildWindow) ? w->ParentWindow : nullptr)
    if ((w->ScrollMax.y > 0 || w->ScrollMax.x > 0) && !(w->Flags & ImGuiWindowFlags_NoScrollWithMouse)) return w;
  return nullptr;
}

void TouchGestures::reset() {
  const float scale = scale_;
  const int frame = frame_;
  const ImGuiID scrolled = last_scrolled_;
  *this = TouchGestures();
  scale_ = scale;
  frame_ = frame;
  last_scrolled_ = scrolled;
}

void TouchGestures::begin_frame(double now, FrameBudget* budget) {
  ++frame_;
  ImGuiContext& g = *GImGui;
  auto press = [&] {
    imgui_down_ = true;
    press_frame_ = frame_;
    budget->take_button(0);
  };
  auto release = [&] {
    imgui_down_ = false;
    budget->take_button(0);
    if (!down_) gone_frame_ = frame_;
  };
  auto scroll_target = [&](ImGuiWindow* w) {
    ImGuiWindow* s = scrollable(w);
    scroll_window_ = s ? s->ID : 0;
  };
  if (release_next_) {
    release_next_ = false;
    if (imgui_down_) return release();
  }
  if (tap_next_) {  // a tap on text or space: press now, release next frame, where the finger was
    tap_next_ = false;
    press();
    release_next_ = true;
    return;
  }
  if (phase_ == Phase::pending && frame_ > down_frame_) {
    // ImGui has had the finger's position for a frame: is an item under it?
    const bool on_item = g.HoveredId != 0;
    if (!on_item) scroll_target(g.HoveredWindow);
    if (down_) {
      phase_ = on_item ? Phase::pressed : Phase::blank;
      if (on_item) return press();  // the item has the finger
    } else {
      phase_ = Phase::none;  // lifted already
      if (!moved_) {         // a tap: press now, release next frame
        release_next_ = true;
        return press();
      }
      if (!on_item && scroll_window_) {  // a flick, over before ImGui saw it: the scroll it meant
        scroll_pos_ = ImGui::FindWindowByID(scroll_window_)->Scroll;
        (void)scroll_by(scroll_window_, down_pos_ - last_pos_);
        start_fling();
      }
      gone_frame_ = frame_;
      return;
    }
  }
  if (phase_ == Phase::pressed && frame_ > press_frame_) {
    // The item took the press, or nothing did (ImGui then holds the window's move id, which our
    // windows never act on).
    const bool blank = g.ActiveId == 0 || (g.ActiveIdWindow && g.ActiveId == g.ActiveIdWindow->MoveId);
    phase_ = blank ? Phase::blank : Phase::item;
    if (blank) scroll_target(g.HoveredWindow);
  }
  if (phase_ == Phase::item && down_ && moved_ && drag_lets_go(g)) {
    // A finger that lands on a text field (or a tap-only item) and drags means to scroll: the
    // item lets go (unedited).
    scroll_target(g.ActiveIdWindow);
    ImGui::ClearActiveID();
    phase_ = Phase::blank;
    return release();
  }
  if (phase_ == Phase::blank && down_ && moved_ && imgui_down_ && scroll_window_) return release();  // no click
  const bool still = down_ && !moved_ && now - down_time_ >= kLongPressS;
  if (still && (phase_ == Phase::blank || phase_ == Phase::item)) {
    // Sliders and drags (they claim left/right while active) keep a finger that rests on them.
    const bool slider = phase_ == Phase::item && g.ActiveId != 0 && !text_field_active(g) &&
                        (g.ActiveIdUsingNavDirMask & ((1 << ImGuiDir_Left) | (1 << ImGuiDir_Right)));
    if (!slider) {
      if (g.ActiveId != 0) ImGui::ClearActiveID();  // a held button is cancelled, not clicked
      phase_ = Phase::hover;
      if (imgui_down_) release();
    }
  }
}

void TouchGestures::start_scrolling(const InputState& s) {
  phase_ = Phase::scrolling;
  last_pos_ = ImVec2(s.x, s.y);
  if (ImGuiWindow* w = ImGui::FindWindowByID(scroll_window_)) scroll_pos_ = w->Scroll;
}

void TouchGestures::start_fling() {
  fling_velocity_ = lift_velocity_;
  if (length(fling_velocity_) > 150.0f * scale_) fling_window_ = scroll_window_;
}

void TouchGestures::on_event(const Event& e, const InputState& s) {
  using T = Event::Type;
  if (e.type != T::pointer_move && e.type != T::pointer_button && e.type != T::pointer_leave) return;
  if (e.pointer != PointerKind::touch) {  // a mouse or pen: no gestures
    if (phase_ != Phase::none || gone_frame_ >= 0 || fling_window_ || imgui_down_) reset();
    return;
  }
  const ImVec2 p(s.x, s.y);
  if (e.type == T::pointer_button && e.code == 0 && e.down) {
    down_ = true;
    moved_ = false;
    phase_ = Phase::pending;
    down_pos_ = last_pos_ = p;
    down_time_ = e.time;
    down_frame_ = frame_;
    gone_frame_ = -1;
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
    if (phase_ != Phase::scrolling) last_pos_ = p;
    return;
  }
  if (e.type == T::pointer_button && e.code == 0 && !e.down) {
    down_ = false;
    lift_velocity_ = ImVec2(0, 0);
    if (moved_ && sample_count_ >= 2) {
      // The speed over the last kFlingWindowS (and only if the finger was still moving at the end).
      const Sample& last = samples_[sample_count_ - 1];
      int first = sample_count_ - 1;
      while (first > 0 && last.t - samples_[first - 1].t <= kFlingWindowS) --first;
      const double dt = last.t - samples_[first].t;
      if (dt > 0.01 && e.time - last.t < 0.05) lift_velocity_ = (last.p - samples_[first].p) * float(1.0 / dt);
    }
    if (phase_ == Phase::scrolling) {
      (void)scroll_by(scroll_window_, last_pos_ - p);  // the last movement, then the fling
      start_fling();
    }
    if (phase_ == Phase::pending) return;  // decided at the next frame
    if (phase_ == Phase::blank && !moved_ && !imgui_down_) tap_next_ = true;
    else if (imgui_down_) release_next_ = true;
    phase_ = Phase::none;
    if (!imgui_down_ && !tap_next_) gone_frame_ = frame_;
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
  last_scrolled_ = id;
  return scroll_pos_.x != before.x || scroll_pos_.y != before.y;
}

void TouchGestures::after_events(float dt, const InputState& s) {
  if (phase_ == Phase::blank && down_ && moved_ && scroll_window_ && !imgui_down_) start_scrolling(s);
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
  if (s.pointer == PointerKind::touch && gone_frame_ >= 0 && frame_ > gone_frame_)
    return ImVec2(-FLT_MAX, -FLT_MAX);  // the finger has gone: no hover left behind
  return ImVec2(s.x, s.y);
}

bool TouchGestures::mouse_down(int button, const InputState& s) const {
  if (button == 0 && s.pointer == PointerKind::touch) return imgui_down_;
  return s.buttons[button];
}

void TouchGestures::state(nlohmann::json* out) const {
  static const char* const names[] = {"none", "pending", "pressed", "item", "blank", "scrolling", "hover"};
  *out = {{"phase", names[int(phase_)]}, {"fling", fling_window_ != 0}, {"finger_down", down_}};
}

}  // namespace nnlab::app::input
