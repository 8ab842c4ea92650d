#!/usr/bin/env python3
"""The post's claims next to ours, as ratios, from arbench run directories.

Reads results.csv of the committed runs (medians over the ok repetitions of each cell) and prints
the Markdown tables of Results/README.md. Nothing here is typed in by hand: rerun it after
rerunning the sweeps and paste its output.

Usage: Experiments/analysis/post_side_by_side.py [RESULTS_DIR]   (default: Results)
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from results_csv import div, fmt, median, pct, runs, trend, x  # noqa: E402
import results_csv  # noqa: E402

ROOT = sys.argv[1] if len(sys.argv) > 1 else "Results"


def load(name):
    return results_csv.load(ROOT, name)


lines = []
out = lines.append

fig34 = load("post-figures-3-4")
if fig34:
    engines = sorted({int(r["engine_threads"]) for r in fig34})
    intras = sorted({int(r["intra_op_threads"]) for r in fig34})
    allocs = sorted({r["allocator"] for r in fig34})
    ok, total = len([r for r in fig34 if r["status"] == "ok"]), len(fig34)
    out(f"### Figures 3 and 4 grid: {ok} of {total} runs ok (`Results/post-figures-3-4`)\n")
    for alloc in allocs:
        out(f"#### {alloc}: latency and inference going from 1 to 5 engine threads\n")
        out("| intra-op | segment latency p50 e1 -> e5 ms | ratio | inference p50 e1 -> e5 ms | ratio | processing e1 -> e5 s | ratio |")
        out("|---|---|---|---|---|---|---|")
        for i in intras:
            w = dict(allocator=alloc, intra_op_threads=i)
            l1, l5 = median(fig34, "latency_p50_ms", engine_threads=1, **w), median(fig34, "latency_p50_ms", engine_threads=5, **w)
            f1, f5 = median(fig34, "inference_p50_ms", engine_threads=1, **w), median(fig34, "inference_p50_ms", engine_threads=5, **w)
            p1, p5 = median(fig34, "processing_s", engine_threads=1, **w), median(fig34, "processing_s", engine_threads=5, **w)
            out(f"| {i} | {fmt(l1)} -> {fmt(l5)} | {x(div(l5, l1))} | {fmt(f1)} -> {fmt(f5)} | {x(div(f5, f1))} | "
                f"{fmt(p1, 3)} -> {fmt(p5, 3)} | {x(div(p5, p1))} |")
        out("")
        out(f"#### {alloc}: processing time (s, median) by engine threads; the last columns compare with 1 engine thread\n")
        head = "| intra-op | " + " | ".join(f"e{e}" for e in engines) + " | best e | best / e1 | e16 / e1 | e16 / best | trend e2-e16 per thread | CPU % e1 -> e16 |"
        out(head)
        out("|" + "---|" * (len(engines) + 7))
        # Median processing time per intra-op setting and engine count, kept where measured.
        measured = {}
        for i in intras:
            times = {e: median(fig34, "processing_s", allocator=alloc, intra_op_threads=i, engine_threads=e) for e in engines}
            measured[i] = {e: t for e, t in times.items() if t is not None}
        def best(i):
            known = measured[i]
            e = min(known, key=known.get) if known else None
            return known.get(e), e
        for i in intras:
            w = dict(allocator=alloc, intra_op_threads=i)
            known = measured[i]
            times = {e: known.get(e) for e in engines}
            fastest, best_engine = best(i)
            last = engines[-1]
            c1, cl = median(fig34, "cpu_util_pct", engine_threads=1, **w), median(fig34, "cpu_util_pct", engine_threads=last, **w)
            out(f"| {i} | " + " | ".join(fmt(times[e], 2) for e in engines)
                + f" | e{best_engine} | {x(div(fastest, times[1]))} | {x(div(times[last], times[1]))} | "
                + f"{x(div(times[last], fastest))} | {fmt(trend([(e, t) for e, t in known.items() if e >= 2]), 1)}% | "
                + f"{fmt(c1, 0)} -> {fmt(cl, 0)} |")
        out("")
        out(f"#### {alloc}: time saved by disabling the pools (intra-op 1) against each pool size, each at its best engine count\n")
        out("| pools | best processing s (engine threads) | intra-op 1 best s (engine threads) | time saved |")
        out("|---|---|---|---|")
        b1, e1 = best(1)
        for i in intras:
            if i == 1:
                continue
            bi, ei = best(i)
            saved = None if bi is None or b1 is None else (1 - b1 / bi) * 100
            out(f"| intra-op {i} | {fmt(bi, 3)} (e{ei}) | {fmt(b1, 3)} (e{e1}) | {fmt(saved, 1)}% |")
        out("")

fig5 = load("post-figure-5")
soak = load("soak-3h")
for name, rows in (("post-figure-5", fig5), ("soak-3h", soak)):
    if not rows:
        continue
    out(f"### Memory, `Results/{name}` (medians over ok repetitions)\n")
    out("| allocator | ok runs | audio h | processing s | peak RSS MiB | average RSS MiB | RSS slope after warm-up MiB/h | later half MiB/h "
        "| growth MiB per audio hour | live heap at end MiB |")
    out("|---|---|---|---|---|---|---|---|---|---|")
    for alloc in sorted({r["allocator"] for r in rows}):
        ok, total = runs(rows, allocator=alloc)
        m = {c: median(rows, c, allocator=alloc) for c in (
            "audio_s", "processing_s", "rss_peak_mb", "rss_avg_mb", "rss_slope_mb_per_h", "rss_slope_late_mb_per_h", "alloc_allocated_mb")}
        per_audio_hour = None if m["rss_slope_mb_per_h"] is None else m["rss_slope_mb_per_h"] * m["processing_s"] / m["audio_s"]
        out(f"| {alloc} | {ok}/{total} | {fmt(m['audio_s'] / 3600, 0)} | {fmt(m['processing_s'], 1)} | {fmt(m['rss_peak_mb'], 0)} | "
            f"{fmt(m['rss_avg_mb'], 0)} | {fmt(m['rss_slope_mb_per_h'], 0)} | {fmt(m['rss_slope_late_mb_per_h'], 0)} | "
            f"{fmt(per_audio_hour, 2)} | {fmt(m['alloc_allocated_mb'], 1)} |")
    g = {c: median(rows, c, allocator="glibc") for c in ("rss_peak_mb", "rss_avg_mb", "processing_s")}
    j = {c: median(rows, c, allocator="jemalloc") for c in ("rss_peak_mb", "rss_avg_mb", "processing_s")}
    out("")
    out(f"jemalloc against glibc: peak {pct(div(j['rss_peak_mb'], g['rss_peak_mb']))}, "
        f"average {pct(div(j['rss_avg_mb'], g['rss_avg_mb']))}, processing time {pct(div(j['processing_s'], g['processing_s']))}.\n")

tvp = load("post-threads-vs-processes")
if tvp:
    out("### Threads against processes, intra-op 1 (`Results/post-threads-vs-processes`)\n")
    out("| allocator | engines | threads s | processes s | processes / threads time | threads peak MiB | processes peak MiB | processes / threads memory |")
    out("|---|---|---|---|---|---|---|---|")
    for alloc in sorted({r["allocator"] for r in tvp}):
        for e in sorted({int(r["engine_threads"]) for r in tvp}):
            w = dict(allocator=alloc, engine_threads=e)
            t, p = median(tvp, "processing_s", engine_mode="threads", **w), median(tvp, "processing_s", engine_mode="processes", **w)
            tm, pm = median(tvp, "rss_peak_mb", engine_mode="threads", **w), median(tvp, "rss_peak_mb", engine_mode="processes", **w)
            out(f"| {alloc} | {e} | {fmt(t, 3)} | {fmt(p, 3)} | {x(div(p, t))} | {fmt(tm, 0)} | {fmt(pm, 0)} | {x(div(pm, tm))} |")
    out("")

omp = load("post-omp-wait-policy")
if omp:
    policies = [p for p in ("default", "passive", "active") if any(r["omp_wait_policy"] == p for r in omp)]
    out("### OpenMP wait policy (`Results/post-omp-wait-policy`, glibc): processing s, median\n")
    out("| intra-op | engine threads | " + " | ".join(policies) + " | active / passive | involuntary ctx switches (" + " / ".join(policies) + ") |")
    out("|---|---|" + "---|" * len(policies) + "---|---|")
    for i in sorted({int(r["intra_op_threads"]) for r in omp}):
        for e in sorted({int(r["engine_threads"]) for r in omp}):
            w = dict(intra_op_threads=i, engine_threads=e)
            t = {p: median(omp, "processing_s", omp_wait_policy=p, **w) for p in policies}
            c = {p: median(omp, "involuntary_ctx_switches", omp_wait_policy=p, **w) for p in policies}
            out(f"| {i} | {e} | " + " | ".join(fmt(t[p], 2) for p in policies)
                + f" | {x(div(t.get('active'), t.get('passive')))} | " + " / ".join(fmt(c[p], 0) for p in policies) + " |")
    out("")

print("\n".join(lines))
