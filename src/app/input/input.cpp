#define IMGUI_DEFINE_MATH_OPERATORS  // ImVec2 arithmetic (imgui_internal.h)
#include "app/input/input.h"

#include <imgui_internal.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "app/common/widgets.h"

namespace nnlab::app::input {
namespace {

bool parses_as_number(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  (void)std::strtod(s.c_str(), &end);
  return end && *end == '\0';
}

nlohmann::json rect_json(float x0, float y0, float x1, float y1) { return {x0, y0, x1, y1}; }

// A window's scroll for the tests: its name as the view gave it ("steps", not ImGui's
// "nnlab/content_1234ABCD/steps_5678EF90"), the scroll and how far it can go.
nlohmann::json window_scroll(ImGuiID id) {
  const ImGuiWindow* w = id ? ImGui::FindWindowByID(id) : nullptr;
  if (!w) return nullptr;
  std::string name = w->Name;
  if (const size_t slash = name.rfind('/'); slash != std::string::npos) name = name.substr(slash + 1);
  if (const size_t us = name.rfind('_'); us != std::string::npos && name.size() - us == 9) name.resize(us);
  return {{"window", name}, {"scroll", {w->Scroll.x, w->Scroll.y}}, {"max", {w->ScrollMax.x, w->ScrollMax.y}}};
}

}  // namespace

void Input::set_scale(float scale) {
  scale_ = scale;
  touch_.set_scale(scale);
  keys_.set_scale(scale);
}

void Input::begin_frame(double now) {
  ImGuiIO& io = ImGui::GetIO();
  const float dt = last_now_ < 0 ? 0.0f : float(now - last_now_);
  last_now_ = now;
  FrameBudget budget;
  keys_.begin_frame();
  touch_.begin_frame(now, &budget);
  while (const Event* next = queue_.next(&budget, state_)) {
    Event e = *next;
    queue_.pop();
    if (!apply(e)) {
      queue_.push_front(std::move(e));
      break;
    }
  }
  touch_.after_events(dt, state_);
  io.MousePos = touch_.mouse_pos(state_);
  for (int b = 0; b < 5; ++b) io.MouseDown[b] = touch_.mouse_down(b, state_);
  io.KeyCtrl = state_.mods & kModCtrl;
  io.KeyShift = state_.mods & kModShift;
  io.KeyAlt = state_.mods & kModAlt;
  io.KeySuper = state_.mods & kModSuper;
  // A fingertip is wider than a mouse's hot spot: items take touches a little outside their frame,
  // and tooltips keep clear of it (ImGui places them beside a "cursor" of MouseCursorScale).
  ImGuiStyle& style = ImGui::GetStyle();
  style.TouchExtraPadding = touch_mode() ? ImVec2(4.0f * scale_, 4.0f * scale_) : ImVec2(0, 0);
  style.MouseCursorScale = (touch_mode() ? 2.0f : 1.0f) * scale_;
}

bool Input::apply(const Event& e) {
  ImGuiIO& io = ImGui::GetIO();
  using T = Event::Type;
  if (e.mods >= 0) state_.mods = e.mods;
  switch (e.type) {
    case T::pointer_move:
      pointer_seen_ = true;
      state_.x = e.x;
      state_.y = e.y;
      state_.pointer = e.pointer;
      touch_.on_event(e, state_);
      break;
    case T::pointer_leave:
      state_.x = state_.y = -FLT_MAX;
      touch_.on_event(e, state_);
      break;
    case T::pointer_button:
      if (e.code < 0 || e.code >= 5) break;
      state_.buttons[e.code] = e.down;
      state_.pointer = e.pointer;
      pointer_seen_ = true;
      touch_.on_event(e, state_);
      break;
    case T::wheel:
      io.MouseWheelH += e.x;
      io.MouseWheel += e.y;
      break;
    case T::key:
      if (e.code < 0 || e.code >= kKeyCount) break;
      if (keys_.on_key(e, state_.mods)) io.KeysDown[e.code] = e.down;
      state_.keys[size_t(e.code)] = e.down;
      break;
    case T::text:
      if (keys_.on_char(unsigned(e.code)) == KeyboardNav::CharRoute::hold) return false;
      io.AddInputCharacter(unsigned(e.code));
      break;
    case T::replace_text: replace_text(e.text); break;
    case T::end_text_field: end_text_field_ = true; break;
    case T::focus:
      if (!e.down) {
        state_.keys.reset();
        state_.mods = 0;
      }
      io.AddFocusEvent(e.down);
      break;
  }
  return true;
}

// The page's on-screen keyboard edits a DOM input; its whole text replaces the field's: select all,
// then type it (an empty text: select all, then Backspace, a frame later as ImGui needs).
void Input::replace_text(const std::string& text) {
  ImGuiContext& g = *GImGui;
  if (g.ActiveId == 0 || g.InputTextState.ID != g.ActiveId) return;
  g.InputTextState.SelectAll();
  if (!text.empty()) {
    g.IO.AddInputCharactersUTF8(text.c_str());
    return;
  }
  const int backspace = g.IO.KeyMap[ImGuiKey_Backspace];
  Event up{.type = Event::Type::key, .down = false, .code = backspace};
  Event down{.type = Event::Type::key, .down = true, .code = backspace};
  queue_.push_front(up);
  queue_.push_front(down);
}

void Input::after_new_frame() {
  keys_.after_new_frame();
  if (end_text_field_) {
    // As a click elsewhere does. After NewFrame, so that ImGui sees the field deactivated after
    // an edit this frame (it compares with the id active when the frame began).
    end_text_field_ = false;
    const ImGuiContext& g = *GImGui;
    if (g.ActiveId != 0 && g.InputTextState.ID == g.ActiveId) ImGui::ClearActiveID();
  }
}

void Input::end_frame() {
  keys_.end_frame();
  const ImGuiContext& g = *GImGui;
  text_cursor_ = ImGui::GetMouseCursor() == ImGuiMouseCursor_TextInput;
  const ImGuiWindow* scroll = TouchGestures::scrollable(g.HoveredWindow);
  hovered_scroll_ = scroll ? scroll->ID : 0;
  tooltip_ = false;
  for (const ImGuiWindow* w : g.Windows) tooltip_ |= (w->Flags & ImGuiWindowFlags_Tooltip) && w->Active;
  const KeyboardNav::Item* item = nullptr;
  if (g.ActiveId != 0 && g.InputTextState.ID == g.ActiveId) item = keys_.find(g.ActiveId);
  if (!item) {
    field_ = TextField{};
    return;
  }
  const ImGuiInputTextState& s = g.InputTextState;
  field_.active = true;
  field_.id = item->id;
  field_.x0 = item->nav_rect.min.x;
  field_.y0 = item->nav_rect.min.y;
  field_.x1 = item->nav_rect.max.x;
  field_.y1 = item->nav_rect.max.y;
  field_.text.resize(size_t(s.CurLenW) * 4 + 1);
  const int n = ImTextStrToUtf8(field_.text.data(), int(field_.text.size()), s.TextW.Data, s.TextW.Data + s.CurLenW);
  field_.text.resize(size_t(n));
  field_.numeric = (s.Flags & (ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_CharsScientific |
                               ImGuiInputTextFlags_CharsHexadecimal)) ||
                   parses_as_number(field_.text);
}

void Input::state(nlohmann::json* out) const {
  nlohmann::json j = {{"pointer", pointer_kind_name(state_.pointer)},
                      {"touch_mode", touch_mode()},
                      {"queued", queue_.size()},
                      {"keyboard_focus", keys_.focus_shown()},
                      {"tooltip", tooltip_}};
  touch_.state(&j["touch"]);
  if (ImGui::GetCurrentContext())
    j["scroll"] = {{"hovered", window_scroll(hovered_scroll_)}, {"touched", window_scroll(touch_.last_scrolled())}};
  j["text_field"] = nullptr;
  if (field_.active)
    j["text_field"] = {{"rect", rect_json(field_.x0, field_.y0, field_.x1, field_.y1)},
                       {"text", field_.text},
                       {"numeric", field_.numeric}};
  j["focused"] = nullptr;
  const ImGuiContext* g = ImGui::GetCurrentContext();
  if (const KeyboardNav::Item* it = g && keys_.focus_shown() ? keys_.find(g->NavId) : nullptr) {
    // Its widget name (state().ui) when the view names it: the same rectangle.
    std::string name;
    int count = 0;
    const ItemRect* items = remembered_items(&count);
    for (int i = 0; i < count; ++i)
      if (items[i].x0 == it->rect.min.x && items[i].y0 == it->rect.min.y && items[i].x1 == it->rect.max.x &&
          items[i].y1 == it->rect.max.y)
        name = items[i].name;
    j["focused"] = {{"name", name.empty() ? nlohmann::json(nullptr) : nlohmann::json(name)},
                    {"label", keys_.focused_label()},
                    {"rect", rect_json(it->nav_rect.min.x, it->nav_rect.min.y, it->nav_rect.max.x, it->nav_rect.max.y)}};
  }
  *out = std::move(j);
}

}  // namespace nnlab::app::input
