#ifdef __EMSCRIPTEN__
#include "platform/web.h"

#include <GLFW/glfw3.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "app/app.h"

EM_JS(char*, js_language, (), {
  return allocateUTF8(Module.nnlabLanguage || (navigator.languages && navigator.languages[0]) || navigator.language || "");
});

EM_JS(char*, js_location_hash, (), {
  return allocateUTF8(location.hash || "");
});

// Emscripten's glfwSetWindowSize takes a size equal to the screen's as a request for fullscreen
// (library_glfw.js) and leaves the canvas at its old size: a browser window filling the screen
// (F11, kiosks, small phones) kept a stale, stretched canvas. Size the canvas and GLFW's record of
// the window directly instead.
EM_JS(void, js_resize_canvas, (int width, int height), {
  Browser.setCanvasSize(width, height);
  if (GLFW.active) {
    GLFW.active.width = width;
    GLFW.active.height = height;
  }
});

// A phone's or tablet's screen: the primary pointer is coarse (a finger), or there is a touch
// screen and no fine pointer at all.
EM_JS(int, js_touch_screen, (), {
  const m = (q) => typeof matchMedia === 'function' && matchMedia(q).matches;
  return m('(pointer: coarse)') || (navigator.maxTouchPoints > 0 && !m('(any-pointer: fine)')) ? 1 : 0;
});

namespace nnlab::platform {

bool web_touch_screen() { return js_touch_screen() != 0; }

namespace {
// The canvas draws at most 2 framebuffer pixels per CSS pixel. Phones report devicePixelRatio 3
// (390 × 844 CSS px = 1170 × 2532); drawn at 3 a Neuron drag ran at 15 frames/s in headless
// Chromium's software WebGL against 30 at 2 (docs/benchmarks.md, "Touch screens: canvas
// resolution"): the cost follows the pixels, and at a phone's distance 2 is already sharp.
constexpr double kMaxCanvasDpr = 2.0;
double canvas_dpr() { return std::min(emscripten_get_device_pixel_ratio(), kMaxCanvasDpr); }
}  // namespace

float web_device_pixel_ratio() { return float(canvas_dpr()); }

void web_fit_canvas(GLFWwindow* window) {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  const double dpr = canvas_dpr();
  const int w = std::max(1, int(std::lround(css_w * dpr))), h = std::max(1, int(std::lround(css_h * dpr)));
  int cur_w = 0, cur_h = 0;
  glfwGetWindowSize(window, &cur_w, &cur_h);
  if (w != cur_w || h != cur_h) js_resize_canvas(w, h);
}

namespace {
// Where a link leads: its view and lesson ("view=network&lesson=coat"), not the values shown there.
std::string place_of(const std::string& link) {
  std::string place;
  size_t at = 0;
  while (at < link.size()) {
    size_t end = link.find('&', at);
    if (end == std::string::npos) end = link.size();
    const std::string part = link.substr(at, end - at);
    const std::string key = part.substr(part[0] == '#' ? 1 : 0, part.find('=') - (part[0] == '#' ? 1 : 0));
    if (key == "view" || key == "lesson") place += part + "&";
    at = end + 1;
  }
  return place;
}
}  // namespace

void web_after_frame(nnlab::app::App& app, int frame) {
  static std::string last_link, last_place;
  const bool from_url = web_take_link_from_url();
  const std::string link = app.link();
  if (link != last_link) {
    const std::string place = place_of(link);
    const bool push = !last_link.empty() && place != last_place && !from_url;
    EM_ASM(
        {
          if ($1) history.pushState(null, "", UTF8ToString($0));
          else history.replaceState(null, "", UTF8ToString($0));
        },
        link.c_str(), push);
    last_link = link;
    last_place = place;
  }
  web_input_after_frame(app);
  if (frame == 1)
    EM_ASM({
      if (Module.onFirstFrame) Module.onFirstFrame();
    });
}

void web_set_language(const char* code, const char* title) {
  EM_ASM(
      {
        document.documentElement.lang = UTF8ToString($0) == 'zh' ? 'zh-CN' : 'en';
        document.title = UTF8ToString($1);
      },
      code, title);
}

void web_fatal(const char* message) {
  EM_ASM(
      {
        if (Module.showError) Module.showError(UTF8ToString($0));
      },
      message);
}

std::string take_js_string(char* text) {
  std::string result = text ? text : "";
  std::free(text);
  return result;
}

std::string web_language() { return take_js_string(js_language()); }

std::string web_location_hash() { return take_js_string(js_location_hash()); }

}  // namespace nnlab::platform

namespace {
std::string g_result;  // the last string handed to JavaScript (valid until the next call)
}

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* nnlab_command(const char* line) {
  nnlab::app::App* app = nnlab::platform::web_app();
  g_result = app ? app->command(line ? line : "") : "the app is not running";
  return g_result.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* nnlab_open_file(const char* name, const unsigned char* bytes, int size) {
  nnlab::app::App* app = nnlab::platform::web_app();
  g_result = app ? app->open_file(name ? name : "file", std::string(reinterpret_cast<const char*>(bytes), size))
                 : "the app is not running";
  return g_result.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* nnlab_state() {
  nnlab::app::App* app = nnlab::platform::web_app();
  g_result = app ? app->state_json() : "{}";
  return g_result.c_str();
}

}  // extern "C"
#endif
