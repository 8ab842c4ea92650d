#!/usr/bin/env python3
"""The post's advice inside a container: CPU quota (CFS) x intra-op setting x engine threads x allocator x
LibTorch runtime, and one CPU by affinity against a 1-CPU quota, from Results/cpu-limits and
Results/cpu-limits-cpuset.

Prints the Markdown tables of Results/README.md's CPU-limits section; every number is a median over the ok
repetitions of a cell. Nothing here is typed in by hand: rerun it after rerunning the sweeps.

Usage: Experiments/analysis/cpu_limits_side_by_side.py [RESULTS_DIR]   (default: Results)
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from results_csv import div, first, fmt, load, median, runs  # noqa: E402

ROOT = sys.argv[1] if len(sys.argv) > 1 else "Results"
RUNTIMES = ["system", "pypi"]
INTRA = ["default", "budget", "1", "2", "4"]
lines = []
out = lines.append


def values(rows, column):
    return sorted({r[column] for r in rows}, key=lambda v: (v == "none", float(v) if v.replace(".", "").isdigit() else 0, v))


quota = load(ROOT, "cpu-limits")
if quota:
    ok, total = runs(quota)
    quotas = [q for q in values(quota, "cpu_quota") if q != "none"]
    engines = sorted({int(r["engine_threads"]) for r in quota})
    out(f"### CPU quota: {ok} of {total} runs ok (`Results/cpu-limits`, 5-minute scene, base)")
    out("")
    for runtime in RUNTIMES:
        for allocator in ["glibc"]:
            out(f"**LibTorch `{runtime}`, {allocator}: processing s (throttled share of periods)**")
            out("")
            out("| quota (CPUs) | engine | " + " | ".join(f"intra-op {i}" for i in INTRA) + " | best |")
            out("|---|---:|" + "---:|" * len(INTRA) + "---|")
            for q in quotas:
                for e in engines:
                    cells = []
                    timed = []
                    for i in INTRA:
                        where = dict(libtorch=runtime, allocator=allocator, cpu_quota=q, engine_threads=e, intra_op_threads=i)
                        p = median(quota, "processing_s", **where)
                        t = median(quota, "throttled_pct", **where)
                        cells.append("n/a" if p is None else f"{p:.3f} ({t:.0f}%)")
                        if p is not None:
                            timed.append((p, i))
                    best = min(timed)[1] if timed else "n/a"
                    out(f"| {q} | {e} | " + " | ".join(cells) + f" | intra-op {best} |")
            out("")

    out("**What LibTorch's default costs: processing with intra-op `default` over `budget` and over 1 (engine 1/2/4)**")
    out("")
    out("| runtime | quota | LibTorch's default pool | `budget` resolves to (engine 1/2/4) | default / budget | default / 1 |")
    out("|---|---:|---:|---|---|---|")
    for runtime in RUNTIMES:
        for q in quotas:
            seen = first(quota, "torch_default_threads", libtorch=runtime, cpu_quota=q, intra_op_threads="default")
            resolved = "/".join(first(quota, "intra_op_effective", libtorch=runtime, cpu_quota=q, intra_op_threads="budget",
                                      engine_threads=e) for e in engines)
            vs_budget, vs_one = [], []
            for e in engines:
                base = dict(libtorch=runtime, allocator="glibc", cpu_quota=q, engine_threads=e)
                d = median(quota, "processing_s", **base, intra_op_threads="default")
                vs_budget.append(fmt(div(d, median(quota, "processing_s", **base, intra_op_threads="budget"))))
                vs_one.append(fmt(div(d, median(quota, "processing_s", **base, intra_op_threads="1"))))
            out(f"| {runtime} | {q} | {seen} | {resolved} | {' / '.join(vs_budget)} | {' / '.join(vs_one)} |")
    out("")

    out("**jemalloc against glibc: processing time ratio, median over the cells of each quota (all intra-op, engine)**")
    out("")
    out("| runtime | " + " | ".join(f"quota {q}" for q in quotas) + " |")
    out("|---|" + "---:|" * len(quotas))
    for runtime in RUNTIMES:
        ratios = []
        for q in quotas:
            rs = []
            for e in engines:
                for i in INTRA:
                    base = dict(libtorch=runtime, cpu_quota=q, engine_threads=e, intra_op_threads=i)
                    r = div(median(quota, "processing_s", **base, allocator="jemalloc"), median(quota, "processing_s", **base, allocator="glibc"))
                    if r is not None:
                        rs.append(r)
            rs.sort()
            ratios.append(fmt(rs[len(rs) // 2]) if rs else "n/a")
        out(f"| {runtime} | " + " | ".join(ratios) + " |")
    out("")

cpuset = load(ROOT, "cpu-limits-cpuset")
if cpuset:
    ok, total = runs(cpuset)
    engines = sorted({int(r["engine_threads"]) for r in cpuset})
    out(f"### One CPU by affinity against a 1-CPU quota: {ok} of {total} runs ok (`Results/cpu-limits-cpuset`, glibc)")
    out("")
    out("Processing s; the limit columns: `cpuset 0` (affinity to CPU 0, no quota), `quota 1` (CFS quota of one CPU, "
        "both CPUs visible), both, neither.")
    out("")
    out("| runtime | engine | intra-op | cpuset 0 | quota 1 | both | neither | LibTorch's default pool (cpuset 0 / quota 1) |")
    out("|---|---:|---|---:|---:|---:|---:|---|")
    for runtime in RUNTIMES:
        for e in engines:
            for i in ["default", "budget", "1", "2"]:
                base = dict(libtorch=runtime, engine_threads=e, intra_op_threads=i)
                cols = [median(cpuset, "processing_s", **base, cpuset=s, cpu_quota=q)
                        for s, q in [("0", "none"), ("none", "1"), ("0", "1"), ("none", "none")]]
                seen = "n/a"
                if i == "default":
                    seen = first(cpuset, "torch_default_threads", libtorch=runtime, intra_op_threads="default", cpuset="0", cpu_quota="none") \
                        + " / " + first(cpuset, "torch_default_threads", libtorch=runtime, intra_op_threads="default", cpuset="none", cpu_quota="1")
                out(f"| {runtime} | {e} | {i} | " + " | ".join(fmt(c, 3) for c in cols) + f" | {seen if i == 'default' else ''} |")
    out("")

print("\n".join(lines))
