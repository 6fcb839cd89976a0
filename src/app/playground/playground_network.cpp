// The network diagram, as TF Playground draws it: the seven features on the left (tap one to use it
// or not), a column of tiles per hidden layer with + / − above it and its activation below, the
// output on the right; every tile is what its neuron computes over the whole plane, links coloured
// and thickened by their weights. Hover (or tap) a tile: its map fills the output plot; tap a link
// or a tile: edit that weight or the neuron's bias.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/common/layout.h"
#include "app/common/widgets.h"
#include "app/playground/playground_view.h"
#include "lessons/number_format.h"
#include "playground/palette.h"
#include "text/text.h"

namespace nnlab::app {
namespace {

using namespace nnlab::playground;
using text::T;
using text::tr;

ImU32 u32(Rgb c, float alpha = 1.0f) {
  return IM_COL32(to_byte(c.r), to_byte(c.g), to_byte(c.b), int(std::clamp(alpha, 0.0f, 1.0f) * 255));
}

float segment_distance(ImVec2 p, ImVec2 a, ImVec2 b) {
  const float dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
  const float t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0f, 1.0f) : 0.0f;
  const float ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
  return std::sqrt(ex * ex + ey * ey);
}

const char* short_activation(Activation a) {
  switch (a) {
    case Activation::relu: return "ReLU";
    case Activation::leaky_relu: return T("playground.act.leaky_short");
    case Activation::tanh: return "tanh";
    case Activation::sigmoid: return "\u03c3";
    default: return T("playground.act.linear_short");
  }
}

}  // namespace

