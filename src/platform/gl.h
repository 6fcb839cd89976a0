// The one place GL headers are included: OpenGL ES 3.0 / WebGL2 in the browser, GL 3.3 core natively
// (Mesa's libGL exports the core entry points; GL_GLEXT_PROTOTYPES declares them).
#pragma once
#if defined(__EMSCRIPTEN__)
#include <GLES3/gl3.h>
#else
#define GL_GLEXT_PROTOTYPES 1
#include <GL/gl.h>
#include <GL/glext.h>
#endif

namespace nnlab::platform {
// "#version 300 es" in the browser, "#version 330 core" natively: prepended to every shader.
#if defined(__EMSCRIPTEN__)
inline constexpr const char* kGlslVersion = "#version 300 es\n";
#else
inline constexpr const char* kGlslVersion = "#version 330 core\n";
#endif
}  // namespace nnlab::platform
