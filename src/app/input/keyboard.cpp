#define IMGUI_DEFINE_MATH_OPERATORS  // ImVec2 arithmetic (imgui_internal.h)
#include "app/input/keyboard.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cstring>

namespace nnlab::app::input {
namespace {

KeyboardNav* g_current = nullptr;

bool is_key(int code, ImGuiKey key) { return code >= 0 && ImGui::GetIO().KeyMap[key] == code; }

// The keys the lessons step with (arrows, Home, End, Page Up/Down): while an item has the focus
// they move the focus instead, so this frame's presses are hidden from IsKeyPressed (the
// navigation has read them in NewFrame already; a held key still repeats for the navigation).
constexpr ImGuiKey kNavKeys[] = {ImGuiKey_LeftArrow, ImGuiKey_RightArrow, ImGuiKey_UpArrow, ImGuiKey_DownArrow,
                                 ImGuiKey_Home,      ImGuiKey_End,        ImGuiKey_PageUp,  ImGuiKey_PageDown};

void activate(ImGuiContext& g, ImGuiID id, ImGuiActivateFlags flags) {
  if (g.ActiveId == id) {  // already active (a slider being tweaked): a press ends it
    g.NavActivateDownId = g.NavActivatePressedId = id;
  } else {
    g.NavActivateId = g.NavActivateDownId = g.NavActivatePressedId = id;
    g.NavActivateFlags = flags;
  }
}

}  // namespace

KeyboardNav::KeyboardNav() { building_.reserve(256); }
KeyboardNav::~KeyboardNav() {
  if (g_current == this) g_current = nullptr;
}
KeyboardNav* KeyboardNav::current() { return g_current; }

bool KeyboardNav::text_active() const {
  const ImGuiContext& g = *GImGui;
  return g.ActiveId != 0 && g.InputTextState.ID == g.ActiveId;
}

bool KeyboardNav::focus_shown() const {
  const ImGuiContext* g = GImGui;
  return g && g->NavId != 0 && !g->NavDisableHighlight && g->NavWindow != nullptr;
}

const KeyboardNav::Item* KeyboardNav::find(ImGuiID id) const {
  if (id == 0) return nullptr;
  for (const Item& it : items_)
    if (it.id == id) return &it;
  return nullptr;
}

void KeyboardNav::begin_frame() {
  ImGuiContext& g = *GImGui;
  tab_ = 0;
  press_ = adjust_ = drop_focus_ = start_input_ = false;
  // On while the focus is shown or an item is being used from the keyboard; off otherwise, so the
  // arrow keys reach the lessons and no key starts ImGui's navigation by itself (only Tab does).
  const bool on = focus_shown() || (g.ActiveId != 0 && g.ActiveIdSource == ImGuiInputSource_Nav);
  if (on) g.IO.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  else g.IO.ConfigFlags &= ~ImGuiConfigFlags_NavEnableKeyboard;
}

bool KeyboardNav::on_key(const Event& e, int mods) {
  if (!e.down) return true;  // a release always reaches ImGui (a key it never saw go down stays up)
  ImGuiContext& g = *GImGui;
  const int k = e.code;
  if (is_key(k, ImGuiKey_Tab)) {
    if (!(mods & (kModCtrl | kModAlt | kModSuper))) tab_ = (mods & kModShift) ? -1 : +1;
    return false;  // ImGui's own Tab (text fields only, one window) never runs
  }
  const Item* focused = focus_shown() ? find(g.NavId) : nullptr;
  if (is_key(k, ImGuiKey_Enter) || is_key(k, ImGuiKey_KeyPadEnter)) {
    if (text_active() || !focused) return true;  // a field commits; nothing focused: nothing to do
    const bool tweaking = g.ActiveId == g.NavId && g.ActiveIdSource == ImGuiInputSource_Nav;
    if ((g.ActiveId == 0 && !(focused->flags & ImGuiItemFlags_Inputable)) || tweaking) {
      press_ = true;  // pressed like Space (buttons, tabs, checkboxes); ends a slider's tweak
      return false;
    }
    return true;  // a slider or field: ImGui starts text input
  }
  if (is_key(k, ImGuiKey_Escape)) {
    if (text_active() || g.ActiveId != 0 || g.OpenPopupStack.Size > 0 || !focused) return true;
    drop_focus_ = true;  // nothing being edited: the focus goes, the arrows step lessons again
    return false;
  }
  if (focused && g.ActiveId == 0 && (focused->flags & ImGuiItemFlags_Inputable) &&
      (is_key(k, ImGuiKey_LeftArrow) || is_key(k, ImGuiKey_RightArrow)))
    adjust_ = true;  // the slider takes this arrow (and the following ones) right away
  return true;
}

KeyboardNav::CharRoute KeyboardNav::on_char(unsigned c) {
  ImGuiContext& g = *GImGui;
  if (c <= 32 || text_active() || !focus_shown() || g.ActiveId != 0) return CharRoute::apply;
  const Item* focused = find(g.NavId);
  if (!focused || !(focused->flags & ImGuiItemFlags_Inputable)) return CharRoute::apply;
  if (start_input_id_ == g.NavId && start_input_frames_ > 2) return CharRoute::apply;  // it did not start: give up
  start_input_ = true;  // typing on a focused field (or slider) edits it, as in a spreadsheet
  return CharRoute::hold;
}

void KeyboardNav::after_new_frame() {
  g_current = this;
  ImGuiContext& g = *GImGui;
  g.TestEngineHookItems = true;  // on_item_add / on_item_info for every item of this frame
  building_.clear();
  focused_label_.clear();
  if (tab_ != 0) move_focus(tab_);
  if (drop_focus_) g.NavDisableHighlight = true;
  if (g.NavId != 0 && (press_ || adjust_)) {
    activate(g, g.NavId, ImGuiActivateFlags_PreferTweak);
    if (adjust_) ImGui::NavMoveRequestCancel();  // the arrow adjusts the slider instead of leaving it
  }
  if (start_input_ && g.NavId != 0) {
    if (start_input_id_ != g.NavId) start_input_frames_ = 0;
    start_input_id_ = g.NavId;
    ++start_input_frames_;
    g.NavActivateInputId = g.NavId;
    g.NavActivateFlags = ImGuiActivateFlags_PreferInput;
  } else if (text_active()) {
    start_input_id_ = 0;
    start_input_frames_ = 0;
  }
  if (focus_shown() && !text_active()) {
    for (ImGuiKey key : kNavKeys) {
      const int code = g.IO.KeyMap[key];
      if (code >= 0 && g.IO.KeysDownDuration[code] == 0.0f) g.IO.KeysDownDuration[code] = 1e-6f;
    }
  }
}

void KeyboardNav::move_focus(int direction) {
  ImGuiContext& g = *GImGui;
  // Stay inside an open popup (a combo's list); else in the window tree that has the focus.
  ImGuiWindow* root = nullptr;
  if (g.OpenPopupStack.Size > 0 && g.OpenPopupStack.back().Window) root = g.OpenPopupStack.back().Window->RootWindow;
  else if (g.NavWindow) root = g.NavWindow->RootWindow;
  std::vector<const Item*> order;
  for (const Item& it : items_) {
    ImGuiWindow* r = it.window->RootWindow;
    if (root ? r == root : !(r->Flags & (ImGuiWindowFlags_Popup | ImGuiWindowFlags_Tooltip))) order.push_back(&it);
  }
  if (order.empty()) return;
  const int n = int(order.size());
  // From the focused item; with none shown, from the item last clicked (as in a browser), else
  // from the start (ImGui itself focuses a window's first item, unseen, when the window appears).
  const ImGuiID from = focus_shown() ? g.NavId : clicked_id_ == g.NavId ? clicked_id_ : 0;
  int at = -1;
  for (int i = 0; i < n; ++i)
    if (order[size_t(i)]->id == from) at = i;
  const int next = at < 0 ? (direction > 0 ? 0 : n - 1) : (at + direction + n) % n;
  focus(*order[size_t(next)]);
}

void KeyboardNav::focus(const Item& it) {
  ImGuiContext& g = *GImGui;
  if (g.ActiveId != 0 && g.ActiveId != it.id) ImGui::ClearActiveID();  // leaving a field commits it
  ImGui::FocusWindow(it.window);
  const ImRect rel(it.nav_rel.min, it.nav_rel.max);
  ImGui::SetNavID(it.id, ImGuiNavLayer_Main, it.focus_scope, rel);
  g.NavDisableHighlight = false;  // what ImGui's NavRestoreHighlightAfterMove does
  g.NavDisableMouseHover = g.NavMousePosDirty = true;
  g.NavJustMovedToId = it.id;
  g.NavJustMovedToFocusScopeId = it.focus_scope;
  g.NavJustMovedToKeyMods = g.IO.KeyMods;
  ImGui::ScrollToRectEx(it.window, ImGui::WindowRectRelToAbs(it.window, rel),
                        ImGuiScrollFlags_KeepVisibleEdgeX | ImGuiScrollFlags_KeepVisibleEdgeY);
  g.IO.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
}

void KeyboardNav::end_frame() {
  ImGuiContext& g = *GImGui;
  // Child windows are items of their parents (ImGui navigates "into" them): not Tab stops.
  for (ImGuiWindow* w : g.Windows)
    if ((w->Flags & ImGuiWindowFlags_ChildWindow) && w->ChildId)
      building_.erase(std::remove_if(building_.begin(), building_.end(), [&](const Item& it) { return it.id == w->ChildId; }),
                      building_.end());
  items_.swap(building_);
  if (g.ActiveId != 0 && g.ActiveIdSource == ImGuiInputSource_Mouse) clicked_id_ = g.ActiveId;
  if (!focus_shown() || !g.NavIdIsAlive) return;
  // The focus ring: ImGui's own highlight is a thin line in the accent colour; a white, thicker ring
  // around it shows where the keyboard is from across the room (yellow is taken: the lessons'
  // current step and chosen items glow yellow).
  ImGuiWindow* w = g.NavWindow;
  const ImRect r = ImGui::WindowRectRelToAbs(w, w->NavRectRel[g.NavLayer]);
  const float pad = 2.0f * scale_, thick = 2.0f * scale_;
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  const ImRect clip(w->InnerClipRect.Min - ImVec2(pad + thick, pad + thick), w->InnerClipRect.Max + ImVec2(pad + thick, pad + thick));
  dl->PushClipRect(clip.Min, clip.Max, true);
  dl->AddRect(r.Min - ImVec2(pad, pad), r.Max + ImVec2(pad, pad), IM_COL32(255, 255, 255, 235), g.Style.FrameRounding + pad, 0,
              thick);
  dl->PopClipRect();
}

void KeyboardNav::on_item_add(ImGuiContext& g, const ImRect& nav_bb, ImGuiID id) {
  if (g.LastItemData.ID != id) return;  // a button inside another item (scrollbars, title bars)
  ImGuiWindow* w = g.CurrentWindow;
  const ImGuiItemFlags f = g.LastItemData.InFlags;
  if (w->DC.NavLayerCurrent != ImGuiNavLayer_Main || (f & (ImGuiItemFlags_Disabled | ImGuiItemFlags_NoNav | ImGuiItemFlags_NoTabStop)))
    return;
  const ImRect rel = ImGui::WindowRectAbsToRel(w, nav_bb);
  building_.push_back({id, w, {g.LastItemData.Rect.Min, g.LastItemData.Rect.Max}, {nav_bb.Min, nav_bb.Max},
                       {rel.Min, rel.Max}, w->DC.NavFocusScopeIdCurrent, f});
}

void KeyboardNav::on_item_info(ImGuiContext& g, ImGuiID id, const char* label) {
  if (id != g.NavId || !label) return;
  const char* end = std::strstr(label, "##");  // what is shown, not the ID part
  focused_label_.assign(label, end ? size_t(end - label) : std::strlen(label));
}

}  // namespace nnlab::app::input

// Dear ImGui's test-engine hooks (declared in imgui_internal.h when the library is compiled with
// IMGUI_ENABLE_TEST_ENGINE): every item added, and the label of the widgets that report one.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
  if (auto* nav = nnlab::app::input::KeyboardNav::current()) nav->on_item_add(*ctx, bb, id);
}
void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
  if (auto* nav = nnlab::app::input::KeyboardNav::current()) nav->on_item_info(*ctx, id, label);
}
void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
