// The unit tests link the app's views without a window: the GPU and host services (implemented
// by src/platform for the real app) say "unavailable" here, which every view already handles.
#include "app/common/gpu.h"
#include "app/common/host.h"
#include "lab/remote.h"
#include "platform_stubs.h"

namespace nnlab::test {
std::map<std::string, std::string>& saved_files() {
  static std::map<std::string, std::string> files;
  return files;
}
}  // namespace nnlab::test

namespace nnlab::gpu {

bool colormap(Texture&, const float*, int, int, float, Colormap) { return false; }
bool draw_field(Texture&, const float*, int, int, const FieldStyle&) { return false; }
bool read_pixels(const Texture&, int, int, int, int, unsigned char*) { return false; }
void release(Texture& texture) { texture = Texture{}; }
const std::string& last_error() {
  static const std::string message = "no GPU in the unit tests";
  return message;
}

}  // namespace nnlab::gpu

namespace nnlab::host {

// Saved files are kept in memory (platform_stubs.h), and an existing one is replaced only when
// asked, as on the desktop.
std::string save_file(const std::string& file_name, const std::string& contents, std::string* where, bool replace) {
  auto& files = nnlab::test::saved_files();
  if (!replace && files.count(file_name)) return file_name + ": already exists; nothing was replaced";
  files[file_name] = contents;
  if (where) *where = "memory/" + file_name;
  return "";
}
bool file_exists(const std::string& file_name) { return nnlab::test::saved_files().count(file_name) > 0; }
bool pick_files(const char*, bool) { return false; }
bool copy_to_clipboard(const std::string&) { return false; }
bool exports_to_clipboard() { return false; }
std::string read_file(const std::string& path, std::string*) {
  return "no host to read " + path + " in the unit tests";
}
std::string load_setting(const std::string&) { return ""; }
void store_setting(const std::string&, const std::string&) {}
nnlab::lab::TrainingRemote* training_remote() { return nullptr; }  // the lab trains in the frame
void cjk_font(std::string*) {}                                     // the unit tests link the app's embedded fonts

}  // namespace nnlab::host
