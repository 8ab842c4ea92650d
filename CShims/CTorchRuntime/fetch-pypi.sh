#!/usr/bin/env bash
# Fetches the `pypi` LibTorch runtime: PyPI's torch wheel (LibTorch 2.x with MKL, oneDNN 3, its own
# libgomp) and the two CUDA stub wheels its libtorch_cpu.so needs at load time even on CPU
# (PLATFORM-FACTS), pinned by version and sha256 in pypi.lock. Nothing is pip-installed: the wheels are
# unpacked (lib/ and include/ only) into a cache outside the repository, and the directory is printed:
#
#   CShims/CTorchRuntime/fetch-pypi.sh            -> $ARBENCH_CACHE/libtorch/pypi-torch-VERSION
#
# ARBENCH_CACHE defaults to $XDG_CACHE_HOME/arbench, else ~/.cache/arbench. A wheel whose sha256 does not match is deleted and fetched
# again, never unpacked; an unpack that stopped half-way is redone (the `.complete` mark comes last).
# Exit 0: ready; 1: a wheel could not be fetched or verified (one line names it).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lock=$here/pypi.lock
cache=${ARBENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/arbench}   # the model cache's rule (ModelCatalog)
version=$(sed -n 's/^torch==\([^ ]*\) .*/\1/p' "$lock")
dest=$cache/libtorch/pypi-torch-$version
wheels=$cache/wheels
if [ -f "$dest/.complete" ] && cmp -s "$dest/.complete" "$lock"; then
    echo "$dest"; exit 0
fi
mkdir -p "$wheels"

# wheel_for PACKAGE VERSION: the wheel file already in $wheels for that pin, if any.
wheel_for() {
    local normalized=${1//-/_}
    ls "$wheels/${normalized}-$2-"*.whl 2>/dev/null | head -1 || true
}

verified() {  # verified FILE SHA256
    [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]
}

while read -r pin hash_flag; do
    [ -n "$pin" ] || continue
    package=${pin%%==*}; pinned=${pin##*==}; sha=${hash_flag#--hash=sha256:}
    wheel=$(wheel_for "$package" "$pinned")
    if [ -n "$wheel" ] && ! verified "$wheel" "$sha"; then
        echo "fetch-pypi: $wheel: sha256 mismatch (partial or corrupted download), fetching again" >&2
        rm -f "$wheel"; wheel=""
    fi
    if [ -z "$wheel" ]; then
        echo "fetch-pypi: downloading $pin from PyPI" >&2
        printf '%s %s\n' "$pin" "$hash_flag" > "$wheels/.one.lock"
        # --require-hashes: pip refuses a file whose sha256 differs from the pin. The platform and Python are
        # named (whatever python3 runs this) so the pinned files are the ones chosen; pip takes a --platform
        # literally, so every manylinux tag the three wheels carry is listed.
        if ! python3 -m pip download --quiet --no-deps --require-hashes --only-binary=:all: \
                --platform manylinux_2_28_x86_64 --platform manylinux_2_25_x86_64 --platform manylinux_2_17_x86_64 \
                --platform manylinux2014_x86_64 --python-version 3.11 --implementation cp --abi cp311 \
                -r "$wheels/.one.lock" -d "$wheels" >&2; then
            echo "arbench: error: could not fetch $pin from PyPI (network, or the index does not have it)" >&2
            exit 1
        fi
        wheel=$(wheel_for "$package" "$pinned")
        verified "$wheel" "$sha" || { echo "arbench: error: $pin: downloaded wheel fails its sha256" >&2; exit 1; }
    fi
done < "$lock"

# Unpack into a fresh directory, then move it into place: a half-unpacked runtime is never used.
rm -rf "$dest.partial" "$dest"
mkdir -p "$dest.partial"
for wheel in "$wheels"/*.whl; do
    case $(basename "$wheel") in
        torch-$version-*) unzip -q -o "$wheel" 'torch/lib/*' 'torch/include/*' -d "$dest.partial" ;;
        nvidia_cuda_*) unzip -q -o "$wheel" 'nvidia/*/lib/*' -d "$dest.partial" ;;
    esac
done
cp "$lock" "$dest.partial/.complete"
mv "$dest.partial" "$dest"
echo "$dest"
