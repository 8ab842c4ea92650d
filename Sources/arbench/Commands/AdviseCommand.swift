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

        Answers are given per condition: cells are grouped by every axis that is not a knob (CPU quota, cpuset, \
        load, engine; `arbench axes` lists the roles, a spec's `roles:` or --role changes one), and each group gets its \
        own pick among the knobs (threads, allocator, OpenMP settings, runtime). --where AXIS=VALUE keeps only \
        matching cells (repeat it; two values of one axis: either). The default objective follows the run: capacity \
        for capacity cells, load-p99 under a fixed load, throughput offline.

        Constraints: --max-rss, --max-p99, --min-throughput, --max-cpu-util, or any numeric results column with \
        --limit 'COLUMN<=VALUE' / 'COLUMN>=VALUE' (`arbench metrics` lists the columns). Values take the \
        column's unit or one of the same quantity (MiB/GiB, ms/s, x, %).

        Exit codes: 0 a pick; 2 no cell meets the constraints (the closest are shown); 1 unreadable run; \
        64 bad constraint or objective, or a run without any ok cell.

        Examples:
          arbench advise Results/post-figures-3-4
          arbench advise Results/allocators --max-rss 300MiB --format markdown
          arbench advise RUN_DIR --objective p99 --min-throughput 500x \\
            --limit 'rss_avg_mb<=250'
          # also charts/advise-pareto.png and .svg, and a REPORT.md section:
          arbench advise Results/post-figures-3-4 --report
          # the best setting for one engine of several:
          arbench advise Results/engines-compare --engine python
          # one pick per CPU quota; one quota and runtime; one per quota and runtime:
          arbench advise Results/cpu-limits
          arbench advise Results/cpu-limits --where cpu_quota=1 --where libtorch=system
          arbench advise Results/cpu-limits --role libtorch=condition
          # by capacity (streams at the p99 bound):
          arbench advise Results/streams-capacity
        """)

    @Argument(help: "A run directory (or its results.csv).")
    var runDirectory: String

    @OptionGroup var advice: AdviceOptions

    @Option(help: "Output format: text, markdown or json.")
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp("Advise on this engine's cells only (a run with `engine:` in its spec: arbench or an external engine's name).",
                               valueName: "NAME"))
    var engine: String?

    @Option(name: .customLong("where"), help: ArgumentHelp("Only cells whose AXIS has VALUE (any axis: cpu_quota=1, libtorch=pypi, scenario=streams-4-p100; repeatable).", valueName: "AXIS=VALUE"))
    var filters: [String] = []

    @Option(name: .customLong("role"), help: ArgumentHelp("Treat AXIS as knob, condition or subject for this answer (repeatable).", valueName: "AXIS=ROLE"))
    var roleOverrides: [String] = []

    @Flag(help: "List every cell a constraint excluded (by default a count per constraint).")
    var verbose = false

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
        }
        results = try Self.selecting(results, filters)
        let roles = try Self.roles(roleOverrides)
        guard results.cells.contains(where: { !$0.okRows.isEmpty }) else {
            printError("\(runDirectory): no ok run in any cell: nothing to advise on")
            throw ExitCodes.usage
        }
        // An objective the run never measured is a question about another kind of run, not "nothing meets".
        if let objective = advice.objective, !results.cells.contains(where: { $0.median(objective.rankingMetric) != nil }) {
            printError("--objective \(objective.rawValue): the run has no \(objective.rankingMetric.column) values (no cell measured it; "
                       + "capacity needs a capacity run, load-p99 a run under streams or a rate)")
            throw ExitCodes.usage
        }
        let answers = advice.advisor(constraints, objective: advice.objective ?? .throughput)
            .adviseByCondition(results, objective: advice.objective, roles: roles)
        guard answers.groups.count > 1, let first = answers.groups.first else {
            // One condition: the whole answer, as always.
            let answer = answers.groups[0].advice
            if advice.objective == nil && answer.objective != .throughput {
                printNote("objective: \(answer.objective.rawValue), what this run's cells are for (--objective to choose another)")
            }
            let text = try format.render(AdviceDocument.make(answer, verbose: verbose)) { try JSONReport.encode(answer) }
            print(text, terminator: "")
            if report { try ReportFiles.writeReport(answer, run: results) }
            if answer.pick == nil { throw ExitCodes.noneMeetsConstraints }
            return
        }
        let text = try format.render(ConditionAdviceDocument.make(answers)) { try JSONReport.encode(answers) }
        print(text, terminator: "")
        if report {
            printNote("--report draws one condition's chart: the first (\(first.label)); --where selects another")
            try ReportFiles.writeReport(first.advice, run: ConditionGroup.of(results, roles: roles)[0].run(results), conditions: answers)
        }
        if !answers.hasPick { throw ExitCodes.noneMeetsConstraints }
    }

    /// The run restricted by `--where AXIS=VALUE` options (values of one axis: either; of several: all),
    /// or a one-line error naming the axis or value and what the run has, exit 64.
    static func selecting(_ run: RunResults, _ filters: [String]) throws -> RunResults {
        var wanted: [(axis: Results.Axis, values: [String])] = []
        for filter in filters {
            let parts = filter.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let axis = Results.Axis.named(parts[0].trimmingCharacters(in: .whitespaces)) else {
                printError("--where \(filter): write AXIS=VALUE with an axis of: \(Results.Axis.all.map(\.name).joined(separator: ", "))")
                throw ExitCodes.usage
            }
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            let present = run.cells.map { axis.value(in: $0.axes) }
            // A number matches as a number (cpu_quota=1 finds 1, 1.0 finds 1).
            guard let match = present.first(where: { $0 == value || (axis.number($0) != nil && axis.number($0) == axis.number(value)) }) else {
                var seen: [String] = []
                for v in present where !seen.contains(v) { seen.append(v) }
                printError("--where \(filter): the run has no \(axis.name) \(value) (it has: \(seen.joined(separator: ", ")))")
                throw ExitCodes.usage
            }
            if let at = wanted.firstIndex(where: { $0.axis == axis }) { wanted[at].values.append(match) } else { wanted.append((axis, [match])) }
        }
        var copy = run
        copy.cells = run.cells.filter { cell in wanted.allSatisfy { $0.values.contains($0.axis.value(in: cell.axes)) } }
        return copy
    }

    /// `--role AXIS=ROLE` options, or a one-line error and exit 64.
    static func roles(_ overrides: [String]) throws -> [String: AxisRole] {
        var roles: [String: AxisRole] = [:]
        for text in overrides {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let axis = Results.Axis.named(parts[0]), let role = AxisRole(rawValue: parts[1]) else {
                printError("--role \(text): write AXIS=ROLE, ROLE one of \(AxisRole.allCases.map(\.rawValue).joined(separator: ", ")), "
                           + "AXIS one of \(Results.Axis.all.map(\.name).joined(separator: ", "))")
                throw ExitCodes.usage
            }
            roles[axis.name] = role
        }
        return roles
    }

}
