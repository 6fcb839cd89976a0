// "compare updates" (see compare.h).
#include "lab/compare.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/evaluate.h"
#include "core/kernels.h"

namespace nnlab::lab {
namespace {

double now_s() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

Message UpdateCompare::begin(const Settings& s, DataShape shape, const float* x, const int32_t* y, int n,
                             double budget_s) {
  if (s.batchnorm) return Message("lab.compare.batchnorm");
  Mlp start;
  Message error;
  if (!build_network(s, shape, &start, &error)) return error;
  start.init_params(s.seed);
  x_.assign(x, x + size_t(n) * shape.inputs);
  y_.assign(y, y + n);
  n_ = n, dims_ = shape.inputs, probe_ = std::min(n, kCompareProbe);
  loss_ = s.loss;
  view_ = CompareView{};
  view_.state = CompareState::running;
  view_.budget_s = float(budget_s);
  const DatasetView data{x_.data(), y_.data(), nullptr, n_, dims_};
  for (int w = 0; w < 3; ++w) {
    Settings t = s;
    t.update = UpdateMode(w);
    Way& way = ways_[w];
    way = Way{};
    way.model = start;  // the same start for all three
    TrainConfig c = lab_train_config(t, n);
    c.epochs = 1'000'000;
    c.patience = 0;
    c.validation_fraction = 0;
    std::string why;
    if (!way.trainer.init(&way.model, data, c, &why)) return Message("lab.error.trainer", {{"detail", why}});
    view_.curves[w].batch = c.batch;
    view_.curves[w].updates_per_epoch = updates_per_epoch(t, n);
    measure(w);
  }
  turn_ = 0;
  return Message();
}

// The loss of way w's weights on the probe: the first kCompareProbe training digits.
void UpdateCompare::measure(int w) {
  Way& way = ways_[w];
  const DatasetView probe{x_.data(), y_.data(), nullptr, probe_, dims_};
  const Evaluation e = evaluate(way.model, probe, loss_);
  const float loss = std::isfinite(e.loss) ? e.loss : 1e3f;
  view_.curves[w].points.push_back({float(way.trainer.progress().step), float(way.seconds), std::min(loss, 1e3f)});
  ++way.measured;
}

bool UpdateCompare::update(double budget_ms) {
  if (view_.state != CompareState::running) return false;
  const double t_end = now_s() + budget_ms / 1000.0;
  DenormalScope no_denormals;
  // Turns of ≤ 5 ms: way 0, 1, 2, 0, … so all three share the same machine conditions.
  while (now_s() < t_end) {
    int w = -1;
    for (int k = 0; k < 3 && w < 0; ++k)
      if (!ways_[(turn_ + k) % 3].done) w = (turn_ + k) % 3;
    if (w < 0) break;
    turn_ = (w + 1) % 3;
    Way& way = ways_[w];
    const double slice_end = std::min(t_end, now_s() + 0.005);
    const double every = view_.budget_s / double(kComparePoints);
    while (now_s() < slice_end && !way.done) {
      const double t0 = now_s();
      const int done = way.trainer.train_steps(1);
      way.seconds += now_s() - t0;
      if (done == 0) way.done = true;  // diverged: the curve ends where it broke
      if (way.seconds >= every * way.measured || way.seconds >= view_.budget_s || way.done) measure(w);
      if (way.seconds >= view_.budget_s) way.done = true;
    }
  }
  double spent = 0;
  bool all = true;
  for (const Way& way : ways_) {
    spent += std::min(way.seconds, double(view_.budget_s));
    all = all && way.done;
  }
  view_.progress = float(std::clamp(spent / (3.0 * view_.budget_s), 0.0, 1.0));
  if (all) view_.state = CompareState::done, view_.progress = 1;
  return !all;
}

void UpdateCompare::cancel() {
  if (view_.state == CompareState::running) view_.state = CompareState::done;
}

}  // namespace nnlab::lab
