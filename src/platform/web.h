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
float web_device_pixel_ratio();
void web_fit_canvas(GLFWwindow* window);                // canvas backing store = CSS size × devicePixelRatio
void web_after_frame(nnlab::app::App& app, int frame);  // keeps the URL hash in step; signals the first frame
void web_fatal(const char* message);                    // a readable message on the page instead of the canvas
std::string web_location_hash();
std::string web_language();
void web_set_language(const char* code, const char* title);  // <html lang> and the page's title  // the language
                                                             // web/shell.js chose for the page ("zh", "en")

}  // namespace nnlab::platform

// Exported to JavaScript (web/shell.js wraps them as window.nnlab.command / .state).
extern "C" {
const char* nnlab_command(const char* line);  // "" on success, else the error message
const char* nnlab_state();                    // JSON
// A file the user dropped or picked (gzip already inflated by the page): "" or an error message.
const char* nnlab_open_file(const char* name, const unsigned char* bytes, int size);
}
#endif
