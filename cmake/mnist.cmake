# The embedded MNIST subset (filled by the MNIST lab): sets NNLAB_MNIST_EMBED to generated sources.
set(NNLAB_MNIST_EMBED "")
