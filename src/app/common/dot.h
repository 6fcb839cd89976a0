// A round dot drawn as one quad (two triangles): a soft-edged disc painted into ImGui's font atlas,
// so dots batch with text into the same draw call. The Playground draws every data point in every
// frame while it trains; ImGui's anti-aliased circle is ~30 triangles and its outline ~20 more,
// and a software rasteriser (WebGL on SwiftShader, on machines without a GPU) pays per triangle.
#pragma once
#include <imgui.h>

namespace nnlab::dot {

void reserve(ImFontAtlas* atlas);  // before atlas->Build(): a small rectangle for the disc
void paint(ImFontAtlas* atlas);    // after it: the disc's pixels (before the atlas is uploaded)

// A disc of `radius` pixels (its edge where the coverage is ½) in `colour`; ImGui's own circle if
// the atlas has no disc.
void add(ImDrawList* dl, ImVec2 centre, float radius, ImU32 colour);

}  // namespace nnlab::dot
