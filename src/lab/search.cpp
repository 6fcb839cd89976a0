// Hyper-parameter search (see search.h).
//
// [SECTION] The spec's field table   [SECTION] Planning the runs   [SECTION] Training them
#include "lab/search.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "core/evaluate.h"
#include "core/kernels.h"
#include "core/rng.h"
#include "data/float_text.h"
#include "data/number_text.h"

namespace nnlab::lab {
namespace {

double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

// =============================================================================================
// [SECTION] The spec's field table

// "LO..HI" (lo ≤ hi, both in [min, max]; lo > 0 on a log scale) or "off".
Message parse_range(std::string_view key, std::string_view v, bool* vary, float* lo, float* hi, float min, float max,
                    bool log) {
  if (v == "off") {
    *vary = false;
    return Message();
  }
  const size_t dots = v.find("..");
  float a, b;
  if (dots == std::string_view::npos || !parse_float(v.substr(0, dots), &a) || !parse_float(v.substr(dots + 2), &b) ||
      !(a <= b) || a < min || b > max || (log && !(a > 0)))
    return Message("lab.search.bad_range", {{"key", std::string(key)},
                                            {"min", float_to_text(min)},
                                            {"max", float_to_text(max)},
                                            {"value", std::string(v)}});
  *vary = true;
  *lo = a, *hi = b;
  return Message();
}

std::string range_text(bool vary, float lo, float hi) {
  return vary ? float_to_text(lo) + ".." + float_to_text(hi) : "off";
}

std::vector<std::string_view> split(std::string_view v, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    const size_t at = v.find(sep);
    parts.push_back(v.substr(0, at));
    if (at == std::string_view::npos) return parts;
    v = v.substr(at + 1);
  }
}

struct SpecField {
  const char* key;
  std::string (*text)(const SearchSpec&);
  Message (*apply)(SearchSpec&, std::string_view);
};

const SpecField kSpecFields[] = {
    {"method", [](const SearchSpec& s) { return std::string(search_method_name(s.method)); },
     [](SearchSpec& s, std::string_view v) {
       for (int m = 0; m < kSearchMethodCount; ++m)
         if (v == search_method_name(SearchMethod(m))) {
           s.method = SearchMethod(m);
           return Message();
         }
       return Message("lab.bad.three",
                      {{"key", "method"}, {"a", "grid"}, {"b", "random"}, {"c", "halving"}, {"value", std::string(v)}});
     }},
    {"runs", [](const SearchSpec& s) { return std::to_string(s.runs); },
     [](SearchSpec& s, std::string_view v) {
       long long n;
       if (!parse_integer(v, 1, kMaxSearchRuns, &n))
         return Message("lab.search.bad_whole",
                        {{"key", "runs"}, {"lo", "1"}, {"hi", std::to_string(kMaxSearchRuns)}, {"value", std::string(v)}});
       s.runs = int(n);
       return Message();
     }},
    {"epochs", [](const SearchSpec& s) { return std::to_string(s.epochs); },
     [](SearchSpec& s, std::string_view v) {
       long long n;
       if (!parse_integer(v, 1, kMaxSearchEpochs, &n))
         return Message("lab.search.bad_whole", {{"key", "epochs"},
                                                 {"lo", "1"},
                                                 {"hi", std::to_string(kMaxSearchEpochs)},
                                                 {"value", std::string(v)}});
       s.epochs = int(n);
       return Message();
     }},
    {"seed", [](const SearchSpec& s) { return std::to_string(s.seed); },
     [](SearchSpec& s, std::string_view v) {
       long long n;
       if (!parse_integer(v, 0, 4294967295LL, &n))
         return Message("lab.search.bad_whole",
                        {{"key", "seed"}, {"lo", "0"}, {"hi", "4294967295"}, {"value", std::string(v)}});
       s.seed = uint64_t(n);
       return Message();
     }},
    {"points", [](const SearchSpec& s) { return std::to_string(s.points); },
     [](SearchSpec& s, std::string_view v) {
       long long n;
       if (!parse_integer(v, 1, 10, &n))
         return Message("lab.search.bad_whole", {{"key", "points"}, {"lo", "1"}, {"hi", "10"}, {"value", std::string(v)}});
       s.points = int(n);
       return Message();
     }},
    {"lr", [](const SearchSpec& s) { return range_text(s.vary_lr, s.lr_lo, s.lr_hi); },
     [](SearchSpec& s, std::string_view v) { return parse_range("lr", v, &s.vary_lr, &s.lr_lo, &s.lr_hi, 1e-6f, 10, true); }},
    {"batch",
     [](const SearchSpec& s) {
       if (!s.vary_batch) return std::string("off");
       std::string t;
       for (int b : s.batches) t += (t.empty() ? "" : ",") + std::to_string(b);
       return t;
     },
     [](SearchSpec& s, std::string_view v) {
       if (v == "off") {
         s.vary_batch = false;
         return Message();
       }
       std::vector<int> list;
       for (std::string_view part : split(v, ',')) {
         long long n;
         if (!parse_integer(part, 1, kMaxBatch, &n) || list.size() >= 16)
           return Message("lab.search.bad_batches", {{"max", std::to_string(kMaxBatch)}, {"value", std::string(v)}});
         list.push_back(int(n));
       }
       s.vary_batch = true;
       s.batches = std::move(list);
       return Message();
     }},
    {"hidden",
     [](const SearchSpec& s) {
       if (!s.vary_hidden) return std::string("off");
       std::string t;
       for (const auto& h : s.hiddens) {
         std::string one;
         for (int n : h) one += (one.empty() ? "" : "-") + std::to_string(n);
         t += (t.empty() ? "" : ",") + one;
       }
       return t;
     },
     [](SearchSpec& s, std::string_view v) {
       if (v == "off") {
         s.vary_hidden = false;
         return Message();
       }
       std::vector<std::vector<int>> list;
       for (std::string_view part : split(v, ',')) {
         std::vector<int> h;
         Message error;
         // hidden layers only ("16-16"): checked like the lab's arch setting, against any data shape
         if (!parse_arch(part, {1 << 30, 1 << 30}, &h, &error)) return error;
         if (list.size() >= 16) return Message("lab.search.too_many_values", {{"key", "hidden"}, {"max", "16"}});
         list.push_back(std::move(h));
       }
       s.vary_hidden = true;
       s.hiddens = std::move(list);
       return Message();
     }},
    {"l2", [](const SearchSpec& s) { return range_text(s.vary_l2, s.l2_lo, s.l2_hi); },
     [](SearchSpec& s, std::string_view v) { return parse_range("l2", v, &s.vary_l2, &s.l2_lo, &s.l2_hi, 1e-9f, 1, true); }},
    {"dropout", [](const SearchSpec& s) { return range_text(s.vary_dropout, s.dropout_lo, s.dropout_hi); },
     [](SearchSpec& s, std::string_view v) {
       return parse_range("dropout", v, &s.vary_dropout, &s.dropout_lo, &s.dropout_hi, 0, 0.9f, false);
     }},
};

const SpecField* find_spec_field(std::string_view key) {
  for (const SpecField& f : kSpecFields)
    if (key == f.key) return &f;
  return nullptr;
}

}  // namespace

