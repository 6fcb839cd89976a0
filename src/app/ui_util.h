// Small drawing helpers shared by the views (colours by sign, centred labels, section headers).
#pragma once
#include <imgui.h>

namespace nnlab::app {

// Green for positive, red for negative (3Blue1Brown's convention), alpha in [0, 1].
ImU32 sign_color(float value, float alpha);
// A neuron's fill: brighter for larger activations (|a| clamped to 1).
ImU32 activation_fill(float a);
void centered_text(ImDrawList* dl, ImVec2 center, ImU32 color, const char* text);
void section(const char* title);  // spacing, a separator and a bold-ish title

}  // namespace nnlab::app
