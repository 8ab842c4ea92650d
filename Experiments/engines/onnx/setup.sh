#!/usr/bin/env bash
# Sets up the ONNX Runtime example engine, once per machine (a second run costs a second):
#  - onnxruntime 1.31.1 from PyPI, pinned by sha256, without dependencies (it needs only numpy, which
#    Debian's python3-numpy gives), into ~/.cache/arbench/onnxruntime-1.31.1 (pip --target; never the system);
#  - the ONNX exports of the shipped presets (Sources/Training/Presets/*.pt) into ~/.cache/arbench/onnx-models/,
#    named by the .pt's sha256 (engine.py finds them there; it exports any other .pt on first use).
# Nothing else is downloaded: the export runs here with Debian's torch 1.13.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cache="${ARBENCH_CACHE:-$HOME/.cache/arbench}"
ort="$cache/onnxruntime-1.31.1"
if ! PYTHONPATH="$ort" /usr/bin/python3 -c 'import onnxruntime' 2>/dev/null; then
  req=$(mktemp)
  trap 'rm -f "$req"' EXIT
  echo "onnxruntime==1.31.1 --hash=sha256:5752bd508126ae7c49894d3b9d2e83f0c3d487319246d04c444b393308d7ad7f" > "$req"
  rm -rf "$ort.tmp"
  /usr/bin/python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --only-binary=:all: \
    --require-hashes --target "$ort.tmp" -r "$req"
  rm -rf "$ort" && mv "$ort.tmp" "$ort"
  echo "onnx-engine: installed onnxruntime 1.31.1 into $ort" >&2
fi
for pt in "$root"/Sources/Training/Presets/*.pt "$@"; do
  sum=$(sha256sum "$pt" | cut -c1-64)
  out="$cache/onnx-models/$sum.onnx"
  [ -s "$out" ] && [ -s "$out.json" ] && continue
  /usr/bin/python3 "$root/Experiments/engines/onnx/export.py" "$pt" "$out"
  echo "onnx-engine: exported $(basename "$pt") to $out" >&2
done
