#include "app/common/widgets.h"

#include <functional>
#include <memory>
#include <unordered_map>

#include <algorithm>
#include <cmath>

#include <imgui_internal.h>  // ImTextCharFromUtf8

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

// Chinese characters, their punctuation and full-width forms: a line may break beside them.
bool is_cjk(unsigned c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFFEF);
}
// Closing punctuation stays on the line before it; opening punctuation with what follows it.
bool no_break_before(unsigned c) {
  switch (c) {
    case 0xFF0C: case 0x3002: case 0xFF1A: case 0xFF1B: case 0xFF09: case 0x201D: case 0x2019: case 0x3001:
    case 0xFF01: case 0xFF1F: case 0x300D: case 0x300F: case 0x3011: case 0x2026: case 0x2014:
    case ')': case ',': case '.': case ':': case ';': case '!': case '?': return true;
    default: return false;
  }
}
bool no_break_after(unsigned c) {
  return c == 0xFF08 || c == 0x201C || c == 0x2018 || c == 0x300C || c == 0x300E || c == 0x3010 || c == '(';
}

}  // namespace

std::vector<std::string_view> wrap_lines(std::string_view text, float width,
                                         const std::function<float(unsigned)>& advance) {
  std::vector<std::string_view> lines;
  const char* line = text.data();
  const char* const stop = text.data() + text.size();
  while (line < stop) {
    const char *p = line, *end = nullptr, *next = nullptr;
    const char *brk = nullptr, *brk_next = nullptr;  // the last place this line may end, and the next begin
    unsigned prev = 0;
    float w = 0;
    while (p < stop) {
      unsigned c = 0;
      const int n = std::max(1, ImTextCharFromUtf8(&c, p, stop));
      if (c == '\n') {
        end = p, next = p + n;
        break;
      }
      if (p > line) {
        if (c == ' ') brk = p, brk_next = p + 1;
        else if ((is_cjk(c) || is_cjk(prev)) && prev != ' ' && !no_break_before(c) && !no_break_after(prev))
          brk = p, brk_next = p;
      }
      const float a = advance(c);
      if (w + a > width && p > line) {
        if (brk) end = brk, next = brk_next;
        else end = p, next = p;  // a word longer than the line is cut
        break;
      }
      w += a;
      prev = c;
      p += n;
    }
    if (!end) end = next = p;
    lines.emplace_back(line, size_t(end - line));
    line = next;
    while (line < stop && *line == ' ') ++line;  // the spaces where the line broke
  }
  return lines;
}

void wrapped_text(std::string_view text, float margin) {
  const ImFont* font = ImGui::GetFont();
  const float scale = ImGui::GetFontSize() / font->FontSize;
  const float width = std::max(ImGui::GetFontSize(), ImGui::GetContentRegionAvail().x - margin);
  ImGui::BeginGroup();  // lines after the first start where the first did
  const std::vector<std::string_view> lines =
      wrap_lines(text, width, [&](unsigned c) { return font->GetCharAdvance(ImWchar(c)) * scale; });
  if (lines.empty()) ImGui::TextUnformatted("");
  // the lines of one paragraph as close as TextWrapped sets them; the usual spacing after the last
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0));
  for (size_t k = 0; k < lines.size(); ++k) {
    if (k + 1 == lines.size()) ImGui::PopStyleVar();
    ImGui::TextUnformatted(lines[k].data(), lines[k].data() + lines[k].size());
  }
  if (lines.empty()) ImGui::PopStyleVar();
  ImGui::EndGroup();
}

namespace {
// A lesson's diagram names every edge, neuron and bias; the Playground's every tile and edge.
ItemRect g_items[256];
int g_item_count = 0;
}  // namespace

void remember_item(const char* name) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  for (int i = 0; i < g_item_count; ++i)
    if (g_items[i].name == name) {
      g_items[i] = {name, a.x, a.y, b.x, b.y};
      return;
    }
  if (g_item_count < int(std::size(g_items))) g_items[g_item_count++] = {name, a.x, a.y, b.x, b.y};
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
