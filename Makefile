# Entry points a person types. Each target installs the Debian packages it needs first.
SHELL := /bin/bash
APT_PACKAGES := libtorch-dev libjemalloc-dev libsndfile1-dev libfftw3-dev libsamplerate0-dev \
	libgnuplot-iostream-dev gnuplot-nox libtcmalloc-minimal4 libgoogle-perftools4 libmimalloc2.0 python3-numpy python3-torch \
	libboost-iostreams-dev libomp5 valgrind binutils
# One build for tests, demo and measurements: release, with testability so the tests link against it.
SWIFT_FLAGS := -c release -Xswiftc -enable-testing
RUN_DIR ?= Results/runs/quick-$(shell date -u +%Y%m%dT%H%M%SZ)

.PHONY: deps build libtorch demo test sanitize fuzz presets gate engines

# LibTorch runtimes (see README, "LibTorch runtimes"): arbench loads one per run from libtorch/ beside its
# executable. `system` wraps Debian's libtorch-dev; `pypi` wraps PyPI's torch wheel, fetched (pinned by
# sha256) into ~/.cache/arbench; `make libtorch LIBTORCH=DIR` adds a LibTorch directory you have.
BIN_PATH = $(shell swift build $(SWIFT_FLAGS) --show-bin-path)
RUNTIME_BUILD := CShims/CTorchRuntime/build.sh
libtorch: deps
	@shims="$(BIN_PATH)/libtorch"; \
	if [ -n "$(LIBTORCH)" ]; then \
	  dir=$$(cd "$(LIBTORCH)" 2>/dev/null && pwd -P) || { echo "arbench: error: $(LIBTORCH): no such LibTorch directory"; exit 5; }; \
	  $(RUNTIME_BUILD) "$$shims" "dir$$(echo "$$dir" | sed 's/[^A-Za-z0-9.-]/_/g')" "$$dir"; \
	else \
	  $(RUNTIME_BUILD) "$$shims" system /usr & system=$$!; \
	  status=0; pypi=$$(CShims/CTorchRuntime/fetch-pypi.sh) && \
	    $(RUNTIME_BUILD) "$$shims" pypi "$$pypi/torch" "$$pypi/nvidia/cu13/lib" || status=$$?; \
	  wait $$system || exit $$?; \
	  [ $$status -eq 0 ] || echo "arbench: the pypi runtime is not set up (above: why); the system runtime works"; \
	  exit $$status; \
	fi

# Rebuilds the shipped presets' weights (seed 1 of tiny, base, large; trained on the system runtime) and
# their DIGESTS. Commit the result: every machine then runs these files (see README, Models).
PRESETS_DIR := Sources/Training/Presets
presets: build
	for p in tiny base large; do .build/release/arbench model build --preset $$p --out $(PRESETS_DIR)/ || exit $$?; done
	cd $(PRESETS_DIR) && ../../../.build/release/arbench model digest *.pt > DIGESTS.tmp && mv DIGESTS.tmp DIGESTS

