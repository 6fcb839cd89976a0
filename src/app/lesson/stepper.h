// The stepper shared by the Network and Backprop views: Previous / Next (buttons and the arrow
// keys), Play at a chosen speed, Show all, and the list of steps — earlier steps stay readable
// above the current one, which glows in the highlight colour with its plain-language sentence.
#pragma once
#include <imgui.h>

#include "app/lesson/lesson_session.h"

namespace nnlab::app {

struct StepperState {
  int scrolled_to = -1;  // the step the list last scrolled to (scrolls again when it changes)
};

// The button row. Registers "step prev", "step next", "step play", "step all" for tests.
void draw_step_controls(LessonSession& session);
// The list of steps in a scrolling box of `size`; clicking a step makes it current.
void draw_step_list(LessonSession& session, StepperState* ui, ImVec2 size);
// ←/→ step, Home/End jump, Ctrl+Z undoes the last edit; ignored while a text field has focus.
void handle_step_keys(LessonSession& session);

}  // namespace nnlab::app
