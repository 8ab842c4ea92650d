#!/usr/bin/env bash
# arbench's path into LibTorch against a bare C++ loop, on each LibTorch runtime: the same model, the same
# feature tensors (written by `arbench model bench --features-out`), the same threads (E = 1 and 2 calling
# threads, intra-op 1 each), both in one run, interleaved ROUNDS times (drift cancels). Goal: ratio >= 0.97.
#   Experiments/benchmarks/engine_overhead.sh [MODEL] [ROUNDS]     (after `make build`)
# Prints CSV: runtime,E,round,arbench_iters_per_s,bare_iters_per_s,ratio, then the median ratio per runtime x E.
set -euo pipefail
cd "$(dirname "$0")/../.."
MODEL=${1:-base}
ROUNDS=${2:-5}
ITER=${ITER:-3000}
RUNTIMES=${RUNTIMES:-system pypi}
BIN=.build/release/arbench
SHIMS=$(dirname "$(readlink -f "$BIN")")/libtorch
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
$BIN generate --duration 5m --seed 77 --out "$WORK/scene.wav" 2>/dev/null
MODEL_PATH=$($BIN model build --preset "$MODEL" 2>/dev/null || true)
[ -f "$MODEL" ] && MODEL_PATH=$MODEL
echo "# model: $MODEL_PATH, $ITER forwards per measurement" >&2
for R in $RUNTIMES; do
    # The bare loop is built with the runtime library's own flags, against the LibTorch it wraps.
    mapfile -t dirs < <(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(m["libtorch_dir"]); [print(d) for d in m["extra_lib_dirs"]]' "$SHIMS/$R/runtime.json")
    CShims/CTorchRuntime/build.sh --bench "$SHIMS" "$R" "${dirs[@]}"
done
iters() { python3 -c 'import json,sys; print(json.load(sys.stdin)["iters_per_second"])'; }
echo "runtime,E,round,arbench_iters_per_s,bare_iters_per_s,ratio" | tee "$WORK/out.csv"
for E in 1 2; do
    for ROUND in $(seq 1 "$ROUNDS"); do
        for R in $RUNTIMES; do
            A=$($BIN model bench "$MODEL_PATH" --audio "$WORK/scene.wav" --engine-threads "$E" --iterations "$ITER" \
                --libtorch "$R" --features-out "$WORK/features.bin" | iters)
            B=$("$SHIMS/$R/bare_forward" "$MODEL_PATH" "$WORK/features.bin" "$E" "$ITER" 20 | iters)
            python3 -c "print(f'$R,$E,$ROUND,{$A:.1f},{$B:.1f},{$A/$B:.3f}')" | tee -a "$WORK/out.csv"
        done
    done
done
python3 - "$WORK/out.csv" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print("runtime,E,rounds,median_arbench_iters_per_s,median_bare_iters_per_s,median_ratio,min_ratio")
for key in sorted({(r["runtime"], r["E"]) for r in rows}, key=lambda k: (k[0] != "system", k)):
    sel = [r for r in rows if (r["runtime"], r["E"]) == key]
    ratios = [float(r["ratio"]) for r in sel]
    print(f'{key[0]},{key[1]},{len(sel)},{statistics.median(float(r["arbench_iters_per_s"]) for r in sel):.1f},'
          f'{statistics.median(float(r["bare_iters_per_s"]) for r in sel):.1f},{statistics.median(ratios):.3f},{min(ratios):.3f}')
PY
