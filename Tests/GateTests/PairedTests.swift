import Foundation
@testable import Gate
import Results
import Testing

/// The A/B's statistics and verdicts (arbench ab): Wilcoxon against published values, the all-cells
/// interval, and the verdict on constructed pairs.
@Suite struct WilcoxonSignedRankTests {
    /// scipy.stats.wilcoxon's documentation example (Cushny & Peebles' differences):
    /// `wilcoxon(d)` -> statistic 24.0, pvalue 0.041259765625 (exact, two-sided).
    static let cushny: [Double] = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75]

    @Test func exactMatchesScipysExample() {
        let test = WilcoxonSignedRank(differences: Self.cushny)
        #expect(test.method == .exact)
        #expect(test.negativeRankSum == 24)
        #expect(test.positiveRankSum == 96)
        #expect(abs(test.pValue - 0.041259765625) < 1e-12)
    }

    /// Ties force the normal approximation with tie and continuity correction:
    /// z = (|W+ - n(n+1)/4| - 0.5) / sqrt(n(n+1)(2n+1)/24 - sum(t^3 - t)/48), p = 2 (1 - Phi(z)).
    @Test func normalApproximationWithContinuityCorrection() {
        // 49 made 48: |-48| and 48 tie at ranks 10 and 11 (mid-rank 10.5); variance 310 - (2^3 - 2)/48.
        var tied = Self.cushny
        tied[10] = 48
        let test = WilcoxonSignedRank(differences: tied)
        #expect(test.method == .normalApproximation)
        // W- = 10.5 + 14 = 24.5, W+ = 95.5: |95.5 - 60| - 0.5 = 35.
        let z = 35 / (310 - 0.125).squareRoot()
        let expected = erfc(z / 2.0.squareRoot())
        #expect(abs(test.pValue - expected) < 1e-12)
        #expect(abs(test.pValue - 0.04678) < 1e-4)
    }

    /// Textbook tables: with all n differences of one sign, p = 2 / 2^n.
    @Test func allOneSignGivesTheSmallestExactP() {
        #expect(WilcoxonSignedRank(differences: [1, 2, 3, 4, 5]).pValue == 2.0 / 32)
        #expect(WilcoxonSignedRank(differences: [-0.1, -0.2, -0.3, -0.4, -0.5, -0.6]).pValue == 2.0 / 64)
        #expect(WilcoxonSignedRank(differences: (1...8).map(Double.init)).pValue == 2.0 / 256)
    }

    @Test func zerosAreDroppedAndNothingLeftIsNoEvidence() {
        let test = WilcoxonSignedRank(differences: [0, 0, 0])
        #expect(test.count == 0)
        #expect(test.pValue == 1)
        #expect(WilcoxonSignedRank(differences: [0, 1, 2, 3, 4, 5]).count == 5)
    }

    /// n = 10: the tables' two-sided 5% critical value is T = 8. The subsets of 1...10 summing to at
    /// most 8 number 1+1+1+2+2+3+4+5+6 = 25, so P(W <= 8) = 25/1024 (two-sided 0.049 < 0.05), and
    /// P(W <= 9) = 33/1024 (two-sided 0.064: 9 is not critical).
    @Test func exactLowerTailMatchesTables() {
        #expect(WilcoxonSignedRank.exactLowerTail(atMost: 8, n: 10) * 1024 == 25)
        #expect(WilcoxonSignedRank.exactLowerTail(atMost: 9, n: 10) * 1024 == 33)
        #expect(WilcoxonSignedRank.exactLowerTail(atMost: 0, n: 4) == 1.0 / 16)
        #expect(WilcoxonSignedRank.exactLowerTail(atMost: 10, n: 4) == 1)
    }
}

@Suite struct PairedBootstrapTests {
    @Test func geometricMeanOfCellMedians() throws {
        // Medians 1.21 and 1.0: geometric mean 1.1.
        let interval = try #require(PairedBootstrap(ratiosByCell: [[1.21, 1.21, 1.21], [1, 1, 1]]))
        #expect(abs(interval.ratio - 1.1) < 1e-12)
        // No spread within cells: every resample gives the same figure.
        #expect(abs(interval.lower - 1.1) < 1e-12 && abs(interval.upper - 1.1) < 1e-12)
    }

