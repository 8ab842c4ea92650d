import ArgumentParser
import Foundation
import Gate
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
        """)

    @Argument(help: "A run directory (or its results.csv).")
    var runDirectory: String

    @Option(help: "What to optimise: throughput (highest), processing, p99 or cpu (lowest).")
    var objective: AdviceObjective = .throughput

    @Option(name: .customLong("max-rss"), help: ArgumentHelp("Peak RSS at most this (e.g. 800MiB, 1GiB).", valueName: "SIZE"))
    var maxRSS: String?

    @Option(name: .customLong("max-p99"), help: ArgumentHelp("p99 segment latency at most this (e.g. 50ms).", valueName: "TIME"))
    var maxP99: String?

    @Option(name: .customLong("min-throughput"), help: ArgumentHelp("Throughput at least this (e.g. 500x real time).", valueName: "RATE"))
    var minThroughput: String?

    @Option(name: .customLong("max-cpu-util"), help: ArgumentHelp("CPU utilisation at most this (e.g. 80%).", valueName: "PERCENT"))
    var maxCPUUtil: String?

    @Option(name: .customLong("limit"), help: ArgumentHelp("Any column: 'COLUMN<=VALUE' or 'COLUMN>=VALUE' (repeat the option).", valueName: "CONSTRAINT"))
    var limits: [String] = []

    @Option(help: "Below this p a cell is worse than the pick; at or above, a tie within noise.")
    var alpha: Double = 0.05

    @Option(help: "Output format: text, markdown or json.")
    var format: ReportFormat = .text

    func run() throws {
        let constraints: [AdviceConstraint]
        do {
            var parsed: [AdviceConstraint] = []
            if let maxRSS { parsed.append(try AdviceConstraint.make(.rssPeakMiB, .atMost, maxRSS, given: "--max-rss \(maxRSS)")) }
            if let maxP99 { parsed.append(try AdviceConstraint.make(.latencyP99Ms, .atMost, maxP99, given: "--max-p99 \(maxP99)")) }
            if let minThroughput { parsed.append(try AdviceConstraint.make(.throughput, .atLeast, minThroughput, given: "--min-throughput \(minThroughput)")) }
            if let maxCPUUtil { parsed.append(try AdviceConstraint.make(.cpuUtilPercent, .atMost, maxCPUUtil, given: "--max-cpu-util \(maxCPUUtil)")) }
            for limit in limits { parsed.append(try AdviceConstraint.parse(limit)) }
            constraints = parsed
        } catch {
            printError(error.description)
            throw ExitCodes.usage
        }
        guard (0...1).contains(alpha) else {
            printError("--alpha \(alpha): must be within 0...1")
            throw ExitCodes.usage
        }
        let results: RunResults
        do {
            results = try RunLoader.load(runDirectory)
        } catch let error as RunLoadError {
            printError(error.description)
            throw ExitCodes.error
        }
        results.warnings.forEach { printNote($0) }
        guard results.cells.contains(where: { !$0.okRows.isEmpty }) else {
            printError("\(runDirectory): no ok run in any cell: nothing to advise on")
            throw ExitCodes.usage
        }
        let advice = Advisor(objective: objective, constraints: constraints, alpha: alpha).advise(results)
        let text = try format.render(AdviceDocument.make(advice)) { try JSONReport.encode(advice) }
        print(text, terminator: "")
        if advice.pick == nil { throw ExitCodes.noneMeetsConstraints }
    }
}

extension AdviceObjective: ExpressibleByArgument {}
