// Saves the current GL framebuffer (the window's back buffer) as a PNG (stb_image_write).
#pragma once
#include <string>

namespace nnlab::platform {
bool save_screenshot(const std::string& path, int width, int height, std::string* error);
}
