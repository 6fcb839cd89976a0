// Model files and IDX datasets for the MNIST lab (see files.h).
#include "lab/files.h"

#include <algorithm>
#include <cctype>
#include <span>

#include "data/float_text.h"
#include "data/mnist_embedded.h"
#include "data/model_file.h"
#include "lab/session.h"
#include "text/text.h"

namespace nnlab::lab {
namespace {

using text::tr;

std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

uint32_t big_endian_u32(const std::string& b) {
  return b.size() < 4 ? 0
                      : uint32_t(uint8_t(b[0])) << 24 | uint32_t(uint8_t(b[1])) << 16 | uint32_t(uint8_t(b[2])) << 8 |
                            uint32_t(uint8_t(b[3]));
}

std::span<const uint8_t> as_bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

const char* kSlotNames[] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                            "t10k-labels-idx1-ubyte"};

}  // namespace

LabFileKind classify_lab_file(const std::string& name, const std::string& bytes) {
  const std::string n = lower(name);
  if (n == kEmbeddedMnistFile || n == std::string(kEmbeddedMnistFile) + ".gz") return LabFileKind::embedded_pack;
  if (IdxCollector::slot_for(name)) return LabFileKind::idx;
  const uint32_t magic = big_endian_u32(bytes);
  if (magic == 0x00000803 || magic == 0x00000801) return LabFileKind::idx;
  if (n.size() > 5 && n.compare(n.size() - 5, 5, ".json") == 0) return LabFileKind::model;
  const size_t first = bytes.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && bytes[first] == '{' && contains(bytes.substr(0, 200), "nnlab-model"))
    return LabFileKind::model;
  return LabFileKind::unknown;
}

// ---------------------------------------------------------------------------------------------
std::string model_file_text(const Session& lab, const Settings& s, std::string* out) {
  if (!lab.has_model()) return text::T("lab.file.nothing_to_save");
  TrainingInfo info;
  info.present = true;
  info.loss = std::string(loss_name(s.loss));
  info.optimizer = std::string(optimizer_name(s.optimizer));
  info.data = lab.data_name();
  info.lr = s.lr;
  info.l2 = s.l2;
  info.dropout = s.dropout;
  info.batch = s.batch;
  info.epochs = lab.epochs_done();
  info.seed = s.seed;
  if (!lab.epochs().empty()) {
    const EpochPoint& e = lab.epochs().back();
    info.train_loss = e.train_loss;
    info.train_accuracy = e.train_accuracy;
    info.test_loss = e.test_loss;
    info.test_accuracy = e.test_accuracy;
  }
  std::string error;
  if (!model_to_json(lab.model(), &info, out, &error, "nnlab-model.json")) return error;
  return "";
}

std::string read_model_file(const std::string& name, const std::string& bytes, DataShape shape, Mlp* model,
                            Settings* settings) {
  Mlp m;
  TrainingInfo info;
  std::string error;
  if (!model_from_json(bytes, name, &m, &info, &error)) return error;
  if (m.input_size() != shape.inputs || m.output_size() != shape.classes)
    return tr("lab.file.shape", {{"name", name},
                                 {"inputs", std::to_string(m.input_size())},
                                 {"outputs", std::to_string(m.output_size())},
                                 {"want_inputs", std::to_string(shape.inputs)},
                                 {"want_outputs", std::to_string(shape.classes)}});
  const int L = m.layer_count();
  if (m.layer(L - 1).activation != Activation::softmax)
    return tr("lab.file.softmax",
              {{"name", name}, {"activation", std::string(activation_name(m.layer(L - 1).activation))}});
  if (L - 1 > kMaxHiddenLayers)
    return tr("lab.file.depth", {{"name", name}, {"max", std::to_string(kMaxHiddenLayers)}});
  Settings t = *settings;
  t.hidden.clear();
  for (int l = 0; l + 1 < L; ++l) {
    if (m.layer(l).outputs > kMaxHiddenSize)
      return tr("lab.file.width",
                {{"name", name}, {"layer", std::to_string(l + 1)}, {"max", std::to_string(kMaxHiddenSize)}});
    t.hidden.push_back(m.layer(l).outputs);
  }
  if (L > 1) {
    const Activation a = m.layer(0).activation;
    if (std::find(std::begin(kActivations), std::end(kActivations), a) == std::end(kActivations))
      return tr("lab.file.activation", {{"name", name}, {"activation", std::string(activation_name(a))}});
    t.activation = a;
  }
  // batch norm on every hidden layer or none (what the lab's setting builds), never on the output
  t.batchnorm = L > 1 && m.layer(0).batchnorm;
  for (int l = 0; l < L; ++l)
    if (m.layer(l).batchnorm != (t.batchnorm && l + 1 < L)) return tr("lab.file.batchnorm", {{"name", name}});
  // Training info where it holds values the lab offers (anything else keeps the current setting).
  bool live;
  if (!info.loss.empty()) (void)apply_setting(&t, "loss", info.loss, shape, &live);
  if (!info.optimizer.empty()) (void)apply_setting(&t, "opt", info.optimizer, shape, &live);
  if (info.lr && *info.lr > 0 && *info.lr <= 10)
    (void)apply_setting(&t, "lr", float_to_text(float(*info.lr)), shape, &live);
  if (info.batch && *info.batch >= 1 && *info.batch <= kMaxBatch) t.batch = *info.batch;
  if (!combination_refusal(t).empty()) t.update = UpdateMode::minibatch, t.batch = std::max(t.batch, 64);
  *model = std::move(m);
  *settings = std::move(t);
  return "";
}

