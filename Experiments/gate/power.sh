#!/usr/bin/env bash
# Measures the paired A/B gate itself (issue #19): false alarms of A/A and detection of real slowdowns.
#
# From the committed HEAD (never the working tree, never main's own build directory) it builds, in git
# worktrees under WORK with their own build directories (release, the Makefile's flags):
#   builds/base          HEAD                                     (worktree WORK/src-base)
#   builds/same          HEAD again, a separate build and path    (worktree WORK/src-variant) - the A/A's
#                        other side: two builds of one source from two directories, as `make gate` has
#   builds/forward-NN    HEAD + Experiments/gate/slowdowns/forward-NN.patch (same worktree, rebuilt): every
#                        k-th segment runs its forward twice (k = 50, 20, 10, 5: about 2, 5, 10, 20% more
#                        inference; what it costs in processing and CPU time is measured, not assumed)
#   builds/features-03   HEAD + slowdowns/features-03.patch: every 33rd segment computes its features twice
#                        (a non-inference code-path regression, for the instruction-count gate)
# then one long A/B per variant: `arbench ab SPEC --base builds/base --current builds/X` with PAIRS pairs per
# cell (the spec's repetitions replaced), into WORK/ab-X, resumed if it is there. `arbench ab-power` then
# draws gates of the real gate's size from those pairs and counts how often each says regression.
#
# usage: Experiments/gate/power.sh WORK [PAIRS] [VARIANT...]    (default PAIRS 40, 0 = only build; variants: same forward-02
#        forward-05 forward-10 forward-20). ARBENCH (default .build/release/arbench) measures both sides;
#        SPEC (default Experiments/gate.yaml); MEASURE (default time; instructions: `ab --measure
#        instructions`, with SPEC=Experiments/gate-instructions.yaml). Needs an idle machine: nothing else
#        running while it measures.
# Exit 0 when every A/B ran (whatever their verdicts), 1 when a build or an A/B failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
ARBENCH=${ARBENCH:-$root/.build/release/arbench}
SPEC=${SPEC:-$root/Experiments/gate.yaml}
MEASURE=${MEASURE:-time}
WORK=${1:?usage: Experiments/gate/power.sh WORK [PAIRS] [VARIANT...]}
PAIRS=${2:-40}
shift $(( $# >= 2 ? 2 : $# ))
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=(same forward-02 forward-05 forward-10 forward-20)
mkdir -p "$WORK/builds" && WORK=$(cd "$WORK" && pwd)
rev=$(git rev-parse HEAD)
flags=(-c release -Xswiftc -enable-testing)

# worktree DIR: a detached checkout of HEAD at DIR (kept between runs, reset to HEAD).
worktree() {
  [ -d "$1" ] || git worktree add --detach "$1" "$rev" >/dev/null 2>&1 || { echo "cannot make worktree $1"; exit 1; }
  git -C "$1" checkout -q --detach "$rev" && git -C "$1" checkout -q -- . || exit 1
}
# keep SRC NAME: copies SRC's arbench and its LibTorch shims to builds/NAME (the binary loads libtorch/ beside it).
keep() {
  local bin; bin=$(cd "$1" && swift build "${flags[@]}" --show-bin-path) || exit 1
  rm -rf "$WORK/builds/$2.tmp" && mkdir -p "$WORK/builds/$2.tmp" &&
    cp "$bin/arbench" "$WORK/builds/$2.tmp/" && cp -a "$bin/libtorch" "$WORK/builds/$2.tmp/" &&
    rm -rf "$WORK/builds/$2" && mv "$WORK/builds/$2.tmp" "$WORK/builds/$2" || exit 1
}
build() {  # SRC LOG: the arbench product and its shims
  ( cd "$1" && swift build "${flags[@]}" --product arbench && make --no-print-directory libtorch ) >>"$2" 2>&1 \
    || { echo "build in $1 failed: see $2"; exit 1; }
}

if [ ! -x "$WORK/builds/base/arbench" ]; then
  echo "== building base ($rev) in $WORK/src-base"
  worktree "$WORK/src-base"; build "$WORK/src-base" "$WORK/build-base.log"; keep "$WORK/src-base" base
fi
for v in "${variants[@]}"; do
  [ -x "$WORK/builds/$v/arbench" ] && continue
  echo "== building $v in $WORK/src-variant"
  worktree "$WORK/src-variant"
  if [ "$v" != same ]; then
    git -C "$WORK/src-variant" apply "$root/Experiments/gate/slowdowns/$v.patch" || { echo "$v.patch does not apply to $rev"; exit 1; }
  fi
  build "$WORK/src-variant" "$WORK/build-$v.log"; keep "$WORK/src-variant" "$v"
done

[ "$PAIRS" -gt 0 ] || exit 0   # PAIRS 0: build only

sed -e "s/^repetitions: .*/repetitions: $PAIRS/" "$SPEC" > "$WORK/power.yaml"
grep -q "^repetitions: $PAIRS\$" "$WORK/power.yaml" || { echo "$SPEC has no repetitions line"; exit 1; }
status=0
for v in "${variants[@]}"; do
  out="$WORK/ab-$v"; resume=(); [ -f "$out/ab.json" ] && resume=(--resume)
  echo "== A/B base vs $v, $PAIRS pairs a cell, into $out"
  start=$(date +%s)
  "$ARBENCH" ab "$WORK/power.yaml" --base "$WORK/builds/base/arbench" --current "$WORK/builds/$v/arbench" \
    --out "$out" "${resume[@]}" --measure "$MEASURE" --format markdown > "$out.md" 2> "$out.log"
  code=$?
  echo "   exit $code after $(( $(date +%s) - start )) s (verdict: $out.md)"
  case $code in 0|2|3) ;; *) status=1 ;; esac
done
exit $status
