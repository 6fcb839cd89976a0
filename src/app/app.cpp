// The app: a sidebar of views, the current view, a status bar; and the command/state/link surface.
#include "app/app.h"

#include <imgui.h>

#include <algorithm>
#include <new>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/common/build_info.h"
#include "app/common/dot.h"
#include "app/common/host.h"
#include "app/common/layout.h"
#include "app/common/link.h"
#include "app/common/widgets.h"
#include "app/views.h"
#include "data/embedded_file.h"
#include "data/mnist_embedded.h"
#include "data/utf8.h"

namespace nnlab::embedded {
extern const EmbeddedFile fonts[];
const EmbeddedFile* fonts_find(const char* file_name);
}  // namespace nnlab::embedded

namespace nnlab::app {
namespace {

constexpr float kBaseFontSize = 16.0f;
// Phones run at devicePixelRatio 3; beyond that the UI stays at 3× (a 48 px font), which keeps the
// font atlas with every Chinese character within 2048 × 2048.
constexpr float kMaxContentScale = 3.0f;
// What `view` takes, for messages (command names: the same in every language).
constexpr const char* kViewChoices =
    "neuron, network, backprop, mnist, playground, concepts; coat, two-by-two, custom, mnist-anatomy, backprop-coat, "
    "backprop-sigmoid";

// "#view=coat", "view backprop-coat": a lesson id stands for the view that teaches it, with that
// lesson loaded ("umbrella" is the Neuron view).
std::optional<ViewId> view_for_lesson(App& app, std::string_view id) {
  if (id == "umbrella") return ViewId::neuron;
  for (ViewId v : {ViewId::network, ViewId::backprop})
    if (app.view(v).set("lesson", id).empty()) return v;
  return std::nullopt;
}

// ImGui takes glyph ranges as ImWchar: 16 bits unless IMGUI_USE_WCHAR32, as the table's char16_t.
static_assert(sizeof(ImWchar) == sizeof(char16_t));
const ImWchar* latin_glyph_ranges() { return reinterpret_cast<const ImWchar*>(text::kLatinGlyphRanges); }
constexpr const char* kCjkFont = "ui-zh.ttf";

// The one place the language's name for the switch is written: each in its own language.
const char* language_name(text::Lang lang) { return lang == text::Lang::zh ? "中文" : "English"; }

}  // namespace

App::App() {
  views_[int(ViewId::neuron)] = make_neuron_view();
  views_[int(ViewId::network)] = make_network_view();
  views_[int(ViewId::backprop)] = make_backprop_view();
  views_[int(ViewId::mnist)] = make_lab_view();
  views_[int(ViewId::playground)] = make_playground_view();
  views_[int(ViewId::concepts)] = make_concepts_view();
  for (auto& v : views_) v->run_app_command = [this](std::string_view line) { return command(line); };
}

App::~App() = default;

void App::init(const PlatformInfo& info) {
  info_ = info;
  input_.set_touch_screen(info.touch_screen);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is fixed; nothing to persist in imgui.ini
  if (const embedded::EmbeddedFile* f = embedded::fonts_find(kCjkFont))  // the desktop carries it
    cjk_font_.assign(reinterpret_cast<const char*>(f->bytes), f->size);
  // The stored choice, else the system's (any zh… is Chinese), else English.
  text::Lang lang = text::Lang::en;
  if (!text::parse_lang(host::load_setting("lang"), &lang)) (void)text::parse_lang(info.system_language, &lang);
  // The Chinese glyphs: every character of the Chinese table while Chinese is shown; in English,
  // those of 中文 (the language switch) and of the glossary's Chinese terms (ui-zh-switch.ttf).
  ImFontGlyphRangesBuilder all, always;
  always.AddText("中文");
  for (int i = 0; i < text::key_count(); ++i) {
    const std::string_view key = text::key_at(i);
    all.AddText(text::T_in(text::Lang::zh, key));
    if (key.starts_with("glossary.") && key.ends_with(".term")) always.AddText(text::T_in(text::Lang::zh, key));
  }
  all.AddText("中文");
  all.BuildRanges(&cjk_ranges_);
  always.BuildRanges(&always_ranges_);
  apply_language(lang);
  set_content_scale(info.content_scale);
}

std::string App::set_language(text::Lang lang) {
  apply_language(lang);
  host::store_setting("lang", text::lang_code(lang));
  return "";
}

// Shows `lang` at once if its glyphs are at hand; Chinese without its font asks the host for it
// and follows when it arrives (open_file).
void App::apply_language(text::Lang lang) {
  wanted_language_ = lang;
  if (lang == text::Lang::zh && cjk_font_.empty()) {
    host::cjk_font(&cjk_font_);  // the page: bytes it already has, or a download that ends in open_file
    if (cjk_font_.empty()) {
      notify(text::T("app.font_loading"), false);
      return;
    }
  }
  if (text::language() == lang && !fonts_dirty_) return;
  text::set_language(lang);
  fonts_dirty_ = true;  // the next frame builds the atlas with (or without) the Chinese glyphs
  for (auto& v : views_) v->language_changed();
}

bool App::set_content_scale(float scale) {
  scale = std::clamp(scale, 0.5f, kMaxContentScale);
  if (!fonts_dirty_ && scale == scale_) return false;
  scale_ = scale;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // the bytes are embedded in the binary (or kept in cjk_font_)
  // Horizontal oversampling sharpens small Latin text; from 2× pixels on it only doubles the atlas.
  config.OversampleH = scale < 2.0f ? 2 : 1;
  const float size = kBaseFontSize * scale;
  const embedded::EmbeddedFile* latin = embedded::fonts_find("DejaVuSans.ttf");
  if (latin)
    io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(latin->bytes), int(latin->size), size, &config,
                                   latin_glyph_ranges());
  else io.Fonts->AddFontDefault();
  // Chinese merged into the same font. MicroHei's em box is DejaVu's within 1 %, so one pixel size
  // makes ideographs and Latin text sit together; OversampleH 1 keeps the atlas ≤ 2048 × 2048 at
  // every scale the app uses (each ideograph is already wide and dense).
  ImFontConfig merge = config;
  merge.MergeMode = true;
  merge.OversampleH = 1;
  const embedded::EmbeddedFile* sw = embedded::fonts_find("ui-zh-switch.ttf");
  if (latin && text::language() == text::Lang::zh && !cjk_font_.empty())
    io.Fonts->AddFontFromMemoryTTF(cjk_font_.data(), int(cjk_font_.size()), size, &merge, cjk_ranges_.Data);
  else if (latin && sw)
    io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(sw->bytes), int(sw->size), size, &merge,
                                   always_ranges_.Data);
  dot::reserve(io.Fonts);
  const auto t0 = std::chrono::steady_clock::now();
  io.Fonts->Build();
  dot::paint(io.Fonts);
  atlas_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  ImGuiStyle style;
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 0;
  style.FrameRounding = 3;
  style.GrabRounding = 3;
  style.Colors[ImGuiCol_WindowBg].w = 1.0f;  // opaque: the root window's colour is the clear colour
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
  layout::set_base_style(style);  // the touch layout's sizes go on top of it, frame by frame
  input_.set_scale(scale);
  fonts_dirty_ = false;
  return true;
}

