// `nnlab-cli trace`: one sample through a network with every intermediate value; with a target,
// the loss and every gradient. The numbers come from the core (forward / batch_loss / backward);
// the human-readable steps from the lessons (src/lessons), which read the same core results.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/cli.h"
#include "core/mlp.h"
#include "data/float_text.h"
#include "data/model_file.h"
#include "lessons/builtin.h"
#include "lessons/export_markdown.h"
#include "lessons/gradient_evidence.h"
#include "lessons/steps_text.h"
#include "lessons/trace.h"
#include "text/text.h"

namespace nnlab::cli {

const char* const kTraceUsage =
    "usage: nnlab-cli trace --model FILE --input X1,X2,... [--target Y1,...] [--loss L] [--lr ETA] [--lang en|zh]\n"
    "                       [--json | --markdown]\n"
    "       nnlab-cli trace LESSON [--input ...] [--target ...] [--loss L] [--lr ETA] [--lang en|zh] [--json | --markdown]\n"
    "\n"
    "  --model FILE   an nnlab-model JSON file (docs/model-format.md)\n"
    "  LESSON         a built-in lesson: umbrella, coat, two-by-two, backprop-coat, backprop-sigmoid,\n"
    "                 mnist-anatomy, mnist-output (its own network, input and target unless overridden)\n"
    "  --input        one input sample, as many values as the network has inputs\n"
    "  --target       the wanted output (as many values as outputs), or for several outputs a\n"
    "                 class index K, counted from 0 (one-hot); adds the loss and every gradient\n"
    "  --loss         half-sse | mse | bce | cross-entropy (default: the model file's training loss,\n"
    "                 else cross-entropy for a softmax output, else half-sse)\n"
    "  --lr ETA       also show one gradient-descent step with learning rate ETA > 0\n"
    "  --lang L       the language of the steps' texts: en (default) or zh; the numbers are the same\n"
    "  --markdown     the steps as Markdown with LaTeX math ($…$, $$…$$), in the language of --lang\n"
    "  --json         {\"layers\": [{\"z\", \"a\"}...], \"output\", \"loss\", \"grads\": [{\"dW\", \"db\"}...],\n"
    "                 \"steps\": [{\"text\", ...}...]} instead of text\n";

namespace {

constexpr FlagSpec kFlags[] = {{"model", true}, {"input", true}, {"target", true}, {"loss", true},
                               {"lr", true},    {"lang", true},  {"json", false}, {"markdown", false}};

nlohmann::ordered_json floats_json(std::span<const float> v) {
  nlohmann::ordered_json a = nlohmann::ordered_json::array();
  for (float f : v) a.push_back(float_for_json(f));  // non-finite → null in the output
  return a;
}

// (rows, cols) row-major → [[...], ...]
nlohmann::ordered_json matrix_json(std::span<const float> m, int rows, int cols) {
  nlohmann::ordered_json a = nlohmann::ordered_json::array();
  for (int r = 0; r < rows; ++r) a.push_back(floats_json(m.subspan(static_cast<std::size_t>(r) * cols, cols)));
  return a;
}

bool network_fits_hand_trace(const Mlp& m) {
  if (m.layer_count() > kMaxTraceLayers) return false;
  for (int l = 0; l < m.layer_count(); ++l)
    if (m.layer(l).inputs > kMaxTraceWidth || m.layer(l).outputs > kMaxTraceWidth) return false;
  return true;
}

}  // namespace

int run_trace(int argc, const char* const* argv) {
  auto usage = [](const std::string& message) { return usage_error("trace", message, kTraceUsage); };
  Args args;
  std::string err;
  if (!args.parse(argc, argv, 2, kFlags, &err)) return usage(err);
  // The language of every text below (the lessons build theirs in the current one).
  text::Lang lang = text::Lang::en;
  if (const std::string* code = args.value("lang")) {
    if (*code == "zh") lang = text::Lang::zh;
    else if (*code != "en") return usage("--lang must be en or zh, got \"" + *code + "\"");
  }
  text::set_language(lang);
  const bool json = args.has("json");
  const bool markdown = args.has("markdown");
  if (json && markdown) return usage("give either --json or --markdown, not both");
  const std::string* model_path = args.value("model");
  if (args.positionals().size() > 1) return usage("unexpected argument \"" + args.positionals()[1] + "\"");
  if (model_path && !args.positionals().empty()) return usage("give either --model FILE or a lesson name, not both");
  if (!model_path && args.positionals().empty()) return usage("nothing to trace: give --model FILE or a lesson name");

  // The scenario: a built-in lesson's, or the model file's network with the given input.
  Scenario s;
  const BuiltinLesson* builtin = nullptr;
  std::string source;
  if (model_path) {
    TrainingInfo info;
    if (!load_model(*model_path, &s.mlp, &info, &err)) return usage(err);
    if (!args.has("input")) return usage("--input is required with --model");
    s.learning_rate = 0.0f;
    const bool softmax_out = s.mlp.layer(s.mlp.layer_count() - 1).activation == Activation::softmax;
    s.loss = softmax_out ? Loss::cross_entropy : Loss::half_sse;
    if (!info.loss.empty()) parse_loss(info.loss, &s.loss);
    source = *model_path;
  } else {
    builtin = find_builtin_lesson(args.positionals()[0]);
    if (!builtin) {
      std::string known;
      for (const BuiltinLesson& l : builtin_lessons()) known += std::string(known.empty() ? "" : ", ") + l.id;
      return usage("unknown lesson \"" + args.positionals()[0] + "\" (known: " + known + ")");
    }
    s = builtin->scenario();
    source = builtin->id;
  }
  const int n_in = s.mlp.input_size(), n_out = s.mlp.output_size();

  if (!args.get_floats("input", &s.x, &err)) return usage(err);
  if (static_cast<int>(s.x.size()) != n_in)
    return usage("--input has " + std::to_string(s.x.size()) + " values but " + source + " has " +
                 std::to_string(n_in) + " inputs");
  std::vector<float> target;
  if (!args.get_floats("target", &target, &err)) return usage(err);
  if (args.has("target")) {
    const float k = target.size() == 1 ? target[0] : -1.0f;
    if (n_out > 1 && target.size() == 1 && k >= 0 && k < static_cast<float>(n_out) && k == static_cast<int>(k)) {
      target.assign(n_out, 0.0f);  // a class index → one-hot
      target[static_cast<int>(k)] = 1.0f;
      s.first_output = 0;  // the outputs are classes 0 … n_out − 1: class K is ŷ_K in the steps
    }
    if (static_cast<int>(target.size()) != n_out)
      return usage("--target has " + std::to_string(target.size()) + " values but " + source + " has " +
                   std::to_string(n_out) + " outputs (or give a class index 0.." + std::to_string(n_out - 1) + ")");
    s.y = target;
  }
  if (const std::string* loss = args.value("loss"))
    if (!parse_loss(*loss, &s.loss))
      return usage("unknown --loss \"" + *loss + "\" (half-sse, mse, bce, cross-entropy)");
  if (!args.get_float("lr", 0.0, 1e6, /*lo_open=*/true, &s.learning_rate, &err)) return usage(err);

  // The core's numbers for this one sample (batch of 1: the batch-mean gradient is the sample's).
  Mlp mlp = s.mlp;
  Workspace ws;
  ws.resize(mlp, 1);
  forward(mlp, s.x.data(), 1, ws);
  float loss_value = 0.0f;
  if (!s.y.empty()) {
    mlp.zero_grad();
    loss_value = batch_loss(mlp, ws, s.y.data(), 1, s.loss);
    backward(mlp, s.x.data(), s.y.data(), 1, s.loss, ws);
  }

  // The hand calculation, from the lessons (which run the same core calls on the same scenario).
  Lesson lesson;
  std::string note;
  if (builtin || network_fits_hand_trace(s.mlp)) {
    const bool ok = builtin ? builtin->build(s, &lesson, &err) : build_trace_lesson(s, TraceOptions{}, &lesson, &err);
    if (!ok) return usage(source + ": " + err);
  } else {
    note = text::tr("trace.no_hand_calculation",
                    {{"layers", std::to_string(kMaxTraceLayers)}, {"width", std::to_string(kMaxTraceWidth)}});
  }

  // The gradient check: the central finite difference of the loss beside every backprop gradient.
  CoreTrace trace;
  GradientEvidence evidence;
  const bool traced = !s.y.empty() && note.empty() && run_core_trace(s, &trace, nullptr) &&
                      gradient_evidence(trace, &evidence);

  if (markdown) {
    if (!note.empty()) return usage(source + ": " + note);
    const std::string text = lesson_markdown(lesson, traced ? &trace : nullptr);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kExitOk;
  }

  const int L = mlp.layer_count();
  if (json) {
    nlohmann::ordered_json out;
    if (builtin) {
      out["lesson"] = builtin->id;
      out["title"] = lesson.title;
    } else {
      out["model"] = source;
    }
    out["input"] = floats_json(s.x);
    nlohmann::ordered_json layers = nlohmann::ordered_json::array();
    for (int l = 0; l < L; ++l) {
      nlohmann::ordered_json layer;
      layer["activation"] = std::string(activation_name(mlp.layer(l).activation));
      layer["z"] = floats_json(ws.z(l));  // (1, O_l)
      layer["a"] = floats_json(ws.a(l));
      layers.push_back(std::move(layer));
    }
    out["layers"] = std::move(layers);
    out["output"] = floats_json(ws.a(L - 1));
    if (!s.y.empty()) {
      out["target"] = floats_json(s.y);
      out["loss_function"] = std::string(loss_name(s.loss));
      out["loss"] = float_for_json(loss_value);
      nlohmann::ordered_json grads = nlohmann::ordered_json::array();
      for (int l = 0; l < L; ++l) {
        nlohmann::ordered_json g;
        g["dW"] = matrix_json(mlp.dweights(l), mlp.layer(l).outputs, mlp.layer(l).inputs);  // dW[o][i]
        g["db"] = floats_json(mlp.dbias(l));
        g["delta"] = floats_json(ws.delta(l));
        if (traced) {  // the finite differences, shaped like dW and db
          const LayerSpec& spec = mlp.layer(l);
          std::vector<float> dw(evidence.numeric.grad.begin() + long(mlp.weights_offset(l)),
                                evidence.numeric.grad.begin() + long(mlp.weights_offset(l) + mlp.weights(l).size()));
          std::vector<float> db(evidence.numeric.grad.begin() + long(mlp.bias_offset(l)),
                                evidence.numeric.grad.begin() + long(mlp.bias_offset(l) + mlp.bias(l).size()));
          g["dW_numeric"] = matrix_json(dw, spec.outputs, spec.inputs);
          g["db_numeric"] = floats_json(db);
        }
        grads.push_back(std::move(g));
      }
      out["grads"] = std::move(grads);
      if (traced) {
        nlohmann::ordered_json check;
        check["h"] = evidence.numeric.h;
        check["max_rel_error"] = evidence.max_rel_error;
        check["kinks"] = evidence.kinks;
        out["gradient_check"] = std::move(check);
      }
    }
    nlohmann::ordered_json steps = nlohmann::ordered_json::array();
    for (const Step& step : lesson.steps) {
      nlohmann::ordered_json j;
      j["kind"] = step_kind_name(step.kind);
      j["text"] = step.substituted;
      j["symbolic"] = step.symbolic;
      j["values"] = floats_json(step.values);
      j["explanation"] = step.explanation;
      j["layer"] = step.layer;
      j["neuron"] = step.neuron;
      j["input"] = step.input;
      steps.push_back(std::move(j));
    }
    out["steps"] = std::move(steps);
    if (!note.empty()) out["note"] = note;
    print_json(out);
    return kExitOk;
  }

  if (note.empty()) {
    std::string text = steps_as_text(lesson);
    if (traced) text += "\n" + gradient_check_text(trace, evidence);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kExitOk;
  }
  // A network too large for a hand calculation: the output (and loss) in numbers.
  std::string values;
  for (float v : ws.a(L - 1)) values += (values.empty() ? "" : " ") + float_to_text(v);
  std::printf("%s\n%s\n%s\n", source.c_str(), note.c_str(), text::tr("trace.output", {{"values", values}}).c_str());
  if (!s.y.empty())
    std::printf("%s\n",
                text::tr("trace.loss", {{"loss", std::string(loss_name(s.loss))}, {"value", float_to_text(loss_value)}})
                    .c_str());
  return kExitOk;
}

}  // namespace nnlab::cli
