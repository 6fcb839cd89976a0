// host.h on the desktop: files in the working directory, settings in $XDG_CONFIG_HOME/nnlab.
#ifndef __EMSCRIPTEN__
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>

#include <GLFW/glfw3.h>

#include "app/common/host.h"
#include "data/file_io.h"
#include "lab/remote.h"

namespace nnlab::host {
namespace {

// Temporary file + rename (the data layer's write_file_atomic): an interrupted save never
// destroys the old file, and without `replace` an existing one is never replaced.
std::string write_atomically(const std::string& path, const std::string& contents, bool replace = true) {
  std::string error;
  return write_file_atomic(path, contents, &error, replace) ? "" : error;
}

std::string config_dir() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  const std::string base = xdg && *xdg ? xdg : std::string(home && *home ? home : ".") + "/.config";
  mkdir(base.c_str(), 0755);
  const std::string dir = base + "/nnlab";
  mkdir(dir.c_str(), 0755);
  return dir;
}

std::string settings_path() { return config_dir() + "/settings.json"; }

// The settings file as a JSON object; a missing or corrupted file reads as empty (with a notice
// on stderr) and is replaced by the next store.
nlohmann::json load_settings_file() {
  std::string text;
  if (!read_file(settings_path(), &text).empty()) return nlohmann::json::object();
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    std::fprintf(stderr, "nnlab: ignoring corrupted settings file %s\n", settings_path().c_str());
    return nlohmann::json::object();
  }
  return j;
}

}  // namespace

std::string save_file(const std::string& file_name, const std::string& contents, std::string* where, bool replace) {
  const std::string error = write_atomically(file_name, contents, replace);
  if (error.empty() && where) {
    char cwd[4096];
    *where = (getcwd(cwd, sizeof cwd) ? std::string(cwd) + "/" : std::string()) + file_name;
  }
  return error;
}

bool file_exists(const std::string& file_name) {
  struct stat st {};
  return lstat(file_name.c_str(), &st) == 0;
}

bool pick_files(const char*, bool) { return false; }

// GLFW 3.3 takes NULL for the window (the clipboard belongs to the display); it needs a live GLFW.
bool copy_to_clipboard(const std::string& text) {
  if (!glfwGetCurrentContext()) return false;
  glfwSetClipboardString(nullptr, text.c_str());
  return true;
}
bool exports_to_clipboard() { return false; }  // the desktop saves a file (and copies it too)

std::string read_file(const std::string& path, std::string* contents) {
  std::string error;
  return read_text_file(path, contents, &error) ? "" : error;
}

std::string load_setting(const std::string& key) {
  const nlohmann::json j = load_settings_file();
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

void store_setting(const std::string& key, const std::string& value) {
  nlohmann::json j = load_settings_file();
  j[key] = value;
  const std::string error = write_atomically(settings_path(), j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  if (!error.empty()) std::fprintf(stderr, "nnlab: %s\n", error.c_str());
}

// The desktop trains in the frame: a native core runs 784-128-10 at ≈ 180k samples/s, so a few
// milliseconds per frame keep up without a second thread.
nnlab::lab::TrainingRemote* training_remote() { return nullptr; }

void cjk_font(std::string*) {}  // embedded in the desktop app

}  // namespace nnlab::host
#endif
