/// What a comparison of one metric in one cell concluded.
public enum Verdict: String, Sendable, Codable {
    /// Worse beyond both thresholds, with statistical support.
    case regression
    /// Better beyond both thresholds, with statistical support.
    case improvement
    /// Within the thresholds.
    case unchanged
    /// Beyond the thresholds, but the repetitions do not support it (overlap, or p too high): noise.
    case notSignificant = "not-significant"
    /// Beyond the thresholds, but with fewer repetitions a side than any verdict needs
    /// (`MetricJudge.minimumRepetitionsForVerdict`): neither a regression nor noise. Never gated.
    case inconclusive
    /// One side has no ok value for it.
    case noData = "no-data"

    public var symbol: String {
        switch self {
        case .regression: "REGRESSION"
        case .improvement: "improved"
        case .unchanged: "ok"
        case .notSignificant: "noise"
        case .inconclusive: "inconclusive"
        case .noData: "no data"
        }
    }
}
