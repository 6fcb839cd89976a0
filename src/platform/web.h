// The browser side of the platform: canvas sizing, the URL hash, the page's window.nnlab API.
#pragma once
#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#include <string>

struct GLFWwindow;
namespace nnlab::app {
class App;
}

namespace nnlab::platform {

nnlab::app::App* web_app();  // defined by main.cpp
float web_device_pixel_ratio();                         // devicePixelRatio, at most 2 (the canvas's pixels per CSS px)
void web_fit_canvas(GLFWwindow* window);                // canvas backing store = CSS size × web_device_pixel_ratio()
// Keeps the URL in step with the app: a new place (another view or lesson) is a new history entry,
// so Back and Forward move between places; other changes (a slider) replace the current entry.
// Also signals the first frame, and tells the page about text fields (web_input.cpp).
void web_after_frame(nnlab::app::App& app, int frame);
void web_input_after_frame(nnlab::app::App& app);  // web_input.cpp
bool web_take_link_from_url();                     // the page applied a link from the URL since the last call
void web_fatal(const char* message);                    // a readable message on the page instead of the canvas
std::string web_location_hash();
std::string web_language();
// A string an EM_JS function made with allocateUTF8 (or null), as a std::string; frees it.
std::string take_js_string(char* text);
bool web_touch_screen();  // the page is on a phone or tablet: its pointer is a finger
void web_set_language(const char* code, const char* title);  // <html lang> and the page's title  // the language
                                                             // web/shell.js chose for the page ("zh", "en")

}  // namespace nnlab::platform

// Exported to JavaScript (web/shell.js wraps them as window.nnlab.command / .state).
extern "C" {
const char* nnlab_command(const char* line);  // "" on success, else the error message
const char* nnlab_state();                    // JSON
// A file the user dropped or picked (gzip already inflated by the page): "" or an error message.
const char* nnlab_open_file(const char* name, const unsigned char* bytes, int size);
// The page's input (web/input.js; web_input.cpp).
void nnlab_pointer(int kind, int type, double x, double y, int button, int mods, double time_ms);
void nnlab_wheel(double dx, double dy);
void nnlab_text_field(int what, const char* text);
void nnlab_link_from_url();  // the next link change comes from the URL: replace, do not push
}
#endif