# Installs only what is missing, so a second run costs a second, not a minute.
deps:
	@missing=$$(dpkg-query -W -f='$${Status} $${Package}\n' $(APT_PACKAGES) 2>/dev/null | grep -v '^install ok installed' | awk '{print $$NF}'; \
	  for p in $(APT_PACKAGES); do dpkg-query -W $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

# The C++ example engine of Experiments/engines/ (external-engine sweeps, `engine:` in a spec): g++ against
# Debian's LibTorch into .build/engines/cpp-engine and against the `pypi` runtime into cpp-engine-pypi, about
# 20 s each; nothing to do when they are up to date.
engines: build
	Experiments/engines/cpp/build.sh
	Experiments/engines/cpp/build.sh pypi

build: deps
	swift build $(SWIFT_FLAGS)
	$(MAKE) --no-print-directory libtorch

# The main job on the built-in defaults (a generated scene, the built-in base model): the quick
# experiment, its charts and report, then the study's conclusions checked on what was measured.
demo: build
	.build/release/arbench sweep Experiments/quick.yaml --out $(RUN_DIR)
	.build/release/arbench plot $(RUN_DIR)
	.build/release/arbench check $(RUN_DIR) || true
	@echo "report: $(RUN_DIR)/REPORT.md, charts: $(RUN_DIR)/charts/"

# Paired A/B gate (issue #19): builds BASE (a git revision) in a temporary worktree with its own build
# directory (release, the same flags, the arbench product only: 3 minutes from cold on 2 cores) with its
# LibTorch shims (this build's when BASE has the same CShims/ and Makefile: the same sources, a minute
# saved), then two A/Bs, both always run: `arbench ab Experiments/gate.yaml` runs each cell with the two builds
# alternately, timed (catches slowdowns of about 8.5% and more, threading effects included), and `arbench ab
# Experiments/gate-instructions.yaml --measure instructions` counts the engine's instructions under Valgrind
# (catches code-path changes well under 1%, no threading effect): Experiments/gate/NOISE.md. Exits as `compare`
# does (0 ok, 2 regression, 3 not comparable, 1 error), the timed A/B's code first when it is not 0.
# A bad BASE or a base that fails to build: one line and exit 1, before any cell.
# `make`, not $(MAKE), below: a line with $(MAKE) runs even under `make -n`, which would build the base.
GATE_DIR ?= Results/runs/gate-$(shell date -u +%Y%m%dT%H%M%SZ)
GATE_SPEC ?= Experiments/gate.yaml
GATE_INSTRUCTIONS_SPEC ?= Experiments/gate-instructions.yaml
gate: build
	@[ -n "$(BASE)" ] || { echo "arbench: error: give the base revision: make gate BASE=<git rev>"; exit 1; }; \
	rev=$$(git rev-parse --verify --quiet "$(BASE)^{commit}") || { echo "arbench: error: BASE=$(BASE) is not a git revision"; exit 1; }; \
	wt=$$(mktemp -d /tmp/arbench-gate-base.XXXXXX); log="$$wt.log"; \
	trap 'git worktree remove --force "$$wt" >/dev/null 2>&1; rm -rf "$$wt"' EXIT; \
	git worktree add --detach "$$wt" "$$rev" >"$$log" 2>&1 || { echo "arbench: error: cannot check out $(BASE) ($$rev): see $$log"; exit 1; }; \
	echo "arbench: building base $(BASE) ($$rev) in $$wt (log: $$log)"; \
	( cd "$$wt" && swift build $(SWIFT_FLAGS) --product arbench ) >>"$$log" 2>&1 \
	  || { echo "arbench: error: base $(BASE) ($$rev) failed to build: see $$log"; exit 1; }; \
	base_dir="$$(cd "$$wt" && swift build $(SWIFT_FLAGS) --show-bin-path)"; base_bin="$$base_dir/arbench"; \
	if git diff --quiet "$$rev" HEAD -- CShims Makefile && [ -z "$$(git status --porcelain -- CShims Makefile)" ]; then \
	  echo "arbench: base $(BASE) has this tree's CShims and Makefile: it shares this build's LibTorch shims"; \
	  ln -s "$(abspath $(BIN_PATH))/libtorch" "$$base_dir/libtorch"; \
	else \
	  ( cd "$$wt" && make --no-print-directory libtorch ) >>"$$log" 2>&1 \
	    || { echo "arbench: error: base $(BASE) ($$rev): its LibTorch shims failed to build: see $$log"; exit 1; }; \
	fi; \
	timed=0; "$(BIN_PATH)/arbench" ab $(GATE_SPEC) --base "$$base_bin" --out $(GATE_DIR)/time $(GATE_ARGS) || timed=$$?; \
	counted=0; "$(BIN_PATH)/arbench" ab $(GATE_INSTRUCTIONS_SPEC) --measure instructions --base "$$base_bin" \
	  --out $(GATE_DIR)/instructions $(GATE_ARGS) || counted=$$?; \
	echo "arbench: gate against $(BASE): timed A/B exit $$timed, instruction counts exit $$counted (0 = ok)"; \
	[ "$$timed" -ne 0 ] && exit "$$timed"; exit "$$counted"

test: deps
	swift build $(SWIFT_FLAGS) --build-tests
	$(MAKE) --no-print-directory libtorch
	swift test $(SWIFT_FLAGS) --skip-build

# ThreadSanitizer over the engine tests; AddressSanitizer + UBSan over the C/C++ shims (a driver) and the
# Swift code calling them (engine, pipeline and CLI tests). Own scratch paths: .build-tsan, .build-asan,
# .build-sanitize-shims. Each sanitizer must first catch a planted bug. Measured on 2 cores: 6 min
# from nothing, 2.5 min again (most of it the tests under the sanitizers).
sanitize: deps libtorch
	Tests/Sanitizers/sanitize.sh

# libFuzzer over validation + segmentation for FUZZ_SECONDS; findings are copied to Tests/Fuzz/crashers/,
# which `swift test --filter FuzzRegressionTests` replays. Corpus kept in .build-fuzz/ between runs.
FUZZ_SECONDS ?= 600
fuzz: deps
	Tests/Fuzz/fuzz.sh $(FUZZ_SECONDS)
