// nnlab's main: one GLFW window with a GL context, Dear ImGui, and the app. Natively and in the
// browser the code is the same except for the loop header (ImGui's example_glfw_opengl3 pattern):
// `while (!glfwWindowShouldClose)` natively, `emscripten_set_main_loop` on the web.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "app/app.h"
#include "app/common/host.h"
#include "platform/gl.h"
#include "platform/input_glfw.h"
#include "platform/options.h"
#include "platform/picture.h"
#include "platform/screenshot.h"
#include "platform/web.h"
#include "text/text.h"

namespace {

struct Platform {
  GLFWwindow* window = nullptr;
  nnlab::app::App app;
  nnlab::platform::Options options;
  int frame = 0;
  uint64_t last_picture = 0;  // picture_fingerprint of the last frame presented
  int titled_language = -1;   // the language the window's title was last written in
  std::string glfw_error;
};

Platform* g_platform = nullptr;  // for the web's exported functions and GLFW's error callback

void glfw_error(int code, const char* description) {
  char buf[512];
  std::snprintf(buf, sizeof buf, "GLFW error %d: %s", code, description);
  if (g_platform) g_platform->glfw_error = buf;
}

#ifndef __EMSCRIPTEN__
// Files dropped on the desktop window go to the app like the browser's dropped files do.
void on_drop(GLFWwindow*, int count, const char** paths) {
  for (int i = 0; i < count; ++i) {
    std::string bytes;
    const std::string path = paths[i];
    const std::string error = nnlab::host::read_file(path, &bytes);
    const std::string name = path.substr(path.find_last_of('/') + 1);
    if (!error.empty()) g_platform->app.notify(error, true);
    else g_platform->app.open_file(name, bytes);
  }
}
#endif

#ifndef __EMSCRIPTEN__
// The desktop's language, as POSIX says to look it up: LC_ALL, then LC_MESSAGES, then LANG.
std::string system_language() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"})
    if (const char* v = std::getenv(name); v && *v) return v;
  return "";
}
#endif

float content_scale(GLFWwindow* window) {
#ifdef __EMSCRIPTEN__
  (void)window;
  return nnlab::platform::web_device_pixel_ratio();
#else
  float sx = 1, sy = 1;
  glfwGetWindowContentScale(window, &sx, &sy);
  return sx;
#endif
}

// One frame: resize to the canvas (web), follow the DPI scale, draw, present.
// Returns false when the app should exit (only with --frames).
bool render_frame(Platform& p) {
  glfwPollEvents();
#ifdef __EMSCRIPTEN__
  nnlab::platform::web_fit_canvas(p.window);
#endif
  if (int(nnlab::text::language()) != p.titled_language) {  // the title and <html lang> follow the language
    p.titled_language = int(nnlab::text::language());
#ifdef __EMSCRIPTEN__
    nnlab::platform::web_set_language(nnlab::text::lang_code(nnlab::text::language()),
                                      nnlab::text::T("app.window_title"));
#else
    glfwSetWindowTitle(p.window, nnlab::text::T("app.window_title"));
#endif
  }
  if (p.app.set_content_scale(content_scale(p.window))) ImGui_ImplOpenGL3_DestroyDeviceObjects();
  const double cpu_start = glfwGetTime();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  p.app.input().begin_frame(nnlab::platform::input_clock());  // this frame's events, over what the backend read
  ImGui::NewFrame();
  p.app.frame();
  ImGui::Render();
  int width = 0, height = 0;
  glfwGetFramebufferSize(p.window, &width, &height);
  ++p.frame;
  // With --frames, the last frame is the N-th, or the one in which the window was closed (scripts
  // that drive the desktop app close it when done, and still get its screenshot and state).
  const bool last = p.options.frames > 0 && (p.frame >= p.options.frames || glfwWindowShouldClose(p.window));
#ifdef __EMSCRIPTEN__
  // The browser keeps showing the canvas until something is drawn into it, so a frame whose
  // picture equals the last one draws nothing (platform/picture.h).
  const uint64_t picture = nnlab::platform::picture_fingerprint(*ImGui::GetDrawData(), width, height);
  const bool present = picture != p.last_picture || p.frame <= 2 || last;
  p.last_picture = picture;
#else
  const bool present = true;  // natively the swap paces the loop (vsync), so always draw
#endif
  p.app.set_frame_presented(present);
  if (!present) {
    p.app.set_cpu_frame_ms(float((glfwGetTime() - cpu_start) * 1000.0));
#ifdef __EMSCRIPTEN__
    nnlab::platform::web_after_frame(p.app, p.frame);
#endif
    return true;
  }
  glViewport(0, 0, width, height);
  const auto background = p.app.background_color();
  glClearColor(background[0], background[1], background[2], 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  p.app.set_cpu_frame_ms(float((glfwGetTime() - cpu_start) * 1000.0));  // our work, not the GPU's
  if (last && !p.options.screenshot.empty()) {
    std::string error;
    if (nnlab::platform::save_screenshot(p.options.screenshot, width, height, &error))
      std::fprintf(stderr, "nnlab: screenshot %dx%d saved to %s\n", width, height, p.options.screenshot.c_str());
    else std::fprintf(stderr, "nnlab: %s\n", error.c_str());
  }
  glfwSwapBuffers(p.window);
#ifdef __EMSCRIPTEN__
  nnlab::platform::web_after_frame(p.app, p.frame);
#endif
  return !last;
}

}  // namespace

