"""Reading arbench run directories for the side-by-side scripts: results.csv rows, medians over the ok
repetitions of a cell, and the few number formats the tables use. Imported by post_side_by_side.py and
runtimes_side_by_side.py."""
import csv
import os
import statistics


def load(root, name):
    """The rows of ROOT/NAME/results.csv, or None when that run is not there."""
    path = os.path.join(root, name, "results.csv")
    if not os.path.exists(path):
        return None
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def matches(row, where):
    return all(str(row.get(k, "")) == str(v) for k, v in where.items())


def median(rows, column, **where):
    values = [float(r[column]) for r in rows
              if r["status"] == "ok" and matches(r, where) and r.get(column, "") != ""]
    return statistics.median(values) if values else None


def first(rows, column, **where):
    """The column's value in the first ok row matching `where` (a setting recorded alike in every run of a cell)."""
    for r in rows:
        if r["status"] == "ok" and matches(r, where) and r.get(column):
            return r[column]
    return "n/a"


def runs(rows, **where):
    chosen = [r for r in rows if matches(r, where)]
    return sum(r["status"] == "ok" for r in chosen), len(chosen)


def x(ratio):
    return "n/a" if ratio is None else f"{ratio:.2f}x"


def pct(ratio):
    return "n/a" if ratio is None else f"{(ratio - 1) * 100:+.0f}%"


def div(a, b):
    return None if a is None or b is None or b == 0 else a / b


def fmt(v, d=2):
    return "n/a" if v is None else f"{v:.{d}f}"


def trend(points):
    """Least-squares slope of y over x, as % of the fitted y at the first x, per unit of x."""
    if len(points) < 3:
        return None
    xs, ys = zip(*points)
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((a - mx) ** 2 for a in xs)
    slope = sum((a - mx) * (b - my) for a, b in zip(xs, ys)) / sxx
    start = my + slope * (xs[0] - mx)
    return slope / start * 100
