#!/usr/bin/env bash
# Builds the C++ example engine against Debian's LibTorch (libtorch-dev 1.13) and libsndfile into
# .build/engines/cpp-engine (repository root relative); `make engines` calls it. Up to date: nothing to do.
# g++ -O2 on 2 cores: about a minute (torch/torch.h is heavy). OUT=path overrides the output.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
src="$root/Experiments/engines/cpp/engine.cpp"
out="${OUT:-$root/.build/engines/cpp-engine}"
if [ -x "$out" ] && [ "$out" -nt "$src" ] && [ "$out" -nt "${BASH_SOURCE[0]}" ]; then
  exit 0
fi
for f in /usr/include/torch/script.h /usr/include/sndfile.h; do
  [ -e "$f" ] || { echo "cpp-engine: error: $f is missing: install libtorch-dev libsndfile1-dev (make deps)" >&2; exit 1; }
done
mkdir -p "$(dirname "$out")"
start=$(date +%s)
g++ -std=c++17 -O2 -pthread -o "$out.tmp" "$src" \
  -I/usr/include/torch/csrc/api/include $(pkg-config --cflags sndfile) \
  -ltorch -ltorch_cpu -lc10 $(pkg-config --libs sndfile)
mv "$out.tmp" "$out"
echo "cpp-engine: built $out in $(( $(date +%s) - start )) s" >&2
