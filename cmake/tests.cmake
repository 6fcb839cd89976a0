# Unit tests: one doctest binary, nnlab_tests, from the test folders below (every .cpp in them and
# in their subfolders). Natively it runs under CTest (also in the sanitizer build); in the web build
# the same sources become nnlab_tests.js for node, so the SIMD128 code paths are tested in
# WebAssembly too. CTest lists every doctest case as a test of its own, named like the case
# (`ctest -N` shows them, `ctest -R umbrella` runs some, a failure names its case): after each link
# doctest_discover_tests asks the binary for its cases (`--list-test-cases`, in the web build
# through node, the cross-compiling emulator) and writes the CTest entries.
#
# This file is also the discovery script itself: doctest_discover_tests runs it with `cmake -P`
# (see the end of the file). It replaces doctest's own doctestAddTests.cmake, which cuts names at
# ';' (a CMake list separator) and would register halves of "a; b" that match no case and pass.

if(NOT CMAKE_SCRIPT_MODE_FILE)
  if(EMSCRIPTEN)
    include(/usr/lib/cmake/doctest/doctest.cmake)  # Debian's doctest-dev, like its headers (CMakeLists.txt)
  else()
    find_package(doctest REQUIRED)
    include(doctest)  # doctest.cmake, next to doctestConfig.cmake
  endif()

  # Test folders, each searched recursively (one that does not exist adds nothing). tests/app
  # needs the app (Dear ImGui), so it is built only with NNLAB_BUILD_APP. Other folders under
  # tests/ (e.g. one for fuzzers, with mains of their own) are never picked up.
  set(NNLAB_TEST_DIRS text core data lessons lab playground)
  set(NNLAB_TEST_LIBS nnlab_playground nnlab_lab nnlab_data nnlab_lessons nnlab_text)
  if(NNLAB_BUILD_APP)
    list(APPEND NNLAB_TEST_DIRS app)
    list(APPEND NNLAB_TEST_LIBS nnlab_app)
  endif()
  set(NNLAB_TEST_SOURCES ${CMAKE_SOURCE_DIR}/tests/test_main.cpp)
  foreach(dir ${NNLAB_TEST_DIRS})
    file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/${dir}/*.cpp)
    list(APPEND NNLAB_TEST_SOURCES ${sources})
  endforeach()

  add_executable(nnlab_tests ${NNLAB_TEST_SOURCES})
  target_link_libraries(nnlab_tests PRIVATE ${NNLAB_TEST_LIBS} doctest::doctest)
  target_compile_definitions(nnlab_tests PRIVATE NNLAB_SOURCE_DIR="${CMAKE_SOURCE_DIR}" NNLAB_BUILD_DIR="${CMAKE_BINARY_DIR}")
  if(EMSCRIPTEN)
    target_link_libraries(nnlab_tests PRIVATE nnlab_platform_node)  # node's zlib and fs (data/host_io.h)
    target_link_options(nnlab_tests PRIVATE -sENVIRONMENT=node -sNODERAWFS=1 -sEXIT_RUNTIME=1 -sTOTAL_STACK=1048576
      -sWASM_ASYNC_COMPILATION=0)  # sync compile: emcc 3.1.6 would fetch() the .wasm path under node 18+
    # Discovery and every test run `node nnlab_tests.js …`, also when the web build was
    # configured without CMAKE_CROSSCOMPILING_EMULATOR (the preset sets it to node).
    get_target_property(emulator nnlab_tests CROSSCOMPILING_EMULATOR)
    if(NOT emulator)
      find_program(NNLAB_NODE node REQUIRED)
      set_property(TARGET nnlab_tests PROPERTY CROSSCOMPILING_EMULATOR ${NNLAB_NODE})
    endif()
  endif()

  set(_DOCTEST_DISCOVER_TESTS_SCRIPT ${CMAKE_CURRENT_LIST_FILE})  # this file, in script mode
  # --no-colors: under node the wasm binary's stdout claims to be a terminal, even in CTest's logs.
  doctest_discover_tests(nnlab_tests EXTRA_ARGS --no-colors PROPERTIES LABELS unit)
  return()
endif()

# ---------------------------------------------------------------------------------------------
# Script mode (`cmake -P`, run after each link of nnlab_tests by doctest_discover_tests with
# TEST_EXECUTABLE, TEST_EXECUTOR, TEST_WORKING_DIR, TEST_SPEC, TEST_EXTRA_ARGS, TEST_PROPERTIES,
# TEST_PREFIX, TEST_SUFFIX, TEST_LIST and CTEST_FILE): writes CTEST_FILE, one add_test per case.
# Names are read line by line (never as a CMake list) and written as bracket arguments, so
# ';', ',', '[', ']', quotes and backslashes all survive. On the command line doctest splits
# --test-case at ',' unless escaped, so '\' and ',' are escaped there; '*' and '?' are doctest
# wildcards that also match themselves. A run in which no case matched fails (the summary line
# "test cases: 0 |"), so a filter that misses its case can never pass quietly.
cmake_policy(VERSION 3.25)

# out_var = s as a bracket argument ([=[…]=] with as many '=' as s needs).
function(nnlab_bracket out_var s)
  set(eq "=")
  while("${s}]" MATCHES "\\]${eq}\\]")  # also when s ends in ']=' …
    string(APPEND eq "=")
  endwhile()
  set(${out_var} "[${eq}[${s}]${eq}]" PARENT_SCOPE)
endfunction()

# out_var = the items of the list variable list_var, each as a bracket argument.
function(nnlab_bracket_all out_var list_var)
  set(out "")
  foreach(item IN LISTS ${list_var})
    nnlab_bracket(q "${item}")
    string(APPEND out " ${q}")
  endforeach()
  set(${out_var} "${out}" PARENT_SCOPE)
endfunction()

if(NOT EXISTS "${TEST_EXECUTABLE}")
  message(FATAL_ERROR "test executable ${TEST_EXECUTABLE} does not exist")
endif()
set(spec)
if(NOT TEST_SPEC STREQUAL "")
  set(spec "--test-case=${TEST_SPEC}")
endif()
execute_process(COMMAND ${TEST_EXECUTOR} "${TEST_EXECUTABLE}" ${spec} --list-test-cases --no-colors
  OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE result WORKING_DIRECTORY "${TEST_WORKING_DIR}")
if(NOT result EQUAL 0)
  message(FATAL_ERROR "listing the test cases failed: ${TEST_EXECUTOR} ${TEST_EXECUTABLE} --list-test-cases\n"
    "  result: ${result}\n  output: ${output}\n  errors: ${errors}")
endif()

nnlab_bracket_all(executor TEST_EXECUTOR)
nnlab_bracket(executable "${TEST_EXECUTABLE}")
nnlab_bracket_all(extra_args TEST_EXTRA_ARGS)
nnlab_bracket_all(properties TEST_PROPERTIES)
nnlab_bracket(working_dir "${TEST_WORKING_DIR}")
nnlab_bracket(no_case_ran "test cases: +0 [|]")

string(REPLACE "\r" "" output "${output}")
set(script "")
set(names "")
set(count 0)
while(NOT output STREQUAL "")
  string(FIND "${output}" "\n" nl)
  if(nl EQUAL -1)
    set(line "${output}")
    set(output "")
  else()
    string(SUBSTRING "${output}" 0 ${nl} line)
    math(EXPR nl "${nl} + 1")
    string(SUBSTRING "${output}" ${nl} -1 output)
  endif()
  if(line STREQUAL "" OR line MATCHES "^=+$" OR line MATCHES "^\\[doctest\\] ")
    continue()  # doctest's banner, rules and summary
  endif()
  string(REPLACE "\\" "\\\\" filter "${line}")
  string(REPLACE "," "\\," filter "${filter}")
  nnlab_bracket(name "${TEST_PREFIX}${line}${TEST_SUFFIX}")
  nnlab_bracket(filter "--test-case=${filter}")
  string(APPEND script "add_test(${name}${executor} ${executable} ${filter}${extra_args})\n"
    "set_tests_properties(${name} PROPERTIES WORKING_DIRECTORY ${working_dir}"
    " FAIL_REGULAR_EXPRESSION ${no_case_ran}${properties})\n")
  string(APPEND names " ${name}")
  math(EXPR count "${count} + 1")
endwhile()
if(count EQUAL 0)
  message(FATAL_ERROR "${TEST_EXECUTABLE} listed no test cases:\n${errors}")
endif()
# The discovered names, as a list for CTest scripts (where a name holds a ';', it splits there).
string(APPEND script "set(${TEST_LIST}${names})\n")
file(WRITE "${CTEST_FILE}" "${script}")
