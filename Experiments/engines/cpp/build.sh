#!/usr/bin/env bash
# Builds the C++ example engine and libsndfile into .build/engines/ (repository root relative); `make engines`
# calls it. Up to date: nothing to do. g++ -O2 on 2 cores: about 20 s (torch/torch.h is heavy).
#   build.sh           against Debian's LibTorch (libtorch-dev 1.13): .build/engines/cpp-engine, and
#                      cpp-engine-system beside it (a link), for specs that pick the binary by {libtorch}
#   build.sh pypi      against arbench's `pypi` runtime (PyPI's torch 2.x wheel, set up by `make libtorch`; its
#                      manifest .build/release/libtorch/pypi/runtime.json names the directories):
#                      .build/engines/cpp-engine-pypi, with the runtime's lib directories as its RUNPATH
# OUT=path overrides the output.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
src="$root/Experiments/engines/cpp/engine.cpp"
runtime="${1:-system}"
case $runtime in
  system) out="${OUT:-$root/.build/engines/cpp-engine}" ;;
  pypi) out="${OUT:-$root/.build/engines/cpp-engine-pypi}" ;;
  *) echo "cpp-engine: error: $runtime: a runtime is system or pypi" >&2; exit 64 ;;
esac
link_system() { [ "$runtime" = system ] && [ -z "${OUT:-}" ] && ln -sf cpp-engine "$root/.build/engines/cpp-engine-system"; true; }
if [ -x "$out" ] && [ "$out" -nt "$src" ] && [ "$out" -nt "${BASH_SOURCE[0]}" ]; then
  link_system
  exit 0
fi
[ -e /usr/include/sndfile.h ] || { echo "cpp-engine: error: /usr/include/sndfile.h is missing: install libsndfile1-dev (make deps)" >&2; exit 1; }
if [ "$runtime" = system ]; then
  [ -e /usr/include/torch/script.h ] || { echo "cpp-engine: error: /usr/include/torch/script.h is missing: install libtorch-dev (make deps)" >&2; exit 1; }
  flags=(-std=c++17 -I/usr/include/torch/csrc/api/include)
  libs=(-ltorch -ltorch_cpu -lc10)
else
  manifest="$root/.build/release/libtorch/pypi/runtime.json"
  [ -e "$manifest" ] || { echo "cpp-engine: error: $manifest is missing: set up the pypi runtime first (make libtorch)" >&2; exit 1; }
  # The manifest's libtorch_dir, lib_dir and extra_lib_dirs (written by CShims/CTorchRuntime/build.sh).
  mapfile -t dirs < <(/usr/bin/python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(m["libtorch_dir"]); print(m["lib_dir"]); [print(d) for d in m.get("extra_lib_dirs", [])]' "$manifest")
  dir=${dirs[0]} lib=${dirs[1]}
  # PyPI's wheels are built with the C++11 ABI and C++17-or-later headers (as arbench's own runtime shim).
  flags=(-std=c++20 -Wno-deprecated-declarations -D_GLIBCXX_USE_CXX11_ABI=1 -I"$dir/include" -I"$dir/include/torch/csrc/api/include")
  # libtorch.so of the wheel pulls the CUDA libraries (not shipped): link what a CPU engine uses, as the runtime shim does.
  libs=(-L"$lib" -ltorch_cpu -lc10 -Wl,--enable-new-dtags)
  for d in "${dirs[@]:1}"; do libs+=("-Wl,-rpath,$d"); done
fi
mkdir -p "$(dirname "$out")"
start=$(date +%s)
g++ "${flags[@]}" -O2 -pthread -o "$out.tmp" "$src" $(pkg-config --cflags sndfile) "${libs[@]}" $(pkg-config --libs sndfile)
mv "$out.tmp" "$out"
link_system
echo "cpp-engine: built $out ($runtime LibTorch) in $(( $(date +%s) - start )) s" >&2
