/// An A/B's verdict: per cell, over all cells, and the outcome with compare's exit codes.
public struct PairedComparison: Sendable, Codable {
    public struct Overall: Sendable, Codable, Equatable {
        public var metric: PairedMetric
        public var cells: Int
        public var interval: PairedBootstrap?
        public var thresholdPercent: Double
        public var verdict: Verdict
    }

    public var directory: String
    public var pairs: Int
    public var cells: [PairedCell]
    public var overall: [Overall]
    public var thresholds: PairedThresholds
    /// Rows or pairs the verdict could not use, one line each.
    public var notes: [String]
    public var outcome: GateOutcome
    /// A sequential A/B's ending (`ab --max-pairs`); nil for a fixed one.
    public var sequential: SequentialRule.Summary?
}
