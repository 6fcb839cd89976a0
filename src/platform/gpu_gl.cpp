// gpu.h on OpenGL 3.3 / WebGL2: a float field goes up as an R32F texture and is drawn through
// shaders/colormap.frag.glsl into an RGBA8 texture (render-to-texture) that ImGui shows; the
// Playground's fields the same way through shaders/playground_map.frag.glsl (R32F or RGBA32F in).
#include <cstdio>
#include <vector>

#include "app/common/gpu.h"
#include "platform/gl.h"
#include "platform/picture.h"
#include "platform/shader.h"

namespace nnlab::gpu {
namespace {

struct Colormapper {
  bool tried = false;
  GLuint program = 0, vao = 0;
  GLint u_values = -1, u_scale = -1, u_map = -1;
  std::string error;

  bool ready() {
    if (tried) return program != 0;
    tried = true;
    program = platform::build_program("fullscreen.vert.glsl", "colormap.frag.glsl", &error);
    if (!program) {
      std::fprintf(stderr, "nnlab: shader error: %s\n", error.c_str());
      return false;
    }
    u_values = glGetUniformLocation(program, "u_values");
    u_scale = glGetUniformLocation(program, "u_scale");
    u_map = glGetUniformLocation(program, "u_map");
    glGenVertexArrays(1, &vao);
    return true;
  }
};

Colormapper& mapper() {
  static Colormapper m;
  return m;
}

void set_texture_params(GLint filter) {
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

// Puts a float field (1 or 4 channels a texel) into `target`'s source texture and leaves it bound:
// made anew only when its size or channels change, else overwritten in place, so a map redrawn in
// every frame allocates nothing on the GPU.
void upload_source(Texture& target, const float* field, int width, int height, int channels) {
  Texture::Source& src = target.source;
  if (!src.id) glGenTextures(1, &src.id);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, src.id);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  const GLenum format = channels == 4 ? GL_RGBA : GL_RED;
  if (src.width != width || src.height != height || src.channels != channels) {
    set_texture_params(GL_NEAREST);  // float textures are read with texelFetch (R32F is not filterable)
    glTexImage2D(GL_TEXTURE_2D, 0, channels == 4 ? GL_RGBA32F : GL_R32F, width, height, 0, format, GL_FLOAT, field);
    src = {src.id, width, height, channels};
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, format, GL_FLOAT, field);
  }
}

// Binds `target`'s own framebuffer, first (re)making the RGBA8 texture when its size changes. The
// framebuffer is checked once, when the texture is made: in WebGL glCheckFramebufferStatus waits
// for the GPU process, and the maps are redrawn every frame while a network trains.
bool bind_render_target(Texture& target, int width, int height, GLint filter) {
  if (target.id && target.width == width && target.height == height) {
    glBindFramebuffer(GL_FRAMEBUFFER, target.framebuffer);
    return target.renderable;
  }
  if (!target.id) glGenTextures(1, &target.id);
  glBindTexture(GL_TEXTURE_2D, target.id);
  set_texture_params(filter);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  target.width = width;
  target.height = height;
  if (!target.framebuffer) glGenFramebuffers(1, &target.framebuffer);
  glBindFramebuffer(GL_FRAMEBUFFER, target.framebuffer);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, target.id, 0);
  target.renderable = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  return target.renderable;
}

}  // namespace

bool colormap(Texture& target, const float* field, int width, int height, float scale, Colormap map) {
  Colormapper& m = mapper();
  if (width <= 0 || height <= 0 || !m.ready()) return false;
  GLint old_fbo = 0, old_viewport[4], old_texture = 0, old_program = 0, old_vao = 0;
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &old_fbo);
  glGetIntegerv(GL_VIEWPORT, old_viewport);
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &old_texture);
  glGetIntegerv(GL_CURRENT_PROGRAM, &old_program);
  glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &old_vao);

  upload_source(target, field, width, height, 1);

  const bool complete = bind_render_target(target, width, height, GL_NEAREST);
  if (complete) {
    glViewport(0, 0, width, height);
    glDisable(GL_BLEND);
    glDisable(GL_SCISSOR_TEST);
    glUseProgram(m.program);
    glBindTexture(GL_TEXTURE_2D, target.source.id);
    glUniform1i(m.u_values, 0);
    glUniform1f(m.u_scale, scale);
    glUniform1i(m.u_map, static_cast<int>(map));
    glBindVertexArray(m.vao);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    platform::note_texture_change();
  } else {
    m.error = "colormap: render target incomplete";
  }
  glBindFramebuffer(GL_FRAMEBUFFER, old_fbo);
  glViewport(old_viewport[0], old_viewport[1], old_viewport[2], old_viewport[3]);
  glBindTexture(GL_TEXTURE_2D, old_texture);
  glUseProgram(old_program);
  glBindVertexArray(old_vao);
  return complete;
}

