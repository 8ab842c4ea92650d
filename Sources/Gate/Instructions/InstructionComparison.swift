import Results

/// An instruction-count A/B's verdict (`arbench ab --measure instructions`): per cell the counted
/// instructions of each side's runs, the change of the medians, the runs' own spread, and where the
/// change went (by program and library).
public struct InstructionComparison: Sendable, Codable {
    public struct ObjectChange: Sendable, Codable, Equatable {
        public var object: String
        /// Medians over the side's runs.
        public var base: UInt64
        public var current: UInt64
        /// Of the cell's base total: what this object's change adds to the cell's change.
        public var shareOfTotalPercent: Double
        /// True for a wait-loop library (InstructionProfile.waitLoopObjects): shown, not gated.
        public var waitLoop: Bool
    }

    public struct Cell: Sendable, Codable, Equatable {
        public var cellID: String
        /// Gated instructions of each ok run with a readable count, in pair order.
        public var base: [UInt64]
        public var current: [UInt64]
        /// current / base of the medians, minus 1, in percent.
        public var changePercent: Double?
        /// The larger side's (max - min) / median, in percent: how far one build's runs disagree.
        public var spreadPercent: Double?
        /// The limit applied: the configured one, or a multiple of the spread when that is larger.
        public var limitPercent: Double
        public var failedOnCurrentOnly: Int
        public var outputsDiffer: Int
        /// The largest changes by object, largest first.
        public var objects: [ObjectChange]
        public var verdict: Verdict
    }

    public var directory: String
    public var pairs: Int
    public var cells: [Cell]
    /// The configured limit and the spread multiple.
    public var limitPercent: Double
    public var spreadMultiple: Double
    public var minimumRuns: Int
    public var notes: [String]
    public var outcome: GateOutcome
}
