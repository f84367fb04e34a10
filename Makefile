# Thin wrapper over CMake. The two commands a newcomer needs: `make demo` and `make test`.
BUILD      ?= build
JOBS       ?= $(shell nproc)
CTEST_JOBS ?= 2
FUZZ_SECONDS ?= 60
CMAKE_FLAGS ?=

.PHONY: all build deps test demo bench fuzz fuzz-smoke asan-test lint clean

all: build

deps:
	@scripts/install-deps

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# Every tier through ctest; ctest's summary is the last thing printed.
test: deps
	@$(MAKE) --no-print-directory build
	cd $(BUILD) && ctest --output-on-failure -j $(CTEST_JOBS) -LE '^guest$$'

demo: deps
	@$(MAKE) --no-print-directory build
	scripts/demo $(BUILD)

bench: deps
	@$(MAKE) --no-print-directory build
	scripts/run-bench $(BUILD)

fuzz: deps
	scripts/run-fuzz build-fuzz $(FUZZ_SECONDS)

asan-test: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DRAVELIN_SANITIZE=ON -DRAVELIN_BUILD_BENCH=OFF $(CMAKE_FLAGS)
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure -j $(CTEST_JOBS) -L '^(unit|pair|transcript)$$'

lint: deps
	scripts/lint $(BUILD)

clean:
	rm -rf $(BUILD) build-asan build-fuzz
