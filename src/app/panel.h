// What every view of the app provides: draw itself, take commands and link keys, report state.
// The App owns one Panel per sidebar entry and routes the scripting surface to the current one.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace nnlab::app {

class Panel {
 public:
  virtual ~Panel() = default;
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
  virtual void state(nlohmann::json* out) const = 0;       // fills this view's state object
  virtual void append_link(std::string* link) const = 0;   // "&key=value…" after "#view=NAME"
  virtual void release_gpu() {}                            // before the GL context goes away
  // A file the user dropped or picked while this view was showing. Returns nullopt if this view
  // does not take files, else "" or a readable error (and nothing of the view's state changed).
  virtual std::optional<std::string> open_file(const std::string& name, const std::string& bytes) {
    (void)name, (void)bytes;
    return std::nullopt;
  }

  // Runs a command of the whole app (e.g. "view mnist-anatomy" from a link inside a view); set by
  // the App for every panel, empty in tests that build a panel alone.
  std::function<std::string(std::string_view)> run_app_command;
};

}  // namespace nnlab::app
