// Compiles and links GLSL programs from the embedded shaders/ files, prepending the #version line.
#pragma once
#include <string>

#include "platform/gl.h"

namespace nnlab::platform {

// Links the program made of two embedded shader files (base names, e.g. "colormap.frag.glsl").
// On failure returns 0 and sets *error to "<file>: <compile or link log>".
GLuint build_program(const char* vertex_file, const char* fragment_file, std::string* error);

}  // namespace nnlab::platform
