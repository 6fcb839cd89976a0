// train_on.cpp — see train_on.h.
#include "lessons/train_on.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/optimizers.h"
#include "text/text.h"

namespace nnlab {

bool train_on(const Scenario& s, const std::vector<TrainSample>& given, int steps, TrainOn* out, std::string* error) {
  auto fail = [&](std::string m) {
    if (error) *error = std::move(m);
    return false;
  };
  if (s.y.empty()) return fail(text::T("practice.trainon.no_target"));
  if (steps < 1 || steps > kMaxTrainOnSteps)
    return fail(text::tr("practice.trainon.steps", {{"most", std::to_string(kMaxTrainOnSteps)}}));
  const std::vector<TrainSample> samples = given.empty() ? std::vector<TrainSample>{{s.x, s.y}} : given;
  const int I = s.mlp.input_size(), O = s.mlp.output_size(), B = int(samples.size());
  if (B > kMaxTrainOnSamples) return fail(text::tr("practice.trainon.too_many", {{"most", std::to_string(kMaxTrainOnSamples)}}));
  std::vector<float> x, y;  // (B, I), (B, O)
  for (const TrainSample& t : samples) {
    if (int(t.x.size()) != I || int(t.y.size()) != O)
      return fail(text::tr("practice.trainon.size", {{"inputs", std::to_string(I)}, {"outputs", std::to_string(O)}}));
    x.insert(x.end(), t.x.begin(), t.x.end());
    y.insert(y.end(), t.y.begin(), t.y.end());
  }
  TrainOn r;
  r.before = s.mlp;
  Mlp m = s.mlp;
  Workspace ws;
  ws.resize(m, B);
  OptimizerConfig config;
  config.kind = OptimizerKind::sgd;  // w ← w − η ∂L/∂w, as the lesson's one step
  config.lr = s.learning_rate;
  Optimizer sgd;
  sgd.init(m, config);
  for (int k = 0; k <= steps; ++k) {
    forward(m, x.data(), B, ws);
    r.losses.push_back(batch_loss(m, ws, y.data(), B, s.loss));
    if (k == steps) break;
    m.zero_grad();
    backward(m, x.data(), y.data(), B, s.loss, ws);  // the batch-mean gradient
    sgd.step(m);
  }
  const std::span<const float> a = ws.a(m.layer_count() - 1);
  r.y_hat.assign(a.begin(), a.begin() + O);
  r.after = std::move(m);
  r.steps = steps;
  *out = std::move(r);
  return true;
}

bool parse_samples(std::string_view text, int inputs, int outputs, std::vector<TrainSample>* out, std::string* error) {
  auto fail = [&]() {
    if (error) *error = text::tr("practice.trainon.samples_syntax", {{"example", "10,1,1:1; 0,1,1:0"}});
    return false;
  };
  auto numbers = [](std::string_view part, std::vector<float>* v) {
    v->clear();
    std::string s(part);
    for (char& c : s)
      if (c == ',') c = ' ';
    const char* p = s.c_str();
    char* end = nullptr;
    while (true) {
      while (*p == ' ') ++p;
      if (!*p) break;
      const double d = std::strtod(p, &end);
      if (end == p || !std::isfinite(d)) return false;
      v->push_back(float(d));
      p = end;
    }
    return !v->empty();
  };
  std::vector<TrainSample> samples;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view item = text.substr(start, end - start);
    start = end + 1;
    if (item.find_first_not_of(' ') == std::string_view::npos) continue;
    const size_t colon = item.find(':');
    if (colon == std::string_view::npos) return fail();
    TrainSample t;
    if (!numbers(item.substr(0, colon), &t.x) || !numbers(item.substr(colon + 1), &t.y)) return fail();
    if (int(t.x.size()) != inputs || int(t.y.size()) != outputs) {
      if (error) *error = text::tr("practice.trainon.size", {{"inputs", std::to_string(inputs)}, {"outputs", std::to_string(outputs)}});
      return false;
    }
    samples.push_back(std::move(t));
  }
  if (int(samples.size()) > kMaxTrainOnSamples) {
    if (error) *error = text::tr("practice.trainon.too_many", {{"most", std::to_string(kMaxTrainOnSamples)}});
    return false;
  }
  *out = std::move(samples);
  return true;
}

std::string samples_text(const std::vector<TrainSample>& samples) {
  auto list = [](const std::vector<float>& v) {
    std::string s;
    char buf[32];
    for (size_t k = 0; k < v.size(); ++k) {
      std::snprintf(buf, sizeof buf, "%.9g", double(v[k]));
      s += (k ? "," : "") + std::string(buf);
    }
    return s;
  };
  std::string out;
  for (const TrainSample& t : samples) out += (out.empty() ? "" : ";") + list(t.x) + ":" + list(t.y);
  return out;
}

}  // namespace nnlab
