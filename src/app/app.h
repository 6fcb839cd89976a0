// nnlab's application: init / frame / shutdown, plus the scripting surface shared by the page's
// window.nnlab API, the desktop's --command flag and the tests: command(), state_json(), link().
// The platform layer owns the window and the GL context and calls into this; nothing here touches
// GLFW, Emscripten or GL.
#pragma once
#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "app/input/input.h"
#include "app/view.h"
#include "text/text.h"

namespace nnlab::app {

struct PlatformInfo {
  const char* platform = "native";  // "native" | "web"
  float content_scale = 1.0f;       // DPI scale (devicePixelRatio on the web)
  std::string system_language;      // the system's or browser's choice: "zh-CN", "en_GB.UTF-8", "" …
  bool touch_screen = false;        // the primary pointer is a finger (the page's (pointer: coarse))
};

struct FrameStats {           // measured by the app from ImGui's frame delta times
  float fps = 0;              // over the last second
  float frame_ms = 0;         // median of the last 120 frames
  float max_frame_ms = 0;     // worst of the last 120 frames
  float cpu_ms = 0;           // median of the last 120 frames' CPU time (app + ImGui + GL calls issued)
  float presented_per_s = 0;  // frames that drew a new picture, per second (last 120 frames)
};

class App {
 public:
  void init(const PlatformInfo& info);  // after ImGui's context exists, before the first frame
  void frame();                         // between ImGui::NewFrame() and ImGui::Render()
  void shutdown();
  // Font and style follow the DPI scale. Returns true when the font atlas was rebuilt (the
  // renderer must then re-upload its font texture).
  bool set_content_scale(float scale);
  // The page colour: the platform clears to it, and the full-window root draws no background of
  // its own (one blended full-screen quad cost ≈ 9 ms per frame in software WebGL).
  std::array<float, 3> background_color() const;
  void set_cpu_frame_ms(float ms) { cpu_times_[frame_count_ % 120] = ms; }
  // Whether this frame drew a new picture (the web skips frames that would draw the same one).
  void set_frame_presented(bool presented) { presented_[frame_count_ % 120] = presented; }

  // One action in the command language (see docs/commands.md): "view neuron", "set w1 0.5",
  // "link #view=neuron&w1=-0.5", "help". Returns "" on success or a readable error message.
  std::string command(std::string_view line);
  // Everything on screen as JSON: view, the view's values, fps, build info.
  std::string state_json() const;
  // The deep link of the current state ("#view=neuron&x1=10&…"); platforms mirror it into the URL.
  std::string link() const;
  // Applies a deep link; malformed or unknown keys are skipped and described in `warnings`.
  void apply_link(std::string_view link, std::vector<std::string>* warnings);

  App();
  ~App();
  // A file dropped on the window or picked in the browser: handed to the current view, then to
  // any view that takes it (a model file, IDX data…). Returns "" or a readable error.
  std::string open_file(const std::string& name, const std::string& bytes);
  // Messages for the user (errors from files, training, links): shown in the status bar.
  void notify(const std::string& message, bool error);

  ViewId current() const { return current_; }
  View& view(ViewId v) { return *views_[static_cast<int>(v)]; }
  // The language of every text (text/text.h). Chinese needs its font: the desktop carries it, the
  // page downloads it (host::cjk_font) — until it has arrived the app stays in the language it
  // shows and says it is loading. The choice is stored like the other settings.
  std::string set_language(text::Lang lang);
  const View& view(ViewId v) const { return *views_[static_cast<int>(v)]; }

  // Pointer, wheel, keys and text from the platform (app/input/input.h): the platform pushes
  // events and calls input().begin_frame() before ImGui::NewFrame(); frame() does the rest.
  input::Input& input() { return input_; }
  const input::Input& input() const { return input_; }

 private:
  void draw_sidebar(float width, float height);
  void draw_top_bar();  // the narrow layout: a menu of the views, the language switch
  void draw_nav_entries(float width);
  void draw_language_switch();
  struct StatusLine {
    std::string text;
    ImVec4 color;
    bool same_line;  // after the previous line, on its row
  };
  // The status bar as it fits `width`: the measurements (shortened on a narrow screen) and the
  // notice, wrapped to as many rows as it needs.
  std::vector<StatusLine> status_lines(float width);
  void draw_status_bar(const std::vector<StatusLine>& lines);
  void update_stats();

  PlatformInfo info_;
  ViewId current_ = ViewId::neuron;
  std::unique_ptr<View> views_[std::size(kAllViews)];
  FrameStats stats_;
  FrameStats shown_stats_;      // what the status bar shows
  double shown_stats_at_ = -1;  // ImGui time it was taken
  float frame_times_[120] = {};
  float cpu_times_[120] = {};
  bool presented_[120] = {};
  int frame_count_ = 0;
  float scale_ = 1.0f;
  void apply_language(text::Lang lang);
  text::Lang wanted_language_ = text::Lang::en;  // waiting for the Chinese font when ≠ language()
  std::string cjk_font_;                         // the Chinese font's bytes (the desktop: embedded)
  ImVector<ImWchar> cjk_ranges_;                 // the characters the Chinese table uses
  double atlas_ms_ = 0;                          // the last font atlas build, for state()
  ImVector<ImWchar> always_ranges_;              // … and those every language shows (ui-zh-switch.ttf)
  std::string notice_;
  bool notice_is_error_ = false;
  double notice_time_ = -1e9;
  bool fonts_dirty_ = true;
  input::Input input_;
};

}  // namespace nnlab::app
