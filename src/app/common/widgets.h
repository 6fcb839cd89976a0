// Small drawing helpers shared by the views (colours by sign, centred labels, section headers).
#pragma once
#include <imgui.h>

#include <string>

namespace nnlab::app {

// Green for positive, red for negative (3Blue1Brown's convention), alpha in [0, 1].
ImU32 sign_color(float value, float alpha);
// A neuron's fill: brighter for larger activations (|a| clamped to 1).
ImU32 activation_fill(float a);
void centered_text(ImDrawList* dl, ImVec2 center, ImU32 color, const char* text);
void section(const char* title);  // spacing, a separator and a bold-ish title
// A label whose text changes with the language and whose ImGui ID does not: "text###id".
std::string with_id(const char* text, const char* id);

// The glow colour of the current step (diagram, matrix view, step list) and of chosen items.
inline constexpr ImU32 kHighlight = IM_COL32(255, 205, 60, 255);
inline const ImVec4 kHighlightVec(1.0f, 0.80f, 0.24f, 1.0f);

// Remembers where the last ImGui item was drawn this frame (framebuffer pixels), by name, so the
// state JSON can tell scripts and tests where to point the mouse ("ui": {"w1": [x0, y0, x1, y1]}).
void remember_item(const char* name);
struct ItemRect {
  const char* name;
  float x0, y0, x1, y1;
};
const ItemRect* remembered_items(int* count);
void forget_items();  // at the start of each frame
// A name for remember_item() that lives as long as the program (remember_item keeps the pointer).
const char* stable_name(const std::string& name);

}  // namespace nnlab::app
