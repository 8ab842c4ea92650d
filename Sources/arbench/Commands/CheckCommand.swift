import ArgumentParser
import Foundation
import Gate
import Results

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a sweep run against the study's conclusions in its spec's `expectations:`; exit 2 if one fails.",
        discussion: """
        Each cell is summarised by the median of its ok repetitions. The vocabulary, as YAML under \
        `expectations:`:

          all_ok: true
            every run finished ok
          digests_equal: true
            every ok run produced the same output digest
          fastest_intra_at_max_engine: 1
            at the highest engine-thread count the best processing_s has intra-op 1;
            or {intra: 1, metric: processing_s, margin_pct: 20, allocator: glibc}
          oversubscription: {intra: 4, engine_from: 1, engine_to: 4,
                             slower_by_at_least_pct: 15}
          scaling: {intra: 1, engine_from: 1, engine_to: 2,
                    faster_by_at_least_pct: 25}
          allocator_rss_reduction: {allocator: jemalloc, versus: glibc,
                                    metric: rss_avg_mb, at_least_pct: 10,
                                    engine_threads: 4, intra: 1}

        `metric` is a results.csv column with a better direction (from the registry; `arbench metrics` says \
        what each means): \(Metric.all.filter(\.isComparable).map { $0.column + ($0.polarity == .prefersLarger ? " (higher is better)" : "") }.joined(separator: ", ")). \
        Speed claims without `allocator` must hold for every allocator; allocator_rss_reduction must hold in \
        every matching cell pair. The expectations come from the spec the run recorded (meta.json), or from \
        --spec FILE.

        Exit codes: 0 all hold; 2 one fails (printed with its measured value); 1 unreadable run; 64 bad expectations.

        Examples:
          arbench check Results/runs/quick-20250101T120000Z
          arbench check RUN_DIR --spec Experiments/quick.yaml --format markdown
        """)

    @Argument(help: "A sweep run directory (or its results.csv).")
    var runDirectory: String

    @Option(help: "Read the expectations from this spec instead of the one the run recorded.")
    var spec: String?

    @Option(help: "Output format: text, markdown or json.")
    var format: ReportFormat = .text

    func run() throws {
        let run: RunResults
        let expectations: [Expectation]
        let source: String
        do {
            run = try RunLoader.load(runDirectory)
            (expectations, source) = try ExpectationSource.load(run: run, specPath: spec)
        } catch let error as RunLoadError {
            printError(error.description)
            throw ExitCodes.error
        } catch let error as ExpectationsError {
            error.problems.forEach { printError($0) }
            throw ExitCodes.usage
        }
        run.warnings.forEach { printNote("warning: \($0)") }
        if expectations.isEmpty { printNote("\(source) has no expectations: nothing to check") }
        let report = ExpectationEvaluator(run: run).evaluate(expectations, source: source)
        let text = try format.render(CheckDocument.make(report)) { try JSONReport.encode(report) }
        print(text, terminator: "")
        if report.outcome != .pass { throw ExitCode(report.outcome.exitCode) }
    }
}