const char* const kSearchKeys[] = {"method", "runs", "epochs", "seed", "points", "lr", "batch", "hidden", "l2", "dropout"};
const int kSearchKeyCount = int(std::size(kSearchKeys));

const char* search_method_name(SearchMethod m) {
  return m == SearchMethod::grid ? "grid" : m == SearchMethod::halving ? "halving" : "random";
}
const char* run_status_name(RunStatus s) {
  static const char* const kNames[kRunStatusCount] = {"waiting", "training", "done", "stopped", "diverged", "cancelled"};
  return kNames[int(s) < kRunStatusCount ? int(s) : 0];
}
const char* search_state_name(SearchState s) {
  static const char* const kNames[kSearchStateCount] = {"idle", "running", "done", "cancelled"};
  return kNames[int(s) < kSearchStateCount ? int(s) : 0];
}

Message apply_search_setting(SearchSpec* spec, std::string_view key, std::string_view value) {
  const SpecField* f = find_spec_field(key);
  if (!f) {
    std::string keys;
    for (const SpecField& g : kSpecFields) keys += (keys.empty() ? "" : ", ") + std::string(g.key);
    return Message("lab.search.unknown_key", {{"key", std::string(key)}, {"keys", keys}});
  }
  SearchSpec next = *spec;
  if (Message e = f->apply(next, value); !e.empty()) return e;
  *spec = std::move(next);
  return Message();
}

