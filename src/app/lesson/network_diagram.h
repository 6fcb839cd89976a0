// The network diagram shared by the Network and Backprop views: inputs on the left, one column
// per layer; neurons as circles filled by their activation, edges coloured by the weight's sign
// and thick by its magnitude (3Blue1Brown's picture). The current step's neurons, edges and
// biases glow; everything else dims. Hover shows exact values; a click selects a weight, a bias
// or an input for the editor (network_editor.h).
#pragma once
#include <imgui.h>

#include "app/common/widgets.h"
#include "app/lesson/lesson_session.h"

namespace nnlab::app {

// What the learner picked in the diagram (indices 0-based as in the Mlp).
struct Selection {
  enum class Kind { none, weight, bias, input } kind = Kind::none;
  int layer = 0, out = 0, in = 0;  // weight: (layer, out, in); bias: (layer, out); input: in
  bool operator==(const Selection&) const = default;
};

struct DiagramOptions {
  enum class EdgeLabel { weight, gradient, update } edge_label = EdgeLabel::weight;
  bool show_delta = false;      // δ under each neuron (backprop)
  // "off" tag on hidden ReLU neurons with z ≤ 0 for this sample (backprop): inactive here, which
  // is not "dead" (a dead ReLU is inactive for every input).
  bool mark_inactive_relu = false;
  bool hide_values = false;  // "Your turn": no z, a, δ or ŷ (the learner works them out)
  bool show_after = false;   // the update is applied: ŷ before → after
};

// Draws `session`'s network in a box of `size` at the cursor. Returns the selection after this
// frame's clicks (`current` if nothing was clicked). Registers widget rects for tests:
// "edge L O I", "neuron L O" (L = 0 for the inputs), "bias L O", all counting from 1.
Selection draw_network_diagram(const LessonSession& session, const DiagramOptions& options, ImVec2 size,
                               Selection current);

// Does the step point at this neuron / weight / bias? (false for a null step)
bool highlights_neuron(const Step* step, int layer, int index);
bool highlights_weight(const Step* step, int layer, int out, int in);
bool highlights_bias(const Step* step, int layer, int out);

}  // namespace nnlab::app
