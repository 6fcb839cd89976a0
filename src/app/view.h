// A view is one entry of the app's navigation (Neuron, Network, Backprop, MNIST lab, Concepts):
// it draws itself, takes commands and link keys, and reports its state. The App owns one View per
// ViewId and routes the scripting surface to the current one. Each view lives in its own folder
// (neuron/, lesson/, lab/, playground/, concepts/); views.h has their factories.
#pragma once
#include <functional>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace nnlab::app {

enum class ViewId { neuron, network, backprop, mnist, playground, concepts };
inline constexpr ViewId kAllViews[] = {ViewId::neuron, ViewId::network,    ViewId::backprop,
                                       ViewId::mnist,  ViewId::playground, ViewId::concepts};

std::string_view view_name(ViewId v);  // "neuron", "network", "backprop", "mnist", "playground", "concepts"
const char* view_title(ViewId v);      // "Neuron", "Network", … in the current language
std::optional<ViewId> parse_view(std::string_view name);

class View {
 public:
  virtual ~View() = default;
  virtual void draw() = 0;
  // Every frame, before drawing, whichever view shows: work that must not wait for its view (the
  // lab keeps training, and its state() stays current, while a lesson is on screen).
  virtual void tick() {}
  // "set KEY VALUE" and deep-link keys: "" on success, else a readable error (nothing changed).
  virtual std::string set(std::string_view key, std::string_view value) = 0;
  // A view-specific verb ("step next", "train start"…): nullopt if the verb is not this view's,
  // else "" or an error message.
  virtual std::optional<std::string> command(std::string_view verb, std::string_view args) {
    (void)verb, (void)args;
    return std::nullopt;
  }
  virtual void state(nlohmann::json* out) const = 0;      // fills this view's state object
  virtual void append_link(std::string* link) const = 0;  // "&key=value…" after "#view=NAME"
  virtual void release_gpu() {}                           // before the GL context goes away
  virtual void language_changed() {}                      // texts built from the tables are rebuilt
  // A file the user dropped or picked while this view was showing. Returns nullopt if this view
  // does not take files, else "" or a readable error (and nothing of the view's state changed).
  virtual std::optional<std::string> open_file(const std::string& name, const std::string& bytes) {
    (void)name, (void)bytes;
    return std::nullopt;
  }

  // Runs a command of the whole app (e.g. "view mnist-anatomy" from a link inside a view); set by
  // the App for every view, empty in tests that build a view alone.
  std::function<std::string(std::string_view)> run_app_command;
};

}  // namespace nnlab::app