std::string search_value_text(const SearchSpec& spec, std::string_view key) {
  const SpecField* f = find_spec_field(key);
  return f ? f->text(spec) : std::string();
}

std::string search_spec_text(const SearchSpec& spec) {
  std::string t;
  for (const SpecField& f : kSpecFields) t += (t.empty() ? "" : "&") + std::string(f.key) + "=" + f.text(spec);
  return t;
}

bool search_spec_from_text(std::string_view text, SearchSpec* spec, Message* error) {
  SearchSpec s;
  for (std::string_view pair : split(text, '&')) {
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      *error = Message("lab.search.unknown_key", {{"key", std::string(pair)}, {"keys", search_spec_text(SearchSpec{})}});
      return false;
    }
    if (Message e = apply_search_setting(&s, pair.substr(0, eq), pair.substr(eq + 1)); !e.empty()) {
      *error = std::move(e);
      return false;
    }
  }
  *spec = std::move(s);
  return true;
}

// =============================================================================================
// [SECTION] Planning the runs
namespace {

// n values from lo to hi, evenly on a log scale (or a linear one); one value: the geometric
// (arithmetic) middle. Computed in double, rounded once: the same in every build.
std::vector<float> spaced(float lo, float hi, int n, bool log) {
  std::vector<float> v;
  for (int i = 0; i < n; ++i) {
    const double t = n == 1 ? 0.5 : double(i) / double(n - 1);
    v.push_back(log ? float(std::exp(std::log(double(lo)) + t * (std::log(double(hi)) - std::log(double(lo)))))
                    : float(double(lo) + t * (double(hi) - double(lo))));
  }
  return v;
}

float draw(Rng& rng, float lo, float hi, bool log) {
  const double u = double(rng.next_u32()) / 4294967296.0;  // [0, 1) from 32 bits
  return log ? float(std::exp(std::log(double(lo)) + u * (std::log(double(hi)) - std::log(double(lo)))))
             : float(double(lo) + u * (double(hi) - double(lo)));
}

// A value rounded to 3 significant digits (0.00999… → 0.01, 0.0123456 → 0.0123), as a float whose
// shortest text reads back to it: a run's settings read well, survive any text form unchanged, and
// a last-bit difference of exp() between builds does not reach them.
float tidy(double v) {
  if (!(v > 0)) return float(v);
  const double scale = std::pow(10.0, std::floor(std::log10(v)) - 2);
  float out = float(std::round(v / scale) * scale);
  (void)parse_float(float_to_text(out), &out);
  return out;
}

}  // namespace

bool plan_search(const SearchSpec& spec, const Settings& base, DataShape shape, std::vector<Settings>* out,
                 Message* error) {
  if (!spec.vary_lr && !spec.vary_batch && !spec.vary_hidden && !spec.vary_l2 && !spec.vary_dropout) {
    *error = Message("lab.search.nothing_varies");
    return false;
  }
  Settings b = base;
  b.seed = spec.seed;  // every run starts from the same weights
  b.epochs = spec.epochs;
  b.patience = 0;
  std::vector<Settings> runs;
  if (spec.method == SearchMethod::grid) {
    const std::vector<float> lrs = spec.vary_lr ? spaced(spec.lr_lo, spec.lr_hi, spec.points, true) : std::vector{b.lr};
    const std::vector<float> l2s = spec.vary_l2 ? spaced(spec.l2_lo, spec.l2_hi, spec.points, true) : std::vector{b.l2};
    const std::vector<float> drops =
        spec.vary_dropout ? spaced(spec.dropout_lo, spec.dropout_hi, spec.points, false) : std::vector{b.dropout};
    const std::vector<int> batches = spec.vary_batch ? spec.batches : std::vector{b.batch};
    const std::vector<std::vector<int>> hiddens = spec.vary_hidden ? spec.hiddens : std::vector<std::vector<int>>{b.hidden};
    const size_t size = lrs.size() * l2s.size() * drops.size() * batches.size() * hiddens.size();
    if (size > size_t(kMaxSearchRuns)) {
      *error = Message("lab.search.grid_too_big", {{"count", std::to_string(size)}, {"max", std::to_string(kMaxSearchRuns)}});
      return false;
    }
    for (const auto& h : hiddens)
      for (int batch : batches)
        for (float lr : lrs)
          for (float l2 : l2s)
            for (float d : drops) {
              Settings s = b;
              s.hidden = h, s.batch = batch, s.lr = tidy(lr), s.l2 = tidy(l2), s.dropout = tidy(d);
              runs.push_back(s);
            }
  } else {
    Rng rng(spec.seed ^ 0x5ea2c4ull);
    for (int i = 0; i < spec.runs; ++i) {
      Settings s = b;
      // every dimension draws in every run (varied or not), so turning one on never changes another's draws
      const float lr = draw(rng, spec.lr_lo, spec.lr_hi, true);
      const float l2 = draw(rng, spec.l2_lo, spec.l2_hi, true);
      const float d = draw(rng, spec.dropout_lo, spec.dropout_hi, false);
      const uint32_t bi = rng.below(uint32_t(std::max<size_t>(1, spec.batches.size())));
      const uint32_t hi = rng.below(uint32_t(std::max<size_t>(1, spec.hiddens.size())));
      if (spec.vary_lr) s.lr = tidy(lr);
      if (spec.vary_l2) s.l2 = tidy(l2);
      if (spec.vary_dropout) s.dropout = tidy(d);
      if (spec.vary_batch && !spec.batches.empty()) s.batch = spec.batches[bi];
      if (spec.vary_hidden && !spec.hiddens.empty()) s.hidden = spec.hiddens[hi];
      runs.push_back(s);
    }
  }
  for (Settings& s : runs) {
    if (Message why = combination_refusal(s); !why.empty()) {
      *error = why;
      return false;
    }
    Mlp probe;
    if (!build_network(s, shape, &probe, error)) return false;
  }
  *out = std::move(runs);
  return true;
}

