#!/usr/bin/env bash
# Self-test of the example engines (CI-sized, about half a minute once built): builds the C++ engine if
# needed (Experiments/engines/cpp/build.sh), sets up ONNX Runtime if it can (onnx/setup.sh; PyPI once),
# then runs each engine once on a generated 20 s scene with the base preset at 2 engine threads x
# intra-op 1, and checks: exit 0, a metrics file on the schema, 9 segments, and the same output digest as
# arbench's own engine; then bad input: a missing audio file (exit 4), a text file as the model (exit 5)
# and a bad flag (exit 64), each with one line on stderr. Exits non-zero on any failure.
#   Experiments/engines/selftest.sh [ARBENCH]     (default: .build/release/arbench)
#   SKIP_ONNX=1 leaves the ONNX engine out.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
arbench="${1:-.build/release/arbench}"
py=/usr/bin/python3
tmp=$(mktemp -d /tmp/arbench-engines-selftest.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { echo "ok: $*"; passed=$((passed + 1)); }
bad() { echo "FAILED: $*"; failed=$((failed + 1)); }

model=Sources/Training/Presets/base-seed1-recipe2.pt
"$arbench" generate --duration 20s --seed 1 --out "$tmp/scene.wav" >/dev/null 2>&1 || { echo "FAILED: $arbench generate"; exit 1; }
"$arbench" run "$tmp/scene.wav" --model "$model" --engine-threads 2 --intra-op-threads 1 --metrics "$tmp/arbench.json" \
  --quiet >/dev/null 2>&1 || { echo "FAILED: $arbench run"; exit 1; }
want=$($py -c 'import json,sys; print(json.load(open(sys.argv[1]))["output_digest"])' "$tmp/arbench.json")

Experiments/engines/cpp/build.sh || bad "C++ engine build"
engines=(python cpp)
if [ -z "${SKIP_ONNX:-}" ]; then
  if Experiments/engines/onnx/setup.sh; then engines+=(onnx-per-thread onnx-shared); else bad "ONNX Runtime set-up"; fi
fi

command_of() {   # engine name -> argv prefix
  case $1 in
    python) echo "$py Experiments/engines/python/engine.py" ;;
    cpp) echo ".build/engines/cpp-engine" ;;
    onnx-per-thread) echo "$py Experiments/engines/onnx/engine.py --session per-thread" ;;
    onnx-shared) echo "$py Experiments/engines/onnx/engine.py --session shared" ;;
  esac
}

for e in "${engines[@]}"; do
  m="$tmp/$e.json"
  # shellcheck disable=SC2046
  if $(command_of "$e") --model "$model" --engine-threads 2 --intra-op-threads 1 --metrics "$m" --tags "$tmp/$e.csv" \
       "$tmp/scene.wav" 2>"$tmp/$e.err"; then
    if verdict=$($py - "$m" "$want" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
problems = []
if d.get("schema") != "arbench.engine-metrics/1": problems.append(f"schema {d.get('schema')}")
if d.get("items") != 9: problems.append(f"items {d.get('items')} (want 9)")
if d.get("audio_seconds") != 20: problems.append(f"audio_seconds {d.get('audio_seconds')}")
if not d.get("processing_seconds", 0) > 0: problems.append("no processing_seconds")
if set(d.get("latency_ms", {})) != {"p50", "p95", "p99"}: problems.append("latency_ms")
if d.get("output_digest") != sys.argv[2]: problems.append(f"digest {d.get('output_digest')} (arbench: {sys.argv[2]})")
if not all(isinstance(v, (int, float)) for v in d.get("extra", {}).values()): problems.append("extra not numeric")
print("; ".join(problems)); sys.exit(1 if problems else 0)
PY
    ); then ok "$e engine: 9 segments, arbench's digest $want"; else bad "$e engine metrics: $verdict"; fi
  else
    bad "$e engine exited $?: $(tail -1 "$tmp/$e.err")"
  fi
done

expect_refusal() {   # name, code, argv...
  local name=$1 code=$2; shift 2
  "$@" >/dev/null 2>"$tmp/refusal.err"
  local got=$? lines
  lines=$(wc -l <"$tmp/refusal.err")
  if [ "$got" -eq "$code" ] && [ "$lines" -ge 1 ]; then ok "$name: exit $got, $(tail -1 "$tmp/refusal.err")"
  else bad "$name: exit $got (want $code), stderr: $(cat "$tmp/refusal.err")"; fi
}
echo "not a model" >"$tmp/model.txt"
for e in "${engines[@]}"; do
  # shellcheck disable=SC2046
  expect_refusal "$e, missing audio" 4 $(command_of "$e") --model "$model" --engine-threads 1 --intra-op-threads 1 "$tmp/missing.wav"
done
# shellcheck disable=SC2046
expect_refusal "cpp, text file as model" 5 $(command_of cpp) --model "$tmp/model.txt" --engine-threads 1 --intra-op-threads 1 "$tmp/scene.wav"
# shellcheck disable=SC2046
expect_refusal "python, bad flag" 64 $(command_of python) --model "$model" --engine-threads 0 --intra-op-threads 1 "$tmp/scene.wav"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
