import Foundation
import Gate
import Testing
import Results

@Suite struct CompareTests {
    /// Fixed here rather than the measured defaults, so re-tuning the defaults does not move these tests.
    static let thresholds = GateThresholds(metrics: [
        .wallTime: MetricThreshold(relativePercent: 10, fewRepetitionsRelativePercent: 20, absolute: 0.3, overallRelativePercent: 10),
        .cpuTime: MetricThreshold(relativePercent: 10, fewRepetitionsRelativePercent: 20, absolute: 0.5, overallRelativePercent: 10),
        .peakRSS: MetricThreshold(relativePercent: 10, fewRepetitionsRelativePercent: 15, absolute: 30, overallRelativePercent: 10),
        .averageRSS: MetricThreshold(relativePercent: 10, fewRepetitionsRelativePercent: 15, absolute: 30, overallRelativePercent: 10),
        .throughput: MetricThreshold(relativePercent: 10, fewRepetitionsRelativePercent: 20, absolute: 2, overallRelativePercent: 10),
        .p99Latency: MetricThreshold(relativePercent: 25, fewRepetitionsRelativePercent: 50, absolute: 10, overallRelativePercent: 10),
        .wallTimeNormalised: MetricThreshold(relativePercent: 12, fewRepetitionsRelativePercent: 25, absolute: 0.05, overallRelativePercent: 10),
        .cpuTimeNormalised: MetricThreshold(relativePercent: 12, fewRepetitionsRelativePercent: 25, absolute: 0.05, overallRelativePercent: 10),
        .throughputNormalised: MetricThreshold(relativePercent: 12, fewRepetitionsRelativePercent: 25, absolute: 0.05, overallRelativePercent: 10),
        .p99LatencyNormalised: MetricThreshold(relativePercent: 30, fewRepetitionsRelativePercent: 60, absolute: 0.1, overallRelativePercent: 10),
    ])
    let comparator = RunComparator(thresholds: Self.thresholds)

    @Test func aaWithTheMeasuredDefaultsPasses() {
        // Noise like the quiet-machine A/A runs (see NOISE.md), two repetitions as quick.yaml has.
        let comparison = RunComparator().compare(baseline: SyntheticRun(repetitions: 2, noise: 0.05, seed: 3).results(),
                                                 current: SyntheticRun(repetitions: 2, noise: 0.05, seed: 4).results())
        #expect(comparison.outcome == .pass)
    }

    /// Other tags for the same audio are a correctness change, reported as such (exit 3), never gated as timing.
    @Test func otherOutputsAreTheirOwnVerdict() {
        let baseline = SyntheticRun(seed: 1).results(source: "A")
        var rows = SyntheticRun(seed: 2).rows()
        for i in rows.indices where rows[i].isOK && rows[i][.engineThreads] == "4" { rows[i][.outputDigest] = "def456" }
        let current = RunResults(source: "B", rows: rows, meta: baseline.meta)
        let comparison = comparator.compare(baseline: baseline, current: current)
        #expect(comparison.outcome == .outputsChanged)
        #expect(comparison.outcome.exitCode == 3)
        #expect(comparison.notes.contains { $0.hasPrefix("outputs changed:") })
        #expect(comparison.notes.contains { $0.contains("output_digest abc123 in the baseline, def456 now") })
        #expect(comparison.metrics.isEmpty, "timings of other work are not compared")
        // The same outputs pass.
        #expect(comparator.compare(baseline: baseline, current: SyntheticRun(seed: 2).results(source: "B")).outcome == .pass)
    }

    @Test func anotherModelIsAnOutputChange() throws {
        let baseline = SyntheticRun(seed: 1).results(source: "A")
        var current = SyntheticRun(seed: 2).results(source: "B")
        var meta = try #require(baseline.meta)
        meta.inputs = RunMetadata.Inputs(modelPath: "m.pt", audioPaths: [], audioBytes: [], modelDigest: "1111", audioDigest: "a")
        var baseMeta = baseline
        baseMeta.meta = meta
        meta.inputs?.modelDigest = "2222"
        current.meta = meta
        let comparison = comparator.compare(baseline: baseMeta, current: current)
        #expect(comparison.outcome == .outputsChanged)
        #expect(comparison.notes.contains { $0 == "another model: model_digest 1111 in the baseline, 2222 now" })
    }

