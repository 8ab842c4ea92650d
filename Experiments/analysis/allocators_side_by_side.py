#!/usr/bin/env python3
"""The allocator study's tables (Results/README.md, "Allocators compared"): every allocator setting on both
LibTorch runtimes, from Results/allocators (short grid: speed and memory by thread count) and
Results/allocators-soak (long run: growth). Every number is a median over the ok repetitions of a cell;
nothing is typed in by hand: rerun it after rerunning the sweeps.

Usage: Experiments/analysis/allocators_side_by_side.py [RESULTS_DIR]   (default: Results)
"""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from results_csv import div, fmt, load, median, pct, runs  # noqa: E402

ROOT = sys.argv[1] if len(sys.argv) > 1 else "Results"
lines = []
out = lines.append


def settings_of(rows):
    """(allocator, malloc_conf) in the order the spec lists them (first appearance in cell ids is random)."""
    seen = []
    for r in rows:
        key = (r["allocator"], r["malloc_conf"])
        if key not in seen:
            seen.append(key)
    order = ["glibc", "glibc-arena2", "glibc-trim", "jemalloc", "tcmalloc", "tcmalloc-full", "mimalloc", "mimalloc-large-pages"]
    return sorted(seen, key=lambda k: (order.index(k[0]) if k[0] in order else len(order), k[0], k[1] != "", k[1]))


def name(setting):
    allocator, conf = setting
    return f"{allocator} `{conf}`" if conf else allocator


def runtimes_of(rows):
    values = {r.get("libtorch") or "system" for r in rows}
    return [v for v in ["system", "pypi"] if v in values] + sorted(values - {"system", "pypi"})


def where(setting, runtime, **more):
    return {"allocator": setting[0], "malloc_conf": setting[1], "libtorch": runtime, **more}


def spread(rows, column, **w):
    """`lo-hi` over the ok repetitions of a cell: how far apart the runs behind a median lie."""
    values = [float(r[column]) for r in rows if r["status"] == "ok" and r.get(column, "") != ""
              and all(str(r.get(k, "")) == str(v) for k, v in w.items())]
    return f"{min(values):.0f}-{max(values):.0f}" if len(values) > 1 else "n/a"


def grid_ratio(rows, column, setting, baseline, runtime):
    """Geometric mean over the grid's cells of the setting's median against the baseline's in the same cell:
    one cell's three repetitions are noisy, ten cells together much less."""
    cells = {(r["engine_threads"], r["intra_op_threads"]) for r in rows}
    logs = []
    for e, i in cells:
        a = median(rows, column, **where(setting, runtime, engine_threads=e, intra_op_threads=i))
        b = median(rows, column, **where(baseline, runtime, engine_threads=e, intra_op_threads=i))
        if a and b:
            logs.append(math.log(a / b))
    return math.exp(sum(logs) / len(logs)) if logs else None


def pareto(points):
    """Keys of the points no other beats on both throughput (higher) and memory (lower)."""
    front = []
    for key, (t, m) in points.items():
        dominated = any(t2 >= t and m2 <= m and (t2 > t or m2 < m) for k2, (t2, m2) in points.items() if k2 != key)
        if not dominated:
            front.append(key)
    return front


