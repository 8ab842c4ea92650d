import Foundation
import Gate
import Testing

@Suite struct ExpectationTests {
    static let spec = """
        name: synthetic
        expectations:
          all_ok: true
          digests_equal: true
          fastest_intra_at_max_engine: 1
          oversubscription: {intra: 4, engine_from: 1, engine_to: 4, slower_by_at_least_pct: 50}
          scaling: {intra: 1, engine_from: 1, engine_to: 2, faster_by_at_least_pct: 30}
          allocator_rss_reduction: {allocator: jemalloc, versus: glibc, metric: rss_avg_mb, at_least_pct: 15}
        """

    @Test func parsesTheWholeVocabulary() throws {
        let expectations = try ExpectationParser.parse(specYAML: Self.spec, file: "s.yaml")
        #expect(expectations.map(\.name) == ExpectationParser.vocabulary)
        #expect(expectations[2] == .fastestIntraAtMaxEngine(.init(intra: 1, metric: .processingSeconds, marginPercent: 0, allocator: nil)))
    }

    @Test func listFormAllowsAKindTwice() throws {
        let expectations = try ExpectationParser.parse(specYAML: """
            expectations:
              - allocator_rss_reduction: {allocator: jemalloc, versus: glibc, at_least_pct: 10}
              - allocator_rss_reduction: {allocator: jemalloc, versus: glibc, metric: rss_peak_mb, at_least_pct: 5, engine_threads: 4}
            """, file: "s.yaml")
        #expect(expectations.count == 2)
    }

    @Test func specWithoutExpectationsHasNone() throws {
        #expect(try ExpectationParser.parse(specYAML: "name: x\n", file: "s.yaml").isEmpty)
    }

    /// A column without a better direction (a setting, a count of work) cannot be "better" or "worse".
    @Test func aMetricWithoutADirectionIsRefusedAndOneWithADirectionIsTaken() throws {
        let refused = """
            expectations:
              fastest_intra_at_max_engine: {intra: 1, metric: cpu_util_pct}
            """
        #expect(throws: ExpectationsError.self) { try ExpectationParser.parse(specYAML: refused, file: "s.yaml") }
        do {
            _ = try ExpectationParser.parse(specYAML: refused, file: "s.yaml")
        } catch let error as ExpectationsError {
            #expect(error.description.contains("s.yaml:2: expectations.fastest_intra_at_max_engine.metric: cpu_util_pct has no better direction"))
        }
        let taken = try ExpectationParser.parse(specYAML: refused.replacingOccurrences(of: "cpu_util_pct", with: "latency_p99_ms"), file: "s.yaml")
        #expect(taken == [.fastestIntraAtMaxEngine(.init(intra: 1, metric: .latencyP99Ms, marginPercent: 0, allocator: nil))])
    }

