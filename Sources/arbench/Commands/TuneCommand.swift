import ArgumentParser
import Foundation
import Gate
import Results
import SceneGen
import Sweep

struct TuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Find the setting `advise` would pick from a spec's whole grid by measuring a fraction of it.",
        discussion: """
        A coordinate search: from the grid's first cell (fewest threads, first allocator and runtime), a line \
        along each axis in turn (about five log-spaced values of a long thread axis, then a climb to the better \
        neighbour; every value of a short or categorical one), moving to the best on the line, pass after pass \
        until one moves nothing. Each cell is measured once while searching; then the best few by median \
        (--finalists) are measured up to the spec's `repetitions`, again whenever that reorders them, and the \
        answer is `advise` over every run made. Constraints steer the search as they filter the advice.

        The run directory is a sweep's (results.csv, timeline.csv, meta.json, REPORT.md, cells/), so plot, \
        compare, check and advise work on it; it also gets TUNE.md and tune.json (the search path, its cost, \
        the advice), and advise's Pareto chart and REPORT.md section (`advise --report`). --resume DIR replays the runs DIR holds and goes on where the search stopped; \
        `arbench sweep --resume DIR` would fill in the rest of the grid.

        --replay RUN_DIR... runs the search on finished grids instead, each measurement one of the cell's \
        repetitions drawn at random, --seeds times per grid, and reports how close its picks come to the grid's \
        best and at what share of the grid's runs: a search strategy measured in seconds, not hours.

        Exit codes: 0 a pick; 2 no measured cell meets the constraints; 6 a run not ok; 64 bad spec, budget or \
        constraint (a budget too small to probe every axis is refused with the minimum); 130 interrupted; 1 other errors.

        Examples:
          arbench tune Experiments/post-figures-3-4.yaml
          arbench tune Experiments/allocators.yaml --budget 10% --max-rss 400MiB
          arbench tune Experiments/quick.yaml --time 5m --objective processing
          arbench tune --resume Results/runs/post-figures-3-4-tune-20261201T100000Z
          arbench tune --replay Results/post-figures-3-4 Results/allocators \\
            --seeds 100 --budget 10%
        """)

    @Argument(help: ArgumentHelp("An experiment spec (YAML); with --replay, finished run directories.", valueName: "SPEC | RUN_DIR"))
    var inputs: [String] = []

    @Flag(help: "Search finished runs (each measurement drawn from a cell's repetitions) instead of measuring.")
    var replay = false

    @Option(help: "Run directory (default: Results/runs/NAME-tune-YYYYMMDDTHHMMSSZ).")
    var out: String?

    @Option(help: ArgumentHelp("Continue the tune in DIR: its runs are replayed, then the search goes on.", valueName: "DIR"))
    var resume: String?

    @Option(help: ArgumentHelp("At most this many runs, or this share of the grid's runs (e.g. 40 or 10%).", valueName: "RUNS|PERCENT"))
    var budget: String?

    @Option(help: ArgumentHelp("Start no run after this long (e.g. 10m, 1h).", valueName: "DURATION"))
    var time: String?

    @Option(help: "How many of the best cells are re-measured to their full repetitions before the answer.")
    var finalists = 3

    @Option(help: "With --replay: searches per grid (seeds 1...N).")
    var seeds = 100

    @OptionGroup var advice: AdviceOptions

    @Option(help: "Output format: text, markdown or json.")
    var format: ReportFormat = .text

    func validate() throws {
        if replay {
            guard !inputs.isEmpty else { throw ValidationError("--replay needs one or more run directories") }
            if out != nil || resume != nil || time != nil { throw ValidationError("--out, --resume and --time measure; --replay does not") }
            guard seeds >= 1 else { throw ValidationError("--seeds \(seeds): must be at least 1") }
        } else {
            guard inputs.count <= 1, !inputs.isEmpty || resume != nil else { throw ValidationError("give one spec file, or --resume DIR") }
            // The runs made answer the search again only under the spec that made them: DIR/spec.yaml.
            if resume != nil && !inputs.isEmpty {
                throw ValidationError("--resume DIR continues with DIR/spec.yaml; give no spec (to change it, start a new tune)")
            }
            if out != nil && resume != nil { throw ValidationError("--out and --resume both name the run directory; give one") }
        }
        guard finalists >= 1 else { throw ValidationError("--finalists \(finalists): must be at least 1") }
        if let budget, TuneBudget(budget) == nil {
            throw ValidationError("--budget \(budget): give a number of runs (40) or a share of the grid (10%)")
        }
        if let time, ((try? DurationParser.seconds(time)) ?? 0) <= 0 {
            throw ValidationError("--time \(time): give a duration such as 90s, 10m or 1h")
        }
    }

    func run() throws {
        let constraints = try advice.constraints()
        if replay { return try runReplay(constraints) }
        try runLive(constraints)
    }

    // MARK: Replay

    private func runReplay(_ constraints: [AdviceConstraint]) throws {
        let replayer = TuneReplay(objective: advice.objective ?? .throughput, constraints: constraints, budget: budget.flatMap(TuneBudget.init),
                                  finalists: finalists, seeds: seeds)
        var results: [TuneReplay.Result] = []
        var refused = false
        for input in inputs {
            do {
                let run = try RunLoader.load(input)
                results.append(try replayer.replay(run, repetitions: run.meta?.spec?.repetitions))
            } catch let error as RunLoadError {
                printError(error.description)
                refused = true
            } catch let error as TuneReplay.Problem {
                printError(error.description)
                refused = true
            }
        }
        if !results.isEmpty {
            print(try format.render(TuneDocument.replay(results, objective: advice.objective ?? .throughput)) { try JSONReport.encode(results) }, terminator: "")
        }
        if refused { throw ExitCodes.usage }
    }

    // MARK: Live

    private func runLive(_ constraints: [AdviceConstraint]) throws {
        let resumed = try resume.map { try SweepSession.sweepDirectory($0) }
        let specPath = inputs.first ?? resumed?.specCopy ?? ""
        let experiment = try SweepSession.loadSpec(specPath, defaultName: inputs.isEmpty ? resumed.flatMap(SweepSession.recordedName) : nil)
        let directory = resumed ?? RunDirectory(path: out ?? RunDirectory.defaultPath(specName: "\(experiment.name)-tune"))
        if resume == nil && FileManager.default.fileExists(atPath: directory.results) {
            printError("\(directory.path) already holds a run; continue the tune with --resume \(directory.path)")
            throw ExitCodes.usage
        }
        SweepSession.removeLeftoverCgroups()
        let grid = ExperimentGrid(spec: experiment)
        let conditions = Results.Axis.conditions(varyingIn: grid.cells.map(\.axes), roles: experiment.roles)
        if !conditions.isEmpty {
            printError("\(specPath): tune searches the knobs under one condition; this grid varies \(conditions.map(\.name).joined(separator: ", ")): "
                       + "give each one value (a spec per condition), or sweep the grid and `arbench advise` it (one pick per condition)")
            throw ExitCodes.usage
        }
        let objective = advice.objective ?? .following(grid.cells.map(\.axes))
        let cells = Dictionary(grid.cells.map { ($0.axes, $0) }, uniquingKeysWith: { a, _ in a })
        let maxRuns = budget.flatMap(TuneBudget.init)?.runs(ofGrid: grid.runs.count)
        let search = TuneSearch(space: TuneSpace(cells: grid.cells.map(\.axes)), objective: objective, constraints: constraints,
                                maxRuns: maxRuns, confirmRepetitions: experiment.repetitions, finalists: finalists)
        if let maxRuns, maxRuns < search.minimumRuns {
            printError("--budget \(budget ?? ""): \(maxRuns) runs cannot probe every axis of \(experiment.name)'s grid; "
                + "give at least \(search.minimumRuns) (the start and one line along each axis)")
            throw ExitCodes.usage
        }
        if experiment.repetitions < 2 {
            printNote("\(experiment.name) has repetitions: 1, so the finalists cannot be re-measured: the pick rests on one run a cell")
        }

        let inputs = try SweepSession.prepareInputs(experiment, directory: directory)
        let runner = SweepRunner(
            spec: experiment, specText: (try? String(contentsOfFile: specPath, encoding: .utf8)) ?? "",
            specPath: specPath, inputs: inputs, directory: directory,
            launcher: CellLauncher(command: .arbenchRun(executable: OwnExecutable.path)),
            options: SweepRunner.Options(resume: resume != nil, plannedRuns: maxRuns),
            log: { printNote($0) })
        let deadline = try time.map { Date().addingTimeInterval(try DurationParser.seconds($0)) }
        let started = Date()
        printNote("tune \(experiment.name) into \(directory.path): \(grid.cells.count) cells, \(grid.runs.count) runs in the full grid"
            + (maxRuns.map { "; budget \($0) runs" } ?? "") + (time.map { "; time \($0)" } ?? ""))

        let outcome = try Interruptible.run(
            stopping: "the running cell was killed and is not recorded",
            resume: "finished runs are in \(directory.path)/results.csv; continue with arbench tune --resume \(directory.path)") {
            _ = try runner.start()
            // Resume: the search asks for the same runs in the same order, so the ones already made answer it.
            var made = Dictionary(ResultsReader.read(path: directory.results).rows.compactMap { row in row.key.map { ($0, row) } },
                                  uniquingKeysWith: { a, _ in a })
            var asked: [CellAxes: Int] = [:]
            let outcome = try search.run { axes in
                asked[axes, default: 0] += 1
                let run = CellRun(cell: cells[axes]!, repetition: asked[axes]!)
                if let row = made.removeValue(forKey: run.key) { return row }
                if let deadline, Date() >= deadline { return nil }
                return try runner.record(run, remaining: max(1, (maxRuns ?? grid.runs.count) - asked.values.reduce(0, +) + 1))
            }
            _ = try runner.finish()
            return outcome
        }

        let results = try RunLoader.load(directory.path)
        let answer = advice.advisor(constraints, objective: objective).advise(results)
        let budgetText = [maxRuns.map { "\($0) runs" }, time].compactMap { $0 }.joined(separator: ", ")
        let record = TuneRecord(outcome: outcome, objective: objective, constraints: constraints,
                                budget: budgetText.isEmpty ? "none" : budgetText, gridRuns: grid.runs.count,
                                wallSeconds: Date().timeIntervalSince(started), advice: answer)
        let searchDocument = TuneDocument.search(outcome, gridRuns: grid.runs.count, budget: record.budget)
        let adviceDocument = AdviceDocument.make(answer)
        try AtomicFile.write(MarkdownRenderer.render(searchDocument) + "\n" + MarkdownRenderer.render(adviceDocument),
                             to: directory.tuneReport)
        try AtomicFile.write(try JSONReport.encode(record), to: directory.tuneRecord)
        try ReportFiles.writeReport(answer, run: results)
        let text = try format.render(searchDocument) { try JSONReport.encode(record) }
        print(text, terminator: "")
        if format != .json { print("\n" + format.render(adviceDocument) { "" }, terminator: "") }
        printNote("\(directory.path): TUNE.md, tune.json; next: arbench advise \(directory.path), arbench plot \(directory.path)")
        let notOK = outcome.rows.filter { !$0.isOK }
        if !notOK.isEmpty { printError("\(CountText.of(notOK.count, "run")) not ok (see \(directory.path)/REPORT.md and cells/*.log)") }
        // Nothing ran ok: the runs are the problem, not the constraints.
        if notOK.count == outcome.rows.count && !notOK.isEmpty { throw ExitCodes.sweepIncomplete }
        if answer.pick == nil { throw ExitCodes.noneMeetsConstraints }
        if !notOK.isEmpty { throw ExitCodes.sweepIncomplete }
    }
}
