// python_export.cpp — see python_export.h.
#include "lab/python_export.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

#include "core/shape_text.h"
#include "text/text.h"

namespace nnlab::lab {
namespace {

std::string base64(const void* data, size_t n) {
  static const char* const kDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const auto* p = static_cast<const uint8_t*>(data);
  std::string out;
  for (size_t i = 0; i < n; i += 3) {
    const uint32_t v = uint32_t(p[i]) << 16 | (i + 1 < n ? uint32_t(p[i + 1]) << 8 : 0) | (i + 2 < n ? p[i + 2] : 0);
    out += kDigits[(v >> 18) & 63];
    out += kDigits[(v >> 12) & 63];
    out += i + 1 < n ? kDigits[(v >> 6) & 63] : '=';
    out += i + 2 < n ? kDigits[v & 63] : '=';
  }
  return out;
}

// float32 values, little-endian, as base64 lines of at most 100 characters.
std::string floats_b64(std::span<const float> v) {
  std::vector<uint8_t> bytes(v.size() * 4);
  for (size_t k = 0; k < v.size(); ++k) {
    uint32_t u;
    std::memcpy(&u, &v[k], 4);
    for (int b = 0; b < 4; ++b) bytes[k * 4 + size_t(b)] = uint8_t(u >> (8 * b));
  }
  const std::string s = base64(bytes.data(), bytes.size());
  std::string out;
  for (size_t i = 0; i < s.size(); i += 100) out += "    \"" + s.substr(i, 100) + "\"\n";
  return out;
}

std::string py_float(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", double(v));
  return buf;
}

std::string py_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') out += "\\n";
    else out += c;
  }
  return out + "\"";
}

}  // namespace

bool python_script(const PythonModel& m, std::string* out, std::string* error) {
  if (!m.mlp || m.mlp->layer_count() == 0) {
    if (error) *error = text::T("practice.python.nothing");
    return false;
  }
  const Mlp& mlp = *m.mlp;
  const std::string shape = shape_text(mlp);
  std::string s;
  s += "#!/usr/bin/env python3\n";
  s += "\"\"\"A " + shape + " network trained in nnlab, as plain NumPy.\n\n";
  s += "Trained on: " + (m.data.empty() ? std::string("MNIST") : m.data) + "\n";
  s += "predict_proba(pixels) takes a 28 x 28 image as 784 values from 0 to 1 (grey / 255, row by\n"
       "row) and returns the probability of each class; predict(pixels) returns the likeliest class.\n\n"
       "Run it: python3 nnlab-model.py [FILE]   (FILE: one image per line, 784 numbers from 0 to 1;\n"
       "without FILE it classifies a blank image and an example stroke). It needs only NumPy.\n\"\"\"\n";
  s += "import base64\nimport sys\n\nimport numpy as np\n\n";
  s += "# Each layer: z = W x + b (W has shape (outputs, inputs)), then a = f(z).\n";
  s += "LAYERS = [\n";
  for (int l = 0; l < mlp.layer_count(); ++l) {
    const LayerSpec& spec = mlp.layer(l);
    s += "  {\"inputs\": " + std::to_string(spec.inputs) + ", \"outputs\": " + std::to_string(spec.outputs) +
         ", \"activation\": \"" + std::string(activation_name(spec.activation)) + "\",\n";
    s += "   \"W\": (\n" + floats_b64(mlp.weights(l)) + "   ),\n";
    s += "   \"b\": (\n" + floats_b64(mlp.bias(l)) + "   )},\n";
  }
  s += "]\n\n";
  s += std::string("NORMALISATION = \"") + (m.normalisation == Normalisation::unit ? "unit" : "standardise") +
       "\"  # unit: x as given; standardise: (x - MEAN) / STD\n";
  s += "MEAN = np.float32(" + py_float(m.mean) + ")\nSTD = np.float32(" + py_float(m.std) + ")\n";
  s += "CLASSES = [";
  if (m.class_names.empty())
    for (int k = 0; k < mlp.output_size(); ++k) s += (k ? ", " : "") + py_string(std::to_string(k));
  else
    for (size_t k = 0; k < m.class_names.size(); ++k) s += (k ? ", " : "") + py_string(m.class_names[k]);
  s += "]\n\n";
  s += R"PY(

def _floats(text, shape):
    return np.frombuffer(base64.b64decode("".join(text)), dtype="<f4").reshape(shape).astype(np.float64)


WEIGHTS = [(_floats(layer["W"], (layer["outputs"], layer["inputs"])), _floats(layer["b"], (layer["outputs"],)),
            layer["activation"]) for layer in LAYERS]


def activate(name, z):
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "leaky-relu":
        return np.where(z > 0, z, 0.01 * z)
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "softmax":  # the largest z is subtracted first, so e^z never overflows
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    if name == "step":
        return (z > 0).astype(z.dtype)
    return z  # identity


def predict_proba(pixels):
    """784 values from 0 to 1 (or an array of shape (n, 784)) -> class probabilities."""
    x = np.asarray(pixels, dtype=np.float32).reshape(-1, LAYERS[0]["inputs"])
    if NORMALISATION == "standardise":
        x = (x - MEAN) / STD
    a = x.astype(np.float64)
    for W, b, name in WEIGHTS:
        a = activate(name, a @ W.T + b)
    return a if np.ndim(pixels) > 1 else a[0]


def predict(pixels):
    """The likeliest class of each image."""
    p = predict_proba(pixels)
    return np.argmax(p, axis=-1)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        images = np.loadtxt(sys.argv[1], ndmin=2)
    else:
        blank = np.zeros(784)
        stroke = np.zeros((28, 28))
        stroke[4:24, 13:16] = 1.0  # a vertical bar: a 1, most likely
        images = np.stack([blank, stroke.reshape(784)])
    for p in predict_proba(images):
        best = int(np.argmax(p))
        print(CLASSES[best], " ".join("%.9g" % v for v in p))
)PY";
  *out = std::move(s);
  return true;
}

}  // namespace nnlab::lab