std::array<float, 3> App::background_color() const {
  const ImVec4 c = ImGui::GetCurrentContext() ? ImGui::GetStyle().Colors[ImGuiCol_WindowBg]
                                              : ImVec4(0.06f, 0.06f, 0.06f, 1);
  return {c.x, c.y, c.z};
}

void App::shutdown() {
  for (auto& v : views_) v->release_gpu();
}

void App::update_stats() {
  const float dt_ms = ImGui::GetIO().DeltaTime * 1000.0f;
  frame_times_[frame_count_ % 120] = dt_ms;
  ++frame_count_;
  const int n = std::min(frame_count_, 120);
  float sorted[120] = {};
  std::copy(frame_times_, frame_times_ + n, sorted);
  std::nth_element(sorted, sorted + n / 2, sorted + n);
  stats_.frame_ms = sorted[n / 2];
  stats_.max_frame_ms = *std::max_element(frame_times_, frame_times_ + n);
  std::copy(cpu_times_, cpu_times_ + n, sorted);
  std::nth_element(sorted, sorted + n / 2, sorted + n);
  stats_.cpu_ms = sorted[n / 2];
  stats_.fps = ImGui::GetIO().Framerate;
  stats_.presented_per_s = stats_.fps * float(std::count(presented_, presented_ + n, true)) / float(n);
}

