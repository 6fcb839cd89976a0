// The whole app without a window, for the fuzz targets that drive it like a learner (commands,
// links, files, the lab's worker): one App, kept from input to input as a session is, with Dear
// ImGui frames drawn into nothing. After each input the target checks what the page relies on:
// state() is JSON, every text in it is valid UTF-8, and the link reads back as itself.
#pragma once
#include <imgui.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "app/app.h"
#include "fuzz_util.h"
#include "lab/remote.h"

namespace nnlab::fuzz {

extern lab::TrainingRemote* g_remote;                   // the lab's worker (app_host.cpp); none by default
std::map<std::string, std::string>& stored_settings();  // the host's settings store

class HeadlessApp {
 public:
  // `remote`: the lab's training worker (nullptr: the lab trains in the frame).
  explicit HeadlessApp(lab::TrainingRemote* remote = nullptr) {
    g_remote = remote;
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    app_ = std::make_unique<app::App>();
    app_->init({"native", 1.0f, "en"});
    frames(2);
  }
  ~HeadlessApp() {
    app_.reset();
    ImGui::DestroyContext();
  }
  app::App& app() { return *app_; }

  // n frames as the platform draws them (platform/main.cpp), 1/60 s apart.
  void frames(int n) {
    for (int i = 0; i < n; ++i) {
      app_->set_content_scale(1.0f);
      ImGui::GetIO().DeltaTime = 1.0f / 60;
      clock_ += 1.0 / 60;
      app_->input().begin_frame(clock_);
      ImGui::NewFrame();
      app_->frame();
      ImGui::Render();
    }
  }

  // state() parses as JSON, its texts are valid UTF-8, and the link it shows is the app's.
  nlohmann::json checked_state() const {
    const std::string text = app_->state_json();
    check_text(text, "state() is valid UTF-8");
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    FUZZ_CHECK(!j.is_discarded() && j.is_object(), "state() is a JSON object");
    return j;
  }

  // The link the app shows reads back as itself, with no warnings (a shared link opens exactly
  // what was on screen).
  void check_link_round_trip() {
    const std::string link = app_->link();
    check_text(link, "the link is valid UTF-8");
    std::vector<std::string> warnings;
    app_->apply_link(link, &warnings);
    std::string joined;
    for (const auto& w : warnings) joined += w + "; ";
    FUZZ_CHECK(warnings.empty(), link + " → " + joined);
    FUZZ_CHECK(app_->link() == link, link + " → " + app_->link());
  }

 private:
  std::unique_ptr<app::App> app_;
  double clock_ = 0;
};

}  // namespace nnlab::fuzz
