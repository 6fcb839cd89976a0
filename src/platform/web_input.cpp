// The page's input (web/input.js) into the app: Pointer Events for mouse, pen and touch, the
// wheel, and the on-screen keyboard's DOM input; and back to the page, each frame, where the text
// field being edited is (so the DOM input covers it) and whether a text field is under the pointer.
#ifdef __EMSCRIPTEN__
#include <GLFW/glfw3.h>
#include <emscripten.h>

#include <cmath>

#include "app/app.h"
#include "platform/web.h"

namespace {

using nnlab::app::input::Event;
using nnlab::app::input::PointerKind;

bool g_link_from_url = false;  // the link being shown came from the URL (Back, Forward, an edited hash)

void push(const Event& e) {
  if (nnlab::app::App* app = nnlab::platform::web_app()) app->input().push(e);
}

void push_key(int key, int mods) {
  push({.type = Event::Type::key, .down = true, .code = key, .mods = mods});
  push({.type = Event::Type::key, .down = false, .code = key, .mods = 0});
}

}  // namespace

namespace nnlab::platform {

bool web_take_link_from_url() {
  const bool was = g_link_from_url;
  g_link_from_url = false;
  return was;
}

void web_input_after_frame(nnlab::app::App& app) {
  static nnlab::app::input::TextField shown;  // what the page's DOM input covers now
  static int text_cursor = -1;
  const nnlab::app::input::TextField& f = app.input().text_field();
  // Once the finger is up: a finger that lands on a field and drags is scrolling, not editing.
  const bool want = f.active && app.input().touch_mode() && !app.input().finger_down();
  if (want) {
    const bool same = shown.active && shown.id == f.id;
    const bool moved = !same || std::fabs(shown.x0 - f.x0) + std::fabs(shown.y0 - f.y0) + std::fabs(shown.x1 - f.x1) +
                                        std::fabs(shown.y1 - f.y1) >
                                    0.5f;
    if (moved)
      EM_ASM(
          {
            if (Module.nnlabInput) Module.nnlabInput.showField($0, $1, $2, $3, UTF8ToString($4), $5, $6);
          },
          f.x0, f.y0, f.x1, f.y1, f.text.c_str(), f.numeric, same);
    shown = f;
  } else if (shown.active) {
    EM_ASM({
      if (Module.nnlabInput) Module.nnlabInput.hideField();
    });
    shown = {};
  }
  const int cursor = app.input().text_cursor() ? 1 : 0;
  if (cursor != text_cursor) {
    text_cursor = cursor;
    EM_ASM(
        {
          if (Module.nnlabInput) Module.nnlabInput.textCursor = !!$0;
        },
        cursor);
  }
}

}  // namespace nnlab::platform

extern "C" {

// kind: 0 mouse, 1 touch, 2 pen; type: 0 move, 1 down, 2 up, 3 leave; x, y in canvas pixels;
// button: 0 primary, 1 secondary, 2 middle; mods: 1 Ctrl, 2 Shift, 4 Alt, 8 Meta; time: DOM timeStamp (ms).
EMSCRIPTEN_KEEPALIVE void nnlab_pointer(int kind, int type, double x, double y, int button, int mods, double time_ms) {
  const PointerKind k = kind == 1 ? PointerKind::touch : kind == 2 ? PointerKind::pen : PointerKind::mouse;
  Event e{.pointer = k, .mods = mods, .x = float(x), .y = float(y), .time = time_ms * 0.001};
  if (type == 0) e.type = Event::Type::pointer_move;
  else if (type == 3) e.type = Event::Type::pointer_leave;
  else {
    e.type = Event::Type::pointer_button;
    e.down = type == 1;
    e.code = button;
  }
  push(e);
}

// In ImGui's wheel units (one notch = 1; +y scrolls up): web/input.js converts the DOM's deltas.
EMSCRIPTEN_KEEPALIVE void nnlab_wheel(double dx, double dy) {
  push({.type = Event::Type::wheel, .x = float(dx), .y = float(dy)});
}

// The on-screen keyboard's DOM input: 0 its text changed (text), 1 Enter, 2 Escape, 3 Tab,
// 4 Shift+Tab, 5 it was left (blur).
EMSCRIPTEN_KEEPALIVE void nnlab_text_field(int what, const char* text) {
  using nnlab::app::input::kModShift;
  switch (what) {
    case 0: push({.type = Event::Type::replace_text, .text = text ? text : ""}); break;
    case 1: push_key(GLFW_KEY_ENTER, 0); break;
    case 2: push_key(GLFW_KEY_ESCAPE, 0); break;
    case 3: push_key(GLFW_KEY_TAB, 0); break;
    case 4: push_key(GLFW_KEY_TAB, kModShift); break;
    case 5: push({.type = Event::Type::end_text_field}); break;
  }
}

EMSCRIPTEN_KEEPALIVE void nnlab_link_from_url() { g_link_from_url = true; }

}  // extern "C"
#endif
