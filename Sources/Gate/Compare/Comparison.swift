import Results

/// Everything `arbench compare` found, ready to print in any format.
public struct Comparison: Sendable, Codable {
    public var baseline: String
    public var current: String
    public var comparability: Comparability
    /// Nil when the runs were not compared (not comparable).
    public var mode: ComparisonMode?
    public var allowedDifferentMachine: Bool
    public var referenceCell: ReferenceCell
    public var thresholds: GateThresholds
    public var metrics: [MetricComparison]
    /// Each metric over all matched cells (geometric mean of the ratios).
    public var overall: [OverallComparison]
    public var cellProblems: [CellProblem]
    /// Lines a reader should see before the tables (why not comparable, what was skipped, warnings).
    public var notes: [String]
    public var outcome: GateOutcome

    public var regressions: [MetricComparison] { metrics.filter(\.isGatedRegression) }
    public var overallRegressions: [OverallComparison] { overall.filter(\.isGatedRegression) }
    public var improvements: [MetricComparison] { metrics.filter { $0.gated && $0.verdict == .improvement } }
    /// Beyond the thresholds with too few repetitions for any verdict (cells, then all cells together).
    public var inconclusive: [MetricComparison] { metrics.filter { $0.gated && $0.verdict == .inconclusive } }
    public var inconclusiveOverall: [OverallComparison] { overall.filter { $0.gated && $0.verdict == .inconclusive } }
    public var usedFewRepetitions: Bool { metrics.contains(where: \.fewRepetitions) }
    public var usedTest: Bool { metrics.contains { !$0.fewRepetitions && $0.verdict != .noData } }

    /// One sentence on how "real" was decided, as the output states it.
    public var statisticsExplanation: String {
        var parts: [String] = []
        if usedTest {
            switch thresholds.test {
            case .mannWhitney:
                parts.append("with >= \(thresholds.minimumRepetitions) ok repetitions a side: a change counts when the medians move beyond the threshold and Mann-Whitney U gives two-sided p < \(NumberText.fixed(thresholds.alpha, 3))")
            case .bootstrap:
                parts.append("with >= \(thresholds.minimumRepetitions) ok repetitions a side: a change counts when the medians move beyond the threshold and the \(Int(thresholds.bootstrapConfidence * 100))% bootstrap interval of the median ratio excludes 1")
            }
        }
        if usedFewRepetitions {
            parts.append("with fewer than \(thresholds.minimumRepetitions) ok repetitions a side (too few for a test): medians only, against the wider few-repetitions threshold, and every current repetition must lie beyond every baseline repetition")
        }
        return parts.joined(separator: "; ")
    }

    enum CodingKeys: String, CodingKey {
        case baseline, current, comparability, mode, thresholds, metrics, overall, notes, outcome
        case allowedDifferentMachine = "allowed_different_machine"
        case referenceCell = "reference_cell"
        case cellProblems = "cell_problems"
    }
}
