import Gate
import Testing

@Suite struct ThresholdsTests {
    @Test func aKeyGivenTwiceIsAProblem() {
        let yaml = """
            metrics:
              wall_time: {relative_pct: 10}
              wall_time: {relative_pct: 90}
            """
        do {
            _ = try ThresholdsLoader.parse(yaml: yaml, file: "t.yaml")
            Issue.record("accepted a doubled key")
        } catch {
            #expect("\(error)" == "t.yaml:2: wall_time: given twice (first on this line)")
        }
    }

    @Test func emptyFileKeepsTheDefaults() throws {
        #expect(try ThresholdsLoader.parse(yaml: "") == .default)
        #expect(try ThresholdsLoader.parse(yaml: "# nothing\n") == .default)
    }

    @Test func overridesOnlyWhatItNames() throws {
        let thresholds = try ThresholdsLoader.parse(yaml: """
            statistics:
              min_repetitions: 3
              test: bootstrap
              alpha: 0.01
              bootstrap: {confidence: 0.9, resamples: 500, seed: 9}
            metrics:
              wall_time: {relative_pct: 7.5, few_reps_relative_pct: 30, absolute: 0.2}
              peak_rss: {absolute: 64}
              p99_latency: off
            """)
        #expect(thresholds.minimumRepetitions == 3)
        #expect(thresholds.test == .bootstrap)
        #expect(thresholds.alpha == 0.01)
        #expect(thresholds.bootstrapConfidence == 0.9 && thresholds.bootstrapResamples == 500 && thresholds.bootstrapSeed == 9)
        #expect(thresholds.threshold(.wallTime) == MetricThreshold(relativePercent: 7.5, fewRepetitionsRelativePercent: 30, absolute: 0.2, overallRelativePercent: GateThresholds.default.threshold(.wallTime).overallRelativePercent))
        let rss = thresholds.threshold(.peakRSS), defaultRSS = GateThresholds.default.threshold(.peakRSS)
        #expect(rss.absolute == 64 && rss.relativePercent == defaultRSS.relativePercent)
        #expect(!thresholds.threshold(.p99Latency).gated)
        #expect(thresholds.threshold(.cpuTime) == GateThresholds.default.threshold(.cpuTime))
    }

    @Test func raisingRelativeAlsoRaisesTheFewRepetitionsBar() throws {
        let thresholds = try ThresholdsLoader.parse(yaml: "metrics:\n  cpu_time: {relative_pct: 90}\n")
        #expect(thresholds.threshold(.cpuTime).fewRepetitionsRelativePercent == 90)
    }

    @Test func everyProblemIsReportedWithItsLine() {
        let yaml = """
            statistics:
              test: t-test
              alpha: 2
            metrics:
              wall_tme: {relative_pct: 10}
              cpu_time: {relative_pct: ten, absolute: -1}
              throughput: {relative_pct: 20, few_reps_relative_pct: 10}
            extra: 1
            """
        #expect(throws: ThresholdsError.self) { try ThresholdsLoader.parse(yaml: yaml, file: "t.yaml") }
        do {
            _ = try ThresholdsLoader.parse(yaml: yaml, file: "t.yaml")
        } catch let error as ThresholdsError {
            let text = error.description
            #expect(text.contains("t.yaml:8: extra: unknown key (allowed here: statistics, metrics)"))
            #expect(text.contains("t.yaml:2: statistics.test: \"t-test\" is not one of: mann-whitney, bootstrap"))
            #expect(text.contains("t.yaml:3: statistics.alpha: 2.0 is outside"))
            #expect(text.contains("t.yaml:5: metrics.wall_tme: unknown key (did you mean `wall_time`? allowed here: wall_time, cpu_time"))
            #expect(text.contains("t.yaml:6: metrics.cpu_time.relative_pct: expected a number, got \"ten\""))
            #expect(text.contains("t.yaml:6: metrics.cpu_time.absolute: -1.0 is outside"))
            #expect(text.contains("t.yaml:7: metrics.throughput.few_reps_relative_pct: 10.0 is below relative_pct 20.0"))
            #expect(error.problems.count == 7)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func notYAMLIsAClearError() {
        #expect(throws: ThresholdsError.self) { try ThresholdsLoader.parse(yaml: "metrics: [unclosed", file: "bad.yaml") }
        #expect(throws: ThresholdsError.self) { try ThresholdsLoader.parse(yaml: "- a list\n", file: "bad.yaml") }
    }

    @Test func printedThresholdsReadBackTheSame() throws {
        var custom = GateThresholds.default
        custom.metrics[.averageRSS] = MetricThreshold(relativePercent: 12, fewRepetitionsRelativePercent: 18, absolute: 25, overallRelativePercent: 6, gated: false)
        custom.test = .bootstrap
        let again = try ThresholdsLoader.parse(yaml: ThresholdsText.yaml(custom))
        #expect(again == custom)
    }
}
