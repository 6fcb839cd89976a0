// The matrix view of one layer: W·x + b = z, a = f(z), laid out as matrices. The current step's
// cells glow: for neuron o's sum, row o of W, the whole input column, b_o and z_o — the row meets
// the column. Numbers are the Mlp's parameters and the core's z and a.
#pragma once
#include "app/lesson/lesson_session.h"

namespace nnlab::app {

// The layer the current step is about (its highlight.layer), or `fallback` when it names none.
int matrix_layer(const LessonSession& session, int fallback);
// Draws layer `layer` of the session's network as matrices at the cursor.
void draw_matrix_view(const LessonSession& session, int layer);

}  // namespace nnlab::app
