# Entry points a person types. Each target installs the Debian packages it needs first.
SHELL := /bin/bash
APT_PACKAGES := libtorch-dev libjemalloc-dev libsndfile1-dev libfftw3-dev libsamplerate0-dev \
	libgnuplot-iostream-dev gnuplot-nox libtcmalloc-minimal4 libmimalloc2.0 python3-numpy python3-torch \
	libboost-iostreams-dev
# One build for tests, demo and measurements: release, with testability so the tests link against it.
SWIFT_FLAGS := -c release -Xswiftc -enable-testing
RUN_DIR ?= Results/runs/quick-$(shell date -u +%Y%m%dT%H%M%SZ)

.PHONY: deps build demo test sanitize fuzz

# Installs only what is missing, so a second run costs a second, not a minute.
deps:
	@missing=$$(dpkg-query -W -f='$${Status} $${Package}\n' $(APT_PACKAGES) 2>/dev/null | grep -v '^install ok installed' | awk '{print $$NF}'; \
	  for p in $(APT_PACKAGES); do dpkg-query -W $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	swift build $(SWIFT_FLAGS)

# The main job on the built-in defaults (a generated scene, the built-in base model): the quick
# experiment, its charts and report, then the study's conclusions checked on what was measured.
demo: build
	.build/release/arbench sweep Experiments/quick.yaml --out $(RUN_DIR)
	.build/release/arbench plot $(RUN_DIR)
	.build/release/arbench check $(RUN_DIR) || true
	@echo "report: $(RUN_DIR)/REPORT.md, charts: $(RUN_DIR)/charts/"

test: deps
	swift build $(SWIFT_FLAGS) --build-tests
	swift test $(SWIFT_FLAGS) --skip-build

# ThreadSanitizer over the engine tests; AddressSanitizer + UBSan over the C/C++ shims (a driver) and the
# Swift code calling them (engine, pipeline and CLI tests). Own scratch paths: .build-tsan, .build-asan,
# .build-sanitize-shims. Each sanitizer must first catch a planted bug. Measured on 2 cores: 8.5 min
# from nothing, 2.5 min again (most of it the tests under the sanitizers).
sanitize: deps
	Tests/Sanitizers/sanitize.sh

# libFuzzer over validation + segmentation for FUZZ_SECONDS; findings are copied to Tests/Fuzz/crashers/,
# which `swift test --filter FuzzRegressionTests` replays. Corpus kept in .build-fuzz/ between runs.
FUZZ_SECONDS ?= 600
fuzz: deps
	Tests/Fuzz/fuzz.sh $(FUZZ_SECONDS)
