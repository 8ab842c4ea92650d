import Foundation
import Gate
import Testing
import Results

/// One repetition a side gives no verdict: "ranges apart" is then always true (issue 18, item 2).
@Suite struct FewRepetitionsTests {
    @Test func oneRepetitionASideIsInconclusiveNotARegression() {
        let judge = MetricJudge(thresholds: CompareTests.thresholds)
        let result = judge.judge(metric: .processingLike, cell: CellAxes(engineThreads: 1, intraOpThreads: 1), cellID: "c",
                                 baseline: [1.0], current: [2.0], gated: true)
        #expect(result.verdict == .inconclusive)
        #expect(!result.isGatedRegression)
        #expect(result.support?.summary == "needs >= 2 repetitions a side")
    }

    @Test func aaOfOneRepetitionRunsNeverExits2() {
        var shifted = SyntheticRun(repetitions: 1, seed: 2)
        // Every cell 40% slower in the one current run: a whole-session shift that one repetition cannot tell from a change.
        shifted.slowdown = { _ in 1.4 }
        let comparison = CompareTests().comparator.compare(baseline: SyntheticRun(repetitions: 1, seed: 1).results(), current: shifted.results())
        #expect(comparison.outcome == .pass)
        #expect(comparison.regressions.isEmpty && comparison.overallRegressions.isEmpty)
        #expect(!comparison.inconclusive.isEmpty)
        let text = MarkdownRenderer.render(ComparisonDocument.make(comparison))
        #expect(text.contains("Inconclusive"))
        #expect(text.contains("repetitions >= 2"))
        #expect(!text.contains("REGRESSION"))
    }

    @Test func twoRepetitionsASideStillGiveVerdicts() {
        var slower = SyntheticRun(repetitions: 2, seed: 2)
        slower.slowdown = { $0.engineThreads == 4 ? 2.0 : 1 }
        let comparison = CompareTests().comparator.compare(baseline: SyntheticRun(repetitions: 2, seed: 1).results(), current: slower.results())
        #expect(comparison.outcome == .regression)
    }

    @Test func countsReadInTheRightNumber() {
        #expect(CountText.of(1, "regression") == "1 regression")
        #expect(CountText.of(0, "regression") == "0 regressions")
        #expect(CountText.of(2, "improvement") == "2 improvements")
    }
}