    @Test func aaOnTheSameMachinePasses() {
        let baseline = SyntheticRun(seed: 1).results(source: "A")
        let current = SyntheticRun(seed: 2).results(source: "B")
        let comparison = comparator.compare(baseline: baseline, current: current)
        #expect(comparison.outcome == .pass)
        #expect(comparison.outcome.exitCode == 0)
        #expect(comparison.mode == .absoluteAndNormalised)
        #expect(comparison.regressions.isEmpty)
        // 12 cells; 10 metrics each, less the 4 normalised ones of the 2 reference cells (e1 i1 per allocator).
        #expect(comparison.metrics.count == 12 * 10 - 2 * 4)
        #expect(comparison.overall.count == 10)
        #expect(comparison.overall.allSatisfy { $0.verdict == .unchanged })
        #expect(!comparison.usedFewRepetitions)
    }

    @Test func injectedSlowdownIsARegressionWithAReadableTable() {
        let baseline = SyntheticRun(seed: 1).results(source: "Results/baselines/quick")
        var slower = SyntheticRun(seed: 2)
        // The oversubscribed cells take 40% longer, the others are untouched.
        slower.slowdown = { $0.intraOpThreads == 4 && $0.engineThreads == 4 ? 1.4 : 1 }
        let comparison = comparator.compare(baseline: baseline, current: slower.results(source: "run"))
        #expect(comparison.outcome == .regression)
        #expect(comparison.outcome.exitCode == 2)
        let regressed = Set(comparison.regressions.map(\.cell.label))
        #expect(regressed == ["e4 i4 glibc", "e4 i4 jemalloc"])
        let metrics = Set(comparison.regressions.map(\.metric))
        #expect(metrics.isSuperset(of: [.wallTime, .throughput, .wallTimeNormalised]))
        #expect(comparison.regressions.allSatisfy { if case .mannWhitney(let p, _) = $0.support { p < 0.05 } else { false } })

        let markdown = MarkdownRenderer.render(ComparisonDocument.make(comparison))
        #expect(markdown.contains("## arbench compare: REGRESSION (exit 2)"))
        #expect(markdown.contains("### Regressions"))
        #expect(markdown.contains("| cell | metric | baseline | current | worse by | limit | reps | evidence |"))
        #expect(markdown.contains("| e4 i4 glibc | wall time (s) |"))
        #expect(markdown.contains("Mann-Whitney U"))
        // Every table row has as many cells as its header.
        for line in markdown.split(separator: "\n") where line.hasPrefix("| e4 i4 glibc | wall time") {
            #expect(line.filter { $0 == "|" }.count == 9)
        }
    }

    @Test func slowdownWithinNoiseIsNotARegression() {
        var slower = SyntheticRun(seed: 2)
        slower.slowdown = { _ in 1.03 }
        let comparison = comparator.compare(baseline: SyntheticRun(seed: 1).results(), current: slower.results())
        #expect(comparison.outcome == .pass)
    }

    @Test func improvementIsReportedNotFailed() {
        var faster = SyntheticRun(seed: 2)
        faster.slowdown = { $0.engineThreads == 2 ? 0.6 : 1 }
        let comparison = comparator.compare(baseline: SyntheticRun(seed: 1).results(), current: faster.results())
        #expect(comparison.outcome == .pass)
        #expect(comparison.improvements.contains { $0.cell.label == "e2 i1 glibc" && $0.metric == .throughput })
        #expect(comparison.improvements.contains { $0.cell.label == "e2 i4 jemalloc" && $0.metric == .wallTimeNormalised })
    }

