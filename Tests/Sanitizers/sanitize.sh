#!/usr/bin/env bash
# `make sanitize`: ThreadSanitizer over the engine tests, AddressSanitizer + UBSan over the C/C++ shims
# and the Swift code that calls them. Each step has its own scratch path (.build-tsan, .build-asan,
# .build-sanitize-shims), so the normal build is never touched. Exits non-zero on any report.
#
#   Tests/Sanitizers/sanitize.sh [tsan] [asan] [shims]     default: all three
#
# Each sanitizer is first shown a deliberate bug (a canary) and must report it: a clean run then means
# "no findings", not "sanitizer not active".
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
steps=("$@")
[ ${#steps[@]} -eq 0 ] && steps=(tsan asan shims)
toolchain_bin=$(dirname "$(readlink -f "$(command -v swiftc)")")
logs=$root/.build-sanitize-shims/logs
mkdir -p "$logs"
export SWIFT_BACKTRACE=enable=no   # let the sanitizers print their own reports
# The sanitized builds load LibTorch through the runtime libraries `make libtorch` built for the release
# build (uninstrumented, like LibTorch itself); the shims step below sanitizes the runtime's own source.
export ARBENCH_LIBTORCH_SHIMS=${ARBENCH_LIBTORCH_SHIMS:-$(swift build -c release -Xswiftc -enable-testing --show-bin-path)/libtorch}

timed() {  # timed NAME COMMAND...: runs, prints the duration, keeps the log
    local name=$1; shift
    local start=$(date +%s) status=0
    "$@" >"$logs/$name.log" 2>&1 || status=$?
    echo "sanitize: $name: $(( $(date +%s) - start )) s (exit $status, log $logs/$name.log)"
    return $status
}

no_reports() {  # no_reports LOG PATTERN: fails with the first report lines when PATTERN appears
    if grep -qE "$2" "$1"; then
        echo "sanitize: FAILED: reports in $1:"
        grep -E -A12 "$2" "$1" | head -60
        return 1
    fi
}

tsan() {
    timed tsan-canary-build "$toolchain_bin/swiftc" -swift-version 5 -sanitize=thread -g \
        Tests/Sanitizers/tsan_canary.swift -o .build-sanitize-shims/tsan_canary
    .build-sanitize-shims/tsan_canary >"$logs/tsan-canary.log" 2>&1 || true
    grep -qE "WARNING: ThreadSanitizer: (data|Swift access) race" "$logs/tsan-canary.log" \
        || { echo "sanitize: FAILED: ThreadSanitizer did not report the canary race"; return 1; }
    echo "sanitize: tsan canary reported, as it must"

    # Only the engine's tests and what they need are compiled (Package.swift reads ARBENCH_TEST_TARGETS).
    ARBENCH_TEST_TARGETS=EngineTests timed tsan-build swift build --scratch-path .build-tsan --build-tests --sanitize=thread
    # halt_on_error: the first report fails the run; print_suppressions: shows which suppressions fired.
    ARBENCH_TEST_TARGETS=EngineTests \
    TSAN_OPTIONS="suppressions=$root/Tests/Sanitizers/tsan.supp halt_on_error=1 second_deadlock_stack=1 print_suppressions=1" \
        timed tsan-tests swift test --scratch-path .build-tsan --sanitize=thread --skip-build --filter EngineTests
    no_reports "$logs/tsan-tests.log" "WARNING: ThreadSanitizer"
    grep -E "Test run with|Matched|suppressions" "$logs/tsan-tests.log" | sed 's/^/sanitize: tsan: /' || true
}

# swiftc has no -sanitize=undefined on Linux: Swift code gets ASan (its own checks cover overflow and
# bounds), the C and C++ targets (the CTorch loader, CAllocStats, plot) get ASan and UBSan through -Xcc/-Xcxx. The
# ASan runtime carries the UBSan handlers, so nothing else needs linking.
asan_flags=(--sanitize=address -Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined
            -Xcxx -fsanitize=undefined -Xcxx -fno-sanitize-recover=undefined)

asan() {
    local tests=EngineTests,PipelineTests,CLITests
    ARBENCH_TEST_TARGETS=$tests timed asan-build swift build --scratch-path .build-asan --build-tests "${asan_flags[@]}"
    # The engine and pipeline tests in-process; CLITests runs the ASan-built arbench binary as a user would.
    ARBENCH_TEST_TARGETS=$tests ASAN_OPTIONS="detect_leaks=1" LSAN_OPTIONS="suppressions=$root/Tests/Sanitizers/lsan.supp print_suppressions=0" \
        UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
        timed asan-tests swift test --scratch-path .build-asan "${asan_flags[@]}" --skip-build \
        --filter "EngineTests|PipelineTests|CLITests\.CLITests"
    no_reports "$logs/asan-tests.log" "ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:"
    grep -E "Test run with" "$logs/asan-tests.log" | sed 's/^/sanitize: asan: /' || true
}

shims() {
    local out=.build-sanitize-shims flags=(-g -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    local sources=(CShims/CTorchRuntime/CTorchRuntime.cpp CShims/CTorchRuntime/CTorchTraining.cpp CShims/CTorchRuntime/CBoundary.h
                   CShims/CTorchRuntime/TaggerNet.h CShims/CTorch/include/CTorch.h CShims/CAllocStats/CAllocStats.c
                   CShims/CAllocStats/include/CAllocStats.h Tests/Sanitizers/shim_driver.c Tests/Sanitizers/sanitize.sh)
    if [ -x $out/shim_driver ] && [ -z "$(find "${sources[@]}" -newer $out/shim_driver)" ]; then
        echo "sanitize: shims-build: up to date"
    else
    timed shims-build bash -c "
        '$toolchain_bin/clang++' -std=c++17 ${flags[*]} -Wno-deprecated-declarations \
            -I/usr/include/torch/csrc/api/include -ICShims/CTorch/include -c CShims/CTorchRuntime/CTorchRuntime.cpp -o $out/CTorch.o &&
        '$toolchain_bin/clang++' -std=c++17 ${flags[*]} -Wno-deprecated-declarations \
            -I/usr/include/torch/csrc/api/include -ICShims/CTorch/include -c CShims/CTorchRuntime/CTorchTraining.cpp -o $out/CTorchTraining.o &&
        '$toolchain_bin/clang' ${flags[*]} -ICShims/CAllocStats/include -c CShims/CAllocStats/CAllocStats.c -o $out/CAllocStats.o &&
        '$toolchain_bin/clang' ${flags[*]} -ICShims/CTorch/include -ICShims/CAllocStats/include \
            -c Tests/Sanitizers/shim_driver.c -o $out/shim_driver.o &&
        '$toolchain_bin/clang++' -fuse-ld=lld -fsanitize=address,undefined $out/CTorch.o $out/CTorchTraining.o $out/CAllocStats.o $out/shim_driver.o \
            -o $out/shim_driver -ltorch -ltorch_cpu -lc10 -ldl -lpthread -lm"
    fi
    $out/shim_driver --canary >"$logs/shims-canary.log" 2>&1 || true
    grep -q "ERROR: AddressSanitizer: heap-buffer-overflow" "$logs/shims-canary.log" \
        || { echo "sanitize: FAILED: AddressSanitizer did not report the canary overflow"; return 1; }
    echo "sanitize: asan canary reported, as it must"
    mkdir -p $out/work
    # Leak checking on: the shim owns every allocation it hands out (models, error texts).
    ASAN_OPTIONS="detect_leaks=1" UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
        timed shims-run $out/shim_driver $out/work
    no_reports "$logs/shims-run.log" "ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:"
    grep "shim_driver:" "$logs/shims-run.log" | sed 's/^/sanitize: /'
}

started=$(date +%s)
for step in "${steps[@]}"; do
    case $step in
        tsan|asan|shims) $step ;;
        *) echo "unknown step $step (tsan, asan, shims)"; exit 64 ;;
    esac
done
echo "sanitize: clean (${steps[*]}) in $(( $(date +%s) - started )) s"
