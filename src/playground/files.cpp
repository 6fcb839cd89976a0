// Model files for the Playground (see files.h).
#include "playground/files.h"

#include <nlohmann/json.hpp>

#include "data/model_file.h"

namespace nnlab::playground {

bool looks_like_model_file(std::string_view text) {
  return text.find("\"nnlab-model\"") != std::string_view::npos && text.find('{') != std::string_view::npos;
}

bool model_file_text(const Engine& engine, std::string* out, Note* error) {
  const Settings& s = engine.settings();
  TrainingInfo info;
  info.present = true;
  info.loss = std::string(loss_name(core_loss(s)));
  info.optimizer = std::string(optimizer_name(s.optimizer));
  info.data = "playground";
  info.lr = s.lr;
  info.batch = engine.batch_size();
  info.epochs = engine.epochs_done();
  info.seed = s.init;
  info.train_loss = engine.train_eval().loss;
  info.test_loss = engine.test_eval().loss;
  if (engine.train_eval().accuracy >= 0) info.train_accuracy = engine.train_eval().accuracy;
  if (engine.test_eval().accuracy >= 0) info.test_accuracy = engine.test_eval().accuracy;
  std::string link;
  append_settings_link(s, &link);
  nlohmann::json extra = {{"playground", link.empty() ? link : link.substr(1)}};
  info.extra = extra.dump();
  std::string why;
  if (!model_to_json(engine.model(), &info, out, &why, kModelFileName)) {
    *error = Note("playground.file.save_failed", {{"detail", why}});
    return false;
  }
  return true;
}

Note read_model_file(std::string_view name, std::string_view text, const Settings& current, Settings* settings,
                     std::vector<float>* params) {
  Mlp model;
  TrainingInfo info;
  std::string why;
  if (!model_from_json(text, name, &model, &info, &why)) return Note("playground.file.bad", {{"detail", why}});
  Settings s = current;
  s.hidden_controls = current.hidden_controls;  // a file never changes what a classroom link hides
  bool recorded = false;
  if (!info.extra.empty()) {
    const nlohmann::json extra = nlohmann::json::parse(info.extra, nullptr, false);
    if (extra.is_object() && extra.contains("playground") && extra["playground"].is_string()) {
      Settings from_file;
      Note e;
      if (!settings_from_link(extra["playground"].get<std::string>(), &from_file, &e))
        return Note("playground.file.bad_settings", {{"name", std::string(name)}, {"detail", note_text(e)}});
      from_file.hidden_controls = current.hidden_controls;
      from_file.lock = current.lock;
      s = from_file;
      recorded = true;
    }
  }
  const int L = model.layer_count();
  const int inputs = model.input_size(), outputs = model.output_size();
  const Activation out = model.layer(L - 1).activation;
  if (!recorded) {
    // The shape alone: the first `inputs` features, the hidden layers as they are, and data whose
    // problem the output fits.
    if (inputs > kFeatureCount || L - 1 > kMaxHiddenLayers)
      return Note("playground.file.too_big", {{"name", std::string(name)},
                                              {"inputs", std::to_string(inputs)},
                                              {"layers", std::to_string(L - 1)},
                                              {"features", std::to_string(kFeatureCount)},
                                              {"max_layers", std::to_string(kMaxHiddenLayers)},
                                              {"max_neurons", std::to_string(kMaxNeurons)}});
    s.features = FeatureMask((1u << inputs) - 1u);
    s.hidden.clear();
    s.acts.clear();
    for (int l = 0; l + 1 < L; ++l) {
      const Activation a = model.layer(l).activation;
      bool usable = false;
      for (Activation h : kHiddenActivations) usable |= h == a;
      if (!usable || model.layer(l).outputs > kMaxNeurons)
        return Note("playground.file.too_big", {{"name", std::string(name)},
                                                {"inputs", std::to_string(inputs)},
                                                {"layers", std::to_string(L - 1)},
                                                {"features", std::to_string(kFeatureCount)},
                                                {"max_layers", std::to_string(kMaxHiddenLayers)},
                                                {"max_neurons", std::to_string(kMaxNeurons)}});
      s.hidden.push_back(model.layer(l).outputs);
      s.acts.push_back(a);
    }
    if (!s.acts.empty()) s.act = s.acts.back();
    Problem p = problem_of(s.data);
    if (out == Activation::softmax && (outputs == 3 || outputs == 4)) {
      if (class_count(s.data) != outputs) s.data = outputs == 3 ? DataKind::spiral3 : DataKind::blobs4;
    } else if (outputs == 1 && (out == Activation::tanh || out == Activation::sigmoid)) {
      if (p != Problem::binary) s.data = DataKind::circle;
    } else if (outputs == 1 && out == Activation::identity) {
      if (p != Problem::regression) s.data = DataKind::reg_plane;
    } else {
      return Note("playground.file.output", {{"name", std::string(name)},
                                             {"outputs", std::to_string(outputs)},
                                             {"activation", std::string(activation_word(out))}});
    }
    s.output = out;
    s.loss = info.loss == "bce" || info.loss == "cross-entropy" ? LossChoice::cross_entropy : LossChoice::square;
    if (s.loss == LossChoice::cross_entropy && out != Activation::sigmoid && out != Activation::softmax)
      s.loss = LossChoice::square;
  }
  // Whatever the record says, the layers in the file are the network.
  const std::vector<LayerSpec> want = layer_specs(s);
  bool same = int(want.size()) == L;
  for (int l = 0; same && l < L; ++l)
    same = want[size_t(l)].inputs == model.layer(l).inputs && want[size_t(l)].outputs == model.layer(l).outputs &&
           want[size_t(l)].activation == model.layer(l).activation;
  if (!same) return Note("playground.file.mismatch", {{"name", std::string(name)}});
  params->assign(model.params().begin(), model.params().end());
  *settings = s;
  return Note();
}

}  // namespace nnlab::playground
