// Editors around the diagram: the box that edits the clicked weight / bias / input exactly (type
// a value or drag), the inputs, the target / loss / learning rate (backprop), and the builder of
// "your own network". Every edit goes through the LessonSession, so it is undoable with Ctrl+Z
// and every step is recomputed at once.
#pragma once
#include "app/lesson/lesson_session.h"
#include "app/lesson/network_diagram.h"

namespace nnlab::app {

// The clicked item's editor; `focus` puts the keyboard in its text field (just after a click).
// Registers "edit value" (the text field) and "edit drag" for tests.
void draw_selection_editor(LessonSession& session, Selection* selection, bool focus);
// One drag field per input x_i, named after the scenario's input names.
void draw_input_editors(LessonSession& session);
// Backprop: the target y, the loss (½Σ(y−ŷ)² or BCE) and the learning rate η.
void draw_target_editors(LessonSession& session);
// Your own network: inputs, layers, neurons per layer, activations, randomise with a seed.
void draw_custom_builder(LessonSession& session);

}  // namespace nnlab::app
