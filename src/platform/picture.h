// Whether a frame would draw a new picture. In software WebGL (headless Chromium's SwiftShader)
// drawing the UI and reading the canvas back for the compositor is most of a frame's cost, and
// most frames draw exactly what the last one did; those present nothing (the canvas keeps the
// last picture) while the frame still runs: input, the app, the lab's snapshots.
#pragma once
#include <cstdint>

struct ImDrawData;

namespace nnlab::platform {

// A fingerprint of everything a frame draws: ImGui's vertices, indices and commands, the
// framebuffer size, and the version of the textures the GPU layer renders (weights images).
uint64_t picture_fingerprint(const ImDrawData& draw, int framebuffer_w, int framebuffer_h);

// Bumped by gpu_gl.cpp whenever a texture's pixels change.
void note_texture_change();

}  // namespace nnlab::platform
