import Results

/// What `ab-power` prints: per long A/B, the effect it measured on all its pairs and how often gates
/// of the chosen size drawn from it said regression (a false-alarm rate for an A/A, a detection rate
/// for a slowdown).
public enum GatePowerDocument {
    public static func make(_ estimates: [GatePower], draws: Int, withReplacement: Bool = false, seed: UInt64) -> ReportDocument {
        let size = estimates.first.map { "\($0.pairsPerCell) pairs a cell" } ?? "-"
        let lines = [
            "gates of \(size), judged as `arbench ab` judges (its thresholds); from each long A/B: its disjoint gates "
                + "(independent, as many as its pairs make) and \(draws) gates drawn "
                + (withReplacement ? "with replacement (a bootstrap of the pairs) " : "without replacement within a gate ")
                + "(seed \(seed); they share pairs, so that rate is an estimate, not a count of independent trials)",
            "effect: the long A/B's all-cells geometric mean of the cells' median ratios over all its pairs, with its interval",
        ]
        let effectMetrics: [PairedMetric] = [.cpuTime, .processingTime]
        let table = ReportTable(
            title: "Gate power",
            headers: ["A/B", "cells", "pairs a cell"] + effectMetrics.map { "\($0.label) effect" }
                + ["disjoint gates: regression", "drawn gates: regression"],
            numeric: [1, 2],
            rows: estimates.map { e in
                [e.directory, String(e.cells), String(e.pairsAvailable)]
                    + effectMetrics.map { metric in effect(e.effect.overall.first { $0.metric == metric }?.interval) }
                    + [tally(e.disjoint), tally(e.resampled)]
            })
        return ReportDocument(heading: "arbench ab-power", lines: lines, tables: [table])
    }

    static func effect(_ interval: PairedBootstrap?) -> String {
        guard let interval else { return "-" }
        return "\(PairedDocument.percent(interval.ratio)) (\(PairedDocument.percent(interval.lower)) .. \(PairedDocument.percent(interval.upper)))"
    }

    static func tally(_ tally: GatePower.Tally) -> String {
        guard let rate = tally.regressionRate else { return "- (too few pairs)" }
        let excluded = tally.notComparable > 0 ? ", \(tally.notComparable) not comparable" : ""
        return "\(tally.regressions)/\(tally.gates) (\(NumberText.share(rate))\(excluded))"
    }
}
