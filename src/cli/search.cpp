// `nnlab-cli search`: the lab's hyper-parameter search (src/lab/search.h) from the command line —
// the very engine the lab's page and desktop run, so the same flags and seed give the same runs,
// natively and under node. Runs are scored on a validation split of the training digits; the
// test digits are measured once, for the chosen run, at the end.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/cli.h"
#include "cli/progress.h"
#include "data/float_text.h"
#include "data/idx.h"
#include "data/mnist_embedded.h"
#include "lab/engine.h"
#include "lab/search.h"
#include "lab/settings.h"

namespace nnlab::cli {

const char* const kSearchUsage =
    "usage: nnlab-cli search [--data embedded|DIR] [--lab 'arch=784-16-16-10&subset=5k&opt=adam']\n"
    "                        [--method grid|random|halving] [--runs 12] [--epochs 3] [--seed 1]\n"
    "                        [--points 3] [--lr 0.0001..0.1] [--batch off|16,32,64]\n"
    "                        [--hidden off|16-16,32] [--l2 off|LO..HI] [--dropout off|LO..HI] [--json]\n"
    "\n"
    "  --data     as for `train` (embedded: the 10,000 MNIST digits built in)\n"
    "  --lab      the lab's settings every run starts from, KEY=VALUE joined by & (the lab's link\n"
    "             keys: arch act loss opt lr batch l2 dropout subset norm update batchnorm)\n"
    "  --method   grid: every combination; random: --runs seeded draws; halving: successive\n"
    "             halving of --runs draws within --runs × --epochs epochs\n"
    "  --lr, --l2, --dropout   ranges LO..HI (lr and l2 on a log scale) or off\n"
    "  --batch, --hidden       lists to choose from, or off\n"
    "  Each run trains on four fifths of the training subset and is scored on the fifth held out\n"
    "  (validation); the test digits only measure the best run, at the end.\n"
    "  --json     one JSON object on stdout: runs (settings, val_accuracy, val_loss, epochs), best,\n"
    "             best_test_accuracy, seconds\n";

namespace {

constexpr FlagSpec kFlags[] = {{"data", true},   {"lab", true},   {"method", true}, {"runs", true},
                               {"epochs", true}, {"seed", true},  {"points", true}, {"lr", true},
                               {"batch", true},  {"hidden", true}, {"l2", true},    {"dropout", true},
                               {"json", false}};

double now_s() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

int run_search(int argc, const char* const* argv) {
  Args args;
  std::string err;
  if (!args.parse(argc, argv, 2, kFlags, &err)) return usage_error("search", err, kSearchUsage);
  auto data = std::make_shared<IdxDataset>();
  const std::string dir = args.value("data") ? *args.value("data") : "embedded";
  if (dir == "embedded" ? !load_embedded_mnist(data.get(), &err) : !load_idx_dir(dir, 10, data.get(), &err))
    return usage_error("search", "--data: " + err, kSearchUsage);
  const lab::DataShape shape{data->train.images.pixels_per_image(), 10};

  lab::Settings base;
  if (const std::string* text = args.value("lab")) {
    std::string_view rest = *text;
    while (!rest.empty()) {
      const size_t amp = rest.find('&');
      const std::string_view pair = rest.substr(0, amp);
      rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
      if (pair.empty()) continue;
      const size_t eq = pair.find('=');
      bool live;
      const std::string e = eq == std::string_view::npos
                                ? "'" + std::string(pair) + "' is not KEY=VALUE"
                                : lab::apply_setting(&base, pair.substr(0, eq), pair.substr(eq + 1), shape, &live);
      if (!e.empty()) return usage_error("search", "--lab: " + e, kSearchUsage);
    }
  }
  lab::SearchSpec spec;
  for (int k = 0; k < lab::kSearchKeyCount; ++k)
    if (const std::string* v = args.value(lab::kSearchKeys[k]))
      if (const lab::Message e = lab::apply_search_setting(&spec, lab::kSearchKeys[k], *v); !e.empty())
        return usage_error("search", "--" + std::string(lab::kSearchKeys[k]) + ": " + lab::message_text(e), kSearchUsage);

  lab::Engine engine;
  engine.set_data(data, 10);
  if (const lab::Message e = engine.rebuild(base); !e.empty())
    return usage_error("search", "--lab: " + lab::message_text(e), kSearchUsage);
  if (const lab::Message e = engine.start_search(spec); !e.empty())
    return usage_error("search", lab::message_text(e), kSearchUsage);
  ProgressBar bar;
  const double t0 = now_s();
  while (engine.state().search.state == lab::SearchState::running) {
    engine.update(100);
    const lab::SearchView& v = engine.state().search;
    int done = 0;
    for (const lab::SearchRun& r : v.runs) done += r.status != lab::RunStatus::waiting && r.status != lab::RunStatus::training;
    bar.update(v.progress, now_s() - t0,
               "run " + std::to_string(std::min(done + 1, int(v.runs.size()))) + "/" + std::to_string(v.runs.size()));
  }
  bar.finish();
  const double seconds = now_s() - t0;
  const lab::SearchView v = engine.state().search;  // (a copy: "use" below changes the engine)
  // the chosen run, measured on the test digits once
  float test_accuracy = -1;
  if (v.best >= 0 && engine.use_search_run(v.best, nullptr).empty()) {
    while (engine.busy()) engine.update(100);
    if (!engine.state().history.empty()) test_accuracy = engine.state().history.front().test_accuracy;
  }
  if (args.has("json")) {
    nlohmann::ordered_json runs = nlohmann::ordered_json::array();
    for (const lab::SearchRun& r : v.runs) {
      nlohmann::json settings;
      lab::settings_to_json(r.settings, shape, &settings);
      runs.push_back({{"settings", settings},
                      {"status", lab::run_status_name(r.status)},
                      {"epochs", r.epochs},
                      {"val_accuracy", float_for_json(r.val_accuracy)},
                      {"val_loss", float_for_json(r.val_loss)}});
    }
    print_json({{"spec", lab::search_spec_text(spec)},
                {"train_count", v.train_count},
                {"validation_count", v.validation_count},
                {"runs", runs},
                {"best", v.best},
                {"best_test_accuracy", float_for_json(test_accuracy)},
                {"seconds", seconds}});
    return kExitOk;
  }
  std::printf("search %s\n%d training digits, %d held out for validation (the test digits are not used to choose)\n",
              lab::search_spec_text(spec).c_str(), v.train_count, v.validation_count);
  std::printf("%4s %10s %6s %14s %9s %8s %7s %8s %9s  %s\n", "run", "lr", "batch", "arch", "l2", "dropout", "epochs",
              "val acc", "val loss", "status");
  for (size_t i = 0; i < v.runs.size(); ++i) {
    const lab::SearchRun& r = v.runs[i];
    std::printf("%4zu %10s %6d %14s %9s %8s %7d %7.2f%% %9.4f  %s%s\n", i + 1, float_to_text(r.settings.lr).c_str(),
                r.settings.batch, lab::arch_text(r.settings.hidden, shape).c_str(), float_to_text(r.settings.l2).c_str(),
                float_to_text(r.settings.dropout).c_str(), r.epochs, double(r.val_accuracy) * 100, double(r.val_loss),
                lab::run_status_name(r.status), int(i) == v.best ? "  <- best" : "");
  }
  if (v.best >= 0)
    std::printf("best: run %d, validation accuracy %.2f%%; on the test digits: %.2f%%\n", v.best + 1,
                double(v.runs[size_t(v.best)].val_accuracy) * 100, double(test_accuracy) * 100);
  std::printf("%.1f s\n", seconds);
  return v.best >= 0 ? kExitOk : kExitFailed;
}

}  // namespace nnlab::cli
