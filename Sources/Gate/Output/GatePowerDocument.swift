import Results

/// What `ab-power` prints: per long A/B, the effect it measured on all its pairs and how often gates
/// of the chosen size drawn from it said regression (a false-alarm rate for an A/A, a detection rate
/// for a slowdown).
public enum GatePowerDocument {
    public static func make(_ estimates: [GatePower], draws: Int, withReplacement: Bool = false, seed: UInt64) -> ReportDocument {
        let size = estimates.first.map { e in
            e.sequential.map { "sequential gates (first look at \($0.firstLook) pairs a cell, every \($0.every) more, up to \($0.maxPairs); stop at a regression or when a \(NumberText.fixed($0.samePercent, 0))% slowdown is ruled out)" }
                ?? "\(e.pairsPerCell) pairs a cell"
        } ?? "-"
        let lines = [
            "gates of \(size), judged as `arbench ab` judges (its thresholds); from each long A/B: its disjoint gates "
                + "(independent, as many as its pairs make) and \(draws) gates drawn "
                + (withReplacement ? "with replacement (a bootstrap of the pairs) " : "without replacement within a gate ")
                + "(seed \(seed); they share pairs, so that rate is an estimate, not a count of independent trials)",
            "effect: the long A/B's all-cells geometric mean of the cells' median ratios over all its pairs, with its interval; "
                + "for an instruction-count A/B, each cell's change of the median count over all its runs, with the runs' spread",
        ]
        let effectMetrics: [PairedMetric] = estimates.contains { $0.effect != nil } ? [.cpuTime, .processingTime] : []
        let counted = estimates.contains { $0.instructionEffect != nil }
        let sequential = estimates.contains { $0.sequential != nil }
        let table = ReportTable(
            title: "Gate power",
            headers: ["A/B", "cells", "pairs a cell"] + effectMetrics.map { "\($0.label) effect" }
                + (counted ? ["instructions effect (spread)"] : [])
                + ["disjoint gates: regression", "drawn gates: regression"]
                + (sequential ? ["drawn gates: mean pairs a cell"] : []),
            numeric: [1, 2],
            rows: estimates.map { e in
                [e.directory, String(e.cells), String(e.pairsAvailable)]
                    + effectMetrics.map { metric in effect(e.effect?.overall.first { $0.metric == metric }?.interval) }
                    + (counted ? [instructions(e.instructionEffect)] : [])
                    + [tally(e.disjoint), tally(e.resampled)]
                    + (sequential ? [NumberText.fixed(e.resampled.meanPairs, 1)] : [])
            })
        return ReportDocument(heading: "arbench ab-power", lines: lines, tables: [table])
    }

    static func effect(_ interval: PairedBootstrap?) -> String {
        guard let interval else { return "-" }
        return "\(PairedDocument.percent(interval.ratio)) (\(PairedDocument.percent(interval.lower)) .. \(PairedDocument.percent(interval.upper)))"
    }

    /// Each cell's median change over all the A/B's runs, with the larger side's spread.
    static func instructions(_ comparison: InstructionComparison?) -> String {
        guard let comparison, !comparison.cells.isEmpty else { return "-" }
        return comparison.cells.map { cell in
            "\(InstructionDocument.signed(cell.changePercent)) (\(cell.spreadPercent.map { "\(NumberText.fixed($0, 3))%" } ?? "-"))"
        }.joined(separator: "; ")
    }

    static func tally(_ tally: GatePower.Tally) -> String {
        guard let rate = tally.regressionRate else { return "- (too few pairs)" }
        let excluded = tally.notComparable > 0 ? ", \(tally.notComparable) not comparable" : ""
        return "\(tally.regressions)/\(tally.gates) (\(NumberText.share(rate))\(excluded))"
    }
}
