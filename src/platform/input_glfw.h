// GLFW's input callbacks, turned into the app's input events (app/input/events.h) instead of
// going straight into ImGui's io as ImGui's GLFW backend would do: keys, text and focus on both
// platforms; pointer and wheel on the desktop only (the page sends Pointer Events itself,
// web_input.cpp, because Emscripten's GLFW misplaces touches).
#pragma once

struct GLFWwindow;
namespace nnlab::app {
class App;
}

namespace nnlab::platform {

void install_input(GLFWwindow* window, nnlab::app::App* app);
double input_clock();  // seconds, the clock the events' times are on

}  // namespace nnlab::platform