#ifdef __EMSCRIPTEN__
nnlab::app::App* nnlab::platform::web_app() { return g_platform ? &g_platform->app : nullptr; }
#endif

int main(int argc, char** argv) {
  static Platform p;
  g_platform = &p;
  std::string error;
  if (!nnlab::platform::parse_options(argc, argv, &p.options, &error)) {
    std::fprintf(stderr, "nnlab: %s\n%s", error.c_str(),
                 error == nnlab::platform::usage() ? "" : nnlab::platform::usage());
    return error == nnlab::platform::usage() ? 0 : 2;
  }
  glfwSetErrorCallback(glfw_error);
  if (!glfwInit()) {
    std::fprintf(stderr, "nnlab: cannot start a window system (%s). Is DISPLAY set?\n", p.glfw_error.c_str());
    return 1;
  }
#ifdef __EMSCRIPTEN__
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  // ImGui needs no depth, stencil or alpha: an opaque colour-only canvas is cheaper to composite.
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  glfwWindowHint(GLFW_ALPHA_BITS, 0);
#else
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);  // DPI-aware initial size
#endif
  p.window = glfwCreateWindow(p.options.width, p.options.height, nnlab::text::T("app.window_title"), nullptr, nullptr);
  if (!p.window) {
    const std::string message = "nnlab needs OpenGL 3.3 (WebGL2 in the browser), but no such context could be made: " +
                                p.glfw_error;
    std::fprintf(stderr, "%s\n", message.c_str());
#ifdef __EMSCRIPTEN__
    nnlab::platform::web_fatal(message.c_str());
#endif
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(p.window);
  glfwSwapInterval(1);
#ifndef __EMSCRIPTEN__
  glfwSetDropCallback(p.window, on_drop);
#endif

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  // The backend's own callbacks would write events straight into io; ours queue them for the app
  // (platform/input_glfw.h), which hands them to ImGui one frame's worth at a time.
  ImGui_ImplGlfw_InitForOpenGL(p.window, false);
  nnlab::platform::install_input(p.window, &p.app);
  ImGui_ImplOpenGL3_Init(nnlab::platform::kGlslVersion);
#ifdef __EMSCRIPTEN__
  p.app.init({"web", content_scale(p.window), nnlab::platform::web_language(), nnlab::platform::web_touch_screen()});
  p.options.link = nnlab::platform::web_location_hash();
#else
  p.app.init({"native", content_scale(p.window), system_language()});
#endif
  if (!p.options.link.empty()) {
    std::vector<std::string> warnings;
    p.app.apply_link(p.options.link, &warnings);
    for (const auto& w : warnings) std::fprintf(stderr, "nnlab: link: %s\n", w.c_str());
  }
  for (const auto& c : p.options.commands) {
    const std::string result = p.app.command(c);
    if (!result.empty()) std::fprintf(stderr, "nnlab: %s: %s\n", c.c_str(), result.c_str());
  }

#ifdef __EMSCRIPTEN__
  emscripten_set_main_loop_arg([](void* arg) { render_frame(*static_cast<Platform*>(arg)); }, &p, 0, false);
  return 0;
#else
  while (!glfwWindowShouldClose(p.window) && render_frame(p)) {
  }
  if (p.options.print_state) std::printf("%s\n", p.app.state_json().c_str());
  p.app.shutdown();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(p.window);
  glfwTerminate();
  return 0;
#endif
}
