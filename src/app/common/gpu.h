// The app's only window onto the GPU. src/app declares it; src/platform implements it with
// OpenGL 3.3 / WebGL2 (the app never includes GL headers: arrows point platform → app).
#pragma once
#include <cstdint>
#include <string>

namespace nnlab::gpu {

// An RGBA texture ImGui can draw (ImTextureID is the GL texture name cast to void*).
struct Texture {
  uint32_t id = 0;
  int width = 0, height = 0;
  uint32_t framebuffer = 0;  // the GPU backend's render target drawing into it (0: none yet)
  bool renderable = false;   // that render target was complete when the texture was made
  struct Source {            // the float field it was last drawn from (kept for the next one)
    uint32_t id = 0;
    int width = 0, height = 0, channels = 0;
  } source;
  void* imgui_id() const { return reinterpret_cast<void*>(static_cast<uintptr_t>(id)); }
};

enum class Colormap : int {
  diverging = 0,   // value/scale in [−1, 1]: red (negative) → black (0) → green (positive)
  sequential = 1,  // value/scale in [0, 1]: dark blue → yellow
  grey = 2,        // value/scale in [0, 1]: black → white (digits)
};

// Colour-maps a (height × width) row-major field of floats into `target` through the shader
// shaders/colormap.frag.glsl (the texture is created on first use and reused after).
// Returns false (and leaves `target` as it was) if the GPU path is unavailable; see last_error().
bool colormap(Texture& target, const float* values, int width, int height, float scale, Colormap map);
void release(Texture& texture);

// The Playground's maps: a (height × width) field of `channels` floats per texel (row-major, row 0
// at the top) goes up as a float texture and is coloured by shaders/playground_map.frag.glsl into
// `target` (width × height, linearly filtered when drawn larger).
enum class Palette : int {
  diverging = 0,  // channels 1, v in [−1, 1]: TF Playground's orange–grey–blue, 31 shades
  classes = 1,    // channels K ≤ 4: class probabilities mixed in the class colours
  loss = 2,       // channels 1: a loss, log-scaled between lo and hi
};
struct FieldStyle {
  Palette palette = Palette::diverging;
  int channels = 1;
  bool discretize = false;  // the sign / the winning class only
  float lo = 0, hi = 1;     // Palette::loss
};
bool draw_field(Texture& target, const float* values, int width, int height, const FieldStyle& style);
// RGBA8 pixels of a texture the GPU drew (row y = 0 is the field's row 0); false if unavailable.
bool read_pixels(const Texture& texture, int x, int y, int width, int height, unsigned char* rgba);

// The last GPU error: shader file name + driver log, or "" when all is well.
const std::string& last_error();

}  // namespace nnlab::gpu
