// Input events as the platform reports them (pointer, wheel, keys, text, focus), queued and handed
// to Dear ImGui across frames. ImGui 1.86 reads its input once per frame from io's current state,
// so a press and release inside one frame, or five quick Backspaces, would be lost; 1.87+ queue
// events and "trickle" them: at most one transition of any one button or key per frame. This is
// that queue for 1.86 (same rules as ImGui 1.87's UpdateInputEvents with trickling on).
//
//   platform callbacks ──push()──▶ EventQueue ──drain(): one frame's worth──▶ Pointer, keys, io
#pragma once
#include <imgui.h>

#include <bitset>
#include <cfloat>
#include <deque>
#include <string>

namespace nnlab::app::input {

enum class PointerKind { mouse, touch, pen };
const char* pointer_kind_name(PointerKind kind);  // "mouse" | "touch" | "pen"

inline constexpr int kModCtrl = 1, kModShift = 2, kModAlt = 4, kModSuper = 8;
inline constexpr int kKeyCount = 512;  // io.KeysDown's size: key codes are the platform's (GLFW's)

struct Event {
  enum class Type {
    pointer_move,    // x, y: display coordinates (framebuffer pixels on the web)
    pointer_leave,   // the pointer left the window: no position (no hover)
    pointer_button,  // code: 0 left / primary contact, 1 right, 2 middle; down
    wheel,           // x, y: ImGui wheel units (1 = one notch; +y = away from the user = up)
    key,             // code: key code (index into io.KeysDown); down
    text,            // code: a Unicode code point typed
    replace_text,    // text: the whole new text of the active text field (the page's on-screen keyboard)
    end_text_field,  // the on-screen keyboard's field was left: the active text field is deactivated
    focus,           // down: the window gained (true) or lost (false) the keyboard focus
  };
  Type type = Type::pointer_move;
  PointerKind pointer = PointerKind::mouse;
  bool down = false;
  int code = 0;
  int mods = -1;  // kMod* held after this event; -1 = not known (keep the current ones)
  float x = 0, y = 0;
  double time = 0;   // seconds on the platform's clock (pointer events: for a fling's speed)
  std::string text{};  // replace_text only
};

// What has been applied so far: the pointer and keys as ImGui should see them before the touch
// gestures (app/input/touch.h) adjust the pointer.
struct InputState {
  float x = -FLT_MAX, y = -FLT_MAX;  // -FLT_MAX: no pointer over the window
  bool buttons[5] = {};
  std::bitset<kKeyCount> keys;
  int mods = 0;
  PointerKind pointer = PointerKind::mouse;
  bool pointer_valid() const { return x > -FLT_MAX / 2 && y > -FLT_MAX / 2; }
};

// Which transitions one frame has taken so far; decides whether the next event waits a frame.
class FrameBudget {
 public:
  bool accepts(const Event& e, const InputState& s) const;
  void take(const Event& e, const InputState& s);  // call before applying e
  void take_button(int button) { buttons_changed_ |= 1 << button; }  // a transition made by the app itself

 private:
  int buttons_changed_ = 0;
  bool moved_ = false, wheeled_ = false, key_changed_ = false, text_ = false;
  std::bitset<kKeyCount> keys_changed_;
};

class EventQueue {
 public:
  void push(Event e) { events_.push_back(std::move(e)); }
  bool empty() const { return events_.empty(); }
  size_t size() const { return events_.size(); }
  // The next event if this frame's budget takes it (and takes it from the budget), else nullptr.
  const Event* next(FrameBudget* budget, const InputState& s);
  void pop() { events_.pop_front(); }
  void push_front(Event e) { events_.push_front(std::move(e)); }

 private:
  std::deque<Event> events_;
};

}  // namespace nnlab::app::input