int best_search_run(const std::vector<SearchRun>& runs) {
  int most = 0;
  for (const SearchRun& r : runs)
    if (r.status == RunStatus::done || r.status == RunStatus::stopped) most = std::max(most, r.epochs);
  int best = -1;
  for (int i = 0; i < int(runs.size()); ++i) {
    const SearchRun& r = runs[size_t(i)];
    if ((r.status != RunStatus::done && r.status != RunStatus::stopped) || r.epochs != most || r.val_accuracy < 0)
      continue;
    if (best < 0) {
      best = i;
      continue;
    }
    const SearchRun& b = runs[size_t(best)];
    const bool lower_loss = std::isfinite(r.val_loss) && (!std::isfinite(b.val_loss) || r.val_loss < b.val_loss);
    if (r.val_accuracy > b.val_accuracy || (r.val_accuracy == b.val_accuracy && lower_loss)) best = i;
  }
  return best;
}

// =============================================================================================
// [SECTION] Training them

Message Search::begin(const SearchSpec& spec, const Settings& base, DataShape shape, const float* x, const int32_t* y,
                      int n) {
  std::vector<Settings> plan;
  Message error;
  if (!plan_search(spec, base, shape, &plan, &error)) return error;
  const int n_val = int(double(n) * double(kSearchValidation));
  if (n_val < 1 || n - n_val < 2) return Message("lab.search.too_few", {{"count", std::to_string(n)}});
  spec_ = spec;
  shape_ = shape;
  // The seeded split: a shuffle of the training subset, its last fifth held out for scoring.
  std::vector<int32_t> order{};
  order.resize(size_t(n));
  for (int i = 0; i < n; ++i) order[size_t(i)] = i;
  Rng rng(spec.seed);
  rng.shuffle(order.data(), n);
  const int D = shape.inputs;
  n_train_ = n - n_val, n_val_ = n_val;
  train_x_.resize(size_t(n_train_) * D), val_x_.resize(size_t(n_val_) * D);
  train_y_.resize(size_t(n_train_)), val_y_.resize(size_t(n_val_));
  for (int i = 0; i < n; ++i) {
    const int src = order[size_t(i)];
    const bool val = i >= n_train_;
    const int at = val ? i - n_train_ : i;
    std::copy(x + size_t(src) * D, x + size_t(src + 1) * D, (val ? val_x_ : train_x_).begin() + ptrdiff_t(at) * D);
    (val ? val_y_ : train_y_)[size_t(at)] = y[src];
  }
  runs_.clear();
  for (const Settings& s : plan) {
    SearchRun r;
    r.settings = s;
    runs_.push_back(std::move(r));
  }
  kept_.clear();
  kept_.resize(runs_.size());
  paused_.clear();
  paused_.resize(runs_.size());
  current_ = -1;
  elapsed_ms_ = 0;
  trained_epochs_ = 0;
  if (spec.method == SearchMethod::halving) {
    // rung 0: every run to 1 epoch; then the better half to twice as many, while the budget lasts
    const int64_t budget = int64_t(spec.runs) * spec.epochs;
    int64_t used = int64_t(runs_.size());
    int survivors = int(runs_.size()), target = 1;
    while (survivors > 1) {
      const int next = (survivors + 1) / 2;
      const int64_t cost = int64_t(next) * target;  // each survivor trains `target` more epochs
      if (used + cost > budget) break;
      used += cost;
      survivors = next;
      target *= 2;
    }
    planned_epochs_ = used;
    rung_.clear();
    for (int i = 0; i < int(runs_.size()); ++i) rung_.push_back(i);
    rung_at_ = 0;
    rung_epochs_ = 1;
  } else {
    planned_epochs_ = int64_t(runs_.size()) * spec.epochs;
  }
  state_ = SearchState::running;
  return Message();
}