namespace {

struct FieldMapper {
  bool tried = false;
  GLuint program = 0, vao = 0;
  GLint u_values = -1, u_palette = -1, u_classes = -1, u_discretize = -1, u_lo = -1, u_hi = -1;
  std::vector<float> padded;  // (H, W, 4) for several channels

  bool ready() {
    if (tried) return program != 0;
    tried = true;
    program = platform::build_program("fullscreen.vert.glsl", "playground_map.frag.glsl", &mapper().error);
    if (!program) {
      std::fprintf(stderr, "nnlab: shader error: %s\n", mapper().error.c_str());
      return false;
    }
    u_values = glGetUniformLocation(program, "u_values");
    u_palette = glGetUniformLocation(program, "u_palette");
    u_classes = glGetUniformLocation(program, "u_classes");
    u_discretize = glGetUniformLocation(program, "u_discretize");
    u_lo = glGetUniformLocation(program, "u_lo");
    u_hi = glGetUniformLocation(program, "u_hi");
    glGenVertexArrays(1, &vao);
    return true;
  }
};

FieldMapper& field_mapper() {
  static FieldMapper m;
  return m;
}

}  // namespace

bool draw_field(Texture& target, const float* field, int width, int height, const FieldStyle& style) {
  FieldMapper& m = field_mapper();
  if (width <= 0 || height <= 0 || style.channels < 1 || style.channels > 4 || !m.ready()) return false;
  GLint old_fbo = 0, old_viewport[4], old_texture = 0, old_program = 0, old_vao = 0;
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &old_fbo);
  glGetIntegerv(GL_VIEWPORT, old_viewport);
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &old_texture);
  glGetIntegerv(GL_CURRENT_PROGRAM, &old_program);
  glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &old_vao);

  if (style.channels == 1) {
    upload_source(target, field, width, height, 1);
  } else {
    const size_t n = size_t(width) * size_t(height);
    m.padded.assign(n * 4, 0.0f);
    for (size_t i = 0; i < n; ++i)
      for (int c = 0; c < style.channels; ++c) m.padded[i * 4 + size_t(c)] = field[i * size_t(style.channels) + size_t(c)];
    upload_source(target, m.padded.data(), width, height, 4);
  }

  const bool complete = bind_render_target(target, width, height, GL_LINEAR);
  if (complete) {
    glViewport(0, 0, width, height);
    glDisable(GL_BLEND);
    glDisable(GL_SCISSOR_TEST);
    glUseProgram(m.program);
    glBindTexture(GL_TEXTURE_2D, target.source.id);
    glUniform1i(m.u_values, 0);
    glUniform1i(m.u_palette, static_cast<int>(style.palette));
    glUniform1i(m.u_classes, style.channels);
    glUniform1i(m.u_discretize, style.discretize ? 1 : 0);
    glUniform1f(m.u_lo, style.lo);
    glUniform1f(m.u_hi, style.hi);
    glBindVertexArray(m.vao);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    platform::note_texture_change();
  } else {
    mapper().error = "playground map: render target incomplete";
  }
  glBindFramebuffer(GL_FRAMEBUFFER, old_fbo);
  glViewport(old_viewport[0], old_viewport[1], old_viewport[2], old_viewport[3]);
  glBindTexture(GL_TEXTURE_2D, old_texture);
  glUseProgram(old_program);
  glBindVertexArray(old_vao);
  return complete;
}

bool read_pixels(const Texture& texture, int x, int y, int width, int height, unsigned char* rgba) {
  if (!texture.id || x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > texture.width ||
      y + height > texture.height)
    return false;
  if (!texture.framebuffer || !texture.renderable) return false;  // not drawn by draw_field/colormap
  GLint old_fbo = 0;
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &old_fbo);
  glBindFramebuffer(GL_FRAMEBUFFER, texture.framebuffer);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(x, y, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
  glBindFramebuffer(GL_FRAMEBUFFER, old_fbo);
  return true;
}

void release(Texture& texture) {
  if (texture.framebuffer) glDeleteFramebuffers(1, &texture.framebuffer);
  if (texture.source.id) glDeleteTextures(1, &texture.source.id);
  if (texture.id) glDeleteTextures(1, &texture.id);
  platform::note_texture_change();
  texture = Texture{};
}

const std::string& last_error() { return mapper().error; }

}  // namespace nnlab::gpu