void App::frame() {
  input_.after_new_frame();
  update_stats();
  forget_items();
  layout::begin_frame(input_.touch_mode());
  for (ViewId v : kAllViews) view(v).tick();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("nnlab", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground);
  const float f = ImGui::GetFontSize();
  // Narrow (a phone upright, a desktop window made narrow) or short (a phone on its side): the
  // navigation folds into a top bar, and the views get the whole width.
  const bool narrow = vp->WorkSize.x < layout::kNarrowFonts * f || vp->WorkSize.y < layout::kShortFonts * f;
  const std::vector<StatusLine> status = status_lines(ImGui::GetContentRegionAvail().x);
  int rows = 0;
  for (const StatusLine& line : status) rows += line.same_line ? 0 : 1;
  // One row: what the bar always took (a frame's height and spacing, in the style without the touch sizes).
  const ImGuiStyle& base = layout::base_style();
  const float status_h = f + 2 * base.FramePadding.y + ImGui::GetStyle().ItemSpacing.y +
                         float(std::max(0, rows - 1)) * ImGui::GetTextLineHeightWithSpacing();
  if (narrow) {
    draw_top_bar();
  } else {
    draw_sidebar(9.5f * f, status_h);
    ImGui::SameLine();
  }
  ImGui::BeginChild("content", ImVec2(0, -status_h), false);
  if (!narrow) {  // the top bar's menu button already names the view
    ImGui::SetWindowFontScale(1.35f);
    ImGui::TextUnformatted(std::string(view_title(current_)).c_str());
    ImGui::SetWindowFontScale(1.0f);
  }
  view(current_).draw();
  ImGui::EndChild();
  draw_status_bar(status);
  ImGui::End();
  input_.end_frame();
}

// The views, one entry each (named "nav <view>" for scripts and tests).
void App::draw_nav_entries(float width) {
  for (ViewId v : kAllViews) {
    const float h = layout::touch() ? layout::target_height() - ImGui::GetStyle().ItemSpacing.y
                                    : 1.6f * ImGui::GetFontSize();
    if (ImGui::Selectable(view_title(v), v == current_, 0, ImVec2(width, h))) current_ = v;
    remember_item(stable_name("nav " + std::string(view_name(v))));
  }
}

// The language switch: each language named in itself, the current one marked.
void App::draw_language_switch() {
  for (text::Lang lang : text::kLangs) {
    const bool on = wanted_language_ == lang;
    if (lang != text::kLangs[0]) ImGui::SameLine();
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (layout::small_button(language_name(lang)) && !on) (void)set_language(lang);
    remember_item(stable_name(std::string("lang ") + text::lang_code(lang)));
    if (on) ImGui::PopStyleColor();
  }
}

void App::draw_sidebar(float width, float status_h) {
  ImGui::BeginChild("sidebar", ImVec2(width, -status_h), true);
  ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), "nnlab");
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  wrapped_text(text::T("app.tagline"));  // breaks between words and Chinese characters, never leaving one alone
  ImGui::PopStyleColor();
  ImGui::Separator();
  draw_nav_entries(0);
  ImGui::Spacing();
  ImGui::Separator();
  draw_language_switch();
  ImGui::EndChild();
}