    /// The same reader as specs and thresholds: a key given twice is a problem, never "the last one wins".
    @Test func keysGivenTwiceAreProblems() {
        let yaml = """
            expectations:
              all_ok: true
              allocator_rss_reduction: {allocator: jemalloc, versus: glibc, at_least_pct: 5, at_least_pct: 50}
            """
        #expect(throws: ExpectationsError.self) { try ExpectationParser.parse(specYAML: yaml, file: "s.yaml") }
        do {
            _ = try ExpectationParser.parse(specYAML: yaml, file: "s.yaml")
        } catch let error as ExpectationsError {
            #expect(error.description == "s.yaml:3: at_least_pct: given twice (first on this line)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func mistakesAreReportedWithLines() {
        let yaml = """
            expectations:
              digests_equal: yes please
              fastest_intra: 1
              oversubscription: {intra: 4, engine_from: 1, slower_by_at_least_pct: 10, metric: speed}
              allocator_rss_reduction: {allocator: jemalloc, versus: glibc, at_least_pct: -3}
            """
        do {
            _ = try ExpectationParser.parse(specYAML: yaml, file: "s.yaml")
            Issue.record("accepted a bad block")
        } catch let error as ExpectationsError {
            let text = error.description
            #expect(text.contains("s.yaml:2: expectations.digests_equal: expected true"))
            #expect(text.contains("s.yaml:3: expectations.fastest_intra: unknown expectation (known: all_ok, digests_equal"))
            #expect(text.contains("s.yaml:4: expectations.oversubscription.engine_to: missing"))
            #expect(text.contains("expectations.oversubscription.metric: not a numeric results.csv column"))
            #expect(text.contains("s.yaml:5: expectations.allocator_rss_reduction.at_least_pct: expected a percentage >= 0"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func theStudysConclusionsHoldOnAHealthyRun() throws {
        let run = SyntheticRun(repetitions: 2).results()
        let report = ExpectationEvaluator(run: run).evaluate(try ExpectationParser.parse(specYAML: Self.spec, file: "s.yaml"), source: "s.yaml")
        for result in report.results { #expect(result.passed, "\(result.name): \(result.measured)") }
        #expect(report.outcome == .pass)
        let oversubscription = report.results.first { $0.name == "oversubscription" }!
        // Synthetic centres: intra 4 goes 0.8 s -> 1.64 s from engine 1 to 4 (+105%).
        #expect(oversubscription.details.contains { $0.hasPrefix("glibc: processing_s 0.8") && $0.contains("% worse") })
    }

    @Test func aBrokenEngineFailsWithTheMeasuredValue() throws {
        // The engine stopped scaling: every cell takes the same time, intra-op 4 even 20% less than
        // intra-op 1 (as if engine threads were serialised). jemalloc saves no memory.
        var flat = SyntheticRun(repetitions: 2)
        flat.slowdown = { ($0.intraOpThreads == 4 ? 0.8 : 1) / SyntheticRun.processingCentre($0) }
        flat.memoryFactor = { $0.allocator == "jemalloc" ? 1.25 : 1 }
        let report = ExpectationEvaluator(run: flat.results()).evaluate(try ExpectationParser.parse(specYAML: Self.spec, file: "s.yaml"), source: "s.yaml")
        #expect(report.outcome == .regression)
        #expect(report.outcome.exitCode == 2)
        let failed = Set(report.results.filter { !$0.passed }.map(\.name))
        #expect(failed == ["fastest_intra_at_max_engine", "oversubscription", "scaling", "allocator_rss_reduction"])
        let rss = report.results.first { $0.name == "allocator_rss_reduction" }!
        #expect(rss.measured.contains("0/6 cells hold"))
        let text = MarkdownRenderer.render(CheckDocument.make(report))
        #expect(text.contains("4 of 6 expectations FAIL (exit 2)"))
        #expect(text.contains("| FAIL | oversubscription |"))
    }

    @Test func fastestIntraFailsWhenIntraFourWins() throws {
        var inverted = SyntheticRun(repetitions: 2)
        inverted.slowdown = { $0.intraOpThreads == 1 && $0.engineThreads == 4 ? 5 : 1 }
        let result = ExpectationEvaluator(run: inverted.results()).evaluate(.fastestIntraAtMaxEngine(
            .init(intra: 1, metric: .processingSeconds, marginPercent: 0, allocator: "glibc")))
        #expect(!result.passed)
        #expect(result.measured.contains("best is intra 4"))
    }

    @Test func marginIsEnforced() {
        let run = SyntheticRun(repetitions: 2).results()
        // Intra 1 at engine 4: 0.5 s; intra 4: 1.64 s, 228% worse.
        let claim = { (margin: Double) in Expectation.fastestIntraAtMaxEngine(.init(intra: 1, metric: .processingSeconds, marginPercent: margin, allocator: nil)) }
        #expect(ExpectationEvaluator(run: run).evaluate(claim(100)).passed)
        #expect(!ExpectationEvaluator(run: run).evaluate(claim(400)).passed)
    }

    @Test func failedRunsAndDigestMismatchFail() {
        var crashing = SyntheticRun(repetitions: 2)
        crashing.failing = { axes, _ in axes.engineThreads == 2 && axes.intraOpThreads == 4 }
        let evaluator = ExpectationEvaluator(run: crashing.results())
        let allOK = evaluator.evaluate(.allOK)
        #expect(!allOK.passed)
        #expect(allOK.measured == "20/24 runs ok")

        var rows = SyntheticRun(repetitions: 2).rows()
        rows[3]["output_digest"] = "different"
        let digests = ExpectationEvaluator(run: RunResults(source: "x", rows: rows, meta: nil)).evaluate(.digestsEqual)
        #expect(!digests.passed)
        #expect(digests.measured == "2 different digests")
    }

    @Test func missingCellsFailRatherThanPass() {
        let run = SyntheticRun(engineThreads: [1, 2], repetitions: 2).results()
        let result = ExpectationEvaluator(run: run).evaluate(.oversubscription(
            .init(intra: 4, engineFrom: 1, engineTo: 4, atLeastPercent: 10, metric: .processingSeconds, allocator: nil)))
        #expect(!result.passed)
        #expect(result.details.contains { $0.contains("no ok cell for engine 1 or 4 at intra 4") })
    }

    /// The committed experiment's expectations must parse (a typo there would only show in CI).
    @Test func quickYAMLExpectationsParse() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Experiments/quick.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let expectations = try ExpectationParser.parse(specYAML: text, file: path)
        #expect(expectations.map(\.name).contains("digests_equal"))
        #expect(expectations.count >= 3)
    }
}
