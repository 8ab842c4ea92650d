import Results

/// What `ab` prints, in compare's order: the verdict and why, then the all-cells figures, then each
/// cell. Ratios are printed as signed percentages for the worse direction (+10.0% = 10% slower or
/// larger), as compare prints its changes.
public enum PairedDocument {
    public static func make(_ comparison: PairedComparison) -> ReportDocument {
        let verdict = comparison.outcome.headline
        let t = comparison.thresholds
        var lines = ["A/B: `\(comparison.directory)`: \(CountText.of(comparison.pairs, "pair")) in \(CountText.of(comparison.cells.count, "cell"))",
                     "statistics: per cell Wilcoxon signed-rank on log(current/base), regression when p < \(NumberText.fixed(t.alpha, 3)) "
                        + "and the median ratio is beyond the cell limit; all cells: geometric mean of the cells' median ratios, "
                        + "\(NumberText.fixed(t.confidence * 100, 0))% bootstrap interval over each cell's pairs, regression when its lower end is beyond the overall limit"]
        for cell in comparison.cells where cell.failedOnCurrentOnly > 0 {
            lines.append("REGRESSION: \(cell.cellID) failed on the current build only in \(cell.failedOnCurrentOnly) of \(CountText.of(cell.pairs, "pair"))")
        }
        for cell in comparison.cells where cell.failedOnBaseOnly > 0 {
            lines.append("note: \(cell.cellID) failed on the base build only in \(cell.failedOnBaseOnly) of \(CountText.of(cell.pairs, "pair")) (not gated)")
        }
        for cell in comparison.cells where cell.failedOnBoth > 0 {
            lines.append("note: \(cell.cellID) failed on both builds in \(cell.failedOnBoth) of \(CountText.of(cell.pairs, "pair"))")
        }
        for cell in comparison.cells where cell.outputsDiffer > 0 {
            lines.append("OUTPUTS CHANGED: \(cell.cellID): \(cell.outputsDiffer) pairs' ok runs produced different output digests")
        }
        if comparison.overall.contains(where: { $0.verdict == .inconclusive }) {
            lines.append("inconclusive: a cell has fewer than \(t.minimumPairs) ok pairs: the all-cells interval is not a verdict (not gated); run more pairs")
        }
        if let sequential = comparison.sequential {
            let rule = sequential.rule
            let answer = switch sequential.decision {
            case .different: "DIFFERENT: a regression"
            case .same: "SAME: a slowdown of \(NumberText.fixed(rule.samePercent, 0))% or more is ruled out"
            case .unsure, .continuing: "UNSURE at the budget: neither a regression nor a \(NumberText.fixed(rule.samePercent, 0))% slowdown ruled out (not gated)"
            }
            lines.append("sequential: stopped after \(CountText.of(sequential.pairsPerCell, "pair")) a cell (looks at \(rule.looks.map(String.init).joined(separator: ", ")); "
                         + "alpha and interval shared over \(CountText.of(rule.looks.count, "look"))): \(answer)")
        }
        lines += comparison.notes

        let overall = ReportTable(
            title: "All cells", headers: ["metric", "cells", "geo-mean change", "interval", "limit", "verdict"], numeric: [1, 2, 3, 4],
            rows: comparison.overall.map { o in
                [o.metric.label, String(o.cells), percent(o.interval?.ratio),
                 o.interval.map { "\(percent($0.lower)) .. \(percent($0.upper))" } ?? "-",
                 "+\(NumberText.fixed(o.thresholdPercent, 1))%", o.verdict.symbol]
            })
        let cells = ReportTable(
            title: "Cells", headers: ["cell", "metric", "pairs", "median change", "test", "limit", "verdict"], numeric: [2, 3, 5],
            rows: comparison.cells.flatMap { cell in
                cell.metrics.map { m in
                    [cell.cellID, m.metric.label, String(m.pairs), percent(m.medianRatio),
                     m.test.map { "\(NumberText.pValue($0.pValue)) (\($0.method.rawValue))" } ?? "-",
                     "+\(NumberText.fixed(t.limit(m.metric).cellPercent, 1))%", m.verdict.symbol]
                }
            })
        return ReportDocument(heading: "arbench ab: \(verdict)", lines: lines, tables: [overall, cells])
    }

    /// A worse-ratio as a change: 1.1 -> "+10.0%".
    static func percent(_ ratio: Double?) -> String {
        NumberText.signedPercent(ratio.map { ($0 - 1) * 100 })
    }
}
