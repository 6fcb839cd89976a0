// The app's input on a real Dear ImGui context without a window: fast clicks and keys reach ImGui
// (one transition a frame), Tab walks every item across child windows, Enter presses, a finger
// taps, scrolls and long-presses as the touch rules say.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cstring>
#include <functional>
#include <string>

#include "app/input/input.h"

using namespace nnlab::app::input;

namespace {

enum Key { kTab = 1, kEnter, kEscape, kBackspace, kLeft, kRight, kUp, kDown, kSpace, kShift };

// An ImGui context with a 800 × 600 display, the default font and key map; frame() runs one
// frame of `ui` with the Input around it, as the platform and the App do.
struct Harness {
  Input input;
  double now = 1.0;
  Harness() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(800, 600);
    io.DeltaTime = 1.0f / 60;
    io.Fonts->AddFontDefault();
    unsigned char* pixels;
    int w, h;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    const std::pair<ImGuiKey, int> keys[] = {{ImGuiKey_Tab, kTab},         {ImGuiKey_Enter, kEnter},     {ImGuiKey_Escape, kEscape},
                                             {ImGuiKey_Backspace, kBackspace}, {ImGuiKey_LeftArrow, kLeft}, {ImGuiKey_RightArrow, kRight},
                                             {ImGuiKey_UpArrow, kUp},       {ImGuiKey_DownArrow, kDown},  {ImGuiKey_Space, kSpace}};
    for (auto [k, code] : keys) io.KeyMap[k] = code;
  }
  ~Harness() { ImGui::DestroyContext(); }
  void frame(const std::function<void()>& ui, double dt = 1.0 / 60) {
    now += dt;
    ImGui::GetIO().DeltaTime = float(dt);
    input.begin_frame(now);
    ImGui::NewFrame();
    input.after_new_frame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(800, 600));
    ImGui::Begin("root", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    ui();
    ImGui::End();
    input.end_frame();
    ImGui::Render();
  }
  void key(int code, bool down, int mods = 0) {
    input.push({.type = Event::Type::key, .down = down, .code = code, .mods = mods});
  }
  void press(int code, int mods = 0) {
    key(code, true, mods);
    key(code, false, 0);
  }
  void pointer(PointerKind kind, Event::Type type, float x, float y, bool down = false) {
    input.push({.type = type, .pointer = kind, .down = down, .x = x, .y = y, .time = now});
  }
  void touch_down(float x, float y) {
    pointer(PointerKind::touch, Event::Type::pointer_move, x, y);
    pointer(PointerKind::touch, Event::Type::pointer_button, x, y, true);
  }
  void touch_up() { pointer(PointerKind::touch, Event::Type::pointer_button, 0, 0, false); }
};

}  // namespace