    @Test func spreadWidensTheIntervalAndTheSeedFixesIt() throws {
        let cells = [[0.9, 1.0, 1.1, 1.2, 1.05], [1.0, 0.95, 1.1, 1.02, 0.98]]
        let a = try #require(PairedBootstrap(ratiosByCell: cells, seed: 7))
        let b = try #require(PairedBootstrap(ratiosByCell: cells, seed: 7))
        #expect(a == b)
        #expect(a.lower < a.ratio && a.ratio < a.upper)
        #expect(PairedBootstrap(ratiosByCell: [[], []]) == nil)
    }
}

@Suite struct PairedComparatorTests {
    static func row(_ cell: String, _ repetition: Int, cpu: Double, processing: Double, rss: Double = 300,
                    status: String = "ok", digest: String = "d") -> ResultRow {
        var row = ResultRow(values: [:])
        row[.cellID] = cell
        row[.repetition] = String(repetition)
        row[.status] = status
        row[.userCPUSeconds] = String(cpu * 0.9)
        row[.systemCPUSeconds] = String(cpu * 0.1)
        row[.processingSeconds] = String(processing)
        row[.rssPeakMiB] = String(rss)
        row[.outputDigest] = digest
        return row
    }

    /// Cells c1..c4, `pairs` pairs each; base times vary by pair (the machine's drift), the current
    /// ones are `factor` times the base's, with noise up to `wobble` (±) alternating in sign per pair and
    /// distinct in size (so the ranks do not tie, as measured times do not).
    static func ab(factor: Double, wobble: Double = 0, pairs: Int = 8,
                   currentStatus: (String, Int) -> String = { _, _ in "ok" }) -> (pairs: [PairRecord], base: [ResultRow], current: [ResultRow]) {
        var records: [PairRecord] = [], base: [ResultRow] = [], current: [ResultRow] = []
        for c in 1...4 {
            let cell = "c\(c)"
            for p in 1...pairs {
                let drift = 1 + 0.05 * Double((p * 7 + c * 3) % 5)
                let cpu = 10 * Double(c) * drift, processing = 4 * Double(c) * drift
                let f = factor * (1 + wobble * Double(p % 2 == 0 ? p : -p) / Double(pairs))
                records.append(PairRecord(cellID: cell, pair: p, order: p % 2 == 0 ? .baseFirst : .currentFirst,
                                          baseRepetition: p, currentRepetition: p))
                base.append(row(cell, p, cpu: cpu, processing: processing))
                current.append(row(cell, p, cpu: cpu * f, processing: processing * f, status: currentStatus(cell, p)))
            }
        }
        return (records, base, current)
    }

    func compare(_ data: (pairs: [PairRecord], base: [ResultRow], current: [ResultRow])) -> PairedComparison {
        PairedComparator().compare(directory: "ab", pairs: data.pairs, base: data.base, current: data.current)
    }

    @Test func aClearTenPercentShiftIsARegression() {
        let result = compare(Self.ab(factor: 1.10, wobble: 0.01, pairs: 12))
        #expect(result.outcome == .regression)
        let cpu = result.overall.first { $0.metric == .cpuTime }!
        #expect(cpu.verdict == .regression)
        #expect(cpu.interval!.lower > 1.03)
        // Every cell's 12 pairs all worse: exact p = 2/4096 < 0.001, median +10% > 5%.
        #expect(result.cells.allSatisfy { cell in cell.metrics.first { $0.metric == .cpuTime }!.verdict == .regression })
        // Memory did not move.
        #expect(result.overall.first { $0.metric == .peakRSS }!.verdict == .unchanged)
    }

    @Test func identicalPairsAreNotARegression() {
        let result = compare(Self.ab(factor: 1.0))
        #expect(result.outcome == .pass)
        #expect(result.overall.allSatisfy { $0.verdict == .unchanged })
        #expect(result.cells.allSatisfy { cell in cell.metrics.allSatisfy { $0.verdict == .unchanged } })
    }

