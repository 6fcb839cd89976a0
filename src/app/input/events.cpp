#include "app/input/events.h"

namespace nnlab::app::input {

const char* pointer_kind_name(PointerKind kind) {
  return kind == PointerKind::touch ? "touch" : kind == PointerKind::pen ? "pen" : "mouse";
}

namespace {
bool changes_key(const Event& e, const InputState& s) {
  return e.code >= 0 && e.code < kKeyCount && s.keys[size_t(e.code)] != e.down;
}
bool changes_button(const Event& e, const InputState& s) {
  return e.code >= 0 && e.code < 5 && s.buttons[e.code] != e.down;
}
}  // namespace

// ImGui 1.87's rules (UpdateInputEvents, trickle_fast_inputs): a move waits for the next frame
// after a button, wheel, key or text change; a button waits after its own change or a wheel; the
// wheel waits after a move or a button; a key change waits after its own change, text or a button;
// text waits after a pointer or wheel change. So a 0 ms click is a press in one frame and a
// release in the next, at the position it happened.
bool FrameBudget::accepts(const Event& e, const InputState& s) const {
  using T = Event::Type;
  switch (e.type) {
    case T::pointer_move:
    case T::pointer_leave: return !(buttons_changed_ || wheeled_ || key_changed_ || text_);
    case T::pointer_button:
      return !(e.code >= 0 && e.code < 5 && (buttons_changed_ & (1 << e.code))) && !wheeled_;
    case T::wheel: return !(moved_ || buttons_changed_);
    case T::key:
      return !(changes_key(e, s) && (keys_changed_[size_t(e.code)] || text_ || buttons_changed_));
    case T::text:
    case T::replace_text: return !(buttons_changed_ || moved_ || wheeled_);
    case T::end_text_field: return !(text_ || key_changed_);
    case T::focus: return true;
  }
  return true;
}

void FrameBudget::take(const Event& e, const InputState& s) {
  using T = Event::Type;
  switch (e.type) {
    case T::pointer_move:
    case T::pointer_leave: moved_ = true; break;
    case T::pointer_button:
      if (changes_button(e, s)) buttons_changed_ |= 1 << e.code;
      break;
    case T::wheel: wheeled_ = true; break;
    case T::key:
      if (changes_key(e, s)) {
        key_changed_ = true;
        keys_changed_[size_t(e.code)] = true;
      }
      break;
    case T::text:
    case T::replace_text: text_ = true; break;
    case T::end_text_field:
    case T::focus: break;
  }
}

const Event* EventQueue::next(FrameBudget* budget, const InputState& s) {
  if (events_.empty() || !budget->accepts(events_.front(), s)) return nullptr;
  budget->take(events_.front(), s);
  return &events_.front();
}

}  // namespace nnlab::app::input