TEST_SUITE("app input") {
  TEST_CASE("a 0 ms click: press in one frame, release in the next, at its position") {
    Harness h;
    int clicks = 0;
    ImVec2 a, b;
    auto ui = [&] {
      if (ImGui::Button("button", ImVec2(100, 40))) ++clicks;
      a = ImGui::GetItemRectMin();
      b = ImGui::GetItemRectMax();
    };
    h.frame(ui);
    const ImVec2 c((a.x + b.x) / 2, (a.y + b.y) / 2);
    h.pointer(PointerKind::mouse, Event::Type::pointer_move, c.x, c.y);
    h.pointer(PointerKind::mouse, Event::Type::pointer_button, c.x, c.y, true);
    h.pointer(PointerKind::mouse, Event::Type::pointer_button, c.x, c.y, false);
    h.frame(ui);
    CHECK(ImGui::GetIO().MouseDown[0]);
    CHECK(ImGui::GetIO().MousePos.x == c.x);
    h.frame(ui);
    CHECK_FALSE(ImGui::GetIO().MouseDown[0]);
    CHECK(clicks == 1);
    for (int i = 0; i < 3; ++i) h.frame(ui);
    CHECK(clicks == 1);
  }

  TEST_CASE("five quick Backspaces all delete; text typed keeps its place among the keys") {
    Harness h;
    char buf[32] = "0.00125";
    bool active = false;
    auto ui = [&] {
      if (!active) ImGui::SetKeyboardFocusHere();
      ImGui::InputText("field", buf, sizeof buf);
      active = ImGui::IsItemActive();
    };
    h.frame(ui);
    h.frame(ui);
    REQUIRE(active);
    ImGui::GetCurrentContext()->InputTextState.ClearSelection();  // the cursor at the end, nothing selected
    ImGui::GetCurrentContext()->InputTextState.Stb.cursor = int(std::strlen(buf));
    for (int i = 0; i < 5; ++i) h.press(kBackspace);  // all at once, between two frames
    h.input.push({.type = Event::Type::text, .code = '5'});
    for (int i = 0; i < 12; ++i) h.frame(ui);
    CHECK(std::string(buf) == "0.5");
  }

  TEST_CASE("Tab walks every item in the order drawn, across child windows; Shift+Tab goes back; Enter presses") {
    Harness h;
    int pressed = -1;
    float v = 0.5f;
    ImGuiID first = 0, last = 0;
    auto ui = [&] {
      if (ImGui::Button("first")) pressed = 0;
      first = ImGui::GetItemID();
      ImGui::BeginChild("child", ImVec2(300, 120), true);
      if (ImGui::Button("inside")) pressed = 1;
      ImGui::SliderFloat("slider", &v, 0, 1);
      ImGui::EndChild();
      if (ImGui::Button("last")) pressed = 2;
      last = ImGui::GetItemID();
    };
    auto focused = [] { return ImGui::GetCurrentContext()->NavId; };
    h.frame(ui);
    h.press(kTab);
    h.frame(ui);
    h.frame(ui);
    CHECK(focused() == first);
    h.press(kTab);
    h.frame(ui);
    h.frame(ui);
    const ImGuiID inside = focused();
    CHECK(inside != first);
    CHECK(ImGui::GetCurrentContext()->NavWindow->ParentWindow != nullptr);  // inside the child window
    h.press(kTab);
    h.press(kTab);
    for (int i = 0; i < 4; ++i) h.frame(ui);
    CHECK(focused() == last);
    h.press(kTab);  // wraps around
    h.frame(ui);
    h.frame(ui);
    CHECK(focused() == first);
    h.key(kShift, true, kModShift);
    h.key(kTab, true, kModShift);
    h.key(kTab, false, kModShift);
    h.key(kShift, false, 0);
    for (int i = 0; i < 4; ++i) h.frame(ui);
    CHECK(focused() == last);
    h.press(kEnter);
    for (int i = 0; i < 3; ++i) h.frame(ui);
    CHECK(pressed == 2);
    // Back to the slider: Left/Right move it at once.
    h.key(kShift, true, kModShift);
    h.key(kTab, true, kModShift);
    h.key(kTab, false, kModShift);
    h.key(kShift, false, 0);
    for (int i = 0; i < 4; ++i) h.frame(ui);
    h.press(kRight);
    h.press(kRight);
    for (int i = 0; i < 6; ++i) h.frame(ui);
    CHECK(v == doctest::Approx(0.52f));
    h.press(kEscape);  // Escape ends the slider; again, it drops the focus
    h.frame(ui);
    h.frame(ui);
    h.press(kEscape);
    h.frame(ui);
    h.frame(ui);
    CHECK_FALSE(h.input.text_field().active);
    CHECK(ImGui::GetCurrentContext()->NavDisableHighlight);
  }

  TEST_CASE("touch: a tap presses once where the finger is and leaves no hover") {
    Harness h;
    int clicks = 0;
    auto ui = [&] {
      ImGui::SetCursorPos(ImVec2(100, 100));
      if (ImGui::Button("button", ImVec2(100, 40))) ++clicks;
    };
    h.frame(ui);
    h.touch_down(150, 120);
    h.touch_up();
    for (int i = 0; i < 5; ++i) h.frame(ui);
    CHECK(clicks == 1);
    CHECK_FALSE(ImGui::IsMousePosValid());  // no hover left behind
    CHECK(h.input.pointer() == PointerKind::touch);
  }

  TEST_CASE("touch: a finger dragging text scrolls its window, the way the finger goes; lifting without moving is a tap") {
    Harness h;
    float scroll = 0, max = 0;
    bool clicked_text = false;
    auto ui = [&] {
      ImGui::BeginChild("list", ImVec2(300, 200), true);
      for (int i = 0; i < 60; ++i) {
        ImGui::Text("line %d", i);
        if (ImGui::IsItemHovered() && ImGui::IsMouseClicked(0)) clicked_text = true;
      }
      scroll = ImGui::GetScrollY();
      max = ImGui::GetScrollMaxY();
      ImGui::EndChild();
    };
    h.frame(ui);
    h.frame(ui);
    REQUIRE(max > 300);
    h.touch_down(100, 150);
    h.frame(ui);
    h.frame(ui);
    for (int i = 1; i <= 5; ++i) {
      h.pointer(PointerKind::touch, Event::Type::pointer_move, 100, 150 - 20.0f * i);
      h.frame(ui);
    }
    h.frame(ui);
    CHECK(scroll > 70);  // the finger went up 100 px (less the slop): so did the content
    CHECK(scroll < 105);
    CHECK_FALSE(clicked_text);  // a scroll is not a click on what it started on
    h.touch_up();
    for (int i = 0; i < 3; ++i) h.frame(ui);
    h.touch_down(30, 100);  // on a line's text
    h.touch_up();
    for (int i = 0; i < 4; ++i) h.frame(ui);
    CHECK(clicked_text);  // a tap on a line is a click on it
  }

  TEST_CASE("touch: a long press shows the tooltip and does not click") {
    Harness h;
    int clicks = 0;
    bool tooltip = false;
    auto ui = [&] {
      ImGui::SetCursorPos(ImVec2(100, 100));
      if (ImGui::Button("button", ImVec2(100, 40))) ++clicks;
      tooltip = ImGui::IsItemHovered();
      if (tooltip) ImGui::SetTooltip("exact value");
    };
    h.frame(ui);
    h.touch_down(150, 120);
    for (int i = 0; i < 40; ++i) h.frame(ui, 0.02);  // 0.8 s held still
    CHECK(tooltip);
    CHECK_FALSE(ImGui::IsMouseDown(0));
    h.touch_up();
    for (int i = 0; i < 3; ++i) h.frame(ui);
    CHECK(clicks == 0);
    CHECK_FALSE(tooltip);
  }
}