// ---------------------------------------------------------------------------------------------
std::optional<IdxCollector::Slot> IdxCollector::slot_for(const std::string& name) {
  const std::string n = lower(name);
  const bool images = contains(n, "images") || contains(n, "idx3");
  const bool labels = contains(n, "labels") || contains(n, "idx1");
  const bool test = contains(n, "t10k") || contains(n, "test");
  const bool train = contains(n, "train");
  if (images == labels || test == train) return std::nullopt;
  return images ? (train ? train_images : test_images) : (train ? train_labels : test_labels);
}

std::string IdxCollector::add(const std::string& name, const std::string& bytes, int classes) {
  auto slot = slot_for(name);
  if (!slot) {
    // Unnamed IDX: the magic says images or labels, but not train or test.
    return tr("lab.file.idx_which", {{"name", name}, {"first", kSlotNames[0]}, {"last", kSlotNames[3]}});
  }
  std::string error;
  const int split = *slot == train_images || *slot == train_labels ? 0 : 1;
  if (*slot == train_images || *slot == test_images) {
    IdxImages images;
    if (!parse_idx_images(as_bytes(bytes), name, &images, &error)) return error;
    images_[split] = std::move(images);
  } else {
    IdxLabels labels;
    if (!parse_idx_labels(as_bytes(bytes), name, classes, &labels, &error)) return error;
    labels_[split] = std::move(labels);
  }
  names_[*slot] = name;
  have_[*slot] = true;
  return "";
}

bool IdxCollector::complete() const {
  return std::all_of(std::begin(have_), std::end(have_), [](bool b) { return b; });
}

std::string IdxCollector::missing() const {
  std::string m;
  for (int i = 0; i < kSlots; ++i)
    if (!have_[i]) m += (m.empty() ? "" : ", ") + std::string(kSlotNames[i]);
  return m;
}

std::string IdxCollector::take(IdxDataset* out) {
  if (!complete()) return tr("lab.file.still_missing", {{"files", missing()}});
  std::string error;
  bool ok = check_idx_pair(images_[0], names_[train_images], labels_[0], names_[train_labels], &error) &&
            check_idx_pair(images_[1], names_[test_images], labels_[1], names_[test_labels], &error);
  if (ok && (images_[0].rows != images_[1].rows || images_[0].cols != images_[1].cols)) {
    error = tr("lab.file.idx_sizes", {{"test", names_[test_images]},
                                      {"test_size", std::to_string(images_[1].rows) + "×" + std::to_string(images_[1].cols)},
                                      {"train", names_[train_images]},
                                      {"train_size", std::to_string(images_[0].rows) + "×" + std::to_string(images_[0].cols)}});
    ok = false;
  }
  if (ok) {
    out->train.images = std::move(images_[0]);
    out->train.labels = std::move(labels_[0]);
    out->test.images = std::move(images_[1]);
    out->test.labels = std::move(labels_[1]);
  }
  clear();
  return ok ? "" : error;
}

void IdxCollector::clear() {
  for (auto& i : images_) i = IdxImages{};
  for (auto& l : labels_) l = IdxLabels{};
  for (auto& n : names_) n.clear();
  std::fill(std::begin(have_), std::end(have_), false);
}

}  // namespace nnlab::lab
