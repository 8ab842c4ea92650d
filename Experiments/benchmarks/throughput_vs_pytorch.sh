#!/usr/bin/env bash
# Engine inference throughput against torch.utils.ThroughputBenchmark, same model, same shapes,
# E = 1 and 2 calling threads, intra-op 1. Interleaves the two sides ROUNDS times (noisy machines).
#   Experiments/benchmarks/throughput_vs_pytorch.sh [MODEL] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
MODEL=${1:-base}
ROUNDS=${2:-3}
ITER=${ITER:-3000}
BIN=.build/release/arbench
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
$BIN generate --duration 5m --seed 77 --out "$WORK/scene.wav" 2>/dev/null
MODEL_PATH=$($BIN model build --preset "$MODEL" 2>/dev/null || true)
[ -f "$MODEL" ] && MODEL_PATH=$MODEL
echo "model: $MODEL_PATH"
echo "E,round,arbench_iters_per_s,pytorch_iters_per_s,ratio"
for E in 1 2; do
  for R in $(seq 1 "$ROUNDS"); do
    A=$($BIN model bench "$MODEL_PATH" --audio "$WORK/scene.wav" --engine-threads "$E" --iterations "$ITER" \
        --shapes-out "$WORK/shapes.json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["iters_per_second"])')
    P=$(/usr/bin/python3 Experiments/benchmarks/pytorch_throughput.py "$MODEL_PATH" "$WORK/shapes.json" "$E" "$ITER" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["iters_per_second"])')
    python3 -c "print(f'$E,$R,{$A:.1f},{$P:.1f},{$A/$P:.3f}')"
  done
done
