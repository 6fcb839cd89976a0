#include "app/common/widgets.h"

#include <memory>
#include <unordered_map>

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

std::string with_id(const char* text, const char* id) { return std::string(text) + "###" + id; }

namespace {
ItemRect g_items[64];
int g_item_count = 0;
}  // namespace

void remember_item(const char* name) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  for (int i = 0; i < g_item_count; ++i)
    if (g_items[i].name == name) {
      g_items[i] = {name, a.x, a.y, b.x, b.y};
      return;
    }
  if (g_item_count < 64) g_items[g_item_count++] = {name, a.x, a.y, b.x, b.y};
}

const ItemRect* remembered_items(int* count) {
  *count = g_item_count;
  return g_items;
}

void forget_items() { g_item_count = 0; }

const char* stable_name(const std::string& name) {
  static std::unordered_map<std::string, std::unique_ptr<std::string>> names;
  auto& slot = names[name];
  if (!slot) slot = std::make_unique<std::string>(name);
  return slot->c_str();
}

}  // namespace nnlab::app
