#!/usr/bin/env python3
"""Live streams: capacity at a p99 bound for engine threads x intra-op x allocator (base and large), and
the post's latency claim under load (p99 at fixed loads, 1 vs 5 engine threads with LibTorch's default
intra-op pool), from Results/streams-capacity, Results/streams-capacity-large and Results/streams-latency.

Prints the Markdown tables of Results/README.md's live-streams section; capacity is one search per cell
(its loads re-run for enough segments), latency a median over the ok repetitions. Nothing here is typed
in by hand: rerun it after rerunning the sweeps.

Usage: Experiments/analysis/streams_side_by_side.py [RESULTS_DIR]   (default: Results)
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from results_csv import first, fmt, load, median, runs  # noqa: E402

ROOT = sys.argv[1] if len(sys.argv) > 1 else "Results"
lines = []
out = lines.append


def capacity_table(name, title):
    rows = load(ROOT, name)
    if not rows:
        return
    ok, total = runs(rows)
    pace = first(rows, "pace")
    bound = first(rows, "capacity_bound_ms")
    engines = sorted({int(r["engine_threads"]) for r in rows})
    intras = sorted({r["intra_op_threads"] for r in rows}, key=lambda v: (not v.isdigit(), int(v) if v.isdigit() else 0))
    allocators = sorted({r["allocator"] for r in rows}, key=lambda a: (a != "glibc", a))
    out(f"**{title}** (`Results/{name}`, {ok}/{total} searches ok; pace {pace}, p99 <= {float(bound):g} ms): "
        "streams carried (in real-time streams: x pace), p99 at capacity / p99 of the first load that failed (ms), loads run")
    out("")
    out("| allocator | intra-op | " + " | ".join(f"{e} engine" for e in engines) + " |")
    out("|---|---|" + "---:|" * len(engines))
    for allocator in allocators:
        for intra in intras:
            cells = []
            for e in engines:
                where = dict(allocator=allocator, intra_op_threads=intra, engine_threads=e, scenario="capacity")
                cap = median(rows, "capacity_streams", **where)
                if cap is None:
                    cells.append("n/a")
                    continue
                at = median(rows, "load_p99_ms", **where)
                nxt = median(rows, "capacity_next_p99_ms", **where)
                loads = median(rows, "capacity_loads", **where)
                cells.append(f"**{cap:g}** ({fmt(at, 1)} / {fmt(nxt, 0) if nxt is not None else '-'}, {loads:g})")
            out(f"| {allocator} | {intra} | " + " | ".join(cells) + " |")
    out("")


capacity_table("streams-capacity", "Capacity, base model")
capacity_table("streams-capacity-large", "Capacity, large model")

latency = load(ROOT, "streams-latency")
if latency:
    ok, total = runs(latency)
    out(f"**p99 latency under load, 1 vs 5 engine threads, LibTorch's default intra-op pool** (`Results/streams-latency`, {ok}/{total} runs ok; "
        "median of the repetitions; p99 from arrival to tag, ms; the intra-op pool LibTorch chose)")
    out("")
    out("| LibTorch | load | 1 engine thread | 5 engine threads | 5 / 1 |")
    out("|---|---|---:|---:|---:|")
    for runtime in ["system", "pypi"]:
        for streams in sorted({int(r["streams"]) for r in latency if r["streams"]}):
            where = dict(libtorch=runtime, streams=streams)
            one = median(latency, "load_p99_ms", engine_threads=1, **where)
            five = median(latency, "load_p99_ms", engine_threads=5, **where)
            pool = first(latency, "intra_op_effective", engine_threads=1, **where)
            ratio = f"{five / one:.2f}x" if one and five else "n/a"
            out(f"| {runtime} (pool {pool}) | {streams} streams x pace {first(latency, 'pace', **where)} | {fmt(one, 1)} | {fmt(five, 1)} | {ratio} |")
    out("")

print("\n".join(lines))
