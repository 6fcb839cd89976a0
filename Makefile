# nnlab's front door: a thin layer over scripts/setup.sh, CMake and the test runners.
#   make run      set up, build the web app, serve it on http://127.0.0.1:8080 (loopback only)
#   make test     set up, build native + web (+ sanitizer build), run every test
#   make desktop  build and open the native app        make web    build the web app only
#   make serve    serve the built web app              make bench  training/inference benchmarks
#   make clean    remove build/ (keeps the fetched Dear ImGui sources and npm packages)
SHELL := /bin/bash
JOBS ?= $(shell nproc)
PORT ?= 8080
export NODE_PATH := /usr/share/nodejs
EMTOOLCHAIN := /usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake

.PHONY: all setup native web asan run serve desktop test test-native test-asan test-web test-browser bench clean

all: native web

setup:
	@bash scripts/setup.sh

build/native/CMakeCache.txt: | setup
	cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
build/asan/CMakeCache.txt: | setup
	cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNNLAB_SANITIZE=ON -DNNLAB_BUILD_APP=OFF >/dev/null
build/web/CMakeCache.txt: | setup
	cmake -S . -B build/web -DCMAKE_TOOLCHAIN_FILE=$(EMTOOLCHAIN) -DCMAKE_BUILD_TYPE=Release \
	  -DCMAKE_CROSSCOMPILING_EMULATOR=node >/dev/null

native: setup build/native/CMakeCache.txt
	cmake --build build/native -j $(JOBS)
asan: setup build/asan/CMakeCache.txt
	cmake --build build/asan -j $(JOBS) --target nnlab_tests
web: setup build/web/CMakeCache.txt
	cmake --build build/web -j $(JOBS)

serve:
	@test -f build/web/site/index.html || { echo "nothing built yet: run 'make web' (or 'make run')"; exit 1; }
	@echo "nnlab is at http://127.0.0.1:$(PORT)/  (Ctrl+C stops the server)"
	@python3 scripts/serve.py --dir build/web/site --port $(PORT)

run: web serve

desktop: native
	./build/native/nnlab

test-native: native
	cd build/native && ctest --output-on-failure
test-asan: asan
	cd build/asan && ctest --output-on-failure
test-web: web
	cd build/web && ctest --output-on-failure
test-browser: web native
	node --test --test-concurrency=1 tests/e2e/ tests/cli/

# Every runner prints its own summary last: CTest (native, sanitized, wasm), then node's test runner.
test: native web asan
	@$(MAKE) --no-print-directory test-native test-asan test-web test-browser

bench: native web
	./build/native/nnlab-cli bench
	node build/web/nnlab-cli.js bench

clean:
	rm -rf build/native build/asan build/web build/debug