    @Test func memoryRegressionIsCaught() {
        var heavier = SyntheticRun(seed: 2)
        heavier.memoryFactor = { $0.allocator == "jemalloc" ? 1.5 : 1 }
        let comparison = comparator.compare(baseline: SyntheticRun(seed: 1).results(), current: heavier.results())
        #expect(comparison.outcome == .regression)
        #expect(Set(comparison.regressions.map(\.metric)) == [.peakRSS, .averageRSS])
    }

    @Test func fewRepetitionsUseMediansAWiderThresholdAndSayIt() {
        let baseline = SyntheticRun(repetitions: 2, seed: 1).results()
        // 15% slower everywhere: beyond the 10% threshold for >= 5 repetitions, within the wider one for 2.
        var slightlySlower = SyntheticRun(repetitions: 2, seed: 2)
        slightlySlower.slowdown = { _ in 1.15 }
        let mild = comparator.compare(baseline: baseline, current: slightlySlower.results())
        // No single cell is beyond the wider threshold...
        #expect(mild.regressions.isEmpty)
        #expect(mild.usedFewRepetitions)
        // ...but all twelve moved together, which the geometric mean over cells sees.
        #expect(mild.outcome == .regression)
        #expect(mild.overallRegressions.map(\.metric).contains(.throughput))
        #expect(mild.metrics.allSatisfy { $0.fewRepetitions && $0.support.map { if case .medians = $0 { true } else { false } } ?? true })
        let wall = mild.metrics.first { $0.metric == .wallTime }!
        #expect(wall.relativeThresholdPercent == 20)
        #expect(mild.statisticsExplanation.contains("fewer than 5 ok repetitions"))
        let text = MarkdownRenderer.render(ComparisonDocument.make(mild))
        #expect(text.contains("medians only, against the wider few-repetitions threshold"))
        // The same slowdown with five repetitions a side is beyond the narrower threshold, and tested.
        var fiveSlower = SyntheticRun(seed: 2)
        fiveSlower.slowdown = { _ in 1.15 }
        #expect(comparator.compare(baseline: SyntheticRun(seed: 1).results(), current: fiveSlower.results()).outcome == .regression)

        var muchSlower = SyntheticRun(repetitions: 2, seed: 2)
        muchSlower.slowdown = { $0.engineThreads == 4 ? 2.0 : 1 }
        let gross = comparator.compare(baseline: baseline, current: muchSlower.results())
        #expect(gross.outcome == .regression)
        #expect(gross.regressions.allSatisfy { $0.support == .medians(separated: true) })
    }

    @Test func overlappingRangesWithFewRepetitionsAreNoise() {
        let judge = MetricJudge(thresholds: Self.thresholds)
        // Medians 1.0 -> 1.6 (+60%), but one current run is faster than a baseline run.
        let result = judge.judge(metric: .processingLike, cell: CellAxes(engineThreads: 1, intraOpThreads: 1), cellID: "c",
                                 baseline: [0.8, 1.2], current: [1.0, 2.2], gated: true)
        #expect(result.verdict == .notSignificant)
        #expect(result.support == .medians(separated: false))
    }

    @Test func differentKindOfMachineIsNotComparableUnlessAllowed() {
        let baseline = SyntheticRun(seed: 1).results()
        let current = SyntheticRun(seed: 2, machine: .bigger).results()
        let refused = comparator.compare(baseline: baseline, current: current)
        #expect(refused.outcome == .notComparable)
        #expect(refused.outcome.exitCode == 3)
        #expect(refused.metrics.isEmpty)
        #expect(refused.notes.contains { $0.contains("usable_cores: baseline 2, current 16") })

        let allowed = RunComparator(thresholds: Self.thresholds, allowDifferentMachine: true).compare(baseline: baseline, current: current)
        #expect(allowed.outcome == .pass)
        #expect(allowed.mode == .normalised)
    }

    @Test func otherLibTorchBuildIsNotComparable() {
        let current = SyntheticRun(seed: 2, machine: Machines(torchVersion: "2.1.0")).results()
        let comparison = comparator.compare(baseline: SyntheticRun(seed: 1).results(), current: current)
        #expect(comparison.outcome == .notComparable)
        #expect(comparison.comparability.differences.contains { $0.field == "torch_version" })
    }

