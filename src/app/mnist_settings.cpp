// The MNIST lab's settings: parsing, checking, link and JSON forms (see mnist_settings.h).
#include "app/mnist_settings.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "data/float_text.h"

namespace nnlab::app {
namespace {

// libc++ 14 (the web build) has no floating-point std::from_chars: strtod on a copy.
bool parse_number(std::string_view text, double* out) {
  const std::string copy(text);
  char* end = nullptr;
  const double v = std::strtod(copy.c_str(), &end);
  if (copy.empty() || end != copy.c_str() + copy.size() || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

bool parse_int(std::string_view text, long long lo, long long hi, long long* out) {
  double v;
  if (!parse_number(text, &v) || v != std::floor(v) || v < double(lo) || v > double(hi)) return false;
  *out = static_cast<long long>(v);
  return true;
}

std::string quoted(std::string_view v) { return "'" + std::string(v) + "'"; }

}  // namespace

std::string arch_text(const std::vector<int>& hidden, int inputs, int classes) {
  std::string t = std::to_string(inputs);
  for (int h : hidden) t += "-" + std::to_string(h);
  return t + "-" + std::to_string(classes);
}

bool parse_arch(std::string_view text, int inputs, int classes, std::vector<int>* hidden, std::string* error) {
  std::vector<int> sizes;
  std::string_view rest = text;
  while (!rest.empty()) {
    const size_t sep = rest.find_first_of("-,x ");
    const std::string_view part = rest.substr(0, sep);
    long long v;
    if (!parse_int(part, 1, 1'000'000, &v)) {
      *error = "architecture " + quoted(text) + ": " + quoted(part) + " is not a layer size";
      return false;
    }
    sizes.push_back(int(v));
    rest = sep == std::string_view::npos ? std::string_view() : rest.substr(sep + 1);
  }
  // "16-16" names the hidden layers only; otherwise the ends must match the data.
  const bool full = sizes.size() >= 2 && sizes.front() == inputs && sizes.back() == classes;
  if (!full) {
    if (!sizes.empty() && sizes.front() == inputs) {
      *error = "architecture " + quoted(text) + " must end with " + std::to_string(classes) + " outputs (one per class)";
      return false;
    }
    if (sizes.size() >= 2 && sizes.back() == classes) {
      *error = "architecture " + quoted(text) + " must start with " + std::to_string(inputs) + " inputs (one per pixel)";
      return false;
    }
  }
  std::vector<int> h = full ? std::vector<int>(sizes.begin() + 1, sizes.end() - 1) : sizes;
  if (int(h.size()) > kLabMaxHiddenLayers) {
    *error = "architecture " + quoted(text) + " has " + std::to_string(h.size()) + " hidden layers (at most " +
             std::to_string(kLabMaxHiddenLayers) + ")";
    return false;
  }
  for (int size : h)
    if (size < 1 || size > kLabMaxHiddenSize) {
      *error = "architecture " + quoted(text) + ": hidden layers need 1.." + std::to_string(kLabMaxHiddenSize) +
               " neurons (got " + std::to_string(size) + ")";
      return false;
    }
  *hidden = std::move(h);
  return true;
}

std::string subset_text(int subset) {
  return subset == 1000 ? "1k" : subset == 5000 ? "5k" : subset <= 0 ? "all" : std::to_string(subset);
}

const char* normalisation_text(Normalisation n) { return n == Normalisation::unit ? "unit" : "standardise"; }

std::string apply_setting(LabSettings* s, std::string_view key, std::string_view value, int inputs, int classes,
                          bool* live) {
  LabSettings t = *s;
  *live = false;
  double v = 0;
  long long i = 0;
  const bool number = parse_number(value, &v);
  if (key == "arch") {
    std::string error;
    if (!parse_arch(value, inputs, classes, &t.hidden, &error)) return error;
  } else if (key == "act") {
    Activation a;
    bool ok = parse_activation(value, &a);
    if (ok) ok = std::find(std::begin(kLabActivations), std::end(kLabActivations), a) != std::end(kLabActivations);
    if (!ok) return "act must be relu, leaky-relu, sigmoid or tanh (got " + quoted(value) + ")";
    t.activation = a;
  } else if (key == "loss") {
    Loss l;
    bool ok = parse_loss(value, &l);
    if (ok) ok = std::find(std::begin(kLabLosses), std::end(kLabLosses), l) != std::end(kLabLosses);
    if (!ok) return "loss must be cross-entropy or mse (got " + quoted(value) + ")";
    t.loss = l;
  } else if (key == "opt" || key == "optimizer") {
    if (!parse_optimizer(value, &t.optimizer)) return "opt must be sgd, momentum or adam (got " + quoted(value) + ")";
  } else if (key == "lr") {
    if (!number || !(v > 0) || v > 10) return "learning rate must be a number in (0, 10] (got " + quoted(value) + ")";
    t.lr = float(v);
    *live = true;
  } else if (key == "batch") {
    if (!parse_int(value, 1, kLabMaxBatch, &i))
      return "batch must be a whole number in 1.." + std::to_string(kLabMaxBatch) + " (got " + quoted(value) + ")";
    t.batch = int(i);
    *live = true;
  } else if (key == "epochs") {
    if (!parse_int(value, 1, kLabMaxEpochs, &i))
      return "epochs must be a whole number in 1.." + std::to_string(kLabMaxEpochs) + " (got " + quoted(value) + ")";
    t.epochs = int(i);
    *live = true;
  } else if (key == "l2") {
    if (!number || v < 0 || v > 1) return "L2 must be a number in [0, 1] (got " + quoted(value) + ")";
    t.l2 = float(v);
  } else if (key == "dropout") {
    if (!number || v < 0 || v > 0.9) return "dropout must be a number in [0, 0.9] (got " + quoted(value) + ")";
    t.dropout = float(v);
  } else if (key == "seed") {
    if (!parse_int(value, 0, 4294967295LL, &i)) return "seed must be a whole number in 0..4294967295 (got " + quoted(value) + ")";
    t.seed = std::uint64_t(i);
  } else if (key == "subset") {
    if (value == "1k" || value == "1000") t.subset = 1000;
    else if (value == "5k" || value == "5000") t.subset = 5000;
    else if (value == "all" || value == "0") t.subset = 0;
    else return "subset must be 1k, 5k or all (got " + quoted(value) + ")";
  } else if (key == "norm") {
    if (value == "unit") t.normalisation = Normalisation::unit;
    else if (value == "standardise" || value == "standardize") t.normalisation = Normalisation::standardise;
    else return "norm must be unit or standardise (got " + quoted(value) + ")";
  } else if (key == "patience") {
    if (!parse_int(value, 0, 50, &i)) return "patience must be a whole number in 0..50 (got " + quoted(value) + ")";
    t.patience = int(i);
  } else {
    return "unknown MNIST lab setting " + quoted(key) +
           " (arch, act, loss, opt, lr, batch, epochs, l2, dropout, seed, subset, norm, patience)";
  }
  *s = std::move(t);
  return "";
}

void append_settings_link(const LabSettings& s, int inputs, int classes, std::string* link) {
  auto add = [&](const char* key, const std::string& value) { link->append("&").append(key).append("=").append(value); };
  add("arch", arch_text(s.hidden, inputs, classes));
  add("act", std::string(activation_name(s.activation)));
  add("loss", std::string(loss_name(s.loss)));
  add("opt", std::string(optimizer_name(s.optimizer)));
  add("lr", float_to_text(s.lr));
  add("batch", std::to_string(s.batch));
  add("epochs", std::to_string(s.epochs));
  add("l2", float_to_text(s.l2));
  add("dropout", float_to_text(s.dropout));
  add("seed", std::to_string(s.seed));
  add("subset", subset_text(s.subset));
  add("norm", normalisation_text(s.normalisation));
  add("patience", std::to_string(s.patience));
}

void settings_to_json(const LabSettings& s, int inputs, int classes, nlohmann::json* out) {
  *out = {{"arch", arch_text(s.hidden, inputs, classes)},
          {"act", activation_name(s.activation)},
          {"loss", loss_name(s.loss)},
          {"opt", optimizer_name(s.optimizer)},
          {"lr", float_for_json(s.lr)},
          {"batch", s.batch},
          {"epochs", s.epochs},
          {"l2", float_for_json(s.l2)},
          {"dropout", float_for_json(s.dropout)},
          {"seed", s.seed},
          {"subset", subset_text(s.subset)},
          {"norm", normalisation_text(s.normalisation)},
          {"patience", s.patience}};
}

bool settings_from_text(std::string_view text, int inputs, int classes, LabSettings* s, std::string* error) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    *error = "the stored MNIST lab settings are not a JSON object";
    return false;
  }
  LabSettings t = *s;
  for (auto it = j.begin(); it != j.end(); ++it) {
    std::string value;
    if (it->is_string()) value = it->get<std::string>();
    else if (it->is_number_integer() || it->is_number_unsigned()) value = it->dump();
    else if (it->is_number_float()) value = float_to_text(float(it->get<double>()));
    else {
      *error = "the stored MNIST lab setting '" + it.key() + "' has the wrong type";
      return false;
    }
    bool live;
    const std::string e = apply_setting(&t, it.key(), value, inputs, classes, &live);
    if (!e.empty()) {
      *error = "the stored MNIST lab settings: " + e;
      return false;
    }
  }
  *s = std::move(t);
  return true;
}

}  // namespace nnlab::app
