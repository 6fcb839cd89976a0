#include "app/ui_util.h"

#include <algorithm>
#include <cmath>

namespace nnlab::app {

ImU32 sign_color(float value, float alpha) {
  const int a = int(std::clamp(alpha, 0.0f, 1.0f) * 255);
  return value >= 0 ? IM_COL32(80, 200, 110, a) : IM_COL32(230, 85, 75, a);
}

ImU32 activation_fill(float a) {
  const float t = std::clamp(std::fabs(a), 0.0f, 1.0f);
  const int base = 40 + int(t * 150);
  return a >= 0 ? IM_COL32(base / 2, base, base / 2 + 20, 255) : IM_COL32(base, base / 3, base / 3, 255);
}

void centered_text(ImDrawList* dl, ImVec2 center, ImU32 color, const char* text) {
  const ImVec2 size = ImGui::CalcTextSize(text);
  dl->AddText(ImVec2(center.x - size.x * 0.5f, center.y - size.y * 0.5f), color, text);
}

void section(const char* title) {
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), "%s", title);
}

}  // namespace nnlab::app
