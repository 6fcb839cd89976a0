// The lab's "take it away": the trained network as a standalone Python script (lab/python_export.h),
// downloaded in the browser and saved in the working directory on the desktop.
#include <imgui.h>

#include "app/common/host.h"
#include "app/common/layout.h"
#include "app/common/widgets.h"
#include "app/lab/lab_view.h"
#include "lab/python_export.h"
#include "text/text.h"

namespace nnlab::app {

std::string LabView::export_python() {
  if (!lab_.in_sync()) return text::T("practice.python.wait");  // the worker's weights are on their way
  lab::PythonModel m;
  m.mlp = &lab_.model();
  m.normalisation = settings_.normalisation;
  m.mean = lab_.pixel_mean();
  m.std = lab_.pixel_std();
  m.class_names = class_names_;
  m.data = lab_.data_name();
  std::string script, error, where;
  if (!lab_.has_model() || !lab::python_script(m, &script, &error)) return text::T("practice.python.nothing");
  error = host::save_file("nnlab-model.py", script, &where);
  if (!error.empty()) return error;
  say(text::tr("practice.python.saved", {{"where", where}}), false);
  return "";
}

void LabView::draw_export_python_button() {
  const std::string label = with_id(text::T("practice.python.button"), "export python");
  layout::next_in_row(layout::button_width(label.c_str()));  // wraps on a narrow screen
  if (layout::small_button(label.c_str())) {
    const std::string error = export_python();
    if (!error.empty()) say(error, true);
  }
  remember_item("mnist.export_python");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text::T("practice.python.tip"));
}

}  // namespace nnlab::app
