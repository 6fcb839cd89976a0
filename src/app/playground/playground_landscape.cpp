// The loss landscape panel ("walking downhill blindfolded"): the training loss over a window of two
// weights, its contour lines, where the network is, the downhill arrow (−gradient) and the path of
// the last steps; and SGD, momentum and Adam racing from the same start side by side.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/common/layout.h"
#include "app/common/widgets.h"
#include "app/playground/playground_view.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"
#include "playground/palette.h"
#include "text/text.h"

namespace nnlab::app {
namespace {

using namespace nnlab::playground;
using text::T;
using text::tr;

constexpr ImU32 kRacerColors[3] = {IM_COL32(255, 120, 90, 255), IM_COL32(120, 220, 255, 255),
                                   IM_COL32(250, 230, 90, 255)};

std::string param_symbol(const Mlp& m, size_t index) {
  ParamRef p;
  if (!param_ref(m, index, &p)) return "?";
  const Notation n(m);
  return p.in < 0 ? n.b(p.layer, p.out) : n.w(p.layer, p.out, p.in);
}

}  // namespace

void PlaygroundView::draw_landscape(float width, bool narrow) {
  if (settings_.hides(Control::landscape)) return;
  const float f = ImGui::GetFontSize();
  ImGui::Spacing();
  if (landscape_open_) ImGui::SetNextItemOpen(true, ImGuiCond_Always);
  const bool open = ImGui::CollapsingHeader(with_id(T("playground.land.title"), "landscape").c_str());
  remember_item("playground.landscape");
  if (!open) {
    landscape_open_ = false;
    return;
  }
  const Mlp& m = engine_.model();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  const std::string choose = T(layout::pointer_key("playground.land.choose", "playground.tap.land.choose"));
  wrapped_text(
      text::two_sentences(text::two_sentences(T("playground.land.intro"), choose), T("playground.land.legend")));
  ImGui::PopStyleColor();
  if (!land_.has_axes()) {
    if (ImGui::Button(with_id(T("playground.land.first_two"), "land_first").c_str()) && m.parameter_count() >= 2) {
      const std::string e = landscape_command("w 1 1 1 b 1 1");
      if (!e.empty()) say_text(e, true);
    }
    remember_item("playground.land_first");
    return;
  }
  landscape_open_ = true;
  const size_t a = land_.a(), b = land_.b();
  wrapped_text(tr("playground.land.axes", {{"a", param_symbol(m, a)},
                                           {"va", format_number(m.params()[a])},
                                           {"b", param_symbol(m, b)},
                                           {"vb", format_number(m.params()[b])}}));
  ImGui::SetNextItemWidth(std::min(width, 14 * f));
  float span = land_span_;
  if (ImGui::SliderFloat(with_id(T("playground.land.window"), "land_span").c_str(), &span, 0.25f, 10.0f, "\u00b1 %.2f",
                         ImGuiSliderFlags_Logarithmic))
    land_span_ = span, land_started_for_ = ~0ull;
  remember_item("playground.land_span");
  if (!land_.ready()) {
    ImGui::TextDisabled("%s", T("playground.land.computing"));
    return;
  }
  const float size = std::min(narrow ? width : width * 0.45f, 22 * f);
  ImGui::BeginGroup();
  draw_landscape_map("land", size, -1);
  ImGui::TextUnformatted(tr("playground.land.loss", {{"loss", format_number(land_.centre_loss())},
                                                     {"min", format_number(land_.min_loss())},
                                                     {"max", format_number(land_.max_loss())}})
                             .c_str());
  ImGui::EndGroup();
  if (!narrow) ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(0.0f);  // the window's right edge (the map's group can be wider than the map)
  ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), "%s", T("playground.land.race"));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", T("playground.land.race_intro"));
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  ImGui::SetNextItemWidth(10 * f);
  ImGui::SliderFloat(with_id(T("playground.land.race_lr"), "race_lr").c_str(), &race_lr_, 0.001f, 50.0f, "%.3g",
                     ImGuiSliderFlags_Logarithmic);
  remember_item("playground.race_lr");
  if (ImGui::Button(with_id(T("playground.land.race_go"), "race").c_str(),
                    ImVec2(0, std::max(1.9f * f, layout::target_height())))) {
    const auto e = command("race", "");
    if (e && !e->empty()) say_text(*e, true);
  }
  remember_item("playground.race");
  ImGui::EndGroup();
  if (land_.has_race()) {
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float small = narrow ? std::min(width, 16 * f) : std::min((width - 2 * gap) / 3, 16 * f);
    static const char* const kNames[3] = {"SGD", "playground.opt.momentum", "Adam"};
    for (int i = 0; i < 3; ++i) {
      if (i && !narrow) ImGui::SameLine();
      ImGui::BeginGroup();
      const auto& r = land_.racer(i);
      draw_landscape_map(i == 0 ? "race0" : i == 1 ? "race1" : "race2", small, i);
      const std::string name = i == 1 ? T(kNames[1]) : kNames[i];
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(kRacerColors[i]));
      ImGui::TextUnformatted(r.diverged ? tr("playground.land.racer_diverged",
                                             {{"name", name}, {"steps", std::to_string(r.path.size() - 1)}})
                                              .c_str()
                                        : tr("playground.land.racer", {{"name", name},
                                                                       {"loss", format_number(r.losses.back())},
                                                                       {"steps", std::to_string(r.path.size() - 1)}})
                                              .c_str());
      ImGui::PopStyleColor();
      ImGui::EndGroup();
    }
  }
}