    /// Noise of ±2% around no change: within the limits, no alarm.
    @Test func smallSymmetricNoiseIsNotARegression() {
        #expect(compare(Self.ab(factor: 1.0, wobble: 0.02)).outcome == .pass)
    }

    /// With 8 pairs the exact test cannot reach p < 0.001 (2/256): a per-cell shift alone is not
    /// significant, but the all-cells interval still catches a uniform 10%.
    @Test func eightPairsRelyOnTheAllCellsFigure() {
        let result = compare(Self.ab(factor: 1.10, wobble: 0.01, pairs: 8))
        #expect(result.cells.allSatisfy { cell in cell.metrics.first { $0.metric == .cpuTime }!.verdict == .notSignificant })
        #expect(result.outcome == .regression)
    }

    /// Two pairs a cell: a 10% shift is beyond the limit, but the interval of so few pairs is no verdict.
    @Test func tooFewPairsForTheAllCellsFigureIsInconclusiveNotARegression() {
        let result = compare(Self.ab(factor: 1.10, wobble: 0.01, pairs: 2))
        #expect(result.overall.first { $0.metric == .cpuTime }!.verdict == .inconclusive)
        #expect(result.outcome == .pass)
        #expect(PairedDocument.make(result).lines.contains { $0.hasPrefix("inconclusive: a cell has fewer than 5 ok pairs") })
    }

    @Test func aFailureOnTheCurrentSideOnlyIsARegressionAndOtherCellsAreStillJudged() {
        let result = compare(Self.ab(factor: 1.0, currentStatus: { cell, pair in cell == "c2" && pair == 3 ? "failed" : "ok" }))
        #expect(result.outcome == .regression)
        let c2 = result.cells.first { $0.cellID == "c2" }!
        #expect(c2.failedOnCurrentOnly == 1)
        #expect(c2.metrics.first { $0.metric == .cpuTime }!.pairs == 7)
        #expect(result.cells.filter { $0.cellID != "c2" }.allSatisfy { !$0.isRegression })
        let document = PairedDocument.make(result)
        #expect(document.heading.contains("REGRESSION (exit 2)"))
        #expect(document.lines.contains { $0.contains("c2 failed on the current build only in 1 of 8 pairs") })
    }

    @Test func aFailureOnTheBaseSideOnlyIsReportedNotGated() {
        var data = Self.ab(factor: 1.0)
        data.base[0] = Self.row("c1", 1, cpu: 10, processing: 4, status: "failed")
        let result = compare(data)
        #expect(result.outcome == .pass)
        #expect(result.cells.first { $0.cellID == "c1" }!.failedOnBaseOnly == 1)
    }

    @Test func differentOutputsAreNotComparable() {
        var data = Self.ab(factor: 1.0)
        data.current[5] = Self.row("c1", 6, cpu: 10, processing: 4, digest: "other")
        #expect(compare(data).outcome == .outputsChanged)
        #expect(compare(data).outcome.exitCode == 3)
    }

    @Test func noPairsIsNotComparable() {
        #expect(PairedComparator().compare(directory: "ab", pairs: [], base: [], current: []).outcome == .notComparable)
    }

    @Test func thresholdsFileOverridesASubset() throws {
        let thresholds = try PairedThresholds.load(yaml: "metrics:\n  cpu_time: {cell_pct: 8, overall_pct: 4}\nalpha: 0.05\n")
        #expect(thresholds.limit(.cpuTime) == PairedThresholds.Limit(cellPercent: 8, overallPercent: 4))
        #expect(thresholds.limit(.peakRSS) == PairedThresholds.defaultMetrics[.peakRSS])
        #expect(thresholds.alpha == 0.05)
        #expect(throws: (any Error).self) { try PairedThresholds.load(yaml: "alpha: 3\n") }
    }

    @Test func jsonCarriesTheOutcome() throws {
        let text = try JSONReport.encode(compare(Self.ab(factor: 1.10, wobble: 0.01)))
        #expect(text.contains("\"outcome\" : \"regression\""))
    }
}
