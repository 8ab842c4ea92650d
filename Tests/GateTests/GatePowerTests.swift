@testable import Gate
import Results
import Testing

/// ab-power's gates are drawn from one long A/B and judged as `ab` judges them.
@Suite struct GatePowerTests {
    typealias Data = (pairs: [PairRecord], base: [ResultRow], current: [ResultRow])

    func power(_ data: Data, pairsPerCell: Int, draws: Int = 40, seed: UInt64 = 1) -> GatePower {
        GatePower(directory: "ab", pairs: data.pairs, base: data.base, current: data.current,
                  pairsPerCell: pairsPerCell, draws: draws, seed: seed, comparator: PairedComparator())
    }

    @Test func disjointGatesAreAsManyAsThePairsMake() {
        let result = power(PairedComparatorTests.ab(factor: 1.0, pairs: 24), pairsPerCell: 8)
        #expect(result.pairsAvailable == 24)
        #expect(result.cells == 4)
        #expect(result.disjoint.gates == 3)
        #expect(result.resampled.gates == 40)
    }

    @Test func noChangeNeverAlarmsAndAClearSlowdownAlwaysDoes() {
        let same = power(PairedComparatorTests.ab(factor: 1.0, wobble: 0.02, pairs: 24), pairsPerCell: 8)
        #expect(same.disjoint.regressions == 0)
        #expect(same.resampled.regressions == 0)
        let slower = power(PairedComparatorTests.ab(factor: 1.10, wobble: 0.01, pairs: 24), pairsPerCell: 8)
        #expect(slower.disjoint.regressions == slower.disjoint.gates)
        #expect(slower.resampled.regressionRate == 1)
        // The effect is the long A/B judged on all of its pairs.
        #expect(abs(slower.effect!.overall.first { $0.metric == .cpuTime }!.interval!.ratio - 1.10) < 0.01)
    }

    /// Gates of 4 pairs cannot reach the all-cells verdict (min_pairs 5) nor p < 0.01: the same
    /// slowdown that 8 pairs catch goes unseen, which is what sizing the gate must show.
    @Test func gatesTooSmallForTheStatisticsNeverAlarm() {
        let result = power(PairedComparatorTests.ab(factor: 1.10, wobble: 0.01, pairs: 24), pairsPerCell: 4)
        #expect(result.disjoint.gates == 6)
        #expect(result.disjoint.regressions == 0)
        #expect(result.resampled.regressions == 0)
    }

    @Test func moreThanTheAvailablePairsDrawsNothing() {
        let result = power(PairedComparatorTests.ab(factor: 1.0, pairs: 6), pairsPerCell: 8)
        #expect(result.disjoint.gates == 0)
        #expect(result.resampled.gates == 0)
        #expect(result.resampled.regressionRate == nil)
    }

    /// With replacement (a bootstrap of the pairs), gates may be larger than the pool; no disjoint ones.
    @Test func withReplacementGatesMayOutgrowThePool() {
        let data = PairedComparatorTests.ab(factor: 1.10, wobble: 0.01, pairs: 6)
        let result = GatePower(directory: "ab", pairs: data.pairs, base: data.base, current: data.current,
                               pairsPerCell: 12, draws: 30, withReplacement: true, seed: 3, comparator: PairedComparator())
        #expect(result.disjoint.gates == 0)
        #expect(result.resampled.gates == 30)
        #expect(result.resampled.regressions == 30)
    }

    @Test func theSeedFixesTheDraws() {
        let data = PairedComparatorTests.ab(factor: 1.04, wobble: 0.05, pairs: 24)
        #expect(power(data, pairsPerCell: 6, seed: 7).resampled == power(data, pairsPerCell: 6, seed: 7).resampled)
    }
}

/// The sequential A/B's rule (`ab --max-pairs`) and its replay by ab-power.
@Suite struct SequentialRuleTests {
    @Test func looksStartAtTheSpecsPairsAndEndAtTheBudget() {
        let rule = SequentialRule(firstLook: 12, maxPairs: 25, samePercent: 5)
        #expect(rule.looks == [12, 14, 16, 18, 20, 22, 24, 25])
        #expect(SequentialRule(firstLook: 12, maxPairs: 12, samePercent: 5).looks == [12])
        // The miss rates are shared over the looks, so looking often does not add false alarms.
        let adjusted = rule.perLook(.default)
        #expect(abs(adjusted.alpha - 0.001 / 8) < 1e-12)
        #expect(abs(adjusted.confidence - (1 - 0.05 / 8)) < 1e-12)
    }

    func decide(factor: Double, wobble: Double, pairs: Int) -> SequentialRule.Decision {
        let rule = SequentialRule(firstLook: 12, maxPairs: 24, samePercent: 5)
        let data = PairedComparatorTests.ab(factor: factor, wobble: wobble, pairs: pairs)
        let comparison = PairedComparator(thresholds: rule.perLook(.default)).compare(
            directory: "ab", pairs: data.pairs, base: data.base, current: data.current)
        return rule.decide(comparison, pairsPerCell: pairs)
    }

    @Test func noChangeIsSameAClearSlowdownDifferentAndACloseCallContinues() {
        #expect(decide(factor: 1.0, wobble: 0.02, pairs: 12) == .same)
        #expect(decide(factor: 1.10, wobble: 0.01, pairs: 12) == .different)
        // 3.5% slower, each pair's ratio off by up to +-10%: neither ruled out nor shown at 12 pairs a cell.
        #expect(decide(factor: 1.035, wobble: 0.10, pairs: 12) == .continuing)
        #expect(decide(factor: 1.035, wobble: 0.10, pairs: 24) == .unsure)
    }

    @Test func theReplayStopsClearGatesAtTheFirstLook() {
        let rule = SequentialRule(firstLook: 12, maxPairs: 24, samePercent: 5)
        let same = PairedComparatorTests.ab(factor: 1.0, wobble: 0.02, pairs: 24)
        let aa = GatePower(directory: "ab", pairs: same.pairs, base: same.base, current: same.current, rule: rule,
                           draws: 20, seed: 1, thresholds: .default)
        #expect(aa.resampled.regressions == 0)
        #expect(aa.resampled.meanPairs == 12)
        #expect(aa.disjoint.gates == 1)
        let slow = PairedComparatorTests.ab(factor: 1.10, wobble: 0.01, pairs: 24)
        let caught = GatePower(directory: "ab", pairs: slow.pairs, base: slow.base, current: slow.current, rule: rule,
                               draws: 20, seed: 1, thresholds: .default)
        #expect(caught.resampled.regressionRate == 1)
        #expect(caught.resampled.meanPairs == 12)
    }
}

extension SequentialRuleTests {
    /// Two pairs a cell make a bootstrap interval far narrower than the noise: never "same" from it.
    @Test func tooFewPairsForTheIntervalNeverStopAsSame() {
        let rule = SequentialRule(firstLook: 2, maxPairs: 4, samePercent: 5)
        let data = PairedComparatorTests.ab(factor: 1.0, pairs: 2)
        let comparison = PairedComparator(thresholds: rule.perLook(.default)).compare(
            directory: "ab", pairs: data.pairs, base: data.base, current: data.current)
        #expect(rule.decide(comparison, pairsPerCell: 2) == .continuing)
        #expect(rule.decide(comparison, pairsPerCell: 4) == .unsure)
    }
}
