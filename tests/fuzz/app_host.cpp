// The app's host and GPU for the fuzz targets that run the whole app without a window (the unit
// tests' stubs, tests/app/platform_stubs.cpp, say the same): no GPU, no files written, settings
// kept in memory, and the lab's training worker is whatever the target installs (none: the lab
// trains in the frame, as on the desktop).
#include <map>

#include "app/common/gpu.h"
#include "app/common/host.h"
#include "app_harness.h"

namespace nnlab::gpu {

bool colormap(Texture&, const float*, int, int, float, Colormap) { return false; }
bool draw_field(Texture&, const float*, int, int, const FieldStyle&) { return false; }
bool read_pixels(const Texture&, int, int, int, int, unsigned char*) { return false; }
void release(Texture& texture) { texture = Texture{}; }
const std::string& last_error() {
  static const std::string message = "no GPU while fuzzing";
  return message;
}

}  // namespace nnlab::gpu

namespace nnlab::fuzz {
lab::TrainingRemote* g_remote = nullptr;
std::map<std::string, std::string>& stored_settings() {
  static std::map<std::string, std::string> settings;
  return settings;
}
}  // namespace nnlab::fuzz

namespace nnlab::host {

std::string save_file(const std::string& file_name, const std::string& contents, std::string* where, bool) {
  fuzz::check_text(file_name, "a file name is valid UTF-8");
  (void)contents;
  if (where) *where = file_name;
  return "";
}
bool file_exists(const std::string&) { return false; }
bool copy_to_clipboard(const std::string& text) {
  fuzz::check_text(text, "what is copied is valid UTF-8");
  return false;
}
bool exports_to_clipboard() { return false; }
bool pick_files(const char*, bool) { return false; }
std::string read_file(const std::string& path, std::string*) { return "no files while fuzzing: " + path; }
std::string load_setting(const std::string& key) {
  const auto it = fuzz::stored_settings().find(key);
  return it == fuzz::stored_settings().end() ? "" : it->second;
}
void store_setting(const std::string& key, const std::string& value) {
  fuzz::check_text(value, "a stored setting is valid UTF-8");
  fuzz::stored_settings()[key] = value;
}
lab::TrainingRemote* training_remote() { return fuzz::g_remote; }
void cjk_font(std::string*) {}  // the app carries it (the desktop's embedded font)

}  // namespace nnlab::host