    /// A run on PyPI's LibTorch against a baseline on Debian's (recorded before runtimes existed: system).
    @Test func otherLibTorchRuntimeIsNotComparable() {
        let pypi = Machines(runtimes: [("pypi", "2.15.0")])
        let comparison = comparator.compare(baseline: SyntheticRun(seed: 1).results(), current: SyntheticRun(seed: 2, machine: pypi).results())
        #expect(comparison.outcome == .notComparable)
        #expect(comparison.comparability.differences.contains { $0.field == "libtorch" && $0.baseline == "system" && $0.current == "pypi 2.15.0" })
        // The same runtime recorded the new way matches the old record.
        let system = Machines(runtimes: [("system", "1.13.0")])
        #expect(comparator.compare(baseline: SyntheticRun(seed: 1).results(),
                                   current: SyntheticRun(seed: 2, machine: system).results()).outcome == .pass)
    }

    @Test func runWithoutFingerprintIsNotComparable() {
        let bare = RunResults(source: "bare.csv", rows: SyntheticRun(seed: 2).rows(), meta: nil)
        #expect(comparator.compare(baseline: SyntheticRun(seed: 1).results(), current: bare).outcome == .notComparable)
    }

    @Test func differentWorkIsNeverComparable() {
        let current = SyntheticRun(seed: 2, audioSeconds: 300).results()
        let comparison = RunComparator(thresholds: Self.thresholds, allowDifferentMachine: true).compare(baseline: SyntheticRun(seed: 1).results(), current: current)
        #expect(comparison.outcome == .notComparable)
        #expect(comparison.notes.contains { $0.contains("audio_s is 600 in the baseline, 300 now") })
    }

    /// Another CPU model, 35% slower across the board: absolute speed is not gated, the shape is.
    @Test func normalisedModeAcrossMachinesGatesTheShape() {
        let baseline = SyntheticRun(seed: 1).results()
        var slowerMachine = SyntheticRun(seed: 2, machine: .otherCPU)
        slowerMachine.slowdown = { _ in 1.35 }
        let uniform = comparator.compare(baseline: baseline, current: slowerMachine.results())
        #expect(uniform.comparability.level == .sameKind)
        #expect(uniform.mode == .normalised)
        #expect(uniform.outcome == .pass)
        // The absolute slowdown is shown, not gated.
        #expect(uniform.metrics.contains { $0.metric == .throughput && !$0.gated && $0.verdict == .regression })
        #expect(uniform.metrics.filter { $0.metric == .peakRSS }.allSatisfy { $0.gated })
        let text = MarkdownRenderer.render(ComparisonDocument.make(uniform))
        #expect(text.contains("mode: normalised: other machine"))
        #expect(text.contains("machine differs: cpu_model: baseline AMD EPYC, current Intel(R) Xeon(R) Platinum 8375C"))

        // Same other machine, but now oversubscription got 50% worse relative to the reference cell.
        var shapeChanged = SyntheticRun(seed: 2, machine: .otherCPU)
        shapeChanged.slowdown = { $0.intraOpThreads == 4 && $0.engineThreads > 1 ? 1.35 * 1.5 : 1.35 }
        let changed = comparator.compare(baseline: baseline, current: shapeChanged.results())
        #expect(changed.outcome == .regression)
        #expect(changed.regressions.allSatisfy { $0.metric.basis == .normalised })
        #expect(Set(changed.regressions.map(\.cell.label)) == ["e2 i4 glibc", "e4 i4 glibc", "e2 i4 jemalloc", "e4 i4 jemalloc"])
    }

    @Test func cellThatStopsFinishingIsARegression() {
        var crashing = SyntheticRun(seed: 2)
        crashing.failing = { axes, repetition in axes.engineThreads == 4 && axes.intraOpThreads == 1 && axes.allocator == "glibc" && repetition == 3 }
        let comparison = comparator.compare(baseline: SyntheticRun(seed: 1).results(), current: crashing.results())
        #expect(comparison.outcome == .regression)
        let problem = comparison.cellProblems.first { $0.isRegression }
        #expect(problem?.cell.label == "e4 i1 glibc")
        #expect(problem?.message.contains("4/5 runs ok (baseline 5/5): r3 failed") == true)
    }

    /// A run with OMP_WAIT_POLICY=active against one with the default: different cells, unless the
    /// wait-policy axis is left out of the matching.
    @Test func ignoringAnAxisComparesOneSettingAgainstAnother() {
        let baseline = SyntheticRun(seed: 1).results()
        var active = SyntheticRun(ompWaitPolicy: "active", seed: 2)
        active.slowdown = { $0.intraOpThreads == 4 ? 2 : 1 }
        let unmatched = comparator.compare(baseline: baseline, current: active.results())
        #expect(unmatched.outcome == .notComparable)
        #expect(unmatched.notes.contains { $0.contains("no cell of the current run is in the baseline") })

        let matched = RunComparator(thresholds: Self.thresholds, ignoredAxes: [Axis.named("omp_wait_policy")!]).compare(baseline: baseline, current: active.results())
        #expect(matched.outcome == .regression)
        #expect(Set(matched.regressions.map(\.cell.intraOpThreads)) == [4])
        #expect(matched.notes.contains("cells matched without omp_wait_policy (--ignore-axis)"))
    }

    @Test func ignoringAnAxisTheRunVariesIsRefused() {
        let both = RunResults(source: "x", rows: SyntheticRun(seed: 1).rows() + SyntheticRun(ompWaitPolicy: "passive", seed: 1).rows(),
                              meta: RunMetadata(specName: "", machine: Machines.ci.fingerprint, software: Machines.ci.software))
        let comparison = RunComparator(ignoredAxes: [Axis.named("omp_wait_policy")!]).compare(baseline: both, current: both)
        #expect(comparison.outcome == .notComparable)
        #expect(comparison.notes.first?.contains("would merge cells") == true)
    }

    @Test func gridChangesAreNotedNotFailed() {
        let comparison = comparator.compare(baseline: SyntheticRun(seed: 1).results(),
                                            current: SyntheticRun(engineThreads: [1, 2, 8], seed: 2).results())
        #expect(comparison.outcome == .pass)
        #expect(comparison.cellProblems.filter { $0.kind == .missingFromCurrent }.count == 4)
        #expect(comparison.cellProblems.filter { $0.kind == .newInCurrent }.count == 4)
    }

    @Test func bootstrapTestAlsoFindsTheSlowdown() {
        var thresholds = Self.thresholds
        thresholds.test = .bootstrap
        var slower = SyntheticRun(seed: 2)
        slower.slowdown = { $0.engineThreads == 4 ? 1.4 : 1 }
        let comparison = RunComparator(thresholds: thresholds).compare(baseline: SyntheticRun(seed: 1).results(), current: slower.results())
        #expect(comparison.outcome == .regression)
        // The interval excludes 1: above it for times, below it for throughput.
        let unsupported = comparison.regressions.filter {
            guard case .bootstrap(let lower, let upper, _) = $0.support else { return true }
            return $0.metric.polarity == .prefersSmaller ? lower <= 1 : upper >= 1
        }
        #expect(unsupported.isEmpty, "\(unsupported.map { "\($0.cell.label) \($0.metric) \(String(describing: $0.support))" })")
    }

    @Test func jsonHasTheVerdict() throws {
        let comparison = comparator.compare(baseline: SyntheticRun(seed: 1).results(), current: SyntheticRun(seed: 2).results())
        let json = try JSONReport.encode(comparison)
        #expect(json.contains("\"outcome\" : \"pass\""))
        #expect(json.contains("\"wall_time_normalised\""))
    }
}

extension CompareMetric {
    /// Any smaller-is-better metric, for judge-level tests.
    static let processingLike = CompareMetric.wallTime
}
