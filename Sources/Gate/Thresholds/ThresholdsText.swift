/// The thresholds in effect, written in the thresholds-file format (a starting point for a custom file).
public enum ThresholdsText {
    public static func yaml(_ thresholds: GateThresholds) -> String {
        var out = "# arbench compare thresholds (defaults merged with any --thresholds file)\n"
        out += "statistics:\n"
        out += "  min_repetitions: \(thresholds.minimumRepetitions)   # fewer ok runs a side: medians, few_reps_relative_pct, ranges apart\n"
        out += "  test: \(thresholds.test.rawValue)   # or: \(StatisticalTest.allCases.filter { $0 != thresholds.test }.map(\.rawValue).joined(separator: ", "))\n"
        out += "  alpha: \(thresholds.alpha)\n"
        out += "  bootstrap: {confidence: \(thresholds.bootstrapConfidence), resamples: \(thresholds.bootstrapResamples), seed: \(thresholds.bootstrapSeed)}\n"
        out += "metrics:   # a cell: worse by more than relative_pct AND absolute (in the unit); all cells: geometric mean worse by overall_relative_pct\n"
        for metric in CompareMetric.allCases {
            let t = thresholds.threshold(metric)
            out += "  \(metric.rawValue): {relative_pct: \(NumberText.adaptive(t.relativePercent)), few_reps_relative_pct: \(NumberText.adaptive(t.fewRepetitionsRelativePercent)), "
            out += "absolute: \(NumberText.adaptive(t.absolute)), overall_relative_pct: \(NumberText.adaptive(t.overallRelativePercent))"
            out += "\(t.gated ? "" : ", gated: false")}   # \(metric.unit), \(metric.polarity.rawValue)\n"
        }
        return out
    }
}
