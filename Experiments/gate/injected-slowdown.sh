#!/usr/bin/env bash
# The gate on real runs, not made-up numbers: sweeps of Experiments/quick.yaml on this machine.
#   baseline   quick.yaml as it is
#   aa         quick.yaml again, nothing changed      -> compare must exit 0; check must exit 0
#   malloc     quick.yaml with MALLOC_MMAP_THRESHOLD_=0 on its glibc setting: glibc then serves every
#              allocation with its own mmap/munmap (LibTorch loading, model, tensors), a real and
#              realistic allocator misconfiguration: slower start-up, more CPU, twice the RSS in the
#              glibc cells (jemalloc cells do not read it)   -> compare must exit 2
#   omp        quick.yaml with omp_wait_policy: active (OpenMP workers spin instead of sleeping and
#              steal the engine threads' CPU in the intra-op 4 cells), matched to the baseline with
#              --ignore-axis omp_wait_policy    -> shown; caught only when it beats the noise
# About 5 minutes with the release build.
#
# usage: Experiments/gate/injected-slowdown.sh [WORK_DIR]     (ARBENCH=path/to/arbench to choose the binary)
# Exit 0 when the gate behaved (A/A passed, check passed, allocator regression caught), 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/../.."
ARBENCH=${ARBENCH:-.build/release/arbench}
WORK=${1:-$(mktemp -d -t arbench-gate-XXXXXX)}
mkdir -p "$WORK"
sed -e 's/^omp_wait_policy: .*/omp_wait_policy: active/' Experiments/quick.yaml > "$WORK/quick-omp-active.yaml"
grep -q '^omp_wait_policy: active' "$WORK/quick-omp-active.yaml" || { echo "quick.yaml has no omp_wait_policy line to change"; exit 1; }
# A sweep gives its cells only the allocator variables their setting names (an inherited MALLOC_* is
# dropped), so the misconfiguration goes into the spec, under glibc's own label: the cells match the baseline's.
sed -e 's/^allocator: \[glibc, jemalloc\]/allocator: [{name: glibc, label: glibc, env: {MALLOC_MMAP_THRESHOLD_: 0}}, jemalloc]/' \
  Experiments/quick.yaml > "$WORK/quick-mmap-threshold-0.yaml"
grep -q 'MALLOC_MMAP_THRESHOLD_: 0' "$WORK/quick-mmap-threshold-0.yaml" || { echo "quick.yaml has no allocator line to change"; exit 1; }

sweep() {  # NAME SPEC: each run once; a rerun of the script reuses finished sweeps
  [ -f "$WORK/$1/results.csv" ] || "$ARBENCH" sweep "$2" --out "$WORK/$1" || exit 1
}
sweep baseline Experiments/quick.yaml
sweep aa Experiments/quick.yaml
sweep malloc "$WORK/quick-mmap-threshold-0.yaml"
sweep omp "$WORK/quick-omp-active.yaml"

echo "== A/A: arbench compare baseline aa (want exit 0)"
"$ARBENCH" compare "$WORK/baseline" "$WORK/aa" --format markdown; aa=$?
echo "== arbench check aa (want exit 0)"
"$ARBENCH" check "$WORK/aa"; check=$?
echo "== allocator misconfiguration: arbench compare baseline malloc (want exit 2)"
"$ARBENCH" compare "$WORK/baseline" "$WORK/malloc" --format markdown; malloc=$?
echo "== OMP_WAIT_POLICY=active: arbench compare baseline omp --ignore-axis omp_wait_policy (shown)"
"$ARBENCH" compare "$WORK/baseline" "$WORK/omp" --ignore-axis omp_wait_policy --format markdown; omp=$?
echo "== exit codes: A/A $aa (want 0), check $check (want 0), MALLOC_MMAP_THRESHOLD_=0 $malloc (want 2), omp active $omp; runs in $WORK"
[ "$aa" -eq 0 ] && [ "$check" -eq 0 ] && [ "$malloc" -eq 2 ]
