import ArgumentParser
import Foundation
import Gate
import Results

/// `--ignore-axis omp_wait_policy`: the axis names are the results.csv column names.
extension Results.Axis: ExpressibleByArgument {
    /// An axis `--ignore-axis` may leave out (not the thread counts: they are the grid).
    public init?(argument: String) {
        guard let axis = Axis.named(argument), axis.blankable else { return nil }
        self = axis
    }

    public static var allValueStrings: [String] { Axis.all.filter(\.blankable).map(\.name) }
}

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare a sweep run against a baseline run; exit 2 on a regression.",
        discussion: """
        Cells are matched by their axes (engine mode, engine/intra-op/inter-op threads, allocator, MALLOC_CONF, \
        OpenMP wait policy). For each matched cell: wall time, CPU time (user+sys), peak RSS, average RSS, \
        throughput and p99 segment latency, plus wall time, CPU time, throughput and p99 latency normalised \
        to the same run's reference cell (the spec's reference_cell, default engine 1 x intra-op 1, same \
        allocator).

        A regression is a change for the worse beyond the metric's relative threshold AND its absolute floor, \
        with statistical support: with >= 5 ok repetitions a side (statistics.min_repetitions), Mann-Whitney U \
        (two-sided p < 0.05) or a bootstrap interval of the median ratio; with fewer, medians against the wider \
        few_reps_relative_pct and non-overlapping repetition ranges. The output says which was used. \
        Each metric is also gated over all matched cells at once (geometric mean of the per-cell ratios, with a \
        bootstrap interval over cells, overall_relative_pct), which catches a moderate slowdown of the whole \
        engine that no single cell's noise band would show. A cell whose runs stopped finishing ok is a \
        regression too.

        Machines: with the same fingerprint (CPU model, cores, LibTorch build, BLAS, allocator packages) absolute \
        and normalised figures are gated. Another CPU model of the same kind (same cores and software): only \
        normalised speed and absolute memory are gated, and the output says so. Another kind of machine, another \
        LibTorch build, or a run without meta.json: exit 3, unless --allow-different-machine (then as "same kind"). \
        Runs that did different work (audio seconds or segments differ) are never comparable.

        Thresholds: defaults measured on this project's CI machine (see the README); override per metric with \
        --thresholds FILE (YAML: `metrics: {wall_time: {relative_pct: 10, few_reps_relative_pct: 20, absolute: 0.3, \
        overall_relative_pct: 5}}`, \
        `statistics: {min_repetitions: 5, test: mann-whitney, alpha: 0.05}`); --print-thresholds shows them.

        Exit codes: 0 no regression; 2 regression; 3 not comparable; 1 unreadable input; 64 bad thresholds file.

        Examples:
          arbench compare Results/baselines/quick Results/runs/quick-20250101T120000Z
          arbench compare BASE NEW --format markdown >> "$GITHUB_STEP_SUMMARY"
          arbench compare RUN_DEFAULT RUN_ACTIVE --ignore-axis omp_wait_policy
        """)

    @Argument(help: "The baseline: a run directory (e.g. Results/baselines/quick) or its results.csv.")
    var baseline: String?

    @Argument(help: "The current run: a run directory or its results.csv.")
    var current: String?

    @Option(help: "Thresholds YAML overriding the defaults (any subset of metrics and statistics).")
    var thresholds: String?

    @Option(help: "Output format: text, markdown or json.")
    var format: ReportFormat = .text

    @Flag(help: "Compare runs from machines of different kinds (or without a fingerprint) anyway, normalised.")
    var allowDifferentMachine = false

    @Option(help: ArgumentHelp("Match cells without this axis, to compare one setting against another (repeatable): \(Results.Axis.allValueStrings.joined(separator: ", ")).", valueName: "AXIS"))
    var ignoreAxis: [Results.Axis] = []

    @Flag(help: "Print the thresholds in effect (defaults merged with --thresholds) as YAML and exit.")
    var printThresholds = false

    func validate() throws {
        if printThresholds { return }
        guard baseline != nil, current != nil else { throw ValidationError("give BASELINE and CURRENT (run directories or results.csv files)") }
    }

    func run() throws {
        let settings = try loadThresholds()
        if printThresholds {
            print(ThresholdsText.yaml(settings), terminator: "")
            return
        }
        let base: RunResults, now: RunResults
        do {
            base = try RunLoader.load(baseline!)
            now = try RunLoader.load(current!)
        } catch let error as RunLoadError {
            printError(error.description)
            throw ExitCodes.error
        }
        let comparison = RunComparator(thresholds: settings, allowDifferentMachine: allowDifferentMachine, ignoredAxes: Set(ignoreAxis))
            .compare(baseline: base, current: now)
        let text = try format.render(ComparisonDocument.make(comparison)) { try JSONReport.encode(comparison) }
        print(text, terminator: "")
        if comparison.outcome != .pass { throw ExitCode(comparison.outcome.exitCode) }
    }

    private func loadThresholds() throws -> GateThresholds {
        guard let thresholds else { return .default }
        do {
            return try ThresholdsLoader.load(path: thresholds)
        } catch let error as ThresholdsError {
            error.problems.forEach { printError($0) }
            throw ExitCodes.usage
        }
    }
}
