import CPlot
import Foundation
import Gate
import Results

/// `advise`'s answer drawn: every cell at its medians of the objective (throughput offline) and peak RSS, the cells a constraint
/// excluded apart, the Pareto front of the cells that meet the constraints (objective x peak RSS x p99,
/// as `advise` computes it) joined, and the pick ringed.
public enum AdviceChart {
    public static let name = "advise-pareto"

    public static func plan(_ advice: Advice, run: RunResults) -> ChartPlan? {
        let excluded = Set(advice.excluded.map(\.cellID))
        // x is the objective the advice ranked by (throughput offline, capacity, p99 under load, ...).
        let objective = advice.objective
        let points = run.cells.compactMap { cell -> (cell: CellRuns, x: Double, rss: Double)? in
            guard let x = Descriptive.median(cell.okRows.compactMap(objective.value(in:))), let rss = cell.median(.rssPeakMiB) else { return nil }
            return (cell, x, rss)
        }
        guard !points.isEmpty else { return nil }
        let meets = points.filter { !excluded.contains($0.cell.cellID) }
        let out = points.filter { excluded.contains($0.cell.cellID) }
        var series: [Series] = []
        if !meets.isEmpty {
            series.append(Series(name: advice.constraints.isEmpty ? "cells" : "cells meeting the constraints", kind: .points, style: 1,
                                 x: meets.map(\.x), y: meets.map(\.rss)))
        }
        if !out.isEmpty {
            series.append(Series(name: "excluded by a constraint", kind: .points, style: 8, x: out.map(\.x), y: out.map(\.rss)))
        }
        let front = advice.pareto.compactMap { c in c.peakRSS.map { (c.objective, $0) } }.sorted { $0 < $1 }
        if !front.isEmpty {
            // The front is over three figures (p99 the third, not drawn): a line through all of it zigzags. The
            // line joins the members no other beats on the two drawn axes; the rest are marked, not joined.
            let drawn = Set(ParetoFront.indices(front.map { [objective.prefersLarger ? $0.0 : -$0.0, -$0.1] }))
            let joined = front.indices.filter(drawn.contains).map { front[$0] }
            let marked = front.indices.filter { !drawn.contains($0) }.map { front[$0] }
            series.append(Series(name: "Pareto front on these two axes (\(CountText.of(joined.count, "setting")))", kind: .linesPoints,
                                 style: Int(ARB_STYLE_EMPHASIS), x: joined.map(\.0), y: joined.map(\.1)))
            if !marked.isEmpty {
                series.append(Series(name: "on the front by p99 too (\(marked.count))", kind: .points, style: 3,
                                     x: marked.map(\.0), y: marked.map(\.1)))
            }
        }
        if let pick = advice.pick, let r = pick.peakRSS {
            series.append(Series(name: "pick: \(pick.axes.label)", kind: .points, style: 2, x: [pick.objective], y: [r]))
        }
        let ranked = "\(objective.prefersLarger ? "highest" : "lowest") median \(objective.label)"
        let xLabel = objective.label + (objective.unit.isEmpty ? "" : " (\(objective.unit))")
        let constraints = advice.constraints.isEmpty ? "no constraints" : advice.constraints.joined(separator: ", ")
        let panel = Panel(title: "\(ranked); \(constraints)", x: Axis(label: xLabel),
                          y: Axis(label: Metric.rssPeakMiB.titleWithUnit), key: .below, series: series)
        let frontText = advice.pareto.map(\.axes.label).joined(separator: ", ")
        return ChartPlan(
            name: name,
            caption: "Each point is one cell (medians over its ok repetitions); cells a constraint excluded are apart; the black line "
                + "joins the cells meeting the constraints that none beats on both drawn axes; the cells marked apart are on the Pareto front only through "
                + "p99 latency, its third axis (none beats them on \(objective.label), peak RSS and p99 at once); the pick is \(advice.pick?.axes.label ?? "none"). Front: \(frontText).",
            figure: Figure(title: "advise: \(objective.label) against peak RSS (\(URL(fileURLWithPath: RunLoader.directory(of: run.source)).lastPathComponent))",
                           footer: "\(advice.cellsWithOKRuns) of \(advice.cellsTotal) cells with ok runs · \(run.rows.count) runs", panels: [panel]))
    }
}