void PlaygroundView::draw_network(float width, float height) {
  const float f = ImGui::GetFontSize();
  const Mlp& m = engine_.model();
  const int L = m.layer_count(), H = L - 1;
  const bool shape_fixed = settings_.lock;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // Changes of the network wait until the diagram is drawn (they rebuild the Mlp drawn here).
  std::string change_key, change_value;
  auto later = [&](const char* key, std::string value) { change_key = key, change_value = std::move(value); };
  auto net_text = [](const std::vector<int>& h) {
    std::string net;
    for (int n : h) net += (net.empty() ? "" : ",") + std::to_string(n);
    return net;
  };

  // ---- header: the features' title, the hidden layers' count with + / −
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const float finger = layout::target_height();  // 44 CSS px on a touch screen, a frame's height otherwise
  const float button = std::max(1.9f * f, finger);
  ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), "%s", T("playground.features"));
  ImGui::SameLine(std::max(ImGui::CalcTextSize(T("playground.features")).x + f, width * 0.3f));
  if (!settings_.hides(Control::layers) && !shape_fixed) {
    ImGui::BeginDisabled(H >= kMaxHiddenLayers);
    if (ImGui::Button("+###layers+", ImVec2(button, button))) {
      std::vector<int> h = settings_.hidden;
      h.push_back(2);  // TF Playground adds a layer of two
      later("net", net_text(h));
    }
    ImGui::EndDisabled();
    remember_item("playground.layers +");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", T("playground.add_layer"));
    ImGui::SameLine();
    ImGui::BeginDisabled(H == 0);
    if (ImGui::Button("\u2212###layers-", ImVec2(button, button))) {
      std::vector<int> h = settings_.hidden;
      h.pop_back();
      later("net", net_text(h));
    }
    ImGui::EndDisabled();
    remember_item("playground.layers -");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", T("playground.remove_layer"));
    ImGui::SameLine();
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text::tr_count("playground.hidden_layers", H, {{"count", std::to_string(H)}}).c_str());
  if (shape_fixed) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", T("playground.locked"));
  }

  // ---- geometry: column 0 the features, 1 … H the hidden layers, H + 1 the output
  int most = kFeatureCount;
  for (int l = 0; l < L; ++l) most = std::max(most, m.layer(l).outputs);
  const float plus_h = std::max(1.6f * f, finger);  // a column's + and −
  const float buttons_h = (!settings_.hides(Control::neurons) && !shape_fixed && H > 0) ? plus_h + 1.8f * f : 1.4f * f;
  const float combo_h = (!settings_.hides(Control::act) && H > 0)
                            ? std::max(2.2f * f, ImGui::GetFrameHeight() + 0.4f * f)
                            : 0.0f;
  float area_h = std::max(6 * f, height - (ImGui::GetCursorScreenPos().y - top.y) - buttons_h - combo_h);
  // A finger: rows a fingertip apart however many neurons a layer has (the column scrolls).
  if (layout::touch()) area_h = std::max(area_h, float(most) * 1.3f * finger);
  const float label_w = ImGui::CalcTextSize("sin X\u2081").x + 0.6f * f;
  const float tile = std::clamp(std::min(area_h / (float(most) * 1.3f), (width - label_w) / (float(H + 2) * 1.9f)),
                                1.2f * f, 3.4f * f);
  const float pitch = tile * 1.3f;
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float col0 = o.x + label_w + tile / 2;
  const float col_gap = H + 1 > 0 ? (width - label_w - tile) / float(H + 1) : 0;
  const float tiles_top = o.y + buttons_h;
  auto centre = [&](int column, int k) {
    return ImVec2(col0 + col_gap * float(column), tiles_top + pitch * float(k) + tile / 2);
  };
  auto feature_row = [&](int input) { return int(nth_feature(settings_.features, input)); };
  const float scale = f / 16.0f;
  const float thickness = std::clamp(tile / (2.2f * f), 0.35f, 1.0f) * 0.75f * scale;

  // ---- + / − and the neuron count above each hidden column
  if (!settings_.hides(Control::neurons) && !shape_fixed) {
    for (int l = 0; l < H; ++l) {
      const ImVec2 c = centre(l + 1, 0);
      const float bw = std::min(layout::touch() ? finger : 1.6f * f, col_gap * 0.45f);
      ImGui::SetCursorScreenPos(ImVec2(c.x - bw - 1, o.y));
      ImGui::PushID(l);
      ImGui::BeginDisabled(settings_.hidden[size_t(l)] >= kMaxNeurons);
      if (ImGui::Button("+", ImVec2(bw, plus_h))) {
        std::vector<int> h = settings_.hidden;
        ++h[size_t(l)];
        later("net", net_text(h));
      }
      ImGui::EndDisabled();
      remember_item(stable_name("playground.neurons " + std::to_string(l + 1) + " +"));
      ImGui::SameLine(0, 2);
      ImGui::BeginDisabled(settings_.hidden[size_t(l)] <= 1);
      if (ImGui::Button("\u2212", ImVec2(bw, plus_h))) {
        std::vector<int> h = settings_.hidden;
        --h[size_t(l)];
        later("net", net_text(h));
      }
      ImGui::EndDisabled();
      remember_item(stable_name("playground.neurons " + std::to_string(l + 1) + " -"));
      ImGui::PopID();
      const int n = settings_.hidden[size_t(l)];
      std::string label = text::tr_count("playground.neurons", n, {{"count", std::to_string(n)}});
      if (ImGui::CalcTextSize(label.c_str()).x > col_gap * 0.95f) label = std::to_string(n);
      centered_text(dl, ImVec2(c.x, o.y + plus_h + 0.9f * f), ImGui::GetColorU32(ImGuiCol_TextDisabled), label.c_str());
    }
  }

  // ---- links, behind the tiles
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const ImVec2 area_min(o.x, tiles_top), area_max(o.x + width, tiles_top + pitch * float(most));
  const bool mouse_in = ImGui::IsWindowHovered() && mouse.x >= area_min.x && mouse.x < area_max.x &&
                        mouse.y >= area_min.y && mouse.y < area_max.y;
  struct Hit {
    int l = -1, o = 0, i = 0;
    float d = 1e9f;
  } nearest;
  // Each link an S-curve of 7 segments, its width a whole number of pixels: ImGui then draws it
  // with its textured anti-aliased lines, 2 triangles a segment instead of 6 (a 6 × 8 network has
  // 344 links, redrawn every frame while it trains; a software rasteriser pays per triangle).
  constexpr int kCurvePoints = 8, kTargetPoint = 5;  // the weight's target 5/7 of the way along
  ImVec2 pts[kCurvePoints];
  auto curve = [&](ImVec2 a, ImVec2 b) {
    const float dx = (b.x - a.x) * 0.5f;
    for (int k = 0; k < kCurvePoints; ++k) {
      const float t = float(k) / float(kCurvePoints - 1), u = 1 - t;
      const ImVec2 c1(a.x + dx, a.y), c2(b.x - dx, b.y);
      pts[k] = ImVec2(u * u * u * a.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * b.x,
                      u * u * u * a.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * b.y);
    }
  };
  for (int l = 0; l < L; ++l) {
    const LayerSpec& s = m.layer(l);
    for (int out = 0; out < s.outputs; ++out)
      for (int in = 0; in < s.inputs; ++in) {
        const float w = m.weights(l)[size_t(out) * s.inputs + in];
        const ImVec2 a = centre(l, l == 0 ? feature_row(in) : in), b = centre(l + 1, out);
        curve(ImVec2(a.x + tile / 2 + 1, a.y),
              ImVec2(b.x - tile / 2 - 1, b.y + (float(in) - (s.inputs - 1) * 0.5f) / s.inputs * tile * 0.4f));
        const bool chosen = selection_.kind == Selection::Kind::weight && selection_.layer == l &&
                            selection_.out == out && selection_.in == in;
        const float th = std::max(1.0f, std::round(link_width(w) * thickness));
        dl->AddPolyline(pts, kCurvePoints, chosen ? kHighlight : u32(diverging_color(w), 0.85f), 0, chosen ? th + 2 : th);
        if (mouse_in)
          for (int k = 0; k + 1 < kCurvePoints; ++k) {
            const float d = segment_distance(mouse, pts[k], pts[k + 1]);
            if (d < nearest.d) nearest = {l, out, in, d};
          }
        // a target for taps, scripts and the keyboard at 70 % of the way (TF's weight callout)
        if (!settings_.hides(Control::weights)) {
          const ImVec2 p = pts[kTargetPoint];
          const float r = std::max(0.35f * f, th * 0.5f);
          ImGui::SetCursorScreenPos(ImVec2(p.x - r, p.y - r));
          ImGui::PushID(l * 100000 + out * 100 + in);
          if (ImGui::InvisibleButton("edge", ImVec2(2 * r, 2 * r))) {
            selection_ = {Selection::Kind::weight, l, out, in};
            focus_editor_ = false;
          }
          if (ImGui::IsItemHovered()) nearest = {l, out, in, 0};
          ImGui::PopID();
          remember_item(stable_name("playground.edge " + std::to_string(l + 1) + " " + std::to_string(out + 1) + " " +
                                    std::to_string(in + 1)));
        }
      }
  }

  // ---- tiles
  hover_feature_ = -1;
  hover_layer_ = -2;
  const int atlas_rows = tiles_tex_.height / Maps::kTile;
  auto tile_uv = [&](int index, ImVec2* uv0, ImVec2* uv1) {
    const float cols = float(tile_cols_), rows = float(std::max(1, atlas_rows));
    const int r = index / tile_cols_, c = index % tile_cols_;
    const float inset = 0.5f / float(Maps::kTile);
    *uv0 = ImVec2((float(c) + inset) / cols, (float(r) + inset) / rows);
    *uv1 = ImVec2((float(c + 1) - inset) / cols, (float(r + 1) - inset) / rows);
  };
  int atlas_index = 0;
  bool any_tile_hovered = false;
  // The tiles' pictures in one channel and their frames, biases and labels in another: one draw
  // call for all the pictures instead of two for every tile (the atlas and the font's texture).
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  auto draw_tile = [&](ImVec2 c, int index, bool dim, bool glow, const char* name) {
    const ImVec2 a(c.x - tile / 2, c.y - tile / 2), b(c.x + tile / 2, c.y + tile / 2);
    if (tiles_tex_.id) {
      ImVec2 uv0, uv1;
      tile_uv(index, &uv0, &uv1);
      dl->ChannelsSetCurrent(0);
      dl->AddImage(tiles_tex_.imgui_id(), a, b, uv0, uv1, dim ? IM_COL32(255, 255, 255, 70) : IM_COL32_WHITE);
      dl->ChannelsSetCurrent(1);
    } else {
      dl->AddRectFilled(a, b, IM_COL32(60, 60, 60, 255));
    }
    // A finger's target reaches past a small tile, as far as its neighbours leave room.
    const float hit = layout::touch() ? std::max(tile, std::min({finger, pitch, col_gap * 0.9f})) : tile;
    ImGui::SetCursorScreenPos(ImVec2(c.x - hit / 2, c.y - hit / 2));
    const bool clicked = ImGui::InvisibleButton(name, ImVec2(hit, hit));
    const bool hovered = ImGui::IsItemHovered();
    remember_item(name);
    any_tile_hovered |= hovered;
    dl->AddRect(ImVec2(a.x - 1, a.y - 1), ImVec2(b.x + 1, b.y + 1),
                glow      ? kHighlight
                : hovered ? IM_COL32_WHITE
                          : IM_COL32(90, 90, 96, 255),
                0, 0, glow || hovered ? 2.0f : 1.0f);
    return std::pair<bool, bool>(clicked, hovered);
  };
  for (int ft = 0; ft < kFeatureCount; ++ft) {
    const ImVec2 c = centre(0, ft);
    const bool on = has_feature(settings_.features, Feature(ft));
    const auto [clicked, hovered] = draw_tile(c, atlas_index++, !on, false,
                                              stable_name("playground.tile 0 " + std::to_string(ft + 1)));
    const char* label = feature_label(Feature(ft));
    const ImVec2 ts = ImGui::CalcTextSize(label);
    dl->AddText(ImVec2(c.x - tile / 2 - ts.x - 0.3f * f, c.y - ts.y / 2),
                on ? ImGui::GetColorU32(ImGuiCol_Text) : ImGui::GetColorU32(ImGuiCol_TextDisabled), label);
    if (hovered) {
      hover_feature_ = ft;
      ImGui::SetTooltip("%s", shape_fixed || settings_.hides(Control::features)
                                  ? T("playground.feature_tip_fixed")
                                  : T(layout::pointer_key("playground.features_tip", "playground.tap.features_tip")));
    }
    if (clicked && !shape_fixed && !settings_.hides(Control::features)) {
      const FeatureMask mask = settings_.features ^ FeatureMask(1u << ft);
      if (mask != 0) later("features", features_text(mask));
    }
  }
  for (int l = 0; l < L; ++l) {
    for (int n = 0; n < m.layer(l).outputs; ++n) {
      const ImVec2 c = centre(l + 1, n);
      const bool glow = selection_.kind == Selection::Kind::neuron && selection_.layer == l && selection_.out == n;
      const auto [clicked, hovered] = draw_tile(
          c, atlas_index++, false, glow,
          stable_name("playground.tile " + std::to_string(l + 1) + " " + std::to_string(n + 1)));
      // the bias: TF Playground's small square at the tile's lower left
      const float bs = std::max(4.0f, tile * 0.18f);
      const float bias = m.bias(l)[size_t(n)];
      dl->AddRectFilled(ImVec2(c.x - tile / 2 - bs - 2, c.y + tile / 2 - bs),
                        ImVec2(c.x - tile / 2 - 2, c.y + tile / 2), u32(diverging_color(bias)));
      if (hovered) {
        hover_layer_ = l, hover_neuron_ = n;
        ImGui::SetTooltip("%s", tr(layout::pointer_key("playground.neuron_tip", "playground.tap.neuron_tip"),
                                   {{"bias", format_number(bias)}})
                                    .c_str());
      }
      if (clicked) {
        selection_ = {Selection::Kind::neuron, l, n, 0};
        focus_layer_ = l < L - 1 ? l : -1;
        focus_neuron_ = n;
      }
    }
  }
  if (L > 0) {  // the output's name beside its tile(s)
    const ImVec2 c = centre(H + 1, 0);
    centered_text(dl, ImVec2(c.x, tiles_top - 0.7f * f), ImGui::GetColorU32(ImGuiCol_TextDisabled),
                  T("playground.output_node"));
  }
  dl->ChannelsMerge();

  // ---- the link under the pointer: its weight (TF's hover card), a click edits it
  if (!any_tile_hovered && nearest.l >= 0 && nearest.d < (layout::touch() ? f : std::max(0.45f * f, 6.0f)) &&
      !settings_.hides(Control::weights)) {
    const LayerSpec& s = m.layer(nearest.l);
    const float w = m.weights(nearest.l)[size_t(nearest.o) * s.inputs + nearest.i];
    ImGui::SetTooltip("%s", tr(layout::pointer_key("playground.weight_tip", "playground.tap.weight_tip"),
                               {{"value", format_number(w)}})
                                .c_str());
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsMouseReleased(0) && io.MouseDragMaxDistanceSqr[0] < 64 * scale * scale && !ImGui::IsAnyItemActive()) {
      selection_ = {Selection::Kind::weight, nearest.l, nearest.o, nearest.i};
    }
  }

  // ---- each hidden layer's activation, below its column
  const float bottom = tiles_top + pitch * float(most);
  if (combo_h > 0) {
    for (int l = 0; l < H; ++l) {
      const ImVec2 c = centre(l + 1, 0);
      const float cw = std::max(2.6f * f, std::min(col_gap * 0.92f, 5.0f * f));
      ImGui::SetCursorScreenPos(ImVec2(c.x - cw / 2, bottom + 0.2f * f));
      ImGui::SetNextItemWidth(cw);
      ImGui::PushID(1000 + l);
      const Activation now = m.layer(l).activation;
      if (ImGui::BeginCombo("##act", short_activation(now), ImGuiComboFlags_NoArrowButton)) {
        for (Activation a : kHiddenActivations)
          if (layout::selectable(T(a == Activation::relu         ? "playground.act.relu"
                                   : a == Activation::leaky_relu ? "playground.act.leaky_relu"
                                   : a == Activation::tanh       ? "playground.act.tanh"
                                   : a == Activation::sigmoid    ? "playground.act.sigmoid"
                                                                 : "playground.act.linear"),
                                 a == now)) {
            std::vector<Activation> acts = settings_.acts;
            acts[size_t(l)] = a;
            std::string text;
            for (Activation x : acts) text += (text.empty() ? "" : ",") + std::string(activation_word(x));
            later("acts", text);
          }
        ImGui::EndCombo();
      }
      ImGui::PopID();
      remember_item(stable_name("playground.act " + std::to_string(l + 1)));
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(top.x, bottom + combo_h + 0.3f * f));
  ImGui::Dummy(ImVec2(width, 0));
  if (!change_key.empty()) {
    const std::string e = set(change_key, change_value);
    if (!e.empty()) say_text(e, true);
  }
}

}  // namespace nnlab::app
