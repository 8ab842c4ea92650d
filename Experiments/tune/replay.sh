#!/usr/bin/env bash
# The replay table of Results/tune-replay: `arbench tune --replay` over every committed grid, 100 seeds,
# once without a budget (the search's own stopping point) and once with the issue's 10% budget (grids
# too small for 10% to probe every axis are refused, one line each, and left out of that table).
# Usage: Experiments/tune/replay.sh [OUT_DIR] (default Results/tune-replay); run from the repository root.
set -u
out=${1:-Results/tune-replay}
arbench=${ARBENCH:-.build/release/arbench}
grids=(Results/post-figures-3-4 Results/allocators Results/libtorch-runtimes Results/libtorch-runtimes-large
       Results/post-omp-wait-policy Results/post-threads-vs-processes)
mkdir -p "$out"
for budget in none 10%; do
  name=$([ "$budget" = none ] && echo no-budget || echo budget-10pct)
  flags=(--seeds 100)
  [ "$budget" = none ] || flags+=(--budget "$budget")
  "$arbench" tune --replay "${grids[@]}" "${flags[@]}" --format markdown >"$out/$name.md.tmp" 2>"$out/$name.refused.txt"
  status=$?
  mv "$out/$name.md.tmp" "$out/$name.md"
  "$arbench" tune --replay "${grids[@]}" "${flags[@]}" --format json >"$out/$name.json" 2>/dev/null
  echo "$name: exit $status ($(wc -l <"$out/$name.refused.txt") grids refused)"
  [ -s "$out/$name.refused.txt" ] || rm -f "$out/$name.refused.txt"
done
