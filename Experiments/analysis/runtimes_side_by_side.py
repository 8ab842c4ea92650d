#!/usr/bin/env python3
"""The post's claims on two LibTorch builds side by side: Debian's 1.13 (`system`, reference BLAS) and
PyPI's 2.15 (`pypi`, MKL, oneDNN 3), from the runtime study's run directories.

Reads Results/libtorch-runtimes (and Results/libtorch-runtimes-large when present) and prints the
Markdown tables of Results/README.md's runtime section; every number is a median over the ok
repetitions of a cell. Nothing here is typed in by hand: rerun it after rerunning the sweeps.

Usage: Experiments/analysis/runtimes_side_by_side.py [RESULTS_DIR]   (default: Results)
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from results_csv import div, first, fmt, load, median, pct, runs, trend, x  # noqa: E402

ROOT = sys.argv[1] if len(sys.argv) > 1 else "Results"
RUNTIMES = ["system", "pypi"]
lines = []
out = lines.append


def best_cell(rows, **where):
    """(processing s, engine, intra) of the fastest cell under `where`."""
    cells = {(r["engine_threads"], r["intra_op_threads"]) for r in rows if all(str(r[k]) == str(v) for k, v in where.items())}
    timed = [(median(rows, "processing_s", **{**where, "engine_threads": e, "intra_op_threads": i}), e, i) for e, i in cells]
    timed = [t for t in timed if t[0] is not None]
    return min(timed, key=lambda t: t[0]) if timed else (None, None, None)


def engines_of(rows):
    return sorted({int(r["engine_threads"]) for r in rows})


def intras_of(rows):
    # Numbers first, then `default`.
    values = {r["intra_op_threads"] for r in rows}
    return sorted((v for v in values if v != "default"), key=int) + (["default"] if "default" in values else [])


study = load(ROOT, "libtorch-runtimes")
if study:
    engines, intras = engines_of(study), intras_of(study)
    allocs = sorted({r["allocator"] for r in study})
    ok, total = runs(study)
    out(f"### The runtime study: {ok} of {total} runs ok (`Results/libtorch-runtimes`)\n")
    out("| runtime | LibTorch | BLAS | MKL | oneDNN | OpenMP runtimes per process | intra-op `default` chose |")
    out("|---|---|---|---|---|---|---|")
    for rt in RUNTIMES:
        out(f"| {rt} | {first(study, 'torch_version', libtorch=rt)} | {first(study, 'torch_blas', libtorch=rt)} | "
            f"{first(study, 'torch_mkl', libtorch=rt)} | {first(study, 'torch_onednn', libtorch=rt)} | "
            f"{first(study, 'openmp_runtimes', libtorch=rt)} | {first(study, 'intra_op_effective', libtorch=rt, intra_op_threads='default')} |")
    out("")
    digests = {r["output_digest"] for r in study if r["status"] == "ok"}
    out(f"Output digests over all ok runs of both runtimes: {len(digests)} ({', '.join(sorted(digests))}).\n")

    for alloc in allocs:
        out(f"#### {alloc}: processing time (s, median) by engine threads, per runtime\n")
        out("| runtime | intra-op | " + " | ".join(f"e{e}" for e in engines)
            + " | best e | best / e1 | e16 / best | trend e2-e16 per thread | CPU % e1 -> e16 |")
        out("|---|---|" + "---|" * (len(engines) + 5))
        for rt in RUNTIMES:
            for i in intras:
                w = dict(allocator=alloc, intra_op_threads=i, libtorch=rt)
                times = {e: median(study, "processing_s", engine_threads=e, **w) for e in engines}
                known = {e: t for e, t in times.items() if t is not None}
                if not known:
                    continue
                be = min(known, key=known.get)
                c1 = median(study, "cpu_util_pct", engine_threads=engines[0], **w)
                cl = median(study, "cpu_util_pct", engine_threads=engines[-1], **w)
                out(f"| {rt} | {i} | " + " | ".join(fmt(times[e]) for e in engines)
                    + f" | e{be} | {x(div(known[be], times.get(1)))} | {x(div(times.get(engines[-1]), known[be]))} | "
                    + f"{fmt(trend([(e, t) for e, t in known.items() if e >= 2]), 1)}% | {fmt(c1, 0)} -> {fmt(cl, 0)} |")
        out("")

    out("#### The post's claims, per runtime (glibc unless named)\n")
    out("| claim | system (1.13, reference BLAS) | pypi (2.15, MKL) |")
    out("|---|---|---|")

    def per_runtime(f):
        return " | ".join(f(rt) for rt in RUNTIMES)

    def latency_claim(rt, column):
        w = dict(allocator="glibc", intra_op_threads=16, libtorch=rt)
        a, b = median(study, column, engine_threads=1, **w), median(study, column, engine_threads=4, **w)
        return f"{fmt(a)} -> {fmt(b)} ms ({x(div(b, a))})"

    out("| 1. segment latency p50, 1 -> 4 engine threads, pools of 16 | "
        + per_runtime(lambda rt: latency_claim(rt, "latency_p50_ms")) + " |")
    out("| 2. inference p50, 1 -> 4 engine threads, pools of 16 | "
        + per_runtime(lambda rt: latency_claim(rt, "inference_p50_ms")) + " |")

    def slope_claim(rt):
        parts = []
        for i in ["1", "4", "16"]:
            w = dict(allocator="glibc", intra_op_threads=i, libtorch=rt)
            pts = [(e, median(study, "processing_s", engine_threads=e, **w)) for e in engines if e >= 2]
            parts.append(f"i{i} {fmt(trend([p for p in pts if p[1] is not None]), 1)}%")
        return ", ".join(parts)

    out("| 3. processing time per added engine thread past the cores (e2-e16 trend) | "
        + per_runtime(slope_claim) + " |")

    def saved_claim(rt):
        b1 = best_cell(study, allocator="glibc", libtorch=rt, intra_op_threads="1")
        b16 = best_cell(study, allocator="glibc", libtorch=rt, intra_op_threads="16")
        bd = best_cell(study, allocator="glibc", libtorch=rt, intra_op_threads="default")
        return (f"vs pools of 16: {fmt(None if b1[0] is None or b16[0] is None else (1 - b1[0] / b16[0]) * 100, 1)}%; "
                f"vs `default`: {fmt(None if b1[0] is None or bd[0] is None else (1 - b1[0] / bd[0]) * 100, 1)}%")

    out("| 4. time saved by intra-op 1 (each at its best engine count) | " + per_runtime(saved_claim) + " |")

    def memory_claim(rt):
        w = dict(libtorch=rt, engine_threads=8, intra_op_threads=1)
        g = (median(study, "rss_peak_mb", allocator="glibc", **w), median(study, "rss_avg_mb", allocator="glibc", **w))
        j = (median(study, "rss_peak_mb", allocator="jemalloc", **w), median(study, "rss_avg_mb", allocator="jemalloc", **w))
        return (f"peak {fmt(g[0], 0)} -> {fmt(j[0], 0)} MiB ({pct(div(j[0], g[0]))}), "
                f"average {fmt(g[1], 0)} -> {fmt(j[1], 0)} MiB ({pct(div(j[1], g[1]))})")

    out("| 5. jemalloc against glibc, e8 i1 (35-minute scene) | " + per_runtime(memory_claim) + " |")

    def best_claim(rt):
        cells = []
        for alloc in allocs:
            t, e, i = best_cell(study, allocator=alloc, libtorch=rt)
            cells.append(f"{alloc}: e{e} i{i} {fmt(t, 3)} s")
        return "; ".join(cells)

    out("| best setting (processing s) | " + per_runtime(best_claim) + " |")
    out("")

    out("#### pypi against system, cell by cell (processing time ratio pypi / system, median over repetitions)\n")
    out("| allocator | intra-op | " + " | ".join(f"e{e}" for e in engines) + " |")
    out("|---|---|" + "---|" * len(engines))
    for alloc in allocs:
        for i in intras:
            w = dict(allocator=alloc, intra_op_threads=i)
            ratios = [div(median(study, "processing_s", engine_threads=e, libtorch="pypi", **w),
                          median(study, "processing_s", engine_threads=e, libtorch="system", **w)) for e in engines]
            out(f"| {alloc} | {i} | " + " | ".join(x(r) for r in ratios) + " |")
    out("")

    out("#### Start-up and memory per runtime (glibc, e1 i1)\n")
    out("| runtime | process start s | model load s | peak RSS MiB | threads peak at e16 i16 |")
    out("|---|---|---|---|---|")
    for rt in RUNTIMES:
        w = dict(allocator="glibc", libtorch=rt)
        out(f"| {rt} | {fmt(median(study, 'process_start_s', engine_threads=1, intra_op_threads=1, **w), 3)} | "
            f"{fmt(median(study, 'model_load_s', engine_threads=1, intra_op_threads=1, **w), 3)} | "
            f"{fmt(median(study, 'rss_peak_mb', engine_threads=1, intra_op_threads=1, **w), 0)} | "
            f"{fmt(median(study, 'threads_peak', engine_threads=16, intra_op_threads=16, **w), 0)} |")
    out("")

large = load(ROOT, "libtorch-runtimes-large")
if large:
    engines, intras = engines_of(large), intras_of(large)
    ok, total = runs(large)
    out(f"### The large model on both runtimes: {ok} of {total} runs ok (`Results/libtorch-runtimes-large`, glibc)\n")
    out("| runtime | intra-op | " + " | ".join(f"e{e}" for e in engines) + " | best e | best / e1 | inference p50 e1 ms |")
    out("|---|---|" + "---|" * (len(engines) + 3))
    for rt in RUNTIMES:
        for i in intras:
            w = dict(intra_op_threads=i, libtorch=rt)
            times = {e: median(large, "processing_s", engine_threads=e, **w) for e in engines}
            known = {e: t for e, t in times.items() if t is not None}
            if not known:
                continue
            be = min(known, key=known.get)
            out(f"| {rt} | {i} | " + " | ".join(fmt(times[e]) for e in engines)
                + f" | e{be} | {x(div(known[be], times.get(1)))} | {fmt(median(large, 'inference_p50_ms', engine_threads=1, **w))} |")
    out("")
    out("| | system | pypi | pypi / system |")
    out("|---|---|---|---|")
    bs, bp = best_cell(large, libtorch="system"), best_cell(large, libtorch="pypi")
    out(f"| best cell (processing s) | e{bs[1]} i{bs[2]}: {fmt(bs[0], 3)} | e{bp[1]} i{bp[2]}: {fmt(bp[0], 3)} | {x(div(bp[0], bs[0]))} |")
    for i in intras:
        s1 = median(large, "processing_s", engine_threads=1, intra_op_threads=i, libtorch="system")
        p1 = median(large, "processing_s", engine_threads=1, intra_op_threads=i, libtorch="pypi")
        out(f"| one engine thread, intra-op {i} | {fmt(s1, 3)} | {fmt(p1, 3)} | {x(div(p1, s1))} |")
    out("")

print("\n".join(lines))
