#!/usr/bin/env bash
# Fuzzes validation + segmentation (AudioReader + Segmenter) with libFuzzer for a bounded time.
#
#   Tests/Fuzz/fuzz.sh [SECONDS]      default 600; FUZZ_SECONDS also works
#
# Builds a libFuzzer harness with `swiftc -sanitize=fuzzer,address` from Sources/Pipeline/Validation,
# Sources/Pipeline/Segmentation, Tests/PipelineTests/Support/FuzzInput.swift (the properties checked; also
# used by FuzzRegressionTests) and Tests/Fuzz/FuzzMain.swift (the entry point). Seeds are written by
# Tests/Fuzz/make_seeds.c through libsndfile: every container and encoding it writes, plus cut copies.
# Work files live in .build-fuzz/ (the corpus is kept between runs). Each finding is copied into
# Tests/Fuzz/crashers/, which `swift test --filter FuzzRegressionTests` replays; the script then exits 1.
#
# Environment: FUZZ_SANITIZERS (default fuzzer,address), FUZZ_JOBS (default 1), FUZZ_WORK (default .build-fuzz).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
seconds=${1:-${FUZZ_SECONDS:-600}}
sanitizers=${FUZZ_SANITIZERS:-fuzzer,address}
jobs=${FUZZ_JOBS:-1}
work=${FUZZ_WORK:-$root/.build-fuzz}
crashers=$root/Tests/Fuzz/crashers
mkdir -p "$work/corpus" "$work/seeds" "$work/artifacts" "$work/scratch" "$crashers"

swiftc=$(command -v swiftc)
toolchain_bin=$(dirname "$(readlink -f "$swiftc")")
cc=$toolchain_bin/clang
[ -x "$cc" ] || cc=$(command -v cc)
sndfile_flags=$(pkg-config --cflags --libs sndfile)

echo "fuzz: building the seed writer and the harness ($sanitizers)"
"$cc" -O1 -o "$work/make_seeds" "$root/Tests/Fuzz/make_seeds.c" $sndfile_flags -lm
started=$(date +%s)
"$swiftc" -sanitize="$sanitizers" -parse-as-library -O -g -D FUZZ_HARNESS -module-name Pipeline -use-ld=lld \
    -I "$root/CShims/CSndFile" -I "$root/CShims/CSampleRate" \
    "$root"/Sources/Pipeline/Validation/*.swift "$root"/Sources/Pipeline/Segmentation/*.swift \
    "$root/Tests/PipelineTests/Support/FuzzInput.swift" "$root/Tests/Fuzz/FuzzMain.swift" \
    -o "$work/fuzz-pipeline" 2>&1 | { grep -v "ld.lld: warning\|^$" || true; }
echo "fuzz: harness built in $(( $(date +%s) - started )) s"
rm -f "$work"/seeds/seed-*
# Earlier findings were copied to Tests/Fuzz/crashers/ (and may have been renamed there): start afresh.
rm -f "$work"/artifacts/*
"$work/make_seeds" "$work/seeds"

# A property violation is a Swift fatalError; Swift's own backtracer would fight ASan's handler.
export SWIFT_BACKTRACE=enable=no
export FUZZ_SCRATCH_DIR=$work/scratch
export LSAN_OPTIONS=suppressions=$root/Tests/Fuzz/lsan.supp
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
log=$work/fuzz.log
echo "fuzz: running for $seconds s (log: $log)"
set +e
# -timeout: one input taking over 10 s is a hang; -rss_limit_mb: a header must not cost memory.
# libmpg123 prints "Note:"/"Warning:" lines for damaged MP3 frames; they go to the log only.
# With FUZZ_JOBS > 1 libFuzzer runs that many worker processes, each logging to fuzz-N.log in $work.
parallel=()
[ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
(cd "$work" && timeout $((seconds + 120)) "$work/fuzz-pipeline" "$work/corpus" "$work/seeds" \
    -max_total_time="$seconds" -max_len=32768 -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 \
    -print_final_stats=1 "${parallel[@]}" -artifact_prefix="$work/artifacts/" >"$log" 2>&1)
status=$?
[ "$jobs" -gt 1 ] && cat "$work"/fuzz-*.log >>"$log"
set -e

grep -E "^stat::|DONE" "$log" | tail -8 || true
summary=$(awk '/stat::number_of_executed_units/ {execs += $2} /stat::average_exec_per_sec/ {rate += $2}
               /stat::peak_rss_mb/ {if ($2 > rss) rss = $2} END {printf "%d execs, %d exec/s, peak RSS %d MB", execs, rate, rss}' "$log")
coverage=$(grep -oE "cov: [0-9]+ ft: [0-9]+ corp: [0-9]+" "$log" | tail -1 || true)
echo "fuzz: $seconds s, $summary, $coverage, corpus $(ls "$work/corpus" | wc -l) files"

new=0
for finding in "$work"/artifacts/*; do
    [ -e "$finding" ] || continue
    name=$(basename "$finding")
    if [ ! -e "$crashers/$name" ]; then
        cp "$finding" "$crashers/$name"
        new=$((new + 1))
        echo "fuzz: FINDING $name -> Tests/Fuzz/crashers/$name"
    fi
done
if [ "$new" -gt 0 ] || [ "$status" -ne 0 ]; then
    grep -E "Fatal error|ERROR: |SUMMARY" "$log" | head -20 || true
    echo "fuzz: FAILED (exit $status, $new new findings); replay: swift test --filter FuzzRegressionTests"
    exit 1
fi
echo "fuzz: no findings"
