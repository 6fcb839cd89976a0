// The Network view (forward pass) and the Backprop view: one view class, two modes, the same
// components — a lesson picker, the network diagram with its editors, the matrix view, and the
// stepper — around one LessonSession.
//
//   Network:  coat, two-by-two (with the matrix view), your own network, MNIST anatomy
//   Backprop: backprop-coat (its hidden ReLUs inactive for this sample), backprop-sigmoid (2-2-2),
//             with target, loss and η
//
// Text surface: the session's (lesson_session.h) plus `set matrix on|off`, `select w L O I`,
// `select b L O`, `select x I`, `select none` (what the editor box edits; from 1).
#pragma once
#include <memory>

#include "app/lesson/lesson_session.h"
#include "app/lesson/network_diagram.h"
#include "app/lesson/stepper.h"
#include "app/view.h"

namespace nnlab::app {

class LessonView : public View {
 public:
  enum class Mode { forward, backprop };
  explicit LessonView(Mode mode);

  void draw() override;
  std::string set(std::string_view key, std::string_view value) override;
  std::optional<std::string> command(std::string_view verb, std::string_view args) override;
  // The session's state plus "selected", "matrix", "lessons" (the picker: id and name in the
  // current language) and, with an update step, "loss_note" (what the step did to the loss).
  void state(nlohmann::json* out) const override;
  void language_changed() override { session_.rebuild_texts(); }
  // What one gradient-descent step did to the loss, as the Backprop view says it.
  static std::string loss_after_text(const CoreTrace& trace);
  void append_link(std::string* link) const override;

  LessonSession& session() { return session_; }
  const Selection& selection() const { return selection_; }

 private:
  enum class Part { all, picture, editors };  // of the left column: the diagram, the editors below it
  void draw_picker();
  void draw_intro();
  void draw_steps_title();
  void draw_left(float width, float height, Part part);
  void draw_loss_summary();
  DiagramOptions diagram_options() const;

  Mode mode_;
  LessonSession session_;
  Selection selection_;
  bool focus_editor_ = false;
  bool matrix_ = false;  // show the matrix view (always on for two-by-two)
  StepperState stepper_;
};

}  // namespace nnlab::app
