// Small drawing helpers shared by the views (colours by sign, centred labels, section headers).
#pragma once
#include <imgui.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace nnlab::app {

// Green for positive, red for negative (3Blue1Brown's convention), alpha in [0, 1].
ImU32 sign_color(float value, float alpha);
// A neuron's fill: brighter for larger activations (|a| clamped to 1).
ImU32 activation_fill(float a);
void centered_text(ImDrawList* dl, ImVec2 center, ImU32 color, const char* text);
void section(const char* title);  // spacing, a separator and a bold-ish title
// A label whose text changes with the language and whose ImGui ID does not: "text###id".
std::string with_id(const char* text, const char* id);
// Text wrapped to the space left on each line (less `margin` pixels), in the current text colour:
// between words, and between Chinese characters (not before ，。：；）” nor after （“), but never inside
// a word or a number ("0.5" stays whole; ImGui's TextWrapped may break after its point). One group,
// so IsItemHovered() after it means the whole text.
void wrapped_text(std::string_view text, float margin = 0);
// The lines wrapped_text() draws, for a line `width` wide and characters advance(c) wide.
std::vector<std::string_view> wrap_lines(std::string_view text, float width,
                                         const std::function<float(unsigned)>& advance);

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
