// The network diagram (see network_diagram.h). Every number drawn is read from the session's
// CoreTrace (the core's forward/backward results) or from the Mlp's own parameters.
#include "app/lesson/network_diagram.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/common/layout.h"
#include "app/common/widgets.h"
#include "lessons/notation.h"
#include "lessons/number_format.h"
#include "text/text.h"

namespace nnlab::app {
namespace {

constexpr int kMaxLabelledEdges = 6;  // per layer: above this, values only on hover / highlight

float distance_to_segment(ImVec2 p, ImVec2 a, ImVec2 b) {
  const float dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
  const float t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0f, 1.0f) : 0.0f;
  const float ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
  return std::sqrt(ex * ex + ey * ey);
}

// A small label with a dark background, optionally outlined in the highlight colour.
void badge(ImDrawList* dl, ImVec2 center, const std::string& text, ImU32 color, bool glow, ImVec2* min, ImVec2* max) {
  const ImVec2 size = ImGui::CalcTextSize(text.c_str());
  const float pad = 3;
  *min = ImVec2(center.x - size.x * 0.5f - pad, center.y - size.y * 0.5f - 1);
  *max = ImVec2(center.x + size.x * 0.5f + pad, center.y + size.y * 0.5f + 1);
  dl->AddRectFilled(*min, *max, IM_COL32(22, 24, 30, 225), 3);
  if (glow) dl->AddRect(*min, *max, kHighlight, 3, 0, 2);
  dl->AddText(ImVec2(center.x - size.x * 0.5f, center.y - size.y * 0.5f), color, text.c_str());
}

// An invisible button over [min, max] that tests can find by name; true when clicked.
bool hit_box(const char* name, ImVec2 min, ImVec2 max) {
  ImGui::SetCursorScreenPos(min);
  const bool clicked = ImGui::InvisibleButton(name,
                                              ImVec2(std::max(1.0f, max.x - min.x), std::max(1.0f, max.y - min.y)));
  remember_item(name);
  return clicked;
}

}  // namespace

bool highlights_neuron(const Step* step, int layer, int index) {
  if (!step) return false;
  for (const NeuronRef& n : step->highlight.neurons)
    if (n.layer == layer && n.index == index) return true;
  return false;
}
bool highlights_weight(const Step* step, int layer, int out, int in) {
  if (!step) return false;
  for (const WeightRef& w : step->highlight.weights)
    if (w.layer == layer && w.out == out && w.in == in) return true;
  return false;
}
bool highlights_bias(const Step* step, int layer, int out) {
  if (!step) return false;
  for (const NeuronRef& b : step->highlight.biases)
    if (b.layer == layer && b.index == out) return true;
  return false;
}