float Search::progress() const {
  if (state_ == SearchState::done) return 1.0f;
  if (planned_epochs_ <= 0) return 0.0f;
  double done = double(trained_epochs_);
  if (current_ >= 0) {
    const TrainProgress& p = trainer_.progress();
    if (p.steps_per_epoch > 0) done += double(p.step_in_epoch) / double(p.steps_per_epoch);
  }
  return float(std::clamp(done / double(planned_epochs_), 0.0, 1.0));
}

double Search::eta_s() const {
  const double p = progress();
  if (state_ != SearchState::running || p <= 0.01) return -1;
  return elapsed_ms_ / 1000.0 * (1.0 - p) / p;
}

const Mlp* Search::network(int run) const {
  return run >= 0 && run < int(kept_.size()) ? kept_[size_t(run)].get() : nullptr;
}

bool Search::start_run(int i) {
  SearchRun& r = runs_[size_t(i)];
  Message error;
  if (!build_network(r.settings, shape_, &model_, &error)) {
    r.status = RunStatus::diverged;  // (plan_search built every one of them: not expected)
    return false;
  }
  model_.init_params(r.settings.seed);
  TrainConfig c = lab_train_config(r.settings, n_train_);
  c.epochs = 1'000'000;  // the search stops each run at its target
  const DatasetView view{train_x_.data(), train_y_.data(), nullptr, n_train_, shape_.inputs};
  if (!trainer_.init(&model_, view, c, nullptr)) {
    r.status = RunStatus::diverged;
    return false;
  }
  if (paused_[size_t(i)]) {  // halving: on from where its last rung left it
    trainer_.restore(*paused_[size_t(i)]);
    paused_[size_t(i)].reset();
  }
  current_ = i;
  r.status = RunStatus::training;
  return true;
}

void Search::end_epoch() {
  SearchRun& r = runs_[size_t(current_)];
  const DatasetView val{val_x_.data(), val_y_.data(), nullptr, n_val_, shape_.inputs};
  const Evaluation e = evaluate(model_, val, r.settings.loss);
  ++r.epochs;
  ++trained_epochs_;
  r.train_loss = trainer_.history().empty() ? -1 : trainer_.history().back().train_loss;
  r.val_loss = std::isfinite(e.loss) ? e.loss : std::numeric_limits<float>::infinity();
  r.val_accuracy = e.accuracy;
  r.curve.push_back(e.accuracy);
  r.loss_curve.push_back(r.val_loss);
  if (r.epochs >= target_epochs_) finish_run(RunStatus::done);
}

void Search::finish_run(RunStatus status) {
  SearchRun& r = runs_[size_t(current_)];
  r.status = status;
  if (spec_.method == SearchMethod::halving && status == RunStatus::done) {
    paused_[size_t(current_)] = std::make_unique<TrainerCheckpoint>();
    trainer_.save(paused_[size_t(current_)].get());
  }
  if (status == RunStatus::done) keep_weights(current_);
  current_ = -1;
}

