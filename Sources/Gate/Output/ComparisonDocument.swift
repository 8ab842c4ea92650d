import Results
/// What `compare` prints, in the order a person reading a failed CI job needs it: the verdict and
/// why, then what regressed, then everything else.
public enum ComparisonDocument {
    public static func make(_ comparison: Comparison) -> ReportDocument {
        let verdict = comparison.outcome.headline
        var lines = ["baseline: `\(comparison.baseline)`, current: `\(comparison.current)`"]
        if let mode = comparison.mode {
            lines.append("mode: \(mode.rawValue): \(mode.explanation)")
            let reference = comparison.referenceCell
            lines.append("normalised = each cell / the same run's engine \(reference.engineThreads) x intra-op \(reference.intraOpThreads) cell of its allocator (median)")
            if !comparison.statisticsExplanation.isEmpty { lines.append("statistics: \(comparison.statisticsExplanation)") }
        }
        let machineNotes = comparison.comparability.differences.filter { !$0.breaksKind }
        for difference in machineNotes {
            lines.append("machine differs: \(difference.field): baseline \(difference.baseline), current \(difference.current)")
        }
        lines += comparison.notes
        let inconclusive = comparison.inconclusive.count + comparison.inconclusiveOverall.count
        if inconclusive > 0 {
            lines.append("inconclusive: \(CountText.of(inconclusive, "change")) beyond the threshold with fewer than "
                + "\(MetricJudge.minimumRepetitionsForVerdict) repetitions a side: no verdict (not gated); "
                + "run both sides with repetitions >= \(MetricJudge.minimumRepetitionsForVerdict) (\(comparison.thresholds.minimumRepetitions) for a test) to decide")
        }

        var tables: [ReportTable] = []
        tables.append(overallTable("Regressions over all cells (geometric mean)", comparison.overallRegressions))
        tables.append(findings("Regressions", comparison.regressions))
        tables.append(ReportTable(
            title: "Cells with runs not ok", headers: ["cell", Metric.cellID.column, "problem"],
            rows: comparison.cellProblems.filter(\.isRegression).map { [$0.cell.label, $0.cellID, $0.message] }))
        tables.append(findings("Improvements", comparison.improvements))
        tables.append(findings("Beyond the threshold but not supported by the repetitions (noise, not gated)",
                               comparison.metrics.filter { $0.gated && $0.verdict == .notSignificant }))
        tables.append(overallTable("Inconclusive over all cells: too few repetitions for a verdict (not gated)", comparison.inconclusiveOverall))
        tables.append(findings("Inconclusive: too few repetitions for a verdict (not gated)", comparison.inconclusive))
        tables.append(findings("Shown, not gated in this mode, beyond the threshold",
                               comparison.metrics.filter { !$0.gated && ($0.verdict == .regression || $0.verdict == .improvement) }))
        tables.append(ReportTable(
            title: "Grid changes", headers: ["cell", Metric.cellID.column, "note"],
            rows: comparison.cellProblems.filter { !$0.isRegression }.map { [$0.cell.label, $0.cellID, $0.message] }))
        if comparison.mode != nil {
            tables.append(overallTable("All cells together: geometric mean of current / baseline medians", comparison.overall))
            tables += overview(comparison)
        }

        let regressions = comparison.regressions.count + comparison.overallRegressions.count
            + comparison.cellProblems.filter(\.isRegression).count
        let closing = comparison.mode == nil ? [] : [
            "\(CountText.of(comparison.metrics.count, "metric comparison")) in \(CountText.of(Set(comparison.metrics.map(\.cell)).count, "cell")): "
                + "\(CountText.of(regressions, "regression")), \(CountText.of(comparison.improvements.count, "improvement")).",
        ]
        return ReportDocument(heading: "arbench compare: \(verdict)", lines: lines, tables: tables, closing: closing)
    }

