#!/usr/bin/env bash
# Builds arbench's LibTorch runtime library (CTorchRuntime.cpp: load, forward, threads; CTorchTraining.cpp:
# train and export the built-in tagger) against one LibTorch, into
#   SHIMS/NAME/libarbench_torch.so   plus   SHIMS/NAME/runtime.json (what arbench reads to verify it).
#
#   CShims/CTorchRuntime/build.sh [--bench] SHIMS NAME LIBTORCH_DIR [EXTRA_LIB_DIR...]
#
# --bench builds SHIMS/NAME/bare_forward instead (bare_forward.cpp: LibTorch's forward in a bare C++ loop,
# the yardstick of Experiments/benchmarks/engine_overhead.sh), with the same flags.
#
# LIBTORCH_DIR holds lib/libtorch_cpu.so and include/torch/script.h: pytorch.org's zip (`libtorch/`), a
# wheel's `torch/`, or `/usr` for Debian's libtorch-dev. EXTRA_LIB_DIRs go on the runpath (the wheel's
# CUDA stubs, PLATFORM-FACTS). Rebuilds only when the sources or this script are newer than the library.
# Exit 0: built or up to date; 5: LIBTORCH_DIR is not a usable LibTorch (one line says why); 1: compile error.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
bench=0
[ "${1:-}" = --bench ] && { bench=1; shift; }
[ $# -ge 3 ] || { echo "usage: $0 [--bench] SHIMS NAME LIBTORCH_DIR [EXTRA_LIB_DIR...]" >&2; exit 64; }
shims=$1; name=$2; dir=$3; shift 3
extra=("$@")

[ -d "$dir" ] || { echo "arbench: error: $dir: no such LibTorch directory" >&2; exit 5; }
dir=$(cd "$dir" && pwd -P)
if [ "$dir" = /usr ]; then   # Debian's libtorch-dev: libraries in the multiarch dir, C++ API headers apart
    lib=/usr/lib/$(gcc -print-multiarch)
    includes=(-I/usr/include/torch/csrc/api/include)
else
    lib=$dir/lib
    includes=(-I"$dir/include" -I"$dir/include/torch/csrc/api/include")
fi
[ -f "$lib/libtorch_cpu.so" ] || { echo "arbench: error: $dir: no libtorch_cpu.so in $lib (not a LibTorch directory)" >&2; exit 5; }
[ -f "$lib/libc10.so" ] || { echo "arbench: error: $dir: no libc10.so in $lib" >&2; exit 5; }
if [ "$dir" != /usr ] && [ ! -f "$dir/include/torch/script.h" ]; then
    echo "arbench: error: $dir: no include/torch/script.h (a LibTorch without C++ headers)" >&2; exit 5
fi
machine=$(od -An -tx1 -j18 -N2 "$lib/libtorch_cpu.so" | tr -d ' \n')
[ "$machine" = 3e00 ] || { echo "arbench: error: $lib/libtorch_cpu.so: not an x86_64 library (ELF machine $machine)" >&2; exit 5; }

out=$shims/$name
rpath=("-Wl,-rpath,$lib")
for e in "${extra[@]}"; do rpath+=("-Wl,-rpath,$e"); done
# C++20: LibTorch 2.x's headers refuse older; Debian's 1.13 headers compile under it too (PLATFORM-FACTS).
# Link torch_cpu and c10 only: libtorch.so of a wheel pulls the CUDA parts.
cxx=(g++ -std=c++20 -O2 -Wno-deprecated-declarations -D_GLIBCXX_USE_CXX11_ABI=1 "${includes[@]}")
libs=(-L"$lib" -ltorch_cpu -lc10 "${rpath[@]}" -Wl,--enable-new-dtags)
if [ $bench -eq 1 ]; then
    mkdir -p "$out"
    [ "$out/bare_forward" -nt "$here/bare_forward.cpp" ] && [ "$out/bare_forward" -nt "$here/build.sh" ] && exit 0
    "${cxx[@]}" "$here/bare_forward.cpp" -o "$out/bare_forward" "${libs[@]}" -lpthread
    exit 0
fi
so=$out/libarbench_torch.so
# One library for both: training needs the same LibTorch the runtime loaded, and one dlopen binds all of CTorch.h.
units=("$here/CTorchRuntime.cpp" "$here/CTorchTraining.cpp")
sources=("${units[@]}" "$here/CBoundary.h" "$here/TaggerNet.h" "$root/CShims/CTorch/include/CTorch.h" "$here/build.sh")
if [ -f "$so" ] && [ -f "$out/runtime.json" ] && [ -z "$(find "${sources[@]}" -newer "$so")" ] \
   && grep -qF "\"libtorch_dir\": \"$dir\"" "$out/runtime.json"; then
    exit 0
fi
mkdir -p "$out"
start=$(date +%s)
tmp=$(mktemp "$out/.libarbench_torch.XXXXXX.so")
trap 'rm -f "$tmp"' EXIT
# -Bsymbolic: the runtime binds to its own symbols, never to a same-named one already in the process.
"${cxx[@]}" -fPIC -shared -I"$root/CShims/CTorch/include" "${units[@]}" -o "$tmp" \
    "${libs[@]}" -Wl,-Bsymbolic -Wl,--no-undefined
mv -f "$tmp" "$so"
extra_json=$(printf '"%s",' "${extra[@]}"); extra_json="[${extra_json%,}]"
[ ${#extra[@]} -eq 0 ] && extra_json="[]"
cat > "$out/runtime.json.tmp" <<EOF
{"name": "$name", "libtorch_dir": "$dir", "lib_dir": "$lib", "extra_lib_dirs": $extra_json}
EOF
mv -f "$out/runtime.json.tmp" "$out/runtime.json"
echo "libtorch runtime $name: built $so against $lib in $(( $(date +%s) - start )) s"
