// The fonts: every character of every Chinese text has a glyph in the atlas the app builds, and
// the atlas stays within 2048 × 2048 at the largest scale the app uses (phones: 3×).
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <fstream>
#include <sstream>
#include <string>

#include "app/app.h"
#include "text/text.h"

using namespace nnlab;

namespace {

// The Chinese font as the build cut it (the desktop embeds it; the page downloads this file).
std::string cjk_font_file() {
  std::ifstream f(std::string(NNLAB_BUILD_DIR) + "/generated/ui-zh.ttf", std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// Decodes UTF-8 (the tables are valid UTF-8: scripts/strings.py reads them as such).
template <class F>
void each_codepoint(const char* s, F&& f) {
  while (*s) {
    unsigned int c = 0;
    const int n = ImTextCharFromUtf8(&c, s, nullptr);
    if (n <= 0) break;
    f(c);
    s += n;
  }
}

struct ImGuiScope {
  ImGuiScope() { ImGui::CreateContext(); }
  ~ImGuiScope() {
    ImGui::DestroyContext();
    text::set_language(text::Lang::en);
  }
};

}  // namespace

TEST_SUITE("app fonts") {
  TEST_CASE("every character of the Chinese table is in the atlas, at every scale, within 2048 × 2048") {
    ImGuiScope imgui;
    app::App app;
    app.init({"native", 1.0f, "en"});
    const std::string font = cjk_font_file();
    REQUIRE_MESSAGE(font.size() > 1000, "the build's generated/ui-zh.ttf");
    CHECK(app.open_file("ui-zh.ttf", font) == "");  // as the page delivers it (the desktop has it embedded)
    REQUIRE(app.set_language(text::Lang::zh) == "");
    CHECK(text::language() == text::Lang::zh);
    for (float scale : {1.0f, 2.0f, 3.0f}) {
      CAPTURE(scale);
      REQUIRE(app.set_content_scale(scale + 0.01f));  // rebuilds the atlas
      ImFontAtlas* atlas = ImGui::GetIO().Fonts;
      unsigned char* pixels = nullptr;
      int w = 0, h = 0;
      atlas->GetTexDataAsRGBA32(&pixels, &w, &h);
      CHECK(w <= 2048);
      CHECK(h <= 2048);
      MESSAGE("atlas at scale " << scale << ": " << w << " × " << h);
      const ImFont* ui = atlas->Fonts[0];
      int missing = 0;
      for (int i = 0; i < text::key_count(); ++i)
        each_codepoint(text::T_in(text::Lang::zh, text::key_at(i)), [&](unsigned int c) {
          if (c >= 0x20 && c != 0x3000 && !ui->FindGlyphNoFallback(ImWchar(c))) {
            if (missing++ < 10) MESSAGE(text::key_at(i) << ": no glyph for U+" << std::hex << c);
          }
        });
      CHECK(missing == 0);
    }
    // Back to English: the atlas drops the Chinese glyphs but keeps what every language shows:
    // 中文 on the switch and the glossary's Chinese terms.
    REQUIRE(app.set_language(text::Lang::en) == "");
    REQUIRE(app.set_content_scale(1.0f));
    const ImFont* ui = ImGui::GetIO().Fonts->Fonts[0];
    CHECK(ui->FindGlyphNoFallback(ImWchar(0x4E2D)) != nullptr);  // 中
    int missing = 0, terms = 0;
    for (int i = 0; i < text::key_count(); ++i) {
      const std::string key = text::key_at(i);
      if (key.rfind("glossary.", 0) != 0 || key.size() < 5 || key.compare(key.size() - 5, 5, ".term") != 0) continue;
      ++terms;
      each_codepoint(text::T_in(text::Lang::zh, key), [&](unsigned int c) {
        if (c > 0x7F && !ui->FindGlyphNoFallback(ImWchar(c))) ++missing;
      });
    }
    CHECK(terms >= 29);
    CHECK(missing == 0);
    CHECK(ui->FindGlyphNoFallback(ImWchar(0x4F1E)) == nullptr);  // 伞 (the umbrella: only with Chinese shown)
  }
}
