// lesson_softmax.cpp — softmax with cross-entropy by hand: the objective the MNIST lab trains,
// on a network small enough to write out. 2-3-3: two inputs, three ReLU neurons (one of them
// inactive for this sample), three classes with softmax, target class 2 (one-hot y = [0, 1, 0]),
// L = −Σ y ln ŷ = −ln ŷ₂, and the fused output error δ⁽²⁾ = ŷ − y. The backprop lesson builds the
// steps (lesson_backprop.cpp); every number is the core's.
#include <algorithm>
#include <iterator>

#include "core/assert.h"
#include "lessons/builtin.h"

namespace nnlab {

Scenario backprop_softmax_scenario() {
  Scenario s;
  const LayerSpec specs[] = {{2, 3, Activation::relu}, {3, 3, Activation::softmax}};
  const bool ok = s.mlp.build(specs, nullptr);
  NNLAB_ASSERT(ok);
  (void)ok;
  const float params[] = {0.5f,  -0.5f, 0.3f, 0.8f, -0.6f, 0.2f,  // W⁽¹⁾ (3, 2)
                          0.1f,  -0.2f, 0.3f,                     // b⁽¹⁾: z⁽¹⁾ = [−0.4, 1.7, 0.1]
                          0.4f,  -0.3f, 0.6f,                     // W⁽²⁾ (3, 3)
                          -0.2f, 0.5f,  0.1f,  0.3f, 0.2f, -0.4f,
                          0.0f,  0.1f,  -0.1f};  // b⁽²⁾
  std::copy(std::begin(params), std::end(params), s.mlp.params().begin());
  s.x = {1.0f, 2.0f};
  s.y = {0.0f, 1.0f, 0.0f};  // the right class: the second
  s.loss = Loss::cross_entropy;
  s.learning_rate = 0.5f;
  return s;
}

}  // namespace nnlab
