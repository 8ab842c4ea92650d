import Gate
import Testing
import Results

/// Expected values computed with scipy 1.17.1 (pyenv Python 3.11.7):
/// `scipy.stats.mannwhitneyu(x, y, alternative="two-sided")` (default method="auto": exact without
/// ties when a sample has <= 8 values, else normal approximation with tie and continuity correction),
/// printing `float(r.statistic), float(r.pvalue)`.
@Suite struct MannWhitneyUTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var x: [Double]
        var y: [Double]
        var u: Double
        var p: Double
        var method: MannWhitneyU.Method
        var testDescription: String { name }
    }

    static let scipyCases: [Case] = [
        Case(name: "exact, separated 5 v 5", x: [1, 2, 3, 4, 5], y: [6, 7, 8, 9, 10], u: 0, p: 0.007936507936507936, method: .exact),
        Case(name: "exact, overlapping 5 v 5", x: [1.1, 2.3, 3.0, 4.8, 5.5], y: [2.0, 3.5, 4.1, 6.2, 7.7], u: 8, p: 0.42063492063492064, method: .exact),
        Case(name: "exact 3 v 4", x: [10.0, 12.5, 11.2], y: [13.1, 9.8, 14.7, 15.0], u: 3, p: 0.4, method: .exact),
        Case(name: "exact 2 v 2", x: [1, 2], y: [3, 4], u: 0, p: 0.3333333333333333, method: .exact),
        Case(name: "exact 9 v 3 (one side small)", x: [1, 2, 3, 4, 5, 6, 7, 8, 9], y: [10, 11, 0.5], u: 9, p: 0.48181818181818176, method: .exact),
        Case(name: "ties 6 v 6 (normal approximation)", x: [1, 2, 2, 3, 4, 5], y: [2, 3, 3, 4, 6, 7], u: 10.5, p: 0.25471940446876185, method: .normalApproximation),
        Case(name: "large 10 v 12 (normal approximation)",
             x: [3.1, 2.9, 3.4, 3.0, 3.3, 2.8, 3.2, 3.5, 3.05, 2.95],
             y: [3.6, 3.4, 3.9, 3.7, 3.3, 4.0, 3.8, 3.55, 3.65, 3.75, 3.85, 3.45], u: 5, p: 0.00032357708055903185, method: .normalApproximation),
        Case(name: "all equal", x: [5, 5, 5, 5], y: [5, 5, 5, 5], u: 8, p: 1.0, method: .normalApproximation),
    ]

    @Test(arguments: scipyCases)
    func matchesScipy(_ c: Case) throws {
        let test = try #require(MannWhitneyU(c.x, c.y))
        #expect(test.u == c.u)
        #expect(abs(test.pValue - c.p) < 1e-9, "p \(test.pValue) vs scipy \(c.p)")
        #expect(test.method == c.method)
    }

    @Test func symmetricInItsSamples() throws {
        let a = [1.0, 4, 2, 8, 5], b = [3.0, 9, 7, 6, 10, 11]
        #expect(try #require(MannWhitneyU(a, b)).pValue == (try #require(MannWhitneyU(b, a))).pValue)
    }

    @Test func emptySampleHasNoTest() {
        #expect(MannWhitneyU([], [1, 2]) == nil)
    }
}

@Suite struct BootstrapTests {
    @Test func sameSeedSameInterval() throws {
        let base = [1.0, 1.1, 0.95, 1.05, 1.02], current = [1.3, 1.25, 1.4, 1.32, 1.28]
        let a = try #require(BootstrapMedianRatio(baseline: base, current: current, seed: 7))
        let b = try #require(BootstrapMedianRatio(baseline: base, current: current, seed: 7))
        #expect(a == b)
    }

    @Test func clearShiftExcludesOne() throws {
        let base = [1.0, 1.1, 0.95, 1.05, 1.02, 0.98], current = base.map { $0 * 1.3 }
        let interval = try #require(BootstrapMedianRatio(baseline: base, current: current))
        #expect(abs(interval.ratio - 1.3) < 1e-9)
        #expect(interval.lower > 1.15 && interval.upper < 1.5)
        #expect(interval.lower <= interval.ratio && interval.ratio <= interval.upper)
    }

    @Test func sameDistributionIncludesOne() throws {
        let base = [1.0, 1.1, 0.95, 1.05, 1.02, 0.98], current = [1.03, 0.97, 1.08, 1.0, 0.96, 1.04]
        let interval = try #require(BootstrapMedianRatio(baseline: base, current: current))
        #expect(interval.lower < 1 && interval.upper > 1)
    }
}

@Suite struct DescriptiveTests {
    /// numpy.quantile([3, 1, 2, 10], q) (linear, numpy's default): 0.25 -> 1.75, 0.9 -> 7.9, median 2.5.
    @Test func matchesNumpy() throws {
        #expect(Descriptive.quantile([3, 1, 2, 10], 0.25) == 1.75)
        #expect(abs(try #require(Descriptive.quantile([3, 1, 2, 10], 0.9)) - 7.9) < 1e-12)
        #expect(Descriptive.median([3, 1, 2, 10]) == 2.5)
        #expect(Descriptive.median([4, 1, 9]) == 4)
        #expect(Descriptive.median([]) == nil)
    }
}
