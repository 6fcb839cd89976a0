#include "platform/shader.h"

#include "data/embedded_file.h"

namespace nnlab::embedded {
const EmbeddedFile* shaders_find(const char* file_name);
}

namespace nnlab::platform {
namespace {

GLuint compile(GLenum kind, const char* file, std::string* error) {
  const embedded::EmbeddedFile* source = embedded::shaders_find(file);
  if (!source) {
    *error = std::string(file) + ": no such embedded shader";
    return 0;
  }
  const GLchar* parts[2] = {kGlslVersion, reinterpret_cast<const GLchar*>(source->bytes)};
  const GLuint shader = glCreateShader(kind);
  glShaderSource(shader, 2, parts, nullptr);
  glCompileShader(shader);
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[2048] = {};
    glGetShaderInfoLog(shader, sizeof log, nullptr, log);
    *error = std::string(file) + ": compile failed: " + log;
    glDeleteShader(shader);
    return 0;
  }
  return shader;
}

}  // namespace

GLuint build_program(const char* vertex_file, const char* fragment_file, std::string* error) {
  const GLuint vs = compile(GL_VERTEX_SHADER, vertex_file, error);
  if (!vs) return 0;
  const GLuint fs = compile(GL_FRAGMENT_SHADER, fragment_file, error);
  if (!fs) {
    glDeleteShader(vs);
    return 0;
  }
  const GLuint program = glCreateProgram();
  glAttachShader(program, vs);
  glAttachShader(program, fs);
  glLinkProgram(program);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(program, GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[2048] = {};
    glGetProgramInfoLog(program, sizeof log, nullptr, log);
    *error = std::string(vertex_file) + " + " + fragment_file + ": link failed: " + log;
    glDeleteProgram(program);
    return 0;
  }
  return program;
}

}  // namespace nnlab::platform
