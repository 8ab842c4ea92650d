import Foundation

/// A sequential paired A/B (`ab --max-pairs N`): instead of a fixed number of pairs a cell, the A/B looks at
/// its pairs after `firstLook` pairs a cell (the spec's repetitions) and then every `every` pairs, up to
/// `maxPairs`, and stops at the first look that is clear:
///  - DIFFERENT: the gate says regression (a cell's test, or the all-cells interval beyond its limit);
///  - SAME: for every gated metric the all-cells interval's upper end is below `samePercent`
///    (a slowdown that large is ruled out), so more pairs would not change the answer;
///  - otherwise it runs more pairs, and at the budget it is UNSURE: not a regression (exit 0), said so.
/// Looking several times gives noise several chances: alpha and the interval's miss rate are shared over
/// the looks (Bonferroni), so the false-alarm rate stays the fixed gate's or below; `ab-power --max-pairs`
/// replays the rule on measured pairs to check it (Experiments/gate/NOISE.md).
public struct SequentialRule: Sendable, Codable, Equatable {
    public var firstLook: Int
    public var every: Int
    public var maxPairs: Int
    public var samePercent: Double

    public init(firstLook: Int, every: Int = 2, maxPairs: Int, samePercent: Double) {
        self.firstLook = max(1, firstLook)
        self.every = max(1, every)
        self.maxPairs = max(self.firstLook, maxPairs)
        self.samePercent = samePercent
    }

    public enum Decision: String, Sendable, Codable {
        case different, same, unsure
        /// Not decided yet, more pairs to come.
        case continuing
    }

    /// Pairs a cell at each look, the budget always last.
    public var looks: [Int] {
        var looks = Array(stride(from: firstLook, through: maxPairs, by: every))
        if looks.last != maxPairs { looks.append(maxPairs) }
        return looks
    }

    /// The thresholds each look is judged with: alpha and 1 - confidence divided by the number of looks.
    public func perLook(_ thresholds: PairedThresholds) -> PairedThresholds {
        var adjusted = thresholds
        let count = Double(looks.count)
        adjusted.alpha = thresholds.alpha / count
        adjusted.confidence = 1 - (1 - thresholds.confidence) / count
        return adjusted
    }

    /// What a look at `pairsPerCell` pairs a cell concludes from the comparison of those pairs (judged with
    /// `perLook` thresholds).
    public func decide(_ comparison: PairedComparison, pairsPerCell: Int) -> Decision {
        if comparison.outcome == .regression { return .different }
        if comparison.outcome != .pass { return .unsure }
        // Below min_pairs the all-cells interval is too narrow to trust (PairedThresholds.minimumPairs): no "same" from it.
        guard pairsPerCell >= comparison.thresholds.minimumPairs else { return pairsPerCell >= maxPairs ? .unsure : .continuing }
        let gated = comparison.overall.filter { comparison.thresholds.limit($0.metric).gated }
        let ruledOut = !gated.isEmpty && gated.allSatisfy { overall in
            guard let interval = overall.interval else { return false }
            return interval.upper < 1 + samePercent / 100
        }
        if ruledOut { return .same }
        return pairsPerCell >= maxPairs ? .unsure : .continuing
    }

    /// How a sequential A/B ended: the decision and the pairs it took.
    public struct Summary: Sendable, Codable, Equatable {
        public var rule: SequentialRule
        public var decision: Decision
        public var pairsPerCell: Int
        public var looksTaken: Int

        public init(rule: SequentialRule, decision: Decision, pairsPerCell: Int, looksTaken: Int) {
            self.rule = rule
            self.decision = decision
            self.pairsPerCell = pairsPerCell
            self.looksTaken = looksTaken
        }
    }
}