Selection draw_network_diagram(const LessonSession& session, const DiagramOptions& options, ImVec2 size,
                               Selection current) {
  const CoreTrace* t = session.trace();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  if (!t) {
    ImGui::Dummy(size);
    return current;
  }
  const Mlp& mlp = session.scenario().mlp;
  const Notation n(mlp, t->first_output);  // the MNIST output layer numbers its outputs by digit
  const Step* step = session.current();
  const bool any_highlight = step && (!step->highlight.neurons.empty() || !step->highlight.weights.empty() ||
                                      !step->highlight.biases.empty());
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float f = ImGui::GetFontSize();
  const int L = mlp.layer_count();
  const auto& names = session.scenario().input_names;

  // ---- geometry: column c = 0 for the inputs, c = l + 1 for layer l
  float out_w = 0;  // "ŷ = 0.5498" right of the output neurons
  for (int k = 0; k < mlp.output_size(); ++k)
    out_w = std::max(
        out_w, ImGui::CalcTextSize((n.y_hat(k) + " = " + num(t->ws.a(L - 1)[k]) +
                                    (options.show_after && t->has_update() ? " → " + num(t->ws_after.a(L - 1)[k]) : ""))
                                       .c_str())
                   .x);
  const float pad_right = out_w + 3.2f * f;
  // The inputs' names go left of their circles; where that leaves the layers too little room (a
  // phone), the circles carry their symbols only and the names follow under the picture.
  auto input_label = [&](int i, bool named) {
    return n.x(i) + (named && i < int(names.size()) ? " " + names[i] : std::string());
  };
  float label_w = 0;
  for (int i = 0; i < mlp.input_size(); ++i)
    label_w = std::max(label_w, ImGui::CalcTextSize(input_label(i, true).c_str()).x);
  const bool named = names.empty() || size.x - label_w - 2.8f * f - pad_right >= float(L) * 7.0f * f;
  if (!named) {
    label_w = 0;
    for (int i = 0; i < mlp.input_size(); ++i)
      label_w = std::max(label_w, ImGui::CalcTextSize(input_label(i, false).c_str()).x);
  }
  const float pad_left = label_w + 2.8f * f;
  const float col_w = (size.x - pad_left - pad_right) / float(L);
  int max_n = mlp.input_size();
  for (int l = 0; l < L; ++l) max_n = std::max(max_n, mlp.layer(l).outputs);
  const float usable_h = size.y - 1.5f * f;
  const float spacing = std::min(usable_h / float(max_n), 6.0f * f);  // the tightest column's
  const float r = std::clamp(std::min(spacing * 0.34f, col_w * 0.16f), 0.55f * f, 1.9f * f);
  auto column_size = [&](int c) { return c == 0 ? mlp.input_size() : mlp.layer(c - 1).outputs; };
  auto column_gap = [&](int c) { return std::min(usable_h / float(column_size(c)), 7.5f * f); };
  auto pos = [&](int c, int k) {  // each column spreads its neurons over the height
    const int count = column_size(c);
    const float gap = column_gap(c);
    const float top = o.y + 1.0f * f + (usable_h - gap * float(count)) * 0.5f;
    return ImVec2(o.x + pad_left + col_w * float(c), top + gap * (float(k) + 0.5f));
  };
  float max_w = 1e-6f;
  for (float w : mlp.params()) max_w = std::max(max_w, std::fabs(w));

  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool inside = ImGui::IsWindowHovered() && mouse.x >= o.x && mouse.y >= o.y && mouse.x < o.x + size.x &&
                      mouse.y < o.y + size.y;
  Selection result = current;
  // How near a line the pointer must be to be on it: a fingertip covers more than a mouse's tip.
  const float line_reach = layout::touch() ? 0.6f * f : 5.0f;
  int hover_l = -1, hover_o = 0, hover_i = 0;
  float hover_d = 1e9f;

  // ---- edges (dimmed ones first, the current step's on top)
  for (int pass = 0; pass < 2; ++pass)
    for (int l = 0; l < L; ++l) {
      const int I = mlp.layer(l).inputs, O = mlp.layer(l).outputs;
      for (int out = 0; out < O; ++out)
        for (int in = 0; in < I; ++in) {
          const bool lit = highlights_weight(step, l, out, in);
          if ((pass == 1) != lit) continue;
          const float w = mlp.weights(l)[out * I + in];
          const float m = std::fabs(w) / max_w;
          const ImVec2 a = pos(l, in), b = pos(l + 1, out);
          const float thick = 1.0f + 6.0f * m;
          const bool selected = current.kind == Selection::Kind::weight && current.layer == l && current.out == out &&
                                current.in == in;
          if (lit || selected) dl->AddLine(a, b, selected ? IM_COL32(120, 190, 255, 255) : kHighlight, thick + 5.0f);
          const float alpha = any_highlight && !lit ? 0.18f + 0.25f * m : 0.4f + 0.6f * m;
          dl->AddLine(a, b, sign_color(w, alpha), thick);
          if (inside) {
            const float d = distance_to_segment(mouse, a, b);
            if (d < std::max(line_reach, thick * 0.5f + 2.0f) && d < hover_d)
              hover_d = d, hover_l = l, hover_o = out, hover_i = in;
          }
        }
    }

  // ---- edge labels: weights (or their gradients, or old → new) where there is room
  for (int l = 0; l < L; ++l) {
    const int I = mlp.layer(l).inputs, O = mlp.layer(l).outputs;
    const bool all = I * O <= kMaxLabelledEdges;
    for (int out = 0; out < O; ++out)
      for (int in = 0; in < I; ++in) {
        const bool lit = highlights_weight(step, l, out, in);
        if (!all && !lit) continue;
        const int k = out * I + in;
        const float w = mlp.weights(l)[k];
        std::string text = num(w);
        ImU32 color = IM_COL32(230, 230, 230, 255);
        if (options.edge_label == DiagramOptions::EdgeLabel::gradient && t->has_target()) {
          text = "∂ " + num(t->mlp.dweights(l)[k]);
          color = IM_COL32(255, 170, 90, 255);
        } else if (options.edge_label == DiagramOptions::EdgeLabel::update && t->has_update()) {
          // the step being taken: old → new; the others: their new value
          text = lit ? num(w) + " → " + num(t->updated.weights(l)[k]) : "→ " + num(t->updated.weights(l)[k]);
          color = IM_COL32(140, 200, 255, 255);
        }
        if (any_highlight && !lit) color = (color & 0x00FFFFFF) | (140u << 24);
        const ImVec2 a = pos(l, in), b = pos(l + 1, out);
        // near the source (labels of one target fan out there), but clear of its circle — and, on
        // an edge rising to the right, clear of the source's bias label above it
        const float len = std::max(1.0f, std::hypot(b.x - a.x, b.y - a.y));
        const float rising = b.y < a.y - 1.0f && l > 0 ? 0.14f : 0.0f;
        const float along = std::clamp((r + ImGui::CalcTextSize(text.c_str()).x * 0.5f + 8.0f) / len + rising,
                                       0.3f + rising, 0.6f);
        ImVec2 min, max;
        badge(dl, ImVec2(a.x + (b.x - a.x) * along, a.y + (b.y - a.y) * along), text, color, lit, &min, &max);
        const std::string id = "edge " + std::to_string(l + 1) + " " + std::to_string(out + 1) + " " +
                               std::to_string(in + 1);
        if (hit_box(stable_name(id), min, max)) result = {Selection::Kind::weight, l, out, in};
        if (ImGui::IsItemHovered()) hover_l = l, hover_o = out, hover_i = in, hover_d = 0;
      }
  }

  // ---- neurons: inputs, then each layer
  for (int c = 0; c <= L; ++c) {
    const int l = c - 1;
    for (int k = 0; k < column_size(c); ++k) {
      const ImVec2 p = pos(c, k);
      const float value = c == 0 ? t->x[k] : t->ws.a(l)[k];
      const bool lit = highlights_neuron(step, l, k);
      const bool selected = (c == 0 && current.kind == Selection::Kind::input && current.in == k) ||
                            (c > 0 && current.kind == Selection::Kind::bias && current.layer == l && current.out == k);
      if (lit) dl->AddCircleFilled(p, r + 5, kHighlight);
      dl->AddCircleFilled(p, r, c == 0 ? IM_COL32(40, 44, 52, 255) : activation_fill(value));
      dl->AddCircle(p, r, selected ? IM_COL32(120, 190, 255, 255) : IM_COL32(210, 210, 210, 255), 0,
                    selected ? 3.0f : 1.5f);
      if (r >= 1.1f * f && (c == 0 || !options.hide_values)) centered_text(dl, p, IM_COL32_WHITE, num(value).c_str());
      const std::string id = "neuron " + std::to_string(c) + " " + std::to_string(k + 1);
      if (hit_box(stable_name(id), ImVec2(p.x - r, p.y - r), ImVec2(p.x + r, p.y + r))) {
        result = c == 0 ? Selection{Selection::Kind::input, 0, 0, k} : Selection{Selection::Kind::bias, l, k, 0};
      }
      const bool inactive = options.mark_inactive_relu && l >= 0 && l < L - 1 &&
                            mlp.layer(l).activation == Activation::relu && t->ws.z(l)[k] <= 0;
      if (ImGui::IsItemHovered() && (c == 0 || !options.hide_values)) {
        if (c == 0) {
          const std::string tip = k < int(names.size())
                                      ? text::tr(
                                            "lessonview.tip.input_named",
                                            {{"x", n.x(k)}, {"value", format_number_full(value)}, {"name", names[k]}})
                                      : text::tr("lessonview.tip.input",
                                                 {{"x", n.x(k)}, {"value", format_number_full(value)}});
          ImGui::SetTooltip("%s\n%s", tip.c_str(),
                            text::T(layout::pointer_key("lessonview.tip.click_input", "layout.tap.tip_input")));
        } else {
          std::string tip = text::tr("lessonview.tip.neuron", {{"neuron", std::to_string(n.number(l, k))},
                                                               {"layer", n.layer_name(l)},
                                                               {"z", n.z(l, k)},
                                                               {"z_value", format_number_full(t->ws.z(l)[k])},
                                                               {"a", n.a(l, k)},
                                                               {"f", activation_symbol(mlp.layer(l).activation)},
                                                               {"a_value", format_number_full(value)},
                                                               {"b", n.b(l, k)},
                                                               {"b_value", format_number_full(mlp.bias(l)[k])}});
          if (t->has_target()) tip += "\n" + n.delta(l, k) + " = ∂L/∂z = " + format_number_full(t->ws.delta(l)[k]);
          if (inactive) tip += "\n" + std::string(text::T("lessonview.tip.inactive_relu"));
          tip += '\n';
          tip += text::T(layout::pointer_key("lessonview.tip.click_bias", "layout.tap.tip_bias"));
          ImGui::SetTooltip("%s", tip.c_str());
        }
      }
      // labels around the neuron: the input's name, or z (and δ) below and the bias above
      const ImU32 grey = IM_COL32(175, 175, 175, 255);
      if (c == 0) {
        const std::string label = input_label(k, named);
        const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
        dl->AddText(ImVec2(p.x - r - 0.4f * f - ts.x, p.y - ts.y * 0.5f), grey, label.c_str());
        continue;
      }
      const bool roomy = column_gap(c) >= 2 * r + 2.8f * f;  // room for z below and b above
      if (roomy && !options.hide_values) {
        std::string below = "z = " + num(t->ws.z(l)[k]);
        if (options.show_delta && t->has_target()) below += "   δ = " + num(t->ws.delta(l)[k]);
        ImVec2 min, max;  // on a dark badge, so an edge label running under it stays out of the way
        badge(dl, ImVec2(p.x, p.y + r + 0.65f * f), below, lit ? kHighlight : grey, false, &min, &max);
      }
      if (inactive) {  // on a dark badge: lines pass under it
        ImVec2 min, max;
        badge(dl, ImVec2(p.x, p.y + r + (roomy ? 1.8f : 0.7f) * f), text::T("lessonview.diagram.relu_off"),
              IM_COL32(255, 120, 100, 255), false, &min, &max);
      }
      if (roomy || highlights_bias(step, l, k)) {
        std::string text = "b = " + num(mlp.bias(l)[k]);
        if (options.edge_label == DiagramOptions::EdgeLabel::gradient && t->has_target())
          text = "∂b " + num(t->mlp.dbias(l)[k]);
        else if (options.edge_label == DiagramOptions::EdgeLabel::update && t->has_update())
          text = "b " + num(mlp.bias(l)[k]) + " → " + num(t->updated.bias(l)[k]);
        ImVec2 min, max;
        badge(dl, ImVec2(p.x + r * 0.9f, p.y - r - 0.65f * f), text, IM_COL32(200, 200, 255, 255),
              highlights_bias(step, l, k), &min, &max);
        const std::string bid = "bias " + std::to_string(l + 1) + " " + std::to_string(k + 1);
        if (hit_box(stable_name(bid), min, max)) result = {Selection::Kind::bias, l, k, 0};
      }
    }
  }

  // ---- the output ŷ to the right of the last layer
  for (int k = 0; k < mlp.output_size(); ++k) {
    const ImVec2 p = pos(L, k);
    std::string text = n.y_hat(k) + " = " + (options.hide_values ? std::string("?") : num(t->ws.a(L - 1)[k]));
    if (options.show_after && t->has_update() && !options.hide_values) text += " → " + num(t->ws_after.a(L - 1)[k]);
    dl->AddLine(ImVec2(p.x + r, p.y), ImVec2(p.x + r + 0.8f * f, p.y), IM_COL32(200, 200, 200, 255), 1.5f);
    dl->AddText(ImVec2(p.x + r + 1.0f * f, p.y - 0.5f * f), IM_COL32_WHITE, text.c_str());
  }

  // ---- hover and click on the lines themselves
  if (hover_l >= 0 && !ImGui::IsAnyItemActive()) {
    const int I = mlp.layer(hover_l).inputs, k = hover_o * I + hover_i;
    std::string tip = text::tr("lessonview.tip.weight", {{"w", n.w(hover_l, hover_o, hover_i)},
                                                         {"value", format_number_full(mlp.weights(hover_l)[k])},
                                                         {"from", n.input(hover_l, hover_i)},
                                                         {"neuron", std::to_string(n.number(hover_l, hover_o))},
                                                         {"layer", n.layer_name(hover_l)}});
    if (t->has_target() && !options.hide_values) tip += "\n∂L/∂w = " + format_number_full(t->mlp.dweights(hover_l)[k]);
    if (t->has_update() && !options.hide_values)
      tip += "\n" +
             text::tr("lessonview.tip.after_step", {{"value", format_number_full(t->updated.weights(hover_l)[k])}});
    tip += '\n';
    tip += text::T(layout::pointer_key("lessonview.tip.click_weight", "layout.tap.tip_weight"));
    ImGui::SetTooltip("%s", tip.c_str());
    if (hover_d > 0 && ImGui::IsMouseClicked(0) && !ImGui::IsAnyItemHovered())
      result = {Selection::Kind::weight, hover_l, hover_o, hover_i};
  }
  ImGui::SetCursorScreenPos(o);
  ImGui::Dummy(size);
  if (!named) {  // the names the circles could not carry: "x₁ temperature, °C · x₂ rain, 1 = yes · …"
    std::string legend;
    for (int i = 0; i < mlp.input_size() && i < int(names.size()); ++i) {
      std::string one = input_label(i, true);  // each name stays whole on its line (no-break spaces)
      for (size_t at = one.find(' '); at != std::string::npos; at = one.find(' ', at + 2)) one.replace(at, 1, "\u00a0");
      legend += (i ? "  ·  " : "") + one;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    wrapped_text(legend);
    ImGui::PopStyleColor();
  }
  return result;
}

}  // namespace nnlab::app