    static func overallTable(_ title: String, _ items: [OverallComparison]) -> ReportTable {
        ReportTable(
            title: title,
            headers: ["metric", "cells", "ratio", "worse by", "limit", "interval", "verdict"],
            numeric: [1, 2, 3],
            rows: items.map { item in
                ["\(item.metric.label)", "\(item.cells)", NumberText.fixed(item.ratio, 3), NumberText.signedPercent(item.worsePercent),
                 "\(NumberText.fixed(item.thresholdPercent, 0))%",
                 "\(Int((item.confidence * 100).rounded()))% x\(NumberText.fixed(item.lower, 3))-\(NumberText.fixed(item.upper, 3))",
                 item.gated ? item.verdict.symbol : "(\(item.verdict.symbol), not gated)"]
            })
    }

    static func findings(_ title: String, _ items: [MetricComparison]) -> ReportTable {
        ReportTable(
            title: title,
            headers: ["cell", "metric", "baseline", "current", "worse by", "limit", "reps", "evidence"],
            numeric: [2, 3, 4],
            rows: items.map { item in
                [item.cell.label, "\(item.metric.label) (\(item.metric.unit))",
                 NumberText.adaptive(item.baselineMedian), NumberText.adaptive(item.currentMedian),
                 NumberText.signedPercent(item.worsePercent),
                 "\(NumberText.fixed(item.relativeThresholdPercent, 0))% and \(NumberText.adaptive(item.absoluteThreshold)) \(item.metric.unit)",
                 "\(item.baselineValues.count) vs \(item.currentValues.count)",
                 item.support?.summary ?? "-"]
            })
    }

    /// One row per cell: current medians, each with its change against the baseline; the metrics split over
    /// as many tables as keep each within 100 columns (a terminal's width), the cell column in each.
    static func overview(_ comparison: Comparison) -> [ReportTable] {
        let metrics = CompareMetric.allCases.filter { metric in comparison.metrics.contains { $0.metric == metric } }
        var byCell: [CellAxes: [CompareMetric: MetricComparison]] = [:]
        for item in comparison.metrics { byCell[item.cell, default: [:]][item.metric] = item }
        let rows = byCell.keys.sorted().map { cell -> [String] in
            [cell.label] + metrics.map { metric in
                guard let item = byCell[cell]?[metric] else { return "-" }
                return cellText(item)
            }
        }
        // A column takes its widest text plus 3 (` | ` in an aligned table).
        func width(_ column: Int) -> Int { ([column == 0 ? "cell" : shortName(metrics[column - 1])] + rows.map { $0[column] }).map(\.count).max()! + 3 }
        var groups: [[Int]] = [[]]
        var used = width(0) + 1
        for column in metrics.indices.map({ $0 + 1 }) {
            if !groups[groups.count - 1].isEmpty && used + width(column) > TextWrap.width {
                groups.append([])
                used = width(0) + 1
            }
            groups[groups.count - 1].append(column)
            used += width(column)
        }
        let title = "All cells: current median (change, + = worse); ! regression, ~ noise, ? inconclusive, () not gated"
        return groups.enumerated().map { index, columns in
            ReportTable(title: index == 0 ? title : "All cells (continued)",
                        headers: ["cell"] + columns.map { shortName(metrics[$0 - 1]) },
                        numeric: Set(1...max(1, columns.count)), rows: rows.map { row in [row[0]] + columns.map { row[$0] } })
        }
    }

    static func cellText(_ item: MetricComparison) -> String {
        let value = NumberText.adaptive(item.currentMedian)
        guard item.verdict != .noData else { return "no data" }
        let marker: String
        switch item.verdict {
        case .regression: marker = " !"
        case .notSignificant: marker = " ~"
        case .inconclusive: marker = " ?"
        default: marker = ""
        }
        let text = "\(value) (\(NumberText.signedPercent(item.worsePercent)))\(marker)"
        return item.gated ? text : "(\(text))"
    }

    static func shortName(_ metric: CompareMetric) -> String {
        switch metric {
        case .wallTime: "wall s"
        case .cpuTime: "CPU s"
        case .peakRSS: "peak RSS MiB"
        case .averageRSS: "avg RSS MiB"
        case .throughput: "x real time"
        case .p99Latency: "p99 ms"
        case .wallTimeNormalised: "wall/ref"
        case .cpuTimeNormalised: "CPU/ref"
        case .throughputNormalised: "tput/ref"
        case .p99LatencyNormalised: "p99/ref"
        }
    }
}
