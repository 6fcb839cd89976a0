// The deeper lab: update frequency (presets and "compare updates"), hyper-parameter search and
// the timeline, on tiny datasets (lab_fixtures.h), through the engine the lab and the worker use.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "core/mlp.h"
#include "core/rng.h"
#include "lab/compare.h"
#include "lab/engine.h"
#include "lab/search.h"
#include "lab/settings.h"
#include "lab/wire.h"
#include "lab_fixtures.h"

namespace nnlab::lab {
namespace {

using test::tiny_dataset;
using test::tiny_settings;

// The tiny dataset's training features, as the engine gives them to a search (x/255).
struct TinyFeatures {
  std::vector<float> x;
  std::vector<int32_t> y;
  int n = 0;
  explicit TinyFeatures(int per_class) {
    auto d = tiny_dataset(per_class);
    n = d->train.labels.count;
    for (uint8_t p : d->train.images.pixels) x.push_back(float(p) / 255.0f);
    for (uint8_t l : d->train.labels.labels) y.push_back(l);
  }
};

SearchSpec spec_from(const char* text) {
  SearchSpec s;
  Message error;
  REQUIRE_MESSAGE(search_spec_from_text(text, &s, &error), message_text(error));
  return s;
}

void run_search(Search& search) {
  for (int i = 0; i < 100000 && search.update(5.0);) ++i;
  REQUIRE(search.state() == SearchState::done);
}

void run_engine(Engine& e) {
  for (int i = 0; i < 100000 && e.busy(); ++i) e.update(5.0);
}

}  // namespace

TEST_SUITE("mnist lab deeper") {
  TEST_CASE("update presets: online, minibatch and full batch give their updates per epoch") {
    Settings s;
    CHECK(updates_per_epoch(s, 7996) == 125);  // batch 64
    s.update = UpdateMode::online;
    CHECK(updates_per_epoch(s, 7996) == 7996);
    CHECK(effective_batch(s, 7996) == 1);
    s.update = UpdateMode::full;
    CHECK(updates_per_epoch(s, 7996) == 1);
    CHECK(effective_batch(s, 7996) == 7996);
    // through the setting, and the trainer really steps that often
    Engine e;
    e.set_data(tiny_dataset(16), 4);  // 64 training digits
    for (const char* mode : {"online", "minibatch", "full"}) {
      CAPTURE(mode);
      Settings t = tiny_settings({{"arch", "16-8-4"}, {"batch", "8"}, {"epochs", "1"}, {"update", mode}});
      REQUIRE(e.rebuild(t).empty());
      const int expected = std::string(mode) == "online" ? 64 : std::string(mode) == "minibatch" ? 8 : 1;
      CHECK(updates_per_epoch(t, 64) == expected);
      REQUIRE(e.start().empty());
      run_engine(e);
      CHECK(e.state().epochs_done == 1);
      CHECK(e.state().steps == expected);
    }
    // batch norm needs two samples per update
    Settings bn = tiny_settings({{"batchnorm", "on"}});
    bool live = false;
    CHECK_FALSE(apply_setting(&bn, "update", "online", {16, 4}, &live).empty());
    CHECK(bn.update == UpdateMode::minibatch);
  }

  TEST_CASE("compare updates: the same start, three ways, the same time each; curves by updates and by seconds") {
    TinyFeatures f(32);  // 128 digits
    Settings s = tiny_settings({{"arch", "16-8-4"}, {"batch", "16"}, {"lr", "0.01"}});
    UpdateCompare c;
    REQUIRE(c.begin(s, {16, 4}, f.x.data(), f.y.data(), f.n, 0.3).empty());
    for (int i = 0; i < 100000 && c.update(5.0); ++i) {
    }
    const CompareView& v = c.view();
    CHECK(v.state == CompareState::done);
    CHECK(v.curves[0].batch == 1);
    CHECK(v.curves[0].updates_per_epoch == 128);
    CHECK(v.curves[1].batch == 16);
    CHECK(v.curves[1].updates_per_epoch == 8);
    CHECK(v.curves[2].batch == 128);
    CHECK(v.curves[2].updates_per_epoch == 1);
    for (const CompareCurve& curve : v.curves) {
      REQUIRE(curve.points.size() >= 2);
      CHECK(curve.points.front().updates == 0);
      CHECK(curve.points.front().loss == v.curves[0].points.front().loss);  // the same start
      CHECK(curve.points.back().seconds >= 0.3f * 0.9f);                     // the whole budget
      for (size_t k = 1; k < curve.points.size(); ++k) {
        CHECK(curve.points[k].updates >= curve.points[k - 1].updates);
        CHECK(curve.points[k].seconds >= curve.points[k - 1].seconds);
      }
    }
    // in the same time, one update per sample makes many more updates than one per epoch
    CHECK(v.curves[0].points.back().updates > 4 * v.curves[2].points.back().updates);
    CHECK(v.curves[0].points.back().loss < v.curves[0].points.front().loss);
    // batch norm cannot train online: refused with a reason
    Settings bn = tiny_settings({{"batchnorm", "on"}});
    UpdateCompare refused;
    CHECK(refused.begin(bn, {16, 4}, f.x.data(), f.y.data(), f.n, 0.3).key == "lab.compare.batchnorm");
  }

  TEST_CASE("search spec: text round trip; bad values refused with nothing changed") {
    SearchSpec s = spec_from("method=grid&points=4&lr=0.001..0.1&batch=8,16&hidden=8,4-4&l2=off&dropout=0..0.5");
    CHECK(s.method == SearchMethod::grid);
    CHECK(s.batches == std::vector<int>{8, 16});
    CHECK(s.hiddens == std::vector<std::vector<int>>{{8}, {4, 4}});
    SearchSpec back;
    Message error;
    REQUIRE(search_spec_from_text(search_spec_text(s), &back, &error));
    CHECK(back == s);
    const SearchSpec before = s;
    CHECK(apply_search_setting(&s, "lr", "0.1..0.001").key == "lab.search.bad_range");
    CHECK(apply_search_setting(&s, "lr", "0..0.1").key == "lab.search.bad_range");  // log scale: > 0
    CHECK(apply_search_setting(&s, "runs", "0").key == "lab.search.bad_whole");
    CHECK(apply_search_setting(&s, "batch", "8,x").key == "lab.search.bad_batches");
    CHECK(apply_search_setting(&s, "colour", "red").key == "lab.search.unknown_key");
    CHECK(s == before);
  }

  TEST_CASE("search grid: enumerates exactly its grid, each combination once, on a log scale") {
    Settings base = tiny_settings({{"arch", "16-8-4"}});
    std::vector<Settings> plan;
    Message error;
    REQUIRE(plan_search(spec_from("method=grid&points=3&lr=0.001..0.1&batch=8,16"), base, {16, 4}, &plan, &error));
    REQUIRE(plan.size() == 6u);
    std::set<std::pair<float, int>> seen;
    for (const Settings& s : plan) {
      seen.insert({s.lr, s.batch});
      CHECK(s.hidden == base.hidden);  // not varied: the lab's
    }
    CHECK(seen.size() == 6u);
    for (float lr : {0.001f, 0.01f, 0.1f})
      for (int b : {8, 16}) CHECK(seen.count({lr, b}) == 1);
    // too big a grid is refused
    CHECK_FALSE(plan_search(spec_from("method=grid&points=10&lr=0.001..0.1&l2=0.0001..0.01&dropout=0..0.5"), base,
                            {16, 4}, &plan, &error));
    CHECK(error.key == "lab.search.grid_too_big");
    CHECK_FALSE(plan_search(spec_from("lr=off"), base, {16, 4}, &plan, &error));
    CHECK(error.key == "lab.search.nothing_varies");
  }

  TEST_CASE("search random: reproducible from the seed, different for another, inside the ranges") {
    Settings base = tiny_settings({{"arch", "16-8-4"}});
    std::vector<Settings> a, b, c;
    Message error;
    REQUIRE(plan_search(spec_from("runs=20&seed=7&lr=0.0001..0.1&dropout=0.1..0.4&batch=4,8,16"), base, {16, 4}, &a, &error));
    REQUIRE(plan_search(spec_from("runs=20&seed=7&lr=0.0001..0.1&dropout=0.1..0.4&batch=4,8,16"), base, {16, 4}, &b, &error));
    REQUIRE(plan_search(spec_from("runs=20&seed=8&lr=0.0001..0.1&dropout=0.1..0.4&batch=4,8,16"), base, {16, 4}, &c, &error));
    REQUIRE(a.size() == 20u);
    CHECK(a == b);
    CHECK(a != c);
    int low = 0;
    for (const Settings& s : a) {
      CHECK(s.lr >= 0.0001f);
      CHECK(s.lr <= 0.1f);
      CHECK(s.dropout >= 0.1f);
      CHECK(s.dropout <= 0.4f);
      CHECK((s.batch == 4 || s.batch == 8 || s.batch == 16));
      low += s.lr < 0.00316f;  // below the geometric middle: log-uniform puts about half there
    }
    CHECK(low >= 4);
    CHECK(low <= 16);
    // the whole search (training and scores) repeats bit for bit
    TinyFeatures f(16);
    Search one, two;
    const SearchSpec spec = spec_from("runs=4&epochs=2&seed=3&lr=0.001..0.3");
    REQUIRE(one.begin(spec, base, {16, 4}, f.x.data(), f.y.data(), f.n).empty());
    REQUIRE(two.begin(spec, base, {16, 4}, f.x.data(), f.y.data(), f.n).empty());
    run_search(one);
    run_search(two);
    for (size_t i = 0; i < one.runs().size(); ++i) {
      CHECK(one.runs()[i].val_loss == two.runs()[i].val_loss);
      CHECK(one.runs()[i].curve == two.runs()[i].curve);
      REQUIRE(one.network(int(i)));
      CHECK(std::equal(one.network(int(i))->params().begin(), one.network(int(i))->params().end(),
                       two.network(int(i))->params().begin()));
    }
  }

  TEST_CASE("search: the best run is the best by validation; halving stops weak runs within the budget") {
    std::vector<SearchRun> runs(4);
    for (SearchRun& r : runs) r.status = RunStatus::done, r.epochs = 3;
    runs[0].val_accuracy = 0.8f, runs[0].val_loss = 0.5f;
    runs[1].val_accuracy = 0.9f, runs[1].val_loss = 0.4f;
    runs[2].val_accuracy = 0.9f, runs[2].val_loss = 0.3f;  // same accuracy, lower loss: the best
    runs[3].val_accuracy = 0.95f, runs[3].epochs = 1, runs[3].status = RunStatus::stopped;  // fewer epochs
    CHECK(best_search_run(runs) == 2);
    runs[2].status = RunStatus::diverged;
    CHECK(best_search_run(runs) == 1);

    TinyFeatures f(16);
    Settings base = tiny_settings({{"arch", "16-8-4"}, {"batch", "8"}});
    Search search;
    REQUIRE(search.begin(spec_from("method=halving&runs=8&epochs=2&seed=5&lr=0.0001..1"), base, {16, 4}, f.x.data(),
                         f.y.data(), f.n)
                .empty());
    CHECK(search.train_count() + search.validation_count() == f.n);
    CHECK(search.validation_count() == int(f.n * kSearchValidation));
    run_search(search);
    int stopped = 0, epochs = 0, most = 0;
    for (const SearchRun& r : search.runs()) {
      stopped += r.status == RunStatus::stopped;
      epochs += r.epochs;
      most = std::max(most, r.epochs);
    }
    CHECK(stopped >= 4);   // the weaker half of the first rung at least
    CHECK(epochs <= 8 * 2);  // the budget: runs × epochs
    CHECK(most >= 2);
    const int best = search.best();
    REQUIRE(best >= 0);
    CHECK(search.runs()[size_t(best)].epochs == most);
    for (const SearchRun& r : search.runs())
      if (r.epochs == most && r.status == RunStatus::done) CHECK(r.val_accuracy <= search.runs()[size_t(best)].val_accuracy);
  }

  TEST_CASE("search in the engine: never scored on the test digits; cancel keeps what finished; use loads a run") {
    // Two datasets with the same training digits; the second's test digits are all labelled wrong.
    auto good = tiny_dataset(16);
    auto wrong = std::make_shared<IdxDataset>(*good);
    for (uint8_t& l : wrong->test.labels.labels) l = uint8_t((l + 1) % 4);
    const std::shared_ptr<const IdxDataset> bad = wrong;
    Settings base = tiny_settings({{"arch", "16-8-4"}, {"batch", "8"}});
    const SearchSpec spec = spec_from("runs=3&epochs=2&seed=2&lr=0.01..0.3");
    std::vector<SearchRun> results[2];
    int k = 0;
    for (auto data : {good, bad}) {
      Engine e;
      e.set_data(data, 4);
      REQUIRE(e.rebuild(base).empty());
      REQUIRE(e.start_search(spec).empty());
      run_engine(e);
      REQUIRE(e.state().search.state == SearchState::done);
      results[k++] = e.state().search.runs;
    }
    REQUIRE(results[0].size() == 3u);
    for (size_t i = 0; i < 3; ++i) {
      CHECK(results[0][i].val_accuracy == results[1][i].val_accuracy);  // the test labels changed nothing
      CHECK(results[0][i].val_loss == results[1][i].val_loss);
    }

    Engine e;
    e.set_data(good, 4);
    REQUIRE(e.rebuild(base).empty());
    REQUIRE(e.start_search(spec_from("runs=50&epochs=3&seed=2&lr=0.01..0.3")).empty());
    while (e.state().search.runs.empty() || e.state().search.runs[1].status != RunStatus::done) e.update(0.001);
    e.cancel_search();
    const auto& runs = e.state().search.runs;
    CHECK(e.state().search.state == SearchState::cancelled);
    CHECK(runs[0].status == RunStatus::done);
    CHECK(runs[1].status == RunStatus::done);
    CHECK(runs[49].status == RunStatus::cancelled);
    CHECK_FALSE(e.busy());
    const int best = e.state().search.best;
    REQUIRE(best >= 0);
    REQUIRE(best <= 1);
    // "use this": its settings and its weights become the lab's
    std::vector<float> weights(e.search()->network(best)->params().begin(), e.search()->network(best)->params().end());
    Settings used;
    REQUIRE(e.use_search_run(best, &used).empty());
    CHECK(used == runs[size_t(best)].settings);
    CHECK(e.settings() == used);
    CHECK(std::equal(weights.begin(), weights.end(), e.model().params().begin()));
    CHECK(e.use_search_run(40, nullptr).key == "lab.search.no_weights");
    CHECK(e.use_search_run(99, nullptr).key == "lab.search.no_run");
  }

  TEST_CASE("search over the wire: the worker's runs reach the page's snapshot with their settings") {
    Engine e;
    e.set_data(tiny_dataset(16), 4);
    Settings base = tiny_settings({{"arch", "16-8-4"}, {"batch", "8"}});
    REQUIRE(e.rebuild(base).empty());
    REQUIRE(apply_message_keyed(e, search_message(spec_from("runs=2&epochs=1&seed=4&lr=0.01..0.1&hidden=8,4-4"))).empty());
    run_engine(e);
    Snapshot s;
    e.snapshot(&s);
    Snapshot back;
    Message error;
    const SnapshotFit fit{s.params.size(), s.test_predictions.size(), 4, s.running.size(), 16};
    REQUIRE_MESSAGE(read_snapshot(snapshot_message(s, e.shape()), fit, &back, &error), message_text(error));
    REQUIRE(back.search.runs.size() == 2u);
    CHECK(back.search.state == SearchState::done);
    CHECK(back.search.best == s.search.best);
    for (size_t i = 0; i < 2; ++i) {
      CHECK(back.search.runs[i].settings == s.search.runs[i].settings);
      CHECK(back.search.runs[i].val_accuracy == s.search.runs[i].val_accuracy);
      CHECK(back.search.runs[i].curve == s.search.runs[i].curve);
    }
    CHECK(back.search.spec == s.search.spec);
    CHECK(apply_message_keyed(e, index_message(Verb::use, 0)).empty());
    CHECK(e.settings() == s.search.runs[0].settings);
  }

  TEST_CASE("timeline: the weights shown at epoch k are those saved at epoch k; continuing reproduces the run") {
    Engine e;
    e.set_data(tiny_dataset(16), 4);
    Settings s = tiny_settings({{"arch", "16-8-4"}, {"batch", "8"}, {"epochs", "10"}, {"opt", "adam"}, {"lr", "0.01"}});
    REQUIRE(e.rebuild(s).empty());
    std::vector<std::vector<float>> at_epoch;
    at_epoch.emplace_back(e.live_model().params().begin(), e.live_model().params().end());
    while (e.state().epochs_done < 4) {
      const int before = e.state().epochs_done;
      REQUIRE(e.step().empty());
      if (e.state().epochs_done != before) at_epoch.emplace_back(e.live_model().params().begin(), e.live_model().params().end());
    }
    const std::vector<float> final_weights = at_epoch.back();
    const TimelineView& t = e.state().timeline;
    // epoch 0, ⅛, ¼, ½ of the first epoch (8 steps), then 1 … 4
    std::vector<float> epochs;
    for (const TimelineMark& m : t.marks) epochs.push_back(m.epoch);
    CHECK(epochs == std::vector<float>{0, 0.125f, 0.25f, 0.5f, 1, 2, 3, 4});
    CHECK(t.bytes > 0);
    CHECK(t.bytes <= kTimelineBytes);
    for (int k = 0; k <= 4; ++k) {
      const int mark = k == 0 ? 0 : 3 + k;
      CAPTURE(k);
      REQUIRE(e.view_mark(mark).empty());
      run_engine(e);  // measures the test digits for it
      CHECK(std::equal(at_epoch[size_t(k)].begin(), at_epoch[size_t(k)].end(), e.model().params().begin()));
      CHECK(e.state().timeline.shown == mark);
    }
    // the confusion matrix is the shown network's: at epoch 0 differs from the present's
    REQUIRE(e.view_mark(0).empty());
    run_engine(e);
    const std::vector<int> then = e.state().confusion;
    REQUIRE(e.view_mark(-1).empty());
    CHECK(std::equal(final_weights.begin(), final_weights.end(), e.model().params().begin()));
    CHECK(e.state().confusion != then);
    // continue from epoch 2: the later history goes, and the same seed trains the same run again
    REQUIRE(e.view_mark(5).empty());
    REQUIRE(e.continue_from_view().empty());
    CHECK(e.state().epochs_done == 2);
    CHECK(e.state().timeline.marks.size() == 6u);
    CHECK(e.state().history.size() == 3u);
    while (e.state().epochs_done < 4) REQUIRE(e.step().empty());
    CHECK(std::equal(final_weights.begin(), final_weights.end(), e.live_model().params().begin()));
    CHECK(e.continue_from_view().key == "lab.timeline.not_viewing");
    CHECK(e.view_mark(99).key == "lab.timeline.no_mark");
  }

  TEST_CASE("timeline: bounded; odd epochs go before even ones, epoch 0 and the newest stay") {
    Engine e;
    e.set_data(tiny_dataset(16), 4);
    Settings s = tiny_settings({{"arch", "16-8-4"}, {"batch", "64"}, {"epochs", "200"}});
    REQUIRE(e.rebuild(s).empty());
    REQUIRE(e.start().empty());
    run_engine(e);
    REQUIRE(e.state().epochs_done == 200);
    const auto& marks = e.state().timeline.marks;
    // tiny network: everything fits, every epoch kept
    CHECK(marks.size() == 201u);
    CHECK(marks.front().epoch == 0);
    CHECK(marks.back().epoch == 200);

    // 16-512-512-4 with Adam: ≈ 3.3 MB a moment, about 19 of them within 64 MB
    Engine big;
    big.set_data(tiny_dataset(16), 4);
    Settings b = tiny_settings({{"arch", "16-512-512-4"}, {"batch", "8"}, {"epochs", "40"}, {"opt", "adam"}});
    REQUIRE(big.rebuild(b).empty());
    REQUIRE(big.start().empty());
    run_engine(big);
    REQUIRE(big.state().epochs_done == 40);
    const TimelineView& t = big.state().timeline;
    CHECK_FALSE(t.too_big);
    CHECK(t.bytes <= kTimelineBytes);
    CHECK(t.marks.size() < 30u);
    std::vector<float> kept;
    for (const TimelineMark& m : t.marks) kept.push_back(m.epoch);
    CAPTURE(kept);
    REQUIRE(kept.size() >= 6u);
    CHECK(std::vector<float>(kept.begin(), kept.begin() + 5) == std::vector<float>{0, 0.125f, 0.25f, 0.5f, 1});
    CHECK(kept.back() == 40);
    for (float e : kept)
      if (e >= 2 && e < 40) CHECK(int(e) % 2 == 0);  // the odd epochs went first
    CHECK(std::find(kept.begin(), kept.end(), 32.0f) != kept.end());  // the most factors of two stay longest
  }

  TEST_CASE("batch norm by hand: the workspace's μ, 1/√(σ²+ε) and x̂ are those of the batch's weighted sums") {
    Mlp bn, plain;
    const LayerSpec with[] = {{3, 2, Activation::relu, true}, {2, 2, Activation::softmax}};
    const LayerSpec without[] = {{3, 2, Activation::identity, false}};
    REQUIRE(bn.build(with, nullptr));
    REQUIRE(plain.build(without, nullptr));
    bn.init_params(5);
    std::copy(bn.weights(0).begin(), bn.weights(0).end(), plain.weights(0).begin());
    std::copy(bn.bias(0).begin(), bn.bias(0).end(), plain.bias(0).begin());
    const float x[4 * 3] = {1, 0, 2, -1, 0.5f, 0, 3, 1, -2, 0, 0, 1};
    Workspace wp, wt;
    wp.resize(plain, 4);
    wt.resize(bn, 4);
    forward(plain, x, 4, wp);
    Rng rng(1);
    forward_train(bn, x, 4, wt, 0.0f, rng);
    for (int o = 0; o < 2; ++o) {
      double mean = 0, var = 0;
      for (int b = 0; b < 4; ++b) mean += wp.z(0)[size_t(b * 2 + o)] / 4.0;
      for (int b = 0; b < 4; ++b) var += std::pow(wp.z(0)[size_t(b * 2 + o)] - mean, 2) / 4.0;
      CHECK(wt.norm_stats(0)[size_t(o)] == doctest::Approx(mean).epsilon(1e-5));
      CHECK(wt.norm_stats(0)[size_t(2 + o)] == doctest::Approx(1 / std::sqrt(var + kBatchNormEps)).epsilon(1e-4));
      for (int b = 0; b < 4; ++b)
        CHECK(wt.xhat(0)[size_t(b * 2 + o)] ==
              doctest::Approx((wp.z(0)[size_t(b * 2 + o)] - mean) / std::sqrt(var + kBatchNormEps)).epsilon(1e-4));
    }
    // inference normalises with the running averages: the stats are those, not the batch's
    Workspace wi;
    wi.resize(bn, 4);
    forward(bn, x, 4, wi);
    CHECK(wi.norm_stats(0)[0] == bn.running_mean(0)[0]);
    CHECK(wi.norm_stats(0)[2] == doctest::Approx(1 / std::sqrt(bn.running_var(0)[0] + kBatchNormEps)));
  }

  TEST_CASE("a run that ends worse than it started says it diverged and suggests a smaller learning rate") {
    Snapshot s;
    s.phase = Phase::finished;
    s.history.resize(3);
    s.history[0].train_loss = 2.3f;
    s.history[2].train_loss = 14.5f;
    s.history[2].test_accuracy = 0.098f;
    const Message m = ended_worse_message(s, 5.0f);
    CHECK(m.key == "lab.diverged.worse");
    const std::string text = message_text(m);
    CHECK(text.find("9.8") != std::string::npos);
    CHECK(text.find("0.5") != std::string::npos);
    s.history[2].train_loss = 0.3f;
    CHECK(ended_worse_message(s, 5.0f).empty());
  }
}

}  // namespace nnlab::lab