short = load(ROOT, "allocators")
if short:
    engines = sorted({int(r["engine_threads"]) for r in short})
    intras = sorted({int(r["intra_op_threads"]) for r in short})
    ok, total = runs(short)
    out(f"Short grid (`Results/allocators`, {ok}/{total} runs ok): engine threads {engines} x intra-op {intras}, "
        "35-minute scene, base model, median of the repetitions; \"all cells\" = geometric mean over the grid's "
        f"{len(engines) * len(intras)} cells of the setting's median against glibc's in the same cell.")
    out("")
    for runtime in runtimes_of(short):
        settings = settings_of([r for r in short if (r.get("libtorch") or "system") == runtime])
        glibc = ("glibc", "")
        e, i = 8, 1
        out(f"**{runtime}** (`e{e} i{i}`: 8 engine threads, intra-op 1, the post's fix; best = fastest cell of the grid)")
        out("")
        out("| setting | throughput (x real time) | its range | p99 latency (ms) | peak RSS (MiB) | average RSS (MiB) | peak vs glibc | average vs glibc | all cells: throughput vs glibc | all cells: p99 vs glibc | all cells: average RSS vs glibc | best cell | its throughput |")
        out("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|")
        points = {}
        for s in settings:
            w = where(s, runtime, engine_threads=e, intra_op_threads=i)
            thr = median(short, "throughput_x", **w)
            p99 = median(short, "latency_p99_ms", **w)
            peak = median(short, "rss_peak_mb", **w)
            avg = median(short, "rss_avg_mb", **w)
            gpeak = median(short, "rss_peak_mb", **where(glibc, runtime, engine_threads=e, intra_op_threads=i))
            gavg = median(short, "rss_avg_mb", **where(glibc, runtime, engine_threads=e, intra_op_threads=i))
            cells = {(rr["engine_threads"], rr["intra_op_threads"]) for rr in short if all(str(rr.get(k, "")) == str(v) for k, v in where(s, runtime).items())}
            timed = [(median(short, "throughput_x", **where(s, runtime, engine_threads=ce, intra_op_threads=ci)), ce, ci) for ce, ci in cells]
            timed = [t for t in timed if t[0] is not None]
            best = max(timed) if timed else (None, "?", "?")
            if thr is not None and avg is not None:
                points[s] = (thr, avg)
            out(f"| {name(s)} | {fmt(thr, 0)} | {spread(short, 'throughput_x', **w)} | {fmt(p99, 1)} | {fmt(peak, 0)} | {fmt(avg, 0)} | {pct(div(peak, gpeak))} | "
                f"{pct(div(avg, gavg))} | {pct(grid_ratio(short, 'throughput_x', s, glibc, runtime))} | "
                f"{pct(grid_ratio(short, 'latency_p99_ms', s, glibc, runtime))} | "
                f"{pct(grid_ratio(short, 'rss_avg_mb', s, glibc, runtime))} | e{best[1]} i{best[2]} | {fmt(best[0], 0)} |")
        out("")
        front = pareto(points)
        front.sort(key=lambda s: -points[s][0])
        out(f"Pareto front at e{e} i{i} ({runtime}; higher throughput, lower average RSS): "
            + ", ".join(f"{name(s)} ({points[s][0]:.0f}x, {points[s][1]:.0f} MiB)" for s in front) + ".")
        out("")

soak = load(ROOT, "allocators-soak")
# The same spec run once before (Results/allocators-soak-earlier): the only repeat of the long run, so the
# growth columns show how far one run's slope is from another's.
earlier = load(ROOT, "allocators-soak-earlier")
if soak:
    ok, total = runs(soak)
    out(f"Long run (`Results/allocators-soak`, {ok}/{total} runs ok): 3-hour scene x {soak[0].get('audio_s') and round(float(soak[0]['audio_s']) / 10800)} passes, "
        "large model, 8 engine threads, intra-op 1. Growth = RSS slope over the later half of the run (MiB per hour of "
        "processing); live heap = what the allocator says is allocated at the end (empty where the library has no statistic).")
    out("")
    for runtime in runtimes_of(soak):
        settings = settings_of([r for r in soak if (r.get("libtorch") or "system") == runtime])
        glibc = ("glibc", "")
        gpeak = median(soak, "rss_peak_mb", **where(glibc, runtime))
        gavg = median(soak, "rss_avg_mb", **where(glibc, runtime))
        out(f"**{runtime}**")
        out("")
        out("| setting | peak RSS (MiB) | average RSS (MiB) | peak vs glibc | average vs glibc | growth, later half (MiB/h) | growth after warm-up (MiB/h) | the earlier run: later half / after warm-up | RSS at end (MiB) | live heap at end (MiB) | throughput (x) | p99 latency (ms) |")
        out("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for s in settings:
            w = where(s, runtime)
            peak, avg = median(soak, "rss_peak_mb", **w), median(soak, "rss_avg_mb", **w)
            out(f"| {name(s)} | {fmt(peak, 0)} | {fmt(avg, 0)} | {pct(div(peak, gpeak))} | {pct(div(avg, gavg))} | "
                f"{fmt(median(soak, 'rss_slope_late_mb_per_h', **w), 0)} | {fmt(median(soak, 'rss_slope_mb_per_h', **w), 0)} | "
                f"{fmt(median(earlier, 'rss_slope_late_mb_per_h', **w), 0) if earlier else 'n/a'} / "
                f"{fmt(median(earlier, 'rss_slope_mb_per_h', **w), 0) if earlier else 'n/a'} | "
                f"{fmt(median(soak, 'rss_end_mb', **w), 0)} | {fmt(median(soak, 'alloc_allocated_mb', **w), 0)} | "
                f"{fmt(median(soak, 'throughput_x', **w), 0)} | {fmt(median(soak, 'latency_p99_ms', **w), 1)} |")
        out("")

print("\n".join(lines) if lines else f"no allocator runs under {ROOT}")
