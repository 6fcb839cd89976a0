// One factory per sidebar entry. Each lives next to its view (neuron_view.cpp, lesson_panel.cpp,
// lesson_concepts_panel.cpp, mnist_panel.cpp).
#pragma once
#include <memory>

#include "app/panel.h"

namespace nnlab::app {

std::unique_ptr<Panel> make_neuron_panel();
std::unique_ptr<Panel> make_network_panel();   // forward pass, step by step (lessons issue)
std::unique_ptr<Panel> make_backprop_panel();  // backprop by hand (lessons issue)
std::unique_ptr<Panel> make_mnist_panel();     // the MNIST lab
std::unique_ptr<Panel> make_concepts_panel();  // activation explorer, losses, optimizers

}  // namespace nnlab::app