// Weights of finished runs, within kKeptBytes: the worst kept run's go first (never the best's).
void Search::keep_weights(int i) {
  kept_[size_t(i)] = std::make_unique<Mlp>(model_);
  auto bytes = [&] {
    size_t total = 0;
    for (const auto& m : kept_)
      if (m) total += (m->parameter_count() + m->running().size()) * sizeof(float);
    return total;
  };
  const int best = best_search_run(runs_);
  while (bytes() > kKeptBytes) {
    int worst = -1;
    for (int k = 0; k < int(kept_.size()); ++k)
      if (kept_[size_t(k)] && k != best &&
          (worst < 0 || runs_[size_t(k)].val_accuracy < runs_[size_t(worst)].val_accuracy))
        worst = k;
    if (worst < 0) break;
    kept_[size_t(worst)].reset();
  }
}

// Halving: the better half of the rung just trained goes on to twice its epochs.
void Search::next_rung() {
  std::vector<int> trained;
  for (int i : rung_)
    if (runs_[size_t(i)].status == RunStatus::done) trained.push_back(i);
  // std::sort with the run's number as the last key: a total order, so the same result as a
  // stable sort (GCC 12's stable_sort buffer trips ASan's alloc-dealloc check).
  std::sort(trained.begin(), trained.end(), [&](int a, int b) {
    const SearchRun &x = runs_[size_t(a)], &y = runs_[size_t(b)];
    if (std::isnan(x.val_accuracy) != std::isnan(y.val_accuracy)) return std::isnan(y.val_accuracy);  // a NaN last
    if (x.val_accuracy != y.val_accuracy && !std::isnan(x.val_accuracy)) return x.val_accuracy > y.val_accuracy;
    if (std::isnan(x.val_loss) != std::isnan(y.val_loss)) return std::isnan(y.val_loss);
    if (x.val_loss != y.val_loss && !std::isnan(x.val_loss)) return x.val_loss < y.val_loss;
    return a < b;
  });
  const int next = int(trained.size() + 1) / 2;
  const int64_t cost = int64_t(next) * rung_epochs_;
  if (trained.size() <= 1 || trained_epochs_ + cost > planned_epochs_) {
    rung_.clear();
    return;
  }
  for (size_t k = size_t(next); k < trained.size(); ++k) {
    runs_[size_t(trained[k])].status = RunStatus::stopped;
    paused_[size_t(trained[k])].reset();
  }
  trained.resize(size_t(next));
  std::sort(trained.begin(), trained.end());
  rung_ = std::move(trained);
  rung_at_ = 0;
  rung_epochs_ *= 2;
}

bool Search::update(double budget_ms) {
  if (state_ != SearchState::running) return false;
  const double t0 = now_ms(), deadline = t0 + budget_ms;
  DenormalScope no_denormals;
  while (now_ms() < deadline && state_ == SearchState::running) {
    if (current_ < 0) {
      int next = -1;
      if (spec_.method == SearchMethod::halving) {
        if (rung_at_ >= int(rung_.size())) next_rung();
        if (rung_at_ < int(rung_.size())) next = rung_[size_t(rung_at_++)];
        target_epochs_ = rung_epochs_;
      } else {
        for (int i = 0; i < int(runs_.size()) && next < 0; ++i)
          if (runs_[size_t(i)].status == RunStatus::waiting) next = i;
        target_epochs_ = spec_.epochs;
      }
      if (next < 0) {
        state_ = SearchState::done;
        break;
      }
      if (!start_run(next)) continue;
    }
    const int epoch = trainer_.progress().epoch;
    if (trainer_.train_steps(1) == 0 || trainer_.progress().state == TrainState::diverged) {
      runs_[size_t(current_)].val_accuracy = -1;
      trained_epochs_ += target_epochs_ - runs_[size_t(current_)].epochs;  // its planned epochs are spent
      finish_run(RunStatus::diverged);
      continue;
    }
    if (trainer_.progress().epoch != epoch) end_epoch();
  }
  elapsed_ms_ += now_ms() - t0;
  return state_ == SearchState::running;
}

void Search::cancel() {
  if (state_ != SearchState::running) return;
  if (current_ >= 0) runs_[size_t(current_)].status = RunStatus::cancelled;
  for (SearchRun& r : runs_)
    if (r.status == RunStatus::waiting) r.status = RunStatus::cancelled;
  current_ = -1;
  state_ = SearchState::cancelled;
}

}  // namespace nnlab::lab
