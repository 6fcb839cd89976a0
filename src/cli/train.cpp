// `nnlab-cli train`: train an MLP on MNIST-format data with the core's Trainer, report train and
// test loss / accuracy, throughput and time; optionally save the model (docs/model-format.md).
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/cli.h"
#include "cli/progress.h"
#include "core/trainer.h"
#include "data/dataset_prep.h"
#include "data/float_text.h"
#include "data/idx.h"
#include "data/mnist_embedded.h"
#include "data/model_file.h"

namespace nnlab::cli {

const char* const kTrainUsage =
    "usage: nnlab-cli train [--data embedded|DIR] [--layers 784,128,10] [--activation relu]\n"
    "                       [--loss cross-entropy] [--optimizer adam] [--lr 0.001] [--batch 64]\n"
    "                       [--epochs 5] [--l2 0] [--dropout 0] [--seed 1] [--save FILE] [--json]\n"
    "                       [--limit-train N] [--limit-test N] [--momentum 0.9] [--lr-decay 1]\n"
    "                       [--validation 0] [--patience 0]\n"
    "\n"
    "  --data         a directory with train-images-idx3-ubyte, train-labels-idx1-ubyte,\n"
    "                 t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (each plain or .gz), e.g.\n"
    "                 /usr/share/datasets/fashion-mnist; `embedded` (default) = the 10,000 MNIST\n"
    "                 digits built in (7,996 train, 2,004 test)\n"
    "  --layers       layer sizes: inputs (pixels per image), hidden..., outputs (10 classes)\n"
    "  --activation   hidden layers: relu, leaky-relu, sigmoid, tanh, identity; the output layer is\n"
    "                 softmax for cross-entropy, sigmoid for bce, mse and half-sse\n"
    "  --loss         cross-entropy | bce | mse | half-sse\n"
    "  --optimizer    adam | momentum | sgd\n"
    "  --lr           learning rate > 0            --batch    minibatch size ≥ 1\n"
    "  --l2           weight decay λ ≥ 0           --dropout  hidden-layer dropout p in [0, 1)\n"
    "  --limit-train  use only the first N training images; --limit-test likewise for the test set\n"
    "  --validation   fraction of the training images held out for early stopping (0..0.9)\n"
    "  --patience     stop after this many epochs without a better validation loss (0 = off)\n"
    "  --save FILE    write the trained model (written atomically: FILE.tmp, then renamed)\n"
    "  --json         one JSON object on stdout: train_loss, train_accuracy, test_loss,\n"
    "                 test_accuracy, samples_per_s, seconds, epochs, history, ...\n";

namespace {

constexpr FlagSpec kFlags[] = {{"data", true},      {"layers", true},      {"activation", true}, {"loss", true},
                               {"optimizer", true}, {"lr", true},          {"batch", true},      {"epochs", true},
                               {"l2", true},        {"dropout", true},     {"seed", true},       {"save", true},
                               {"json", false},     {"momentum", true},    {"lr-decay", true},   {"validation", true},
                               {"patience", true},  {"limit-train", true}, {"limit-test", true}};

constexpr int kClasses = 10;

// Pixels 0..255 → features in [0, 1]; labels as int32. The first `limit` samples.
struct Samples {
  std::vector<float> x;    // (N, D)
  std::vector<int32_t> y;  // (N)
  int count = 0, dims = 0;
  DatasetView view() const { return {x.data(), y.data(), nullptr, count, dims}; }
};

// The data layer's x/255 (the lab's features too, so a lab run and a CLI run of the same data
// and seed train on the very same floats).
Samples to_samples(const IdxSplit& split, int limit) {
  Samples s;
  s.dims = split.images.pixels_per_image();
  s.count = split.images.count < limit ? split.images.count : limit;
  const auto end = split.images.pixels.begin() + static_cast<std::ptrdiff_t>(s.count) * s.dims;
  const IdxImages first{s.count, split.images.rows, split.images.cols, {split.images.pixels.begin(), end}};
  to_features(first, Normalisation::unit, 0.0f, 1.0f, &s.x);
  to_labels(split.labels, &s.y);
  s.y.resize(static_cast<std::size_t>(s.count));
  return s;
}

std::string join_sizes(const std::vector<int>& sizes) {
  std::string s;
  for (std::size_t k = 0; k < sizes.size(); ++k) s += (k ? "-" : "") + std::to_string(sizes[k]);
  return s;
}

const char* state_name(TrainState s) {
  switch (s) {
    case TrainState::running: return "running";
    case TrainState::finished: return "finished";
    case TrainState::early_stopped: return "early_stopped";
    case TrainState::diverged: return "diverged";
  }
  return "finished";
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int run_train(int argc, const char* const* argv) {
  auto usage = [](const std::string& message) { return usage_error("train", message, kTrainUsage); };
  Args args;
  std::string err;
  if (!args.parse(argc, argv, 2, kFlags, &err)) return usage(err);
  if (!args.positionals().empty()) return usage("unexpected argument \"" + args.positionals()[0] + "\"");

  // ---- every flag is checked before any work is done -------------------------------------------
  const std::string data = args.value("data") ? *args.value("data") : "embedded";
  std::vector<int> sizes = {784, 128, 10};
  if (!args.get_ints("layers", 1, kMaxLayerSize, &sizes, &err)) return usage(err);
  if (sizes.size() < 2) return usage("--layers needs at least an input and an output size, e.g. 784,128,10");
  if (static_cast<int>(sizes.size()) - 1 > kMaxModelLayers)
    return usage("--layers allows at most " + std::to_string(kMaxModelLayers) + " layers");
  Activation hidden = Activation::relu;
  if (const std::string* a = args.value("activation"))
    if (!parse_activation(*a, &hidden) || hidden == Activation::softmax || hidden == Activation::step)
      return usage("--activation must be relu, leaky-relu, sigmoid, tanh or identity, got \"" + *a + "\"");
  TrainConfig config;
  if (const std::string* l = args.value("loss"))
    if (!parse_loss(*l, &config.loss))
      return usage("unknown --loss \"" + *l + "\" (cross-entropy, bce, mse, half-sse)");
  if (const std::string* o = args.value("optimizer"))
    if (!parse_optimizer(*o, &config.optimizer.kind))
      return usage("unknown --optimizer \"" + *o + "\" (adam, momentum, sgd)");
  int limit_train = kIdxMaxCount, limit_test = kIdxMaxCount;
  if (!args.get_float("lr", 0, 1e6, true, &config.optimizer.lr, &err) ||
      !args.get_float("momentum", 0, 0.999999, false, &config.optimizer.momentum, &err) ||
      !args.get_float("l2", 0, 1e6, false, &config.optimizer.l2, &err) ||
      !args.get_float("dropout", 0, 0.99, false, &config.dropout, &err) ||
      !args.get_float("lr-decay", 0, 1, true, &config.lr_decay, &err) ||
      !args.get_float("validation", 0, 0.9, false, &config.validation_fraction, &err) ||
      !args.get_int("batch", 1, 65536, &config.batch, &err) ||
      !args.get_int("epochs", 1, 100000, &config.epochs, &err) ||
      !args.get_int("patience", 0, 100000, &config.patience, &err) || !args.get_u64("seed", &config.seed, &err) ||
      !args.get_int("limit-train", 1, kIdxMaxCount, &limit_train, &err) ||
      !args.get_int("limit-test", 1, kIdxMaxCount, &limit_test, &err))
    return usage(err);
  if (config.patience > 0 && config.validation_fraction <= 0)
    return usage("--patience needs a validation split (--validation 0.1, say)");
  const std::string* save = args.value("save");
  if (save) {  // fail now, not after an hour of training
    const std::size_t slash = save->find_last_of('/');
    const std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : save->substr(0, slash));
    struct stat st {};
    if (stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return usage("--save " + *save + ": no directory " + dir);
    if (stat(save->c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return usage("--save " + *save + ": is a directory");
  }
  const bool json = args.has("json");

  // ---- data ---------------------------------------------------------------------------------
  IdxDataset idx;
  if (data == "embedded" ? !load_embedded_mnist(&idx, &err) : !load_idx_dir(data, kClasses, &idx, &err))
    return usage(err);
  const Samples train = to_samples(idx.train, limit_train), test = to_samples(idx.test, limit_test);
  idx = IdxDataset{};  // the bytes are no longer needed
  if (sizes.front() != train.dims)
    return usage("--layers starts with " + std::to_string(sizes.front()) + " inputs but the images in " + data +
                 " have " + std::to_string(train.dims) + " pixels");
  if (sizes.back() != kClasses)
    return usage("--layers ends with " + std::to_string(sizes.back()) + " outputs but the data has " +
                 std::to_string(kClasses) + " classes");

  // ---- model ----------------------------------------------------------------------------------
  const Activation output = config.loss == Loss::cross_entropy ? Activation::softmax : Activation::sigmoid;
  std::vector<LayerSpec> specs;
  for (std::size_t l = 0; l + 1 < sizes.size(); ++l)
    specs.push_back({sizes[l], sizes[l + 1], l + 2 == sizes.size() ? output : hidden});
  Mlp mlp;
  if (!mlp.build(specs, &err)) return usage(err);
  mlp.init_params(config.seed);
  Trainer trainer;
  if (!trainer.init(&mlp, train.view(), config, &err)) return usage(err);

  // ---- train in slices (the progress bar; and in wasm, short calls let V8 tier the code up) ----
  ProgressBar bar;
  const auto t0 = std::chrono::steady_clock::now();
  while (!trainer.done()) {
    trainer.train_steps(20);
    const TrainProgress& p = trainer.progress();
    if (bar.enabled()) {
      const double total = static_cast<double>(p.steps_per_epoch) * config.epochs;
      char detail[128];
      std::snprintf(detail, sizeof detail, "epoch %d/%d  loss %.4f  acc %.1f%%", p.epoch + (p.epoch < config.epochs),
                    config.epochs, p.epoch_loss, 100.0 * p.epoch_accuracy);
      bar.update(total > 0 ? static_cast<double>(p.step) / total : 0, seconds_since(t0), detail);
    }
  }
  const double seconds = seconds_since(t0);
  bar.finish();
  const TrainProgress& p = trainer.progress();
  const Evaluation on_train = evaluate(mlp, train.view(), config.loss);
  const Evaluation on_test = evaluate(mlp, test.view(), config.loss);
  const double samples_per_s = seconds > 0 ? static_cast<double>(p.samples_seen) / seconds : 0.0;
  const bool diverged = p.state == TrainState::diverged;

  std::string saved_error;
  bool saved = false;
  if (save && !diverged) {
    TrainingInfo info;
    info.present = true;
    info.loss = std::string(loss_name(config.loss));
    info.optimizer = std::string(optimizer_name(config.optimizer.kind));
    info.data = data;
    info.lr = float_for_json(config.optimizer.lr);
    if (config.optimizer.kind == OptimizerKind::momentum) info.momentum = float_for_json(config.optimizer.momentum);
    info.batch = config.batch;
    info.epochs = static_cast<int>(trainer.history().size());
    info.l2 = float_for_json(config.optimizer.l2);
    info.dropout = float_for_json(config.dropout);
    info.seed = config.seed;
    info.train_loss = float_for_json(on_train.loss);
    info.train_accuracy = float_for_json(on_train.accuracy);
    info.test_loss = float_for_json(on_test.loss);
    info.test_accuracy = float_for_json(on_test.accuracy);
    saved = save_model(*save, mlp, &info, &saved_error);
  }

  if (json) {
    nlohmann::ordered_json out;
    out["layers"] = join_sizes(sizes);
    out["activation"] = std::string(activation_name(hidden));
    out["loss"] = std::string(loss_name(config.loss));
    out["optimizer"] = std::string(optimizer_name(config.optimizer.kind));
    out["lr"] = float_for_json(config.optimizer.lr);
    out["batch"] = config.batch;
    out["seed"] = config.seed;
    out["data"] = data;
    out["train_samples"] = p.train_count;
    out["validation_samples"] = p.validation_count;
    out["test_samples"] = test.count;
    out["train_loss"] = float_for_json(on_train.loss);
    out["train_accuracy"] = float_for_json(on_train.accuracy);
    out["test_loss"] = float_for_json(on_test.loss);
    out["test_accuracy"] = float_for_json(on_test.accuracy);
    out["samples_per_s"] = static_cast<long long>(samples_per_s + 0.5);
    out["seconds"] = static_cast<double>(static_cast<long long>(seconds * 1000 + 0.5)) / 1000;
    out["epochs"] = static_cast<int>(trainer.history().size());
    out["steps"] = p.step;
    out["state"] = state_name(p.state);
    if (!p.reason.empty()) out["reason"] = p.reason;
    nlohmann::ordered_json history = nlohmann::ordered_json::array();
    for (const EpochRecord& e : trainer.history()) {
      nlohmann::ordered_json h = {{"train_loss", float_for_json(e.train_loss)},
                                  {"train_accuracy", float_for_json(e.train_accuracy)},
                                  {"lr", float_for_json(e.learning_rate)}};
      if (e.val_loss >= 0) {
        h["val_loss"] = float_for_json(e.val_loss);
        h["val_accuracy"] = float_for_json(e.val_accuracy);
      }
      history.push_back(std::move(h));
    }
    out["history"] = std::move(history);
    if (saved) out["saved"] = *save;
    print_json(out);
  } else {
    std::printf("trained %s (%s, %s, %s, lr %s, batch %d) on %d images from %s\n", join_sizes(sizes).c_str(),
                std::string(activation_name(hidden)).c_str(), std::string(loss_name(config.loss)).c_str(),
                std::string(optimizer_name(config.optimizer.kind)).c_str(), float_to_text(config.optimizer.lr).c_str(),
                config.batch, p.train_count, data.c_str());
    std::printf("epochs %d, %lld steps, %.2f s, %.0f samples/s (%s)\n", static_cast<int>(trainer.history().size()),
                static_cast<long long>(p.step), seconds, samples_per_s, state_name(p.state));
    std::printf("train: loss %.4f  accuracy %.2f %%  (%d images)\n", on_train.loss, 100.0 * on_train.accuracy,
                on_train.count);
    std::printf("test:  loss %.4f  accuracy %.2f %%  (%d images)\n", on_test.loss, 100.0 * on_test.accuracy,
                on_test.count);
    if (saved) std::printf("saved %s\n", save->c_str());
  }
  std::fflush(stdout);
  if (diverged) {
    std::fprintf(stderr, "nnlab-cli train: %s (the last good weights were restored%s)\n", p.reason.c_str(),
                 save ? "; nothing saved" : "");
    return kExitFailed;
  }
  if (save && !saved) {
    std::fprintf(stderr, "nnlab-cli train: %s\n", saved_error.c_str());
    return kExitFailed;
  }
  return kExitOk;
}

}  // namespace nnlab::cli
