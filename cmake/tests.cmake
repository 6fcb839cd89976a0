# Unit tests: one doctest binary from tests/{core,data,lessons,app}. Natively it runs under CTest
# (also in the sanitizer build); in the web build the same sources become nnlab_tests.js for node,
# so the SIMD128 code paths are tested in WebAssembly too.
if(NOT EMSCRIPTEN)
  find_package(doctest REQUIRED)
endif()
file(GLOB NNLAB_TEST_SOURCES CONFIGURE_DEPENDS
  tests/test_main.cpp tests/core/*.cpp tests/data/*.cpp tests/lessons/*.cpp tests/lab/*.cpp)
set(NNLAB_TEST_LIBS nnlab_lab nnlab_data nnlab_lessons)
if(NNLAB_BUILD_APP)
  file(GLOB NNLAB_APP_TEST_SOURCES CONFIGURE_DEPENDS tests/app/*.cpp)
  list(APPEND NNLAB_TEST_SOURCES ${NNLAB_APP_TEST_SOURCES})
  list(APPEND NNLAB_TEST_LIBS nnlab_app)
endif()
add_executable(nnlab_tests ${NNLAB_TEST_SOURCES})
target_link_libraries(nnlab_tests PRIVATE ${NNLAB_TEST_LIBS} doctest::doctest)
target_compile_definitions(nnlab_tests PRIVATE NNLAB_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
if(EMSCRIPTEN)
  target_link_libraries(nnlab_tests PRIVATE nnlab_platform_node)
  target_link_options(nnlab_tests PRIVATE -sENVIRONMENT=node -sNODERAWFS=1 -sEXIT_RUNTIME=1 -sTOTAL_STACK=1048576
    -sWASM_ASYNC_COMPILATION=0)  # sync compile: emcc 3.1.6 would fetch() the .wasm path under node 18+
  add_test(NAME unit-wasm COMMAND node $<TARGET_FILE:nnlab_tests>)
else()
  add_test(NAME unit COMMAND nnlab_tests)
endif()
