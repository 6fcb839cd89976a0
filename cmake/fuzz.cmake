# Fuzz targets (tests/fuzz/): libFuzzer from Debian's clang, with AddressSanitizer and
# UndefinedBehaviorSanitizer, in a build of their own (the `fuzz` preset: clang-14, build/fuzz) —
# never part of the unit tests. Each target is one executable, fuzz_<name>, over one parser or
# one way in.
#
#   tests/fuzz/fuzz_<name>.cpp        the target (LLVMFuzzerTestOneInput)
#   tests/fuzz/corpus/<name>/         small real inputs it starts from, and every fault's reproducer
#   tests/fuzz/dict/<name>.dict       the words of its format, where they help (libFuzzer -dict=)
#
# CTest (`make test-fuzz`, part of `make test`) runs each target over its corpus, every fault's
# reproducer included (fuzz-<name>-corpus), then fuzzes it briefly (fuzz-<name>-run: a fixed
# number of new inputs, NNLAB_FUZZ_TEST_RUNS or NNLAB_FUZZ_TEST_APP_RUNS, a few seconds each; what they find goes to
# build/fuzz/found/<name>, never into the committed corpus). `make fuzz` (scripts/fuzz.sh) runs
# each for FUZZ_SECONDS (default 600) and reports executions and coverage.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "the fuzz targets need clang's libFuzzer: configure with the `fuzz` preset (clang++-14)")
endif()
if(NOT NNLAB_SANITIZE)
  message(FATAL_ERROR "the fuzz targets are built with ASan + UBSan: configure with NNLAB_SANITIZE=ON (the `fuzz` preset)")
endif()
# Coverage guides the fuzzer through the code that reads input: everything but the core's
# kernels (arithmetic on already checked shapes, where the counters only slow each run down) and
# Dear ImGui. All of it runs under the sanitizers.
foreach(lib nnlab_text nnlab_data nnlab_lessons nnlab_lab nnlab_playground nnlab_app)
  if(TARGET ${lib})
    target_compile_options(${lib} PRIVATE -fsanitize=fuzzer-no-link)
  endif()
endforeach()

set(NNLAB_FUZZ_TEST_RUNS 300 CACHE STRING "new inputs each target tries in the tests (after its corpus)")
set(NNLAB_FUZZ_TEST_APP_RUNS 20 CACHE STRING "… for the targets that draw the whole app (some 10 inputs a second)")
set(NNLAB_FUZZ_DIR ${CMAKE_SOURCE_DIR}/tests/fuzz)

