/// Which test gives a change "statistical support" when both sides have enough repetitions.
public enum StatisticalTest: String, Sendable, Codable, CaseIterable {
    /// Two-sided Mann-Whitney U, p below alpha.
    case mannWhitney = "mann-whitney"
    /// The bootstrap confidence interval of median(current) / median(baseline) excludes 1.
    case bootstrap
}
