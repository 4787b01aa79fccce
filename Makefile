# The two commands a newcomer needs: `make run` and `make test`.
# Both install missing Debian packages first (scripts/debian-packages.txt is the one list).
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# CI builds with -Werror; a developer's build only warns.
WERROR := $(if $(CI),ON,OFF)

# `make test-asan`: the whole suite built with AddressSanitizer and UBSan, in its own folder.
ASAN_DIR ?= build-asan
# `make fuzz`: the bundle reader under libFuzzer (clang), in its own folder.
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 600
FUZZ_JOBS ?= 1
# The sanitizer builds use ccache when it is there (it is not in the package list).
LAUNCHER := $(if $(shell command -v ccache 2>/dev/null),-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
# Any sanitizer report fails the test that caused it; there are no suppressions.
SAN_ENV := ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1 \
           UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

.PHONY: all deps configure build run test test-asan fuzz clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DTEAMSPIEGEL_WERROR=$(WERROR) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/teamspiegel $(ARGS)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

test-asan: deps
	@cmake -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DTEAMSPIEGEL_SANITIZE=ON $(LAUNCHER) >/dev/null
	@$(SAN_ENV) cmake --build $(ASAN_DIR) -j $(JOBS)
	cd $(ASAN_DIR) && $(SAN_ENV) ctest --output-on-failure -j $(JOBS)

fuzz:
	@scripts/install-deps.sh fuzz
	@cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
	       -DTEAMSPIEGEL_FUZZ=ON $(LAUNCHER) >/dev/null
	@cmake --build $(FUZZ_DIR) --target fuzz_bundle -j $(JOBS)
	@scripts/fuzz.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_JOBS)

clean:
	rm -rf $(BUILD_DIR)