// The top bar of the narrow layout: [☰ current view] opens the list of views, "nnlab" where there
// is room, and the language switch at the right.
void App::draw_top_bar() {
  const float f = ImGui::GetFontSize();
  const ImGuiStyle& style = ImGui::GetStyle();
  const char* title = view_title(current_);
  const float icon = 1.2f * f, h = layout::target_height();
  const float menu_w = icon + 0.5f * f + ImGui::CalcTextSize(title).x + 2 * style.FramePadding.x;
  ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(1.0f, 0.5f));
  const bool open = ImGui::Button(with_id(title, "nav_menu").c_str(), ImVec2(menu_w, h));
  ImGui::PopStyleVar();
  remember_item("nav menu");
  const ImVec2 b0 = ImGui::GetItemRectMin(), b1 = ImGui::GetItemRectMax();
  {  // ☰, drawn: three bars
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float x0 = b0.x + style.FramePadding.x, cy = 0.5f * (b0.y + b1.y), t = std::max(1.0f, 0.12f * f);
    for (int k = -1; k <= 1; ++k)
      dl->AddRectFilled(ImVec2(x0, cy + float(k) * 0.36f * f - 0.5f * t),
                        ImVec2(x0 + icon, cy + float(k) * 0.36f * f + 0.5f * t), ImGui::GetColorU32(ImGuiCol_Text),
                        t * 0.5f);
  }
  if (open) ImGui::OpenPopup("nav_menu_list");
  // The language switch at the right, "nnlab" between the two when it fits.
  float lang_w = 0;
  for (text::Lang lang : text::kLangs)
    lang_w += layout::button_width(language_name(lang)) + (lang != text::kLangs[0] ? style.ItemSpacing.x : 0);
  const float right = ImGui::GetWindowContentRegionMax().x;
  const float name_w = ImGui::CalcTextSize("nnlab").x;
  const float after_menu = b1.x - ImGui::GetWindowPos().x + style.ItemSpacing.x;
  if (after_menu + name_w + 2 * style.ItemSpacing.x + lang_w <= right) {
    ImGui::SameLine(0, 0.8f * f);
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), "nnlab");
  }
  if (after_menu + lang_w <= right) {
    ImGui::SameLine(right - lang_w);
    if (!layout::touch()) ImGui::AlignTextToFramePadding();
    draw_language_switch();
  }
  // The list of views, under the button, as wide as fits.
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float list_w = std::min(18.0f * f, vp->WorkSize.x - 2 * style.WindowPadding.x);
  ImGui::SetNextWindowPos(ImVec2(std::min(b0.x, vp->WorkPos.x + vp->WorkSize.x - list_w - style.WindowPadding.x),
                                 b1.y + style.ItemSpacing.y));
  ImGui::SetNextWindowSize(ImVec2(list_w, 0));
  if (ImGui::BeginPopup("nav_menu_list")) {
    ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), "nnlab");
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    wrapped_text(text::T("app.tagline"));
    ImGui::PopStyleColor();
    ImGui::Separator();
    draw_nav_entries(0);
    if (after_menu + lang_w > right) {  // no room beside the button: here, so it stays reachable
      ImGui::Separator();
      draw_language_switch();
    }
    ImGui::EndPopup();
  }
  ImGui::Separator();
}

