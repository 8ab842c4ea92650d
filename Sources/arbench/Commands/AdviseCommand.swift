import ArgumentParser
import Foundation
import Gate
import Report
import Results

struct AdviseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advise",
        abstract: "The setting to deploy, from a finished or partial run: best by an objective under your limits, with its evidence.",
        discussion: """
        Ranks the cells that meet every constraint (on their medians over ok repetitions) by the objective's \
        median. Cells whose repetitions a Mann-Whitney U test cannot tell from the pick's (p >= --alpha) are a tie \
        within noise and are listed as such; the runners-up after them carry their p. Also printed: the Pareto front \
        over throughput x peak RSS x p99 latency, which constraint excluded which cell, and how to deploy the pick \
        (environment, `arbench run` flags, C++ lines for an engine of your own).

        Constraints: --max-rss, --max-p99, --min-throughput, --max-cpu-util, or any numeric results column with \
        --limit 'COLUMN<=VALUE' / 'COLUMN>=VALUE' (`arbench metrics` lists the columns). Values take the \
        column's unit or one of the same quantity (MiB/GiB, ms/s, x, %).

        Exit codes: 0 a pick; 2 no cell meets the constraints (the closest are shown); 1 unreadable run; \
        64 bad constraint or objective, or a run without any ok cell.

        Examples:
          arbench advise Results/post-figures-3-4
          arbench advise Results/allocators --objective throughput --max-rss 300MiB --format markdown
          arbench advise RUN_DIR --objective p99 --min-throughput 500x --limit 'rss_avg_mb<=250'
          arbench advise Results/post-figures-3-4 --report      # + charts/advise-pareto.png/.svg, REPORT.md section
          arbench advise Results/engines --engine python        # the best setting for one engine of several
        """)

    @Argument(help: "A run directory (or its results.csv).")
    var runDirectory: String

    @OptionGroup var advice: AdviceOptions

    @Option(help: "Output format: text, markdown or json.")
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp("Advise on this engine's cells only (a run with `engine:` in its spec: arbench or an external engine's name).",
                               valueName: "NAME"))
    var engine: String?

    @Flag(help: "Also write the Pareto chart (RUN_DIR/charts/advise-pareto.png, .svg) and an Advice section into RUN_DIR/REPORT.md.")
    var report = false

    func run() throws {
        let constraints = try advice.constraints()
        var results: RunResults
        do {
            results = try RunLoader.load(runDirectory)
        } catch let error as RunLoadError {
            printError(error.description)
            throw ExitCodes.error
        }
        results.warnings.forEach { printNote($0) }
        let engines = results.engines
        if let engine {
            guard engines.contains(engine) else {
                printError("--engine \(engine): the run has no such engine (it has: \(engines.joined(separator: ", ")))")
                throw ExitCodes.usage
            }
            results = results.only(engine: engine)
        } else if engines.count > 1 {
            printNote("the run has \(engines.count) engines (\(engines.joined(separator: ", "))): the pick is across all of them; --engine NAME advises on one")
        }
        guard results.cells.contains(where: { !$0.okRows.isEmpty }) else {
            printError("\(runDirectory): no ok run in any cell: nothing to advise on")
            throw ExitCodes.usage
        }
        let answer = advice.advisor(constraints).advise(results)
        let text = try format.render(AdviceDocument.make(answer)) { try JSONReport.encode(answer) }
        print(text, terminator: "")
        if report { try Self.writeReport(answer, run: results) }
        if answer.pick == nil { throw ExitCodes.noneMeetsConstraints }
    }

    /// The chart and REPORT.md section (`--report`, and every tune), or a one-line error and exit 1.
    static func writeReport(_ advice: Advice, run: RunResults) throws {
        do {
            let written = try AdviceReport.write(advice, run: run)
            written.warnings.forEach { printNote("gnuplot warning: \($0)") }
            printNote("wrote " + written.files.map { $0.lastPathComponent }.joined(separator: ", "))
        } catch {
            printError("cannot write the advice report into \(RunLoader.directory(of: run.source)): \(error)")
            throw ExitCodes.error
        }
    }
}
