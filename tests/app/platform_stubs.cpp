// The unit tests link the app's views without a window: the GPU and host services (implemented
// by src/platform for the real app) say "unavailable" here, which every view already handles.
#include "app/common/gpu.h"
#include "app/common/host.h"
#include "lab/remote.h"

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

std::string save_file(const std::string& file_name, const std::string&, std::string*) {
  return "no host to save " + file_name + " in the unit tests";
}
bool pick_files(const char*, bool) { return false; }
std::string read_file(const std::string& path, std::string*) {
  return "no host to read " + path + " in the unit tests";
}
std::string load_setting(const std::string&) { return ""; }
void store_setting(const std::string&, const std::string&) {}
nnlab::lab::TrainingRemote* training_remote() { return nullptr; }  // the lab trains in the frame
void cjk_font(std::string*) {}                                     // the unit tests link the app's embedded fonts

}  // namespace nnlab::host
