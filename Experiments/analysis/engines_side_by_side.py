#!/usr/bin/env python3
"""Your own engine: is the post's advice engine-specific? arbench's engine against the example engines of
Experiments/engines (Python on python3-torch, minimal C++ LibTorch, ONNX Runtime with a session per engine
thread or one shared) on one grid, from Results/engines-compare.

Prints the Markdown tables of Results/README.md's engines section: throughput (audio seconds per second of
the engine's own processing time, median over the ok repetitions) per engine x intra-op x engine threads on
glibc; per engine the best setting, how far the oversubscribed corner falls, whether intra-op 1 wins at
every engine count (the post's advice), jemalloc against glibc, and peak RSS. Nothing here is typed in by
hand: rerun it after rerunning the sweep.

Usage: Experiments/analysis/engines_side_by_side.py [RESULTS_DIR]   (default: Results)
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from results_csv import div, fmt, load, median, pct, runs  # noqa: E402

ROOT = sys.argv[1] if len(sys.argv) > 1 else "Results"
NAME = "engines-compare"
rows = load(ROOT, NAME)
if not rows:
    sys.exit(f"{ROOT}/{NAME}/results.csv: not there (run Experiments/engines/compare.yaml first)")

engines = []
for r in rows:
    if r["engine"] not in engines:
        engines.append(r["engine"])
threads = sorted({int(r["engine_threads"]) for r in rows})
intras = sorted({int(r["intra_op_threads"]) for r in rows})
allocators = sorted({r["allocator"] for r in rows}, key=lambda a: (a != "glibc", a))


def cell(engine, e, i, allocator, column="throughput_x"):
    return median(rows, column, engine=engine, engine_threads=e, intra_op_threads=i, allocator=allocator)


lines = []
out = lines.append
ok, total = runs(rows)
out(f"`Results/{NAME}`: {ok}/{total} runs ok, {len(engines)} engines x engine threads "
    f"{'/'.join(map(str, threads))} x intra-op {'/'.join(map(str, intras))} x {'/'.join(allocators)}; "
    "throughput in x real time over each engine's own processing time, median of the repetitions.")
out("")
out("**Throughput on glibc** (x real time; the best cell of each engine in bold):")
out("")
out("| engine | intra-op | " + " | ".join(f"{e} engine" for e in threads) + " |")
out("|---|---|" + "---:|" * len(threads))
for engine in engines:
    values = {(e, i): cell(engine, e, i, "glibc") for e in threads for i in intras}
    best = max((v for v in values.values() if v is not None), default=None)
    for i in intras:
        cells = []
        for e in threads:
            v = values[(e, i)]
            text = fmt(v, 0)
            cells.append(f"**{text}**" if v is not None and v == best else text)
        out(f"| {engine} | {i} | " + " | ".join(cells) + " |")
out("")
out("**Per engine** (glibc unless named): the best cell; e8 i4 (the most oversubscribed) as a share of it; "
    "the engine counts at which intra-op 1 is the fastest intra-op (the post's advice); jemalloc against glibc "
    "at the engine's best glibc cell and as the median ratio over all its thread settings; peak RSS at the best "
    "glibc cell; process start-up (wall_s - processing_s) at e1 i1:")
out("")
out("| engine | best cell | x real time | e8 i4 vs best | intra-op 1 fastest at | jemalloc at the best glibc cell | jemalloc, median of all settings | peak RSS glibc -> jemalloc (MiB) | start-up s |")
out("|---|---|---:|---:|---|---:|---:|---|---:|")
for engine in engines:
    best, where = None, None
    for a in allocators:
        for e in threads:
            for i in intras:
                v = cell(engine, e, i, a)
                if v is not None and (best is None or v > best):
                    best, where = v, (e, i, a)
    glibc_best, gwhere = None, None
    for e in threads:
        for i in intras:
            v = cell(engine, e, i, "glibc")
            if v is not None and (glibc_best is None or v > glibc_best):
                glibc_best, gwhere = v, (e, i)
    corner = cell(engine, threads[-1], intras[-1], "glibc")
    intra1 = []
    for e in threads:
        vs = {i: cell(engine, e, i, "glibc") for i in intras}
        known = {i: v for i, v in vs.items() if v is not None}
        if known and max(known, key=known.get) == intras[0]:
            intra1.append(str(e))
    jem = cell(engine, gwhere[0], gwhere[1], "jemalloc") if gwhere else None
    ratios = sorted(r for r in (div(cell(engine, e, i, "jemalloc"), cell(engine, e, i, "glibc")) for e in threads for i in intras)
                    if r is not None)
    jem_all = ratios[len(ratios) // 2] if len(ratios) % 2 else (ratios[len(ratios) // 2 - 1] + ratios[len(ratios) // 2]) / 2 if ratios else None
    rss_g = cell(engine, gwhere[0], gwhere[1], "glibc", "rss_peak_mb") if gwhere else None
    rss_j = cell(engine, gwhere[0], gwhere[1], "jemalloc", "rss_peak_mb") if gwhere else None
    wall = median(rows, "wall_s", engine=engine, engine_threads=threads[0], intra_op_threads=intras[0], allocator="glibc")
    proc = median(rows, "processing_s", engine=engine, engine_threads=threads[0], intra_op_threads=intras[0], allocator="glibc")
    startup = None if wall is None or proc is None else wall - proc
    label = "n/a" if where is None else f"e{where[0]} i{where[1]} {where[2]}"
    out(f"| {engine} | {label} | {fmt(best, 0)} | {pct(div(corner, glibc_best))} | "
        f"{', '.join(intra1) if intra1 else 'none'} of {len(threads)} | {pct(div(jem, glibc_best))} | {pct(jem_all)} | "
        f"{fmt(rss_g, 0)} -> {fmt(rss_j, 0)} | {fmt(startup, 2)} |")
print("\n".join(lines))
