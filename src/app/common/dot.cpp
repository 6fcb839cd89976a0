#include "app/common/dot.h"

#include <algorithm>
#include <cmath>

namespace nnlab::dot {
namespace {

constexpr int kSize = 16;            // texels a side
constexpr float kRadius = 6.5f;      // the disc's edge in texels, a 1.5-texel margin inside
constexpr float kEdge = 1.25f;       // texels from transparent to opaque across the edge
int g_rect = -1;                     // the atlas's custom rectangle, -1 until reserved
const ImFontAtlas* g_atlas = nullptr;  // … in this atlas

// The disc's rectangle in `atlas`, or nullptr: none reserved there, or the atlas has been cleared
// or replaced since (a new ImGui context can reuse the old atlas's address).
const ImFontAtlasCustomRect* disc(const ImFontAtlas* atlas) {
  if (!atlas || atlas != g_atlas || g_rect < 0 || g_rect >= atlas->CustomRects.Size) return nullptr;
  const ImFontAtlasCustomRect& r = atlas->CustomRects[g_rect];
  return r.Width == kSize && r.Height == kSize && r.GlyphID == 0 && r.IsPacked() ? &r : nullptr;
}

}  // namespace

void reserve(ImFontAtlas* atlas) {
  g_atlas = atlas;
  g_rect = atlas->AddCustomRectRegular(kSize, kSize);
}

void paint(ImFontAtlas* atlas) {
  const ImFontAtlasCustomRect* rect = disc(atlas);
  if (!rect) {
    g_rect = -1;
    return;
  }
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  atlas->GetTexDataAsRGBA32(&pixels, &width, &height);
  if (!pixels) return;
  for (int y = 0; y < kSize; ++y)
    for (int x = 0; x < kSize; ++x) {
      const float d = std::hypot(float(x) + 0.5f - kSize / 2.0f, float(y) + 0.5f - kSize / 2.0f);
      const float coverage = std::clamp((kRadius - d) / kEdge + 0.5f, 0.0f, 1.0f);
      unsigned char* p = pixels + (size_t(rect->Y + y) * size_t(width) + size_t(rect->X + x)) * 4;
      p[0] = p[1] = p[2] = 255;
      p[3] = static_cast<unsigned char>(std::lround(coverage * 255.0f));
    }
}

void add(ImDrawList* dl, ImVec2 centre, float radius, ImU32 colour) {
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  const ImFontAtlasCustomRect* rect = disc(atlas);
  if (!rect || atlas->TexWidth <= 0 || atlas->TexHeight <= 0) {
    dl->AddCircleFilled(centre, radius, colour, 10);
    return;
  }
  const float half = radius * (kSize / 2.0f) / kRadius;
  const ImVec2 uv0(float(rect->X) / float(atlas->TexWidth), float(rect->Y) / float(atlas->TexHeight));
  const ImVec2 uv1(float(rect->X + kSize) / float(atlas->TexWidth), float(rect->Y + kSize) / float(atlas->TexHeight));
  dl->AddImage(atlas->TexID, ImVec2(centre.x - half, centre.y - half), ImVec2(centre.x + half, centre.y + half), uv0,
               uv1, colour);
}

}  // namespace nnlab::dot