std::vector<App::StatusLine> App::status_lines(float width) {
  const BuildInfo b = build_info();
  // Refreshed twice a second: readable, and a still page keeps drawing the same picture (the web
  // build skips presenting those frames, platform/picture.h).
  if (ImGui::GetTime() - shown_stats_at_ >= 0.5 || shown_stats_at_ < 0) {
    shown_stats_ = stats_;
    shown_stats_at_ = ImGui::GetTime();
  }
  char fps[16], ms[16];
  std::snprintf(fps, sizeof fps, "%.0f", double(shown_stats_.fps));
  std::snprintf(ms, sizeof ms, "%.1f", double(shown_stats_.frame_ms));
  const bool web = std::string_view(info_.platform) == "web";
  const ImVec4 text_color = ImGui::GetStyleColorVec4(ImGuiCol_Text);
  std::vector<StatusLine> lines;
  std::string status = text::tr("app.status", {{"fps", fps},
                                               {"ms", ms},
                                               {"build", text::T(web ? "app.build.web" : "app.build.native")},
                                               {"simd", b.simd},
                                               {"version", b.version}});
  if (ImGui::CalcTextSize(status.c_str()).x > width)  // a narrow screen: what matters most
    status = text::tr("layout.status_short", {{"fps", fps}, {"ms", ms}, {"version", b.version}});
  lines.push_back({status, text_color, false});
  if (!notice_.empty() && ImGui::GetTime() - notice_time_ < 12.0) {
    const ImVec4 color = notice_is_error_ ? ImVec4(1, 0.45f, 0.4f, 1) : ImVec4(0.6f, 0.9f, 0.6f, 1);
    const std::string beside = "  |  " + notice_;
    const float used = ImGui::CalcTextSize(status.c_str()).x;
    if (used + ImGui::CalcTextSize(beside.c_str()).x <= width) {
      lines.push_back({beside, color, true});
    } else {  // on rows of its own below, wrapped (at most three)
      const ImFont* font = ImGui::GetFont();
      const float scale = ImGui::GetFontSize() / font->FontSize;
      const auto rows = wrap_lines(notice_, width,
                                   [&](unsigned c) { return font->GetCharAdvance(ImWchar(c)) * scale; });
      for (size_t k = 0; k < rows.size() && k < 3; ++k) lines.push_back({std::string(rows[k]), color, false});
    }
  }
  return lines;
}

void App::draw_status_bar(const std::vector<StatusLine>& lines) {
  ImGui::Separator();
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing,
                      ImVec2(ImGui::GetStyle().ItemSpacing.x, layout::base_style().ItemSpacing.y));
  for (const StatusLine& line : lines) {
    if (line.same_line) ImGui::SameLine(0, 0);
    ImGui::TextColored(line.color, "%s", line.text.c_str());
  }
  ImGui::PopStyleVar();
}

void App::notify(const std::string& message, bool error) {
  notice_ = to_valid_utf8(message);  // it may quote a file's bytes; it is shown and goes into state()
  notice_is_error_ = error;
  notice_time_ = ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0;
}

namespace {

// Whether `bytes` is a whole TrueType font: the table directory within the file, every table
// within it, the tables the font builder reads present, and every table's checksum right. The
// font builder (stb_truetype) trusts a font's offsets, so anything less is refused before it
// reads (a file merely named like the font and starting like one read out of bounds).
bool whole_truetype_font(const std::string& bytes) {
  const auto u8 = [&](size_t i) { return uint32_t(uint8_t(bytes[i])); };
  const auto u16 = [&](size_t i) { return u8(i) << 8 | u8(i + 1); };
  const auto u32 = [&](size_t i) { return u8(i) << 24 | u8(i + 1) << 16 | u8(i + 2) << 8 | u8(i + 3); };
  if (bytes.size() < 12 || bytes.size() > (size_t(64) << 20) || u32(0) != 0x00010000) return false;
  const size_t tables = u16(4);
  if (tables == 0 || 12 + 16 * tables > bytes.size()) return false;
  int required = 0;
  for (size_t t = 0; t < tables; ++t) {
    const size_t at = 12 + 16 * t;
    const uint32_t tag = u32(at), checksum = u32(at + 4), offset = u32(at + 8), length = u32(at + 12);
    if (offset > bytes.size() || length > bytes.size() - offset) return false;
    for (uint32_t want : {0x636d6170u /*cmap*/, 0x68656164u /*head*/, 0x68686561u /*hhea*/, 0x686d7478u /*hmtx*/,
                          0x6c6f6361u /*loca*/, 0x676c7966u /*glyf*/, 0x6d617870u /*maxp*/})
      if (tag == want) ++required;
    if (tag == 0x68656164u) continue;  // head's checksum leaves out its own checkSumAdjustment
    uint32_t sum = 0;
    for (size_t i = 0; i < length; i += 4) {
      uint32_t word = 0;
      for (size_t k = 0; k < 4; ++k) word = word << 8 | (i + k < length ? u8(offset + i + k) : 0);
      sum += word;
    }
    if (sum != checksum) return false;
  }
  return required == 7;
}

}  // namespace