# nnlab_fuzz_target(<name> LIBS <libraries> [APP] [MAX_LEN <bytes>])
#   APP: the target runs the whole app without a window (tests/fuzz/app_host.cpp as its host).
function(nnlab_fuzz_target name)
  cmake_parse_arguments(F "APP" "MAX_LEN" "LIBS" ${ARGN})
  set(sources ${NNLAB_FUZZ_DIR}/fuzz_${name}.cpp)
  if(F_APP)
    list(APPEND sources ${NNLAB_FUZZ_DIR}/app_host.cpp)
  endif()
  add_executable(fuzz_${name} ${sources})
  target_link_libraries(fuzz_${name} PRIVATE ${F_LIBS})
  target_include_directories(fuzz_${name} PRIVATE ${NNLAB_FUZZ_DIR})
  target_compile_options(fuzz_${name} PRIVATE -fsanitize=fuzzer-no-link)
  target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
  set(options -print_final_stats=1)
  if(F_MAX_LEN)
    list(APPEND options -max_len=${F_MAX_LEN})
  endif()
  if(EXISTS ${NNLAB_FUZZ_DIR}/dict/${name}.dict)
    list(APPEND options -dict=${NNLAB_FUZZ_DIR}/dict/${name}.dict)
  endif()
  set(corpus ${NNLAB_FUZZ_DIR}/corpus/${name})
  set(found ${CMAKE_BINARY_DIR}/found/${name})
  file(MAKE_DIRECTORY ${found})
  # What scripts/fuzz.sh needs to run it: its options, one per line.
  string(REPLACE ";" "\n" lines "${options}")
  file(WRITE ${CMAKE_BINARY_DIR}/fuzz_${name}.options "${lines}\n")
  file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/artifacts)
  set(keep -artifact_prefix=${CMAKE_BINARY_DIR}/artifacts/${name}- -timeout=25 -rss_limit_mb=2560)
  add_test(NAME fuzz-${name}-corpus COMMAND fuzz_${name} ${options} ${keep} -runs=0 ${corpus})
  set(runs ${NNLAB_FUZZ_TEST_RUNS})
  if(F_APP)
    set(runs ${NNLAB_FUZZ_TEST_APP_RUNS})
  endif()
  add_test(NAME fuzz-${name}-run COMMAND fuzz_${name} ${options} ${keep} -runs=${runs} ${found} ${corpus})
  # (the directories are made again before each run: a cleaned build/fuzz/found is no failure)
  add_test(NAME fuzz-${name}-dirs COMMAND ${CMAKE_COMMAND} -E make_directory ${found} ${CMAKE_BINARY_DIR}/artifacts)
  set_tests_properties(fuzz-${name}-dirs PROPERTIES FIXTURES_SETUP fuzz-${name}-dirs LABELS fuzz)
  set_tests_properties(fuzz-${name}-corpus fuzz-${name}-run PROPERTIES LABELS fuzz WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
                       FIXTURES_REQUIRED fuzz-${name}-dirs)
  set_tests_properties(fuzz-${name}-run PROPERTIES DEPENDS fuzz-${name}-corpus)
  set_property(GLOBAL APPEND PROPERTY NNLAB_FUZZ_TARGETS fuzz_${name})
endfunction()

nnlab_fuzz_target(model_file LIBS nnlab_lab MAX_LEN 16384)
nnlab_fuzz_target(idx LIBS nnlab_data MAX_LEN 16384)
nnlab_fuzz_target(mnist_pack LIBS nnlab_data MAX_LEN 16384)
nnlab_fuzz_target(number_text LIBS nnlab_data MAX_LEN 256)
nnlab_fuzz_target(settings LIBS nnlab_lab MAX_LEN 2048)
nnlab_fuzz_target(wire_worker LIBS nnlab_lab MAX_LEN 16384)
nnlab_fuzz_target(wire_page LIBS nnlab_lab MAX_LEN 16384)
nnlab_fuzz_target(playground LIBS nnlab_playground nnlab_text MAX_LEN 4096)
nnlab_fuzz_target(answer LIBS nnlab_lessons MAX_LEN 1024)
nnlab_fuzz_target(text LIBS nnlab_text MAX_LEN 1024)
if(NNLAB_BUILD_APP)
  nnlab_fuzz_target(link APP LIBS nnlab_app MAX_LEN 4096)
  nnlab_fuzz_target(command APP LIBS nnlab_app MAX_LEN 4096)
  nnlab_fuzz_target(open_file APP LIBS nnlab_app MAX_LEN 65536)
  nnlab_fuzz_target(lab_view APP LIBS nnlab_app MAX_LEN 16384)
endif()

# The starting inputs of every corpus, written from the real code (tests/fuzz/make_corpus.cpp):
# `cmake --build build/fuzz --target fuzz_corpus` rewrites them (the reproducers stay as they are).
add_executable(fuzz_make_corpus ${NNLAB_FUZZ_DIR}/make_corpus.cpp)
target_link_libraries(fuzz_make_corpus PRIVATE nnlab_lab)
target_include_directories(fuzz_make_corpus PRIVATE ${NNLAB_FUZZ_DIR})
add_custom_target(fuzz_corpus COMMAND fuzz_make_corpus ${NNLAB_FUZZ_DIR}/corpus VERBATIM)

get_property(targets GLOBAL PROPERTY NNLAB_FUZZ_TARGETS)
add_custom_target(fuzz_all DEPENDS ${targets})
