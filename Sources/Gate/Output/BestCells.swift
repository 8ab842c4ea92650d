import Foundation
import Results

/// REPORT.md's "Best cells" headline: per condition group (quota, load, engine: `ConditionGroup`), the best
/// cell by what its cells are for (`AdviceObjective.following`: processing time offline, p99 latency under a
/// fixed load, capacity for capacity cells) and the smallest peak RSS; never a pick across conditions. The
/// sweep writes it, and `arbench plot` writes it again over an older one (`replacing(in:)`).
public enum BestCells {
    public static let heading = "## Best cells"

    /// The section, heading included, ending with a blank line. `roles`: the spec's `roles:`, as advise reads them.
    public static func markdown(rows: [ResultRow], roles: [String: AxisRole]) -> String {
        // Cells in first-seen row order (the grid's first repetition), as the summary table lists them.
        var order: [String: Int] = [:]
        for row in rows where order[row[.cellID]] == nil { order[row[.cellID]] = order.count }
        let run = RunResults(source: "", rows: rows, meta: nil)
        let groups = ConditionGroup.of(run, roles: roles)
        var out = "\(heading)\n\n"
        for group in groups {
            let under = groups.count > 1 ? "Under \(group.label): " : ""
            let cells = group.cells.sorted { (order[$0.cellID] ?? 0) < (order[$1.cellID] ?? 0) }
            func best(_ metric: Metric, _ better: (Double, Double) -> Bool) -> (cell: CellRuns, value: Double)? {
                cells.compactMap { cell in cell.median(metric).map { (cell, $0) } }.reduce(nil) { found, next in
                    found.map { better(next.1, $0.value) ? next : $0 } ?? next
                }
            }
            let objective = AdviceObjective.following(cells.map(\.axes))
            switch objective {
            case .capacity:
                if let top = best(.capacityStreams, >) {
                    out += "- \(under)Most streams (median capacity at the p99 bound): `\(top.cell.cellID)` at \(fmt(top.value, 0)) streams.\n"
                }
            case .loadP99:
                if let top = best(.loadP99Ms, <) {
                    out += "- \(under)Lowest p99 latency under load (median): `\(top.cell.cellID)` at \(fmt(top.value, 2)) ms.\n"
                }
            default:
                if let top = best(.processingSeconds, <) {
                    out += "- \(under)Fastest (median processing time): `\(top.cell.cellID)` at \(fmt(top.value, 3)) s "
                    out += "(\(fmt(top.cell.median(.throughput), 1))x real time, \(fmt(top.cell.median(.coresUsed), 2)) cores).\n"
                }
            }
            if let lean = best(.rssPeakMiB, <) {
                out += "- \(under)Smallest peak RSS (median): `\(lean.cell.cellID)` at \(fmt(lean.value, 1)) MiB.\n"
            }
        }
        if run.cells.allSatisfy({ $0.okRows.isEmpty }) { out += "- No cell finished ok.\n" }
        return out + "\n"
    }

    /// `report` with its best-cells section (up to the next `## ` heading) replaced by this one; unchanged
    /// when it has none.
    public static func replacing(in report: String, rows: [ResultRow], roles: [String: AxisRole]) -> String {
        guard let start = report.range(of: "\(heading)\n") else { return report }
        let rest = report[start.upperBound...]
        let end = rest.range(of: "\n## ")?.lowerBound ?? report.endIndex
        return String(report[..<start.lowerBound]) + markdown(rows: rows, roles: roles).dropLast() + String(report[end...])
    }

    static func fmt(_ value: Double?, _ decimals: Int) -> String {
        let text = CSVText.number(value, decimals: decimals)
        return text.isEmpty ? "–" : text
    }
}