std::string App::open_file(const std::string& file_name, const std::string& bytes) {
  const std::string name = to_valid_utf8(file_name);  // a file's name is whatever bytes it has
  if (name == kCjkFont) {  // delivered by the page when Chinese is wanted
    if (!whole_truetype_font(bytes)) {
      notify(text::T("app.font_broken"), true);
      return text::T("app.font_broken");
    }
    cjk_font_ = bytes;
    if (wanted_language_ == text::Lang::zh) apply_language(text::Lang::zh);
    notify("", false);
    return "";
  }
  std::optional<std::string> result;
  try {  // a file too large for the memory there is: a message, never the end of the app
    result = view(current_).open_file(name, bytes);
    for (ViewId v : kAllViews)
      if (!result && v != current_) result = view(v).open_file(name, bytes);
  } catch (const std::bad_alloc&) {
    result = text::tr("reliability.out_of_memory", {{"name", name}, {"mb", std::to_string(bytes.size() >> 20)}});
  }
  const bool digits = name == kEmbeddedMnistFile;  // delivered by the page, not chosen by the user
  const std::string message = !result            ? text::tr("app.file_unknown", {{"name", name}})
                              : !result->empty() ? *result
                              : digits           ? std::string(text::T("app.digits_ready"))
                                                 : text::tr("app.opened", {{"name", name}});
  notify(message, !result || !result->empty());
  return result && result->empty() ? "" : message;
}

std::string App::command(std::string_view line) {
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\n')) line.remove_suffix(1);
  const size_t sp = line.find(' ');
  const std::string_view verb = line.substr(0, sp);
  std::string_view rest = sp == std::string_view::npos ? std::string_view() : line.substr(sp + 1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (verb == "view") {
    auto v = parse_view(rest);
    if (!v) v = view_for_lesson(*this, rest);
    if (!v) return text::tr("app.unknown_view", {{"name", std::string(rest)}, {"choices", kViewChoices}});
    current_ = *v;
    return "";
  }
  if (verb == "lang") {
    text::Lang lang;
    if (!text::parse_lang(rest, &lang)) return text::tr("app.unknown_lang", {{"name", std::string(rest)}});
    return set_language(lang);
  }
  if (verb == "set") {
    const size_t sp2 = rest.find(' ');
    if (sp2 == std::string_view::npos) return text::tr("app.usage", {{"command", "set KEY VALUE"}});
    return view(current_).set(rest.substr(0, sp2), rest.substr(sp2 + 1));
  }
  if (verb == "link") {
    std::vector<std::string> warnings;
    apply_link(rest, &warnings);
    std::string joined;
    for (const auto& w : warnings) joined += (joined.empty() ? "" : "; ") + w;
    return joined;
  }
  if (verb == "help" || verb.empty())
    return text::tr("app.help",
                    {{"commands", "view NAME · set KEY VALUE · link #view=… · lang en|zh"}, {"example", "set w1 0.5"}});
  if (auto result = view(current_).command(verb, rest)) return *result;
  return text::tr("app.unknown_command", {{"verb", std::string(verb)}, {"help", "help"}});
}

std::string App::link() const {
  std::string link = "#view=" + std::string(view_name(current_));
  view(current_).append_link(&link);
  link.append("&lang=").append(text::lang_code(wanted_language_));
  return link;
}

void App::apply_link(std::string_view text, std::vector<std::string>* warnings) {
  std::vector<std::string> bad;
  for (const auto& [key, value] : parse_link(text, &bad)) {
    std::string error;
    if (key == "view") {
      auto v = parse_view(value);
      if (!v) v = view_for_lesson(*this, value);
      if (v) current_ = *v;
      else error = text::tr("app.unknown_view", {{"name", value}, {"choices", kViewChoices}});
    } else if (key == "lang") {
      text::Lang lang;
      if (!text::parse_lang(value, &lang)) error = text::tr("app.unknown_lang", {{"name", value}});
      else if (lang != wanted_language_) (void)set_language(lang);
    } else {
      error = view(current_).set(key, value);
    }
    if (!error.empty()) bad.push_back(text::tr("app.link_ignored", {{"key", key}, {"value", value}, {"why", error}}));
  }
  if (warnings) *warnings = std::move(bad);
}

namespace {

// What the last frame drew (ImGui's draw lists): a software rasteriser's time goes with the
// triangles and the pixels they cover (`fill`: covered pixels per pixel of the window, triangles
// clipped to their command's rectangle only roughly, by their bounding box), so the benchmarks
// report it beside the frame rate.
nlohmann::json draw_summary() {
  const ImDrawData* d = ImGui::GetCurrentContext() ? ImGui::GetDrawData() : nullptr;
  if (!d || !d->Valid) return nullptr;
  long long commands = 0, triangles = 0;
  double area = 0;
  for (int l = 0; l < d->CmdListsCount; ++l) {
    const ImDrawList* list = d->CmdLists[l];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) continue;
      ++commands;
      const ImVec4 c = cmd.ClipRect;
      for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
        const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset + i;
        const ImVec2 a = list->VtxBuffer[int(cmd.VtxOffset + idx[0])].pos;
        const ImVec2 b = list->VtxBuffer[int(cmd.VtxOffset + idx[1])].pos;
        const ImVec2 e = list->VtxBuffer[int(cmd.VtxOffset + idx[2])].pos;
        const float x0 = std::max(c.x, std::min({a.x, b.x, e.x})), x1 = std::min(c.z, std::max({a.x, b.x, e.x}));
        const float y0 = std::max(c.y, std::min({a.y, b.y, e.y})), y1 = std::min(c.w, std::max({a.y, b.y, e.y}));
        ++triangles;
        if (x1 <= x0 || y1 <= y0) continue;
        const double whole = std::abs((b.x - a.x) * (e.y - a.y) - (e.x - a.x) * (b.y - a.y)) * 0.5;
        area += std::min(whole, double(x1 - x0) * double(y1 - y0));
      }
    }
  }
  const double pixels = double(d->DisplaySize.x) * double(d->DisplaySize.y);
  return {{"commands", commands}, {"triangles", triangles}, {"vertices", d->TotalVtxCount},
          {"fill", pixels > 0 ? area / pixels : 0.0}};
}

}  // namespace

