#include "platform/input_glfw.h"

#include <GLFW/glfw3.h>

#include <bitset>

#include "app/app.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

namespace nnlab::platform {
namespace {

using nnlab::app::input::Event;
using nnlab::app::input::PointerKind;

nnlab::app::App* g_app = nullptr;
std::bitset<GLFW_KEY_LAST + 1> g_keys;  // which keys are down, for the modifiers
#ifndef __EMSCRIPTEN__
int g_buttons = 0;  // which mouse buttons are down
#endif

// The modifiers from the keys themselves: GLFW's mods argument lags on X11 (pressing Ctrl does not
// report Ctrl), as ImGui's GLFW backend notes.
int modifiers() {
  using namespace nnlab::app::input;
  auto down = [](int a, int b) { return g_keys[size_t(a)] || g_keys[size_t(b)]; };
  return (down(GLFW_KEY_LEFT_CONTROL, GLFW_KEY_RIGHT_CONTROL) ? kModCtrl : 0) |
         (down(GLFW_KEY_LEFT_SHIFT, GLFW_KEY_RIGHT_SHIFT) ? kModShift : 0) |
         (down(GLFW_KEY_LEFT_ALT, GLFW_KEY_RIGHT_ALT) ? kModAlt : 0) |
         (down(GLFW_KEY_LEFT_SUPER, GLFW_KEY_RIGHT_SUPER) ? kModSuper : 0);
}

void on_key(GLFWwindow*, int key, int, int action, int) {
  if (key < 0 || key > GLFW_KEY_LAST || action == GLFW_REPEAT) return;  // ImGui repeats held keys itself
  g_keys[size_t(key)] = action == GLFW_PRESS;
  g_app->input().push({.type = Event::Type::key, .down = action == GLFW_PRESS, .code = key, .mods = modifiers()});
}

void on_char(GLFWwindow*, unsigned int c) { g_app->input().push({.type = Event::Type::text, .code = int(c)}); }

void on_focus(GLFWwindow*, int focused) {
  if (!focused) g_keys.reset();
  g_app->input().push({.type = Event::Type::focus, .down = focused != 0, .mods = focused ? -1 : 0});
}

#ifndef __EMSCRIPTEN__
void on_cursor(GLFWwindow*, double x, double y) {
  g_app->input().push({.type = Event::Type::pointer_move, .x = float(x), .y = float(y), .time = glfwGetTime()});
}

void on_button(GLFWwindow*, int button, int action, int) {
  if (button < 0 || button >= 5) return;
  if (action == GLFW_PRESS) g_buttons |= 1 << button;
  else g_buttons &= ~(1 << button);
  g_app->input().push({.type = Event::Type::pointer_button,
                       .down = action == GLFW_PRESS,
                       .code = button,  // GLFW's 0 left, 1 right, 2 middle are ImGui's too
                       .mods = modifiers(),
                       .time = glfwGetTime()});
}

void on_scroll(GLFWwindow*, double dx, double dy) {
  g_app->input().push({.type = Event::Type::wheel, .x = float(dx), .y = float(dy), .time = glfwGetTime()});
}

void on_enter(GLFWwindow*, int entered) {
  // Leaving with a button held is a drag that goes on outside (the window keeps the pointer).
  if (!entered && !g_buttons) g_app->input().push({.type = Event::Type::pointer_leave, .time = glfwGetTime()});
}
#endif

}  // namespace

double input_clock() {
#ifdef __EMSCRIPTEN__
  return emscripten_get_now() * 0.001;  // performance.now(), the clock of DOM events' timeStamp
#else
  return glfwGetTime();
#endif
}

void install_input(GLFWwindow* window, nnlab::app::App* app) {
  g_app = app;
  glfwSetKeyCallback(window, on_key);
  glfwSetCharCallback(window, on_char);
  glfwSetWindowFocusCallback(window, on_focus);
#ifndef __EMSCRIPTEN__
  glfwSetCursorPosCallback(window, on_cursor);
  glfwSetMouseButtonCallback(window, on_button);
  glfwSetScrollCallback(window, on_scroll);
  glfwSetCursorEnterCallback(window, on_enter);
#endif
}

}  // namespace nnlab::platform
