// The lab's "take it away": a 784-16-16-10 network as a standalone NumPy script. Debian's python3
// (with python3-numpy) runs it on 20 embedded MNIST test digits, and its probabilities equal the
// app's forward pass (the lab's image_features + the core's forward, as Session::test_input and
// forward_one do) within 1e-5, under both normalisations. Native only: the wasm tests run in node.
#include <doctest/doctest.h>

#ifndef __EMSCRIPTEN__
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/mlp.h"
#include "data/dataset_prep.h"
#include "data/mnist_embedded.h"
#include "lab/python_export.h"

using namespace nnlab;

namespace {

std::string run(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = pclose(p);
  if (status != 0) out = "exit " + std::to_string(status) + ": " + out;
  return out;
}

}  // namespace

TEST_SUITE("python export") {
  TEST_CASE("python3 + NumPy runs the exported script; its probabilities equal the app's for 20 test digits") {
    IdxDataset data;
    std::string error;
    REQUIRE_MESSAGE(load_embedded_mnist(&data, &error), error);
    const int D = 784, N = 20;
    REQUIRE(data.test.images.pixels_per_image() == D);
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "nnlab-python-export-test";
    std::filesystem::create_directories(dir);
    {  // the digits as the script's command line takes them: 784 values 0 … 1 a line (grey / 255)
      std::ofstream f(dir / "digits.txt");
      char buf[32];
      for (int i = 0; i < N; ++i) {
        const uint8_t* px = data.test.images.pixels.data() + size_t(i) * D;
        for (int p = 0; p < D; ++p) {
          std::snprintf(buf, sizeof buf, "%.9g", double(float(px[p]) / 255.0f));
          f << (p ? " " : "") << buf;
        }
        f << "\n";
      }
    }
    for (const Normalisation norm : {Normalisation::unit, Normalisation::standardise}) {
      CAPTURE(int(norm));
      Mlp mlp;
      const LayerSpec layers[] = {{784, 16, Activation::relu}, {16, 16, Activation::relu}, {16, 10, Activation::softmax}};
      REQUIRE(mlp.build(layers, &error));
      mlp.init_params(norm == Normalisation::unit ? 7 : 11);
      for (float& b : mlp.bias(0)) b = 0.05f;  // biases not all 0, as after training
      lab::PythonModel m;
      m.mlp = &mlp;
      m.normalisation = norm;
      m.mean = 0.1307f, m.std = 0.3081f;
      m.data = "MNIST (embedded)";
      std::string script;
      REQUIRE(lab::python_script(m, &script, &error));
      { std::ofstream(dir / "model.py") << script; }
      const std::string out = run("/usr/bin/python3 '" + (dir / "model.py").string() + "' '" + (dir / "digits.txt").string() + "' 2>&1");
      std::istringstream lines(out);
      Workspace ws;
      ws.resize(mlp, 1);
      std::vector<float> x(D);
      int checked = 0;
      for (int i = 0; i < N; ++i) {
        CAPTURE(i);
        std::string line;
        const bool got = bool(std::getline(lines, line));
        REQUIRE_MESSAGE(got, out);
        std::istringstream row(line);
        std::string best;
        row >> best;
        image_features(data.test.images.pixels.data() + size_t(i) * D, D, norm, m.mean, m.std, x.data());
        forward(mlp, x.data(), 1, ws);
        const std::span<const float> p = ws.a(2);
        int argmax = 0;
        for (int k = 0; k < 10; ++k) {
          double q = -1;
          const bool read = bool(row >> q);
          REQUIRE_MESSAGE(read, line);
          CHECK(std::fabs(q - double(p[size_t(k)])) < 1e-5);
          if (p[size_t(k)] > p[size_t(argmax)]) argmax = k;
        }
        CHECK(best == std::to_string(argmax));
        ++checked;
      }
      CHECK(checked == N);
    }
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("no network: a readable refusal, no script") {
    lab::PythonModel m;
    std::string script, error;
    CHECK_FALSE(lab::python_script(m, &script, &error));
    CHECK(!error.empty());
    CHECK(script.empty());
  }
}
#endif