std::string App::state_json() const {
  const BuildInfo b = build_info();
  nlohmann::json j = {
      {"view", view_name(current_)},
      {"lang", text::lang_code(text::language())},
      {"lang_wanted", text::lang_code(wanted_language_)},
      {"link", link()},
      {"fps", stats_.fps},
      {"frame_ms", stats_.frame_ms},
      {"max_frame_ms", stats_.max_frame_ms},
      {"cpu_ms", stats_.cpu_ms},
      {"presented_per_s", stats_.presented_per_s},
      {"draw", draw_summary()},
      {"frames", frame_count_},
      {"notice", notice_},
      {"notice_is_error", notice_is_error_},
      {"build",
       {{"version", b.version},
        {"platform", info_.platform},
        {"simd", b.simd},
        {"simd_active", b.simd_active},
        {"compiler", b.compiler}}},
  };
  for (ViewId v : kAllViews) view(v).state(&j[std::string(view_name(v))]);
  int count = 0;
  const ItemRect* items = remembered_items(&count);
  nlohmann::json ui = nlohmann::json::object();
  for (int i = 0; i < count; ++i) ui[items[i].name] = {items[i].x0, items[i].y0, items[i].x1, items[i].y1};
  j["ui"] = ui;
  input_.state(&j["input"]);
  j["scale"] = scale_;
  if (ImGui::GetCurrentContext())  // the font atlas: its size and how long building it took
    j["font_atlas"] = {{"width", ImGui::GetIO().Fonts->TexWidth},
                       {"height", ImGui::GetIO().Fonts->TexHeight},
                       {"build_ms", atlas_ms_},
                       {"chinese", text::language() == text::Lang::zh}};
  // Every text in it should already be valid UTF-8; should one not be, its bytes become U+FFFD
  // rather than stopping the app (nlohmann refuses to write invalid UTF-8).
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace nnlab::app
