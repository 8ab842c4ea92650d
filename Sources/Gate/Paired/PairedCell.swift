/// One cell of an A/B as judged: its pairs' health and, per metric, the paired figures.
public struct PairedCell: Sendable, Codable, Equatable {
    public struct MetricResult: Sendable, Codable, Equatable {
        public var metric: PairedMetric
        /// Pairs with both runs ok and the figure on both sides.
        public var pairs: Int
        /// Median of current/base per pair, oriented so above 1 is worse (PairedMetric.worseRatio).
        public var medianRatio: Double?
        public var test: WilcoxonSignedRank?
        public var verdict: Verdict
    }

    public var cellID: String
    public var pairs: Int
    /// Pairs whose current run failed while the base run was ok: a regression, never noise.
    public var failedOnCurrentOnly: Int
    /// Pairs whose base run failed while the current one was ok: reported, not gated (the current
    /// build fixed something, or the base is broken; either way not a regression of the current build).
    public var failedOnBaseOnly: Int
    public var failedOnBoth: Int
    /// Pairs whose ok runs produced different output digests: the builds did different work.
    public var outputsDiffer: Int
    public var metrics: [MetricResult]

    public var isRegression: Bool { failedOnCurrentOnly > 0 || metrics.contains { $0.verdict == .regression } }
}
