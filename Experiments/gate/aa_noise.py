#!/usr/bin/env python3
"""A/A noise as `arbench compare` sees it, to choose its default thresholds.

usage: aa_noise.py ARBENCH RUN_DIR RUN_DIR [RUN_DIR...]

Runs `ARBENCH compare A B --format json` for every ordered pair of the given sweep runs (all of
the same spec, on the same machine, nothing changed) and prints, per metric, the largest change
for the worse that noise alone produced: in one cell's median, and in the geometric mean over all
cells. A threshold below these numbers would cry wolf on this machine.
"""
import collections
import itertools
import json
import subprocess
import sys


def main():
    binary, runs = sys.argv[1], sys.argv[2:]
    if len(runs) < 2:
        sys.exit(__doc__)
    cell_worst = collections.defaultdict(lambda: (float("-inf"), ""))
    overall_worst = collections.defaultdict(lambda: float("-inf"))
    alarms = []
    for a, b in itertools.permutations(runs, 2):
        proc = subprocess.run([binary, "compare", a, b, "--format", "json"], capture_output=True, text=True)
        comparison = json.loads(proc.stdout)
        if comparison["outcome"] != "pass":
            alarms.append(f"{a} -> {b}: {comparison['outcome']} (exit {proc.returncode})")
        for m in comparison["metrics"]:
            if m.get("worse_pct") is None:
                continue
            worse = float(m["worse_pct"])
            if worse > cell_worst[m["metric"]][0]:
                cell_worst[m["metric"]] = (worse, f"{m['cell_id']}")
        for o in comparison["overall"]:
            overall_worst[o["metric"]] = max(overall_worst[o["metric"]], float(o["worse_pct"]))
    print(f"{len(runs)} runs, {len(runs) * (len(runs) - 1)} ordered pairs; "
          f"false alarms with the thresholds in effect: {len(alarms)}")
    for alarm in alarms:
        print(f"  {alarm}")
    print()
    print("| metric | worst cell, worse by | that cell | all cells (geometric mean), worse by |")
    print("|---|---:|---|---:|")
    for metric, (worse, where) in cell_worst.items():
        print(f"| {metric} | {worse:+.1f}% | {where} | {overall_worst[metric]:+.1f}% |")


if __name__ == "__main__":
    main()
