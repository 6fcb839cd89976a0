#include "platform/screenshot.h"

#include <cstdio>
#include <vector>

#include "platform/gl.h"

#ifndef __EMSCRIPTEN__
#include <stb/stb_image_write.h>
#endif

namespace nnlab::platform {

bool save_screenshot(const std::string& path, int width, int height, std::string* error) {
#ifdef __EMSCRIPTEN__
  (void)path, (void)width, (void)height;
  *error = "screenshots are taken by the browser on the web";
  return false;
#else
  std::vector<unsigned char> rgba(size_t(width) * height * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  stbi_flip_vertically_on_write(1);  // GL's row 0 is the bottom
  const std::string tmp = path + ".tmp";
  if (!stbi_write_png(tmp.c_str(), width, height, 4, rgba.data(), width * 4) ||
      std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    *error = "could not write " + path;
    return false;
  }
  return true;
#endif
}

}  // namespace nnlab::platform
