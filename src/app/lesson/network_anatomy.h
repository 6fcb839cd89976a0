// The anatomy picture of a big network (the MNIST lesson's 784-16-16-10): the 28 × 28 image,
// flattened into x, then one block per layer with its shape and parameter count, all read from
// the core's Mlp. The current step's layer glows.
#pragma once
#include <imgui.h>

#include "app/lesson/lesson_session.h"

namespace nnlab::app {

void draw_anatomy(const LessonSession& session, ImVec2 size);

}  // namespace nnlab::app
