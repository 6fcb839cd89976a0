// A frame's picture fingerprint (see picture.h): a 64-bit multiply-xor hash over 8-byte words.
// (With it, the lab's whole frame while training costs ≈ 0.4 ms of CPU: state().cpu_ms.)
#include "platform/picture.h"

#include <imgui.h>

#include <cstring>

namespace nnlab::platform {
namespace {

uint64_t g_texture_version = 0;

struct Hasher {
  uint64_t h = 0x9e3779b97f4a7c15ull;
  void word(uint64_t w) {
    h ^= w;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 32;
  }
  void bytes(const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    uint64_t w = 0;
    for (; n >= 8; n -= 8, p += 8) {
      std::memcpy(&w, p, 8);
      word(w);
    }
    w = 0;
    if (n > 0) std::memcpy(&w, p, n);
    word(w ^ (uint64_t(n) << 56));
  }
};

}  // namespace

void note_texture_change() { ++g_texture_version; }

uint64_t picture_fingerprint(const ImDrawData& draw, int framebuffer_w, int framebuffer_h) {
  Hasher hash;
  hash.word(uint64_t(uint32_t(framebuffer_w)) << 32 | uint32_t(framebuffer_h));
  hash.word(g_texture_version);
  hash.bytes(&draw.DisplayPos, sizeof draw.DisplayPos);
  hash.bytes(&draw.DisplaySize, sizeof draw.DisplaySize);
  hash.bytes(&draw.FramebufferScale, sizeof draw.FramebufferScale);
  for (int l = 0; l < draw.CmdListsCount; ++l) {
    const ImDrawList& list = *draw.CmdLists[l];
    hash.bytes(list.VtxBuffer.Data, size_t(list.VtxBuffer.Size) * sizeof(ImDrawVert));
    hash.bytes(list.IdxBuffer.Data, size_t(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
      hash.bytes(&cmd.ClipRect, sizeof cmd.ClipRect);
      hash.word(uint64_t(reinterpret_cast<uintptr_t>(cmd.TextureId)));
      hash.word(uint64_t(cmd.VtxOffset) << 32 | cmd.IdxOffset);
      hash.word(cmd.ElemCount);
      hash.word(uint64_t(reinterpret_cast<uintptr_t>(cmd.UserCallback)));
    }
  }
  return hash.h;
}

}  // namespace nnlab::platform
