// Views whose issue has not landed yet say so plainly (and are removed from here when it does).
#include <imgui.h>

#include <nlohmann/json.hpp>

#include "app/panels.h"

namespace nnlab::app {
namespace {

class PlaceholderPanel : public Panel {
 public:
  explicit PlaceholderPanel(const char* text) : text_(text) {}
  void draw() override { ImGui::TextWrapped("%s", text_); }
  std::string set(std::string_view key, std::string_view) override {
    return "this view has no parameter '" + std::string(key) + "' yet";
  }
  void state(nlohmann::json* out) const override { *out = nlohmann::json::object(); }
  void append_link(std::string*) const override {}

 private:
  const char* text_;
};

}  // namespace


}  // namespace nnlab::app