// The map of the landscape with its contours; racer < 0: the network's own position, the
// downhill arrow and its path; racer 0 … 2: that optimizer's path from the shared start.
void PlaygroundView::draw_landscape_map(const char* id, float size, int racer) {
  const float f = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float cell = size / float(Landscape::kRes - 1);
  auto at = [&](float col, float row) { return ImVec2(o.x + col * cell, o.y + row * cell); };
  auto of = [&](float a, float b) { return at(land_.col_of(a), land_.row_of(b)); };
  if (land_tex_.id) {
    // the texture's texel centres sit on the grid points
    const float half = 0.5f / float(Landscape::kRes);
    dl->AddImage(land_tex_.imgui_id(), o, ImVec2(o.x + size, o.y + size), ImVec2(half, half),
                 ImVec2(1 - half, 1 - half));
  } else {
    dl->AddRectFilled(o, ImVec2(o.x + size, o.y + size), IM_COL32(30, 30, 40, 255));
  }
  // contours at loss levels spaced evenly in log between the window's lowest and highest
  const float lo = std::max(land_.min_loss(), 1e-9f), hi = std::max(land_.max_loss(), lo * 1.001f);
  std::vector<float> seg;
  for (int k = 1; k <= 9; ++k) {
    seg.clear();
    const float level = lo * std::pow(hi / lo, float(k) / 10.0f);
    contour_segments(land_.loss(), Landscape::kRes, level, &seg);
    for (size_t i = 0; i + 3 < seg.size(); i += 4)
      dl->AddLine(at(seg[i], seg[i + 1]), at(seg[i + 2], seg[i + 3]), IM_COL32(255, 255, 255, 110), 1.0f);
  }
  dl->PushClipRect(o, ImVec2(o.x + size, o.y + size), true);
  if (racer < 0) {
    const auto& path = engine_.path();
    for (size_t i = 1; i < path.size(); ++i)
      dl->AddLine(of(path[i - 1].first, path[i - 1].second), of(path[i].first, path[i].second),
                  IM_COL32(255, 200, 60, 230), 2.0f);
    // downhill: −∇L from the window's centre, its length fixed (the direction is what the map shows)
    const float ga = land_.grad_a(), gb = land_.grad_b(), g = std::sqrt(ga * ga + gb * gb);
    const ImVec2 c = of(land_.a0(), land_.b0());
    if (g > 0) {
      const float len = size * 0.18f;
      const ImVec2 d(-ga / g * len, gb / g * len);  // screen y points down, b up
      const ImVec2 tip(c.x + d.x, c.y + d.y);
      dl->AddLine(c, tip, IM_COL32(255, 255, 255, 255), 2.5f);
      const ImVec2 u(d.x / len, d.y / len), n(-u.y, u.x);
      const float h = 0.5f * f;
      dl->AddTriangleFilled(tip, ImVec2(tip.x - u.x * h + n.x * h * 0.5f, tip.y - u.y * h + n.y * h * 0.5f),
                            ImVec2(tip.x - u.x * h - n.x * h * 0.5f, tip.y - u.y * h - n.y * h * 0.5f), IM_COL32_WHITE);
    }
    const Mlp& m = engine_.model();
    const ImVec2 now = of(m.params()[land_.a()], m.params()[land_.b()]);
    dl->AddCircleFilled(now, 0.32f * f, IM_COL32(20, 20, 20, 255));
    dl->AddCircleFilled(now, 0.22f * f, IM_COL32_WHITE);
  } else {
    const auto& r = land_.racer(racer);
    for (size_t i = 1; i < r.path.size(); ++i)
      dl->AddLine(of(r.path[i - 1].first, r.path[i - 1].second), of(r.path[i].first, r.path[i].second),
                  kRacerColors[racer], 2.0f);
    if (!r.path.empty()) {
      dl->AddCircleFilled(of(r.path.front().first, r.path.front().second), 0.25f * f, IM_COL32_WHITE);
      dl->AddCircleFilled(of(r.path.back().first, r.path.back().second), 0.25f * f, kRacerColors[racer]);
    }
  }
  dl->PopClipRect();
  ImGui::InvisibleButton(id, ImVec2(size, size));
  remember_item(stable_name(std::string("playground.") + id));
  if (ImGui::IsItemHovered()) {
    const ImVec2 p = ImGui::GetIO().MousePos;
    const float col = std::clamp((p.x - o.x) / cell, 0.0f, float(Landscape::kRes - 1));
    const float row = std::clamp((p.y - o.y) / cell, 0.0f, float(Landscape::kRes - 1));
    const int c = int(std::lround(col)), r = int(std::lround(row));
    ImGui::SetTooltip(
        "%s", tr("playground.land.here", {{"a", format_number(land_.a_at(col))},
                                          {"b", format_number(land_.b_at(row))},
                                          {"loss", format_number(land_.loss()[size_t(r) * Landscape::kRes + c])}})
                  .c_str());
  }
}

}  // namespace nnlab::app
