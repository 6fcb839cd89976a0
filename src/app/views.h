// One factory per navigation entry, each defined next to its view.
#pragma once
#include <memory>

#include "app/view.h"

namespace nnlab::app {

std::unique_ptr<View> make_neuron_view();    // neuron/: the umbrella neuron
std::unique_ptr<View> make_network_view();   // lesson/: the forward pass, step by step
std::unique_ptr<View> make_backprop_view();  // lesson/: backprop by hand
std::unique_ptr<View> make_lab_view();       // lab/: the MNIST lab
std::unique_ptr<View> make_playground_view();  // playground/: TF Playground's 2-D world, and more
std::unique_ptr<View> make_concepts_view();  // concepts/: activations, softmax, losses, optimizers

}  // namespace nnlab::app
