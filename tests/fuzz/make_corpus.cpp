// Writes the starting inputs of every fuzz target's corpus (tests/fuzz/corpus/<target>/) from the
// real code: model files the app saves, IDX files and packs as the data layer reads them, the
// messages the page and the worker really exchange, links and commands from the docs — and the
// reproducer of every fault the fuzzers found, named after what it does ("labels-above-classes").
// Run by `cmake --build build/fuzz --target fuzz_corpus`; the files are committed, so a build
// never needs it.
#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "data/mnist_embedded.h"
#include "data/model_file.h"
#include "fuzz_util.h"
#include "idx_bytes.h"
#include "lab/byte_stream.h"
#include "lab/engine.h"
#include "lab/settings.h"
#include "lab/wire.h"
#include "lab_data.h"

using namespace nnlab;
using namespace nnlab::lab;
namespace fs = std::filesystem;

namespace {

fs::path g_root;

void put(const std::string& target, const std::string& name, const std::string& bytes) {
  const fs::path dir = g_root / target;
  fs::create_directories(dir);
  std::FILE* f = std::fopen((dir / name).c_str(), "wb");
  FUZZ_CHECK(f, (dir / name).string());
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
}

// One file for fuzz_open_file: its name and its bytes, each framed.
std::string file(const std::string& name, const std::string& bytes) { return fuzz::frame(name) + fuzz::frame(bytes); }

std::string gzip(const std::string& bytes) {
  z_stream zs{};
  FUZZ_CHECK(deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY) == Z_OK, "deflate");
  std::string out(deflateBound(&zs, uLong(bytes.size())) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = uInt(bytes.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = uInt(out.size());
  FUZZ_CHECK(deflate(&zs, Z_FINISH) == Z_STREAM_END, "deflate");
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

Settings small_settings(const char* arch, DataShape shape) {
  Settings s;
  bool live;
  FUZZ_CHECK(apply_setting(&s, "arch", arch, shape, &live).empty(), arch);
  FUZZ_CHECK(apply_setting(&s, "batch", "4", shape, &live).empty(), "batch");
  return s;
}

Mlp network(std::initializer_list<LayerSpec> layers, std::uint64_t seed) {
  Mlp m;
  FUZZ_CHECK(m.build(std::vector<LayerSpec>(layers), nullptr), "a network");
  m.init_params(seed);
  return m;
}

// ---- model files ------------------------------------------------------------------------------
void model_files() {
  TrainingInfo info;
  info.present = true;
  info.loss = "cross-entropy";
  info.optimizer = "adam";
  info.data = "MNIST (embedded: 7,996 train / 2,004 test)";
  info.lr = 0.001;
  info.batch = 64;
  info.epochs = 5;
  info.seed = 1;
  info.train_loss = 0.21;
  info.test_accuracy = 0.93;
  info.extra = R"({"note": "kept as written", "by": ["nnlab", 1]})";
  std::string text, error;
  const Mlp coat = network({{3, 2, Activation::relu}, {2, 1, Activation::sigmoid}}, 3);
  FUZZ_CHECK(model_to_json(coat, nullptr, &text, &error), error);
  put("model_file", "coat.json", text);
  const Mlp softmax = network({{4, 3, Activation::tanh}, {3, 3, Activation::leaky_relu}, {3, 2, Activation::softmax}}, 5);
  FUZZ_CHECK(model_to_json(softmax, &info, &text, &error), error);
  put("model_file", "trained-with-training-object.json", text);
  const Mlp lab = network({{784, 1, Activation::relu}, {1, 10, Activation::softmax}}, 7);
  FUZZ_CHECK(model_to_json(lab, &info, &text, &error), error);
  put("open_file", "lab-model", file("nnlab-model.json", text));
  // A model file holding the single byte 0xFE: its parse error quoted the byte, and state() then
  // wrote invalid UTF-8 (the page stopped).
  put("model_file", "byte-fe", "\xfe");
  put("open_file", "model-byte-fe", file("model.json", "\xfe"));
  // A saved file whose training object the loader refused (a negative epoch count).
  put("model_file", "negative-epochs.json",
      R"({"format": "nnlab-model", "version": 1, "layers": [{"inputs": 1, "outputs": 1, "activation": "relu",)"
      R"( "weights": [[0.5]], "bias": [0]}], "training": {"epochs": -3}})");
  // Shapes that are refused before anything is allocated, and numbers a float cannot hold.
  put("model_file", "huge-layers.json",
      R"({"format": "nnlab-model", "version": 1, "layers": [{"inputs": 4096, "outputs": 4096, "activation": "relu",)"
      R"( "weights": [], "bias": []}]})");
  put("model_file", "float-overflow.json",
      R"({"format": "nnlab-model", "version": 1, "layers": [{"inputs": 1, "outputs": 1, "activation": "relu",)"
      R"( "weights": [[3.4028236e38]], "bias": [1e300]}]})");
  std::string zeros;
  for (int i = 0; i < 2000; ++i) zeros += i ? ",0" : "0";
  put("model_file", "many-zeros.json",
      R"({"format": "nnlab-model", "version": 1, "layers": [{"inputs": 1, "outputs": 1, "activation": "relu",)"
      R"( "weights": [[)" + zeros + "]], \"bias\": [0]}]}");
}

// ---- IDX, gzip and the pack ------------------------------------------------------------------
void data_files() {
  const std::string images = fuzz::idx_images(3, 4), labels = fuzz::idx_labels(3, 10);
  put("idx", "images", "\x01" + images);
  put("idx", "labels", std::string(1, char(18)) + labels);  // mode 18: 10 classes
  put("idx", "images.gz", "\x01" + gzip(images));
  put("idx", "labels.gz", std::string(1, char(18)) + gzip(labels));
  // 65 × 65 images: read, but more pixels than a network's first layer takes.
  put("idx", "images-65x65", "\x01" + fuzz::idx_images(1, 65));
  // A header announcing 1,300,000 images of 28 × 28 (1.02 GB) in a few bytes: refused from the
  // header, before anything is inflated or allocated.
  std::string huge;
  fuzz::put_be32(huge, 0x00000803);
  fuzz::put_be32(huge, 1'300'000);
  fuzz::put_be32(huge, 28);
  fuzz::put_be32(huge, 28);
  put("idx", "announces-1gb.gz", "\x01" + gzip(huge + std::string(65536, '\0')));
  // One 28 × 28 image announced, sixteen megabytes of zeros inflated: refused at the announced size.
  std::string one;
  fuzz::put_be32(one, 0x00000803);
  fuzz::put_be32(one, 1);
  fuzz::put_be32(one, 28);
  fuzz::put_be32(one, 28);
  put("idx", "bomb-16mb.gz", "\x01" + gzip(one + std::string(16 << 20, '\0')));
  put("idx", "labels-above-classes", std::string(1, char(2)) + labels);  // mode 2: 2 classes

  // The pack: 3 train and 2 test images of 2 × 2.
  std::string pack = "NNMP";
  auto le = [&](std::uint32_t v) {
    for (int i = 0; i < 4; ++i) pack += char((v >> (8 * i)) & 0xff);
  };
  le(1), le(3), le(2), le(2), le(2), le(10);
  pack += std::string(12, char(200)) + std::string("\x01\x02\x03", 3) + std::string(8, char(9)) + "\x04\x05";
  put("mnist_pack", "small.bin", pack);
  put("mnist_pack", "small.bin.gz", gzip(pack));
  std::string bad = pack;
  bad[bad.size() - 1] = char(10);  // a test label of 10
  put("mnist_pack", "label-10.bin", bad);
  put("open_file", "pack", file(kEmbeddedMnistFile, gzip(pack)));
  // Four good IDX files of 65 × 65 images: refused (a layer takes at most 4,096 inputs), but the lab
  // had already switched to them and thrown its network away.
  put("open_file", "idx-65x65",
      file("train-images-idx3-ubyte", fuzz::idx_images(1, 65)) + file("train-labels-idx1-ubyte", fuzz::idx_labels(1, 10)) +
          file("t10k-images-idx3-ubyte", fuzz::idx_images(1, 65)) + file("t10k-labels-idx1-ubyte", fuzz::idx_labels(1, 10)));
  put("open_file", "idx-28x28",
      file("train-images-idx3-ubyte.gz", gzip(fuzz::idx_images(20, 28))) + file("train-labels-idx1-ubyte", fuzz::idx_labels(20, 10)) +
          file("t10k-images-idx3-ubyte", fuzz::idx_images(10, 28)) + file("t10k-labels-idx1-ubyte", fuzz::idx_labels(10, 10)));
  // A file named like the Chinese font the page delivers, holding anything but that font.
  put("open_file", "font-name", file("ui-zh.ttf", std::string("\0\1\0\0", 4) + std::string(64, 'x')));
  put("open_file", "unknown", file("notes.txt", "hello"));
}

// ---- numbers and settings ---------------------------------------------------------------------
void numbers_and_settings() {
  const char* numbers[] = {"0.5", "-3", "1e-4", "1e+06", "1e6", "-0", "1e-62", "3.4028235e38", "0x10", "nan",
                           "10, 1 ,1", "1e-45", " 2.5 "};
  int i = 0;
  for (const char* n : numbers) put("number_text", "number-" + std::to_string(i++), n);
  put("number_text", "byte-fe", "1\xfe");

  nlohmann::json j;
  settings_to_json(Settings{}, {784, 10}, &j);
  put("settings", "stored-defaults", std::string(1, '\0') + j.dump());
  Settings varied = small_settings("784-30-10", {784, 10});
  bool live;
  for (auto [k, v] : {std::pair{"act", "tanh"}, {"opt", "momentum"}, {"lr", "1e-5"}, {"subset", "1k"},
                      {"norm", "standardise"}, {"patience", "3"}, {"seed", "4294967295"}})
    FUZZ_CHECK(apply_setting(&varied, k, v, {784, 10}, &live).empty(), k);
  settings_to_json(varied, {784, 10}, &j);
  put("settings", "stored-varied", std::string(1, '\0') + j.dump());
  // Stored while the lab had 20 × 20 images: the next start has MNIST's 784 inputs again.
  settings_to_json(Settings{}, {400, 10}, &j);
  put("settings", "stored-400-inputs", std::string(1, '\0') + j.dump());
  std::string link;
  append_settings_link(varied, {784, 10}, &link);
  put("settings", "link", std::string(1, '\1') + link);
  // "set lr 1e-62" was taken (a double in range), stored as 0 and every setting lost at the next start.
  put("settings", "lr-1e-62", std::string(1, '\2') + "lr 1e-62\nbatch 33751296\narch 784-1024-10\n");
}

// ---- the page↔worker messages ------------------------------------------------------------------
std::string frames(std::initializer_list<std::string> messages) {
  std::string out;
  for (const std::string& m : messages) out += fuzz::frame(m);
  return out;
}

std::string snapshot_of(Engine& engine) {
  Snapshot s;
  engine.snapshot(&s);
  return snapshot_message(s);
}

// The snapshot after `change` (the writer writes whatever it is given).
template <class F>
std::string changed(Engine& engine, F&& change) {
  Snapshot s;
  engine.snapshot(&s);
  change(s);
  return snapshot_message(s);
}

void wire_messages() {
  const Settings s = small_settings("16-8-4", {16, 4});
  const std::string rebuild = settings_message(Verb::rebuild, s, {16, 4});
  put("wire_worker", "rebuild-start-step", frames({rebuild, plain_message(Verb::start), plain_message(Verb::step)}));
  put("wire_worker", "live-pause", frames({settings_message(Verb::live, s, {16, 4}), plain_message(Verb::pause)}));
  put("wire_worker", "adopt", frames({adopt_message(network({{16, 8, Activation::relu}, {8, 4, Activation::softmax}}, 9), s, {16, 4})}));
  put("wire_worker", "data", frames({data_message("small", *fuzz::small_dataset(2), 4), rebuild}));
  // A label not below the number of classes (the next rebuild read out of bounds).
  auto labels = std::make_shared<IdxDataset>(*fuzz::small_dataset(2));
  labels->train.labels.labels[1] = 9;
  put("wire_worker", "labels-above-classes", frames({data_message("bad", *labels, 4), rebuild}));
  // A batch of 33,751,296 in the settings (3.78 GB of workspace).
  std::string link;
  append_settings_link(s, {16, 4}, &link);
  const size_t at = link.find("&batch=");
  link.replace(at, link.find('&', at + 1) - at, "&batch=33751296");
  ByteWriter w;
  w.put(char(Verb::rebuild));
  w.put_string(link);
  put("wire_worker", "batch-33751296", frames({w.take(), plain_message(Verb::step)}));
  // 65 × 65 images: more pixels than a layer takes.
  IdxDataset big;
  for (IdxSplit* split : {&big.train, &big.test}) {
    split->images.rows = split->images.cols = 65;
    split->images.count = split->labels.count = 1;
    split->images.pixels.assign(65 * 65, 0);
    split->labels.labels = {0};
  }
  put("wire_worker", "images-65x65", frames({data_message("big", big, 4), rebuild}));

  // Snapshots for the page: from a worker like fuzz_wire_page's (16-8-4 on the small dataset).
  Engine engine;
  FUZZ_CHECK(apply_message(engine, data_message("small", *fuzz::small_dataset(), 4)).empty(), "data");
  FUZZ_CHECK(apply_message(engine, rebuild).empty(), "rebuild");
  // The worker's first snapshot: empty history, batches and confusion (memcpy from a null pointer).
  put("wire_page", "first-snapshot", std::string(1, char(4)) + snapshot_of(engine));
  engine.update(1e9);
  FUZZ_CHECK(engine.start().empty(), "start");
  for (int i = 0; i < 50; ++i) engine.update(1);
  put("wire_page", "training", std::string(1, char(4 | 1)) + snapshot_of(engine));
  put("wire_page", "worker-fails", std::string(1, char(4 | 8 | 16)) + snapshot_of(engine));
  // A one-entry confusion matrix (read out of bounds when drawn), counts summing past int, samples
  // per second of 1e300 (an undefined conversion), a negative epoch count (a saved file the loader
  // refused).
  put("wire_page", "confusion-one-entry", std::string(1, char(4)) + changed(engine, [](Snapshot& x) { x.confusion = {16}; }));
  put("wire_page", "confusion-overflow",
      std::string(1, char(4)) + changed(engine, [](Snapshot& x) { x.confusion.assign(16, 2'000'000'000); }));
  put("wire_page", "samples-per-s-1e300",
      std::string(1, char(4)) + changed(engine, [](Snapshot& x) { x.samples_per_s = 1e300; }));
  put("wire_page", "negative-epochs", std::string(1, char(4)) + changed(engine, [](Snapshot& x) { x.epochs_done = -3; }));

  // Snapshots for fuzz_lab_view's lab: 16-6-10 on 4 × 4 images, 30 train and 10 test.
  auto d = std::make_shared<IdxDataset>();
  std::string error;
  const std::string files[4] = {fuzz::idx_images(30, 4), fuzz::idx_labels(30, 10), fuzz::idx_images(10, 4),
                                fuzz::idx_labels(10, 10)};
  auto bytes = [](const std::string& b) { return std::span(reinterpret_cast<const std::uint8_t*>(b.data()), b.size()); };
  FUZZ_CHECK(parse_idx_images(bytes(files[0]), "a", &d->train.images, &error) &&
                 parse_idx_labels(bytes(files[1]), "b", 10, &d->train.labels, &error) &&
                 parse_idx_images(bytes(files[2]), "c", &d->test.images, &error) &&
                 parse_idx_labels(bytes(files[3]), "d", 10, &d->test.labels, &error),
             error);
  Engine view_engine;
  view_engine.set_data(d, 10);
  Settings vs;
  bool live;
  FUZZ_CHECK(apply_setting(&vs, "arch", "16-6-10", {16, 10}, &live).empty(), "arch");
  FUZZ_CHECK(view_engine.rebuild(vs).empty(), "rebuild");
  view_engine.update(1e9);
  FUZZ_CHECK(view_engine.start().empty(), "start");
  for (int i = 0; i < 30; ++i) view_engine.update(1);
  for (int tab = 0; tab < 4; ++tab)
    put("lab_view", "tab-" + std::to_string(tab), std::string(1, char(8 | tab)) + snapshot_of(view_engine));
  put("lab_view", "confusion-one-entry",
      std::string(1, char(8 | 2)) + changed(view_engine, [](Snapshot& x) { x.confusion = {10}; }));
  put("lab_view", "samples-per-s-1e300",
      std::string(1, char(8)) + changed(view_engine, [](Snapshot& x) {
        x.samples_per_s = 1e300;
        x.phase = Phase::running;
      }));
}

// ---- links and commands --------------------------------------------------------------------------
void links_and_commands() {
  const char* links[] = {
      "#view=neuron&x1=10&x2=1&w1=-0.5&w2=2&b=1&act=relu",
      "#view=coat&w1=0.5,1,0.5,-1,0.5,0.5&step=3",
      "#view=network&lesson=custom&net=3-4-2&seed=7&acts=relu,sigmoid",
      "#view=backprop&lesson=backprop-sigmoid&lr=0.5&step=5",
      ("#view=mnist&arch=784-16-16-10&act=relu&loss=cross-entropy&opt=adam&lr=0.001&batch=64&epochs=5&l2=0"
       "&dropout=0&seed=1&subset=all&norm=unit&patience=0"),
      "#view=concepts&act=sigmoid&z=0&softmax=1,2,3",
      "#view=neuron&lang=zh",
      // Numbers written "1e+06" read back as "1e 06"; a weight of 1e30 took its row out of the link.
      "#view=neuron&b=1e+06&w1=1e6",
      "#view=network&lesson=custom&net=2-2&w1=1e30,1,1,1",
      "#view=mnist&lr=1e-62",
  };
  int i = 0;
  for (const char* l : links) put("link", "link-" + std::to_string(i++), l);
  const char* commands[] = {
      "help\nview neuron\nset w1 0.5\nset act sigmoid",
      "view coat\nstep next\nstep next\nstep last",
      "view backprop-coat\nstep last\nundo",
      "view network\nlesson custom\nset net 3-4-2\nrandomize",
      "view mnist\nset arch 784-30-10\ntrain step\ntab confusion\nselect cell 3 8",
      "view mnist\ndraw line 40 30 40 200\nhand",
      "lang zh\nview concepts\nset softmax 1,2,3\nlang en",
      "view mnist\nset lr 1e-62\nset batch 33751296",
      "view neuron\nset b 1e+06\nlink #view=neuron&b=1e+06",
      "view mnist\nsave",
  };
  i = 0;
  for (const char* c : commands) put("command", "commands-" + std::to_string(i++), c);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_make_corpus CORPUS_DIR\n");
    return 2;
  }
  g_root = argv[1];
  model_files();
  data_files();
  numbers_and_settings();
  wire_messages();
  links_and_commands();
  std::printf("corpus written to %s\n", argv[1]);
  return 0;
}
