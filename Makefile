# nnlab's front door: a thin layer over scripts/setup.sh, CMake and the test runners.
#   make run      set up, build the web app, serve it on http://127.0.0.1:8080 (loopback only)
#   make test     set up, build native + web (+ sanitizer build with asserts), run every test
#   make desktop  build and open the native app        make web    build the web app only
#   make serve    serve the built web app              make bench  training/inference benchmarks
#   make fuzz     every fuzz target for FUZZ_SECONDS (default 600) each (docs/fuzzing.md)
#   make clean    remove build/ (keeps the fetched Dear ImGui sources and npm packages)
SHELL := /bin/bash
JOBS ?= $(shell nproc)
PORT ?= 8080
export NODE_PATH := /usr/share/nodejs

.PHONY: all setup native web asan fuzz-build run serve desktop test test-native test-asan test-web test-browser test-fuzz fuzz bench clean

all: native web

setup:
	@bash scripts/setup.sh

# CMakePresets.json is the truth: one configure, build and test preset per build directory
# (native-release → build/native, native-asan → build/asan, web → build/web). A build directory is
# configured when it has no cache yet or when the presets change.
build/native/CMakeCache.txt: CMakePresets.json | setup
	cmake --preset native-release >/dev/null
	@touch $@
build/asan/CMakeCache.txt: CMakePresets.json | setup
	cmake --preset native-asan >/dev/null
	@touch $@
build/web/CMakeCache.txt: CMakePresets.json | setup
	cmake --preset web >/dev/null
	@touch $@
build/fuzz/CMakeCache.txt: CMakePresets.json | setup
	cmake --preset fuzz >/dev/null
	@touch $@

native: setup build/native/CMakeCache.txt
	cmake --build --preset native-release -j $(JOBS)
asan: setup build/asan/CMakeCache.txt
	cmake --build --preset native-asan -j $(JOBS)
web: setup build/web/CMakeCache.txt
	cmake --build --preset web -j $(JOBS)
fuzz-build: setup build/fuzz/CMakeCache.txt
	cmake --build --preset fuzz -j $(JOBS)

serve:
	@test -f build/web/site/index.html || { echo "nothing built yet: run 'make web' (or 'make run')"; exit 1; }
	@echo "nnlab is at http://127.0.0.1:$(PORT)/  (Ctrl+C stops the server)"
	@python3 scripts/serve.py --dir build/web/site --port $(PORT)

run: web serve

desktop: native
	./build/native/nnlab

test-native: native
	ctest --preset native-release
test-asan: asan
	ctest --preset native-asan
test-web: web
	ctest --preset web
test-browser: web native
	node --test --test-concurrency=1 tests/e2e/ tests/cli/
# Each fuzz target over its committed corpus (every fault's reproducer), then a few hundred new inputs.
test-fuzz: fuzz-build
	ctest --preset fuzz
# Each fuzz target for FUZZ_SECONDS (default 600); non-zero on any finding (scripts/fuzz.sh).
fuzz: setup build/fuzz/CMakeCache.txt
	JOBS=$(JOBS) bash scripts/fuzz.sh

# Every runner prints its own summary last: CTest (native, sanitized, wasm), then node's test runner.
test: native web asan fuzz-build
	@$(MAKE) --no-print-directory test-native test-asan test-web test-browser test-fuzz

bench: native web
	./build/native/nnlab-cli bench
	node build/web/nnlab-cli.js bench

clean:
	rm -rf build/native build/asan build/web build/debug build/fuzz
