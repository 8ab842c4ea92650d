import Foundation
import Results

/// What `ab --measure instructions` prints: the verdict and why, each cell's counts, then where each
/// cell's change went (program and libraries, largest change first).
public enum InstructionDocument {
    public static func make(_ comparison: InstructionComparison) -> ReportDocument {
        var lines = [
            "A/B of instruction counts: `\(comparison.directory)`: \(CountText.of(comparison.pairs, "pair")) in \(CountText.of(comparison.cells.count, "cell"))",
            "method: each run under Valgrind's callgrind, counting only the engine's work (not start-up); regression when "
                + "the current median is above the base median by more than \(NumberText.fixed(comparison.limitPercent, 2))% "
                + "or \(NumberText.fixed(comparison.spreadMultiple, 0))x the runs' spread, whichever is larger; "
                + "wait loops (\(InstructionProfile.waitLoopObjects.sorted().joined(separator: ", "))) shown, not gated",
        ]
        for cell in comparison.cells where cell.failedOnCurrentOnly > 0 {
            lines.append("REGRESSION: \(cell.cellID) failed on the current build only in \(CountText.of(cell.failedOnCurrentOnly, "pair"))")
        }
        for cell in comparison.cells where cell.outputsDiffer > 0 {
            lines.append("OUTPUTS CHANGED: \(cell.cellID): \(cell.outputsDiffer) pairs' ok runs produced different output digests")
        }
        for cell in comparison.cells where cell.verdict == .inconclusive {
            lines.append("inconclusive: \(cell.cellID) has fewer than \(comparison.minimumRuns) counted runs a side: no spread to judge against; run more pairs")
        }
        lines += comparison.notes

        let cells = ReportTable(
            title: "Cells (instructions counted, millions)",
            headers: ["cell", "runs", "base median", "current median", "change", "spread", "limit", "verdict"],
            numeric: [1, 2, 3, 4, 5, 6],
            rows: comparison.cells.map { cell in
                ["\(cell.cellID)", "\(cell.base.count)v\(cell.current.count)",
                 millions(InstructionComparator.median(cell.base)), millions(InstructionComparator.median(cell.current)),
                 signed(cell.changePercent),
                 cell.spreadPercent.map { "\(NumberText.fixed($0, 3))%" } ?? "-",
                 "+\(NumberText.fixed(cell.limitPercent, 2))%", cell.verdict.symbol]
            })
        let objects = ReportTable(
            title: "Where the instructions changed (medians, millions; share of the cell's base total)",
            headers: ["cell", "object", "base", "current", "share"], numeric: [2, 3, 4],
            rows: comparison.cells.flatMap { cell in
                cell.objects.map { o in
                    [cell.cellID, o.waitLoop ? "\(o.object) (wait loop, not gated)" : o.object, millions(o.base), millions(o.current),
                     signed(o.shareOfTotalPercent)]
                }
            })
        return ReportDocument(heading: "arbench ab --measure instructions: \(comparison.outcome.headline)", lines: lines,
                              tables: [cells, objects])
    }

    /// Three decimals: the limit is half a percent and one build's counts repeat to about 0.01%.
    static func signed(_ percent: Double?) -> String {
        percent.map { String(format: "%+.3f%%", $0) } ?? "-"
    }

    static func millions(_ count: UInt64?) -> String {
        count.map { NumberText.fixed(Double($0) / 1e6, 2) } ?? "-"
    }
}
