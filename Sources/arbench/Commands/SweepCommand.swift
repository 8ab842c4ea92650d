import ArgumentParser
import Foundation
import SceneGen
import Sweep
import TextTable
import Training
import Results

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run an experiment grid: one fresh `arbench run` per cell, measured from outside, results to CSV.",
        discussion: """
        Each (cell, repetition) runs as a new child process with its allocator (LD_PRELOAD, MALLOC_CONF, \
        MALLOC_ARENA_MAX) and OpenMP settings (OMP_NUM_THREADS, OMP_WAIT_POLICY) set explicitly. The parent \
        records wall time, wait4 rusage and a /proc timeline of RSS, CPU and threads; the child adds stage \
        timings, latencies, its output digest, the allocator it found active and the LibTorch it mapped (a \
        mismatch of either fails the cell). `libtorch: [system, pypi]` in a spec makes the LibTorch runtime an axis; \
        `cpu_quota: [0.5, 1]` (a cgroup per cell, needs root) and `cpuset: ["0"]` (the cell's affinity) reproduce a \
        container's CPU limits, and `intra_op_threads: budget` sizes the pools from them (README, "CPU limits"). \
        Groups left by a sweep killed with SIGKILL are removed when the next sweep starts.

        The run directory gets results.csv (one row per run; `arbench metrics` explains each column), timeline.csv, \
        meta.json (machine, versions, spec), REPORT.md and cells/ (each child's metrics and log). results.csv \
        is complete on disk after every run, so a killed sweep continues with --resume.

        --resume with a spec compares it with DIR/spec.yaml (as parsed values): a change to what the finished runs \
        measured (audio, model, audio_passes, sample_interval_ms, an axis value removed, fewer repetitions) is \
        refused; additions that keep them valid (more repetitions, new axis values, timeout, order, expectations) \
        need --extend, and meta.json records the change.

        --shard K/N runs one shard of N (0 <= K < N) of the grid into its own directory: every repetition of a cell in \
        the same shard, cells dealt round robin in grid order (or by an earlier run's wall_s with --balance-from); \
        meta.json records the share and the grid's size, --resume DIR continues that shard, and `arbench merge` joins \
        the shards into one run (`arbench slurm` and `arbench k8s` write the launchers).

        Exit codes: 0 all ok; 6 some run not ok or outputs differ; 64 bad spec, not a run directory or a spec that \
        does not fit the run directory (nothing ran); 5 model refused; 130 interrupted; 1 other errors.

        Examples:
          arbench sweep Experiments/quick.yaml
          arbench sweep Experiments/quick.yaml --dry-run
          arbench sweep Experiments/post-figures-3-4.yaml --out Results/runs/fig34
          arbench sweep --resume Results/runs/fig34
          arbench sweep quick-more.yaml --resume Results/runs/quick-1 --extend
          arbench sweep Experiments/quick.yaml --shard 0/3 --out runs/quick-shard-0
        """)

    @Argument(help: "Experiment spec (YAML). Optional with --resume, which reuses DIR/spec.yaml.")
    var spec: String?

    @Option(help: "Run directory (default: Results/runs/NAME-YYYYMMDDTHHMMSSZ).")
    var out: String?

    @Option(help: ArgumentHelp("Continue the sweep in DIR: run only the (cell, repetition) pairs missing from its results.csv.", valueName: "DIR"))
    var resume: String?

    @Flag(help: "With --resume: also run again the runs that failed or timed out.")
    var retryFailed = false

    @Flag(help: "With --resume and a spec: accept a spec that adds to DIR's (more repetitions, new axis values) and record the change in meta.json.")
    var extend = false

    @Option(help: ArgumentHelp("Run only shard K of N of the grid (0 <= K < N; all repetitions of a cell in one shard); `arbench merge` joins the shards.", valueName: "K/N"))
    var shard: String?

    @Option(name: .customLong("balance-from"), help: ArgumentHelp("With --shard: deal the cells by their median wall_s in this earlier run (longest first to the least loaded shard) instead of round robin; give every shard the same DIR.", valueName: "DIR"))
    var balanceFrom: String?

    @Flag(help: "List the cells and runs, with an estimated time from an earlier sweep of the same spec name, and run nothing.")
    var dryRun = false

    @Flag(help: "Print what each results.csv column means and exit (the same as `arbench metrics`).")
    var columns = false

    func validate() throws {
        if columns { return }
        guard spec != nil || resume != nil else { throw ValidationError("give a spec file, or --resume DIR") }
        if out != nil && resume != nil { throw ValidationError("--out and --resume both name the run directory; give one") }
        if retryFailed && resume == nil { throw ValidationError("--retry-failed only applies with --resume") }
        if extend && (resume == nil || spec == nil) { throw ValidationError("--extend only applies with a spec and --resume DIR") }
        if balanceFrom != nil && shard == nil { throw ValidationError("--balance-from only applies with --shard K/N") }
    }

    func run() throws {
        if columns {
            print(MetricCatalog.render(.markdown), terminator: "")
            return
        }
        let requestedShard = try shard.map { try Self.parseShard($0) }
        try balanceFrom.map { try SweepSession.checkBalanceSource($0) }
        let resumed = try resume.map { try SweepSession.sweepDirectory($0) }
        let specPath = spec ?? resumed?.specCopy ?? ""
        // DIR/spec.yaml without `name:` keeps the name its sweep had (that of the file it was copied from).
        let experiment = try loadSpec(specPath, defaultName: spec == nil ? resumed.flatMap(SweepSession.recordedName) : nil)
        let directory = resumed ?? RunDirectory(path: out ?? RunDirectory.defaultPath(specName: experiment.name))
        if resume == nil && FileManager.default.fileExists(atPath: directory.results) {
            printError("\(directory.path) already holds a sweep; continue it with --resume \(directory.path)")
            throw ExitCodes.usage
        }
        let specChange = try resumed.flatMap { spec == nil ? nil : try checkSpecChange(experiment, specPath: specPath, directory: $0) }
        let sweepShard = try resumed.map { try Self.recordedShard($0, requested: requestedShard, extending: specChange != nil) } ?? requestedShard.map {
            shard in balanceFrom.map { SweepShard.balanced(shard, from: RunDirectory(path: $0)) } ?? SweepShard(shard: shard)
        }
        if let warning = ThreadCountWarning.text(engineThreads: experiment.engineThreads, intraOpThreads: experiment.intraOpThreads,
                                                 cores: ProcessInfo.processInfo.activeProcessorCount) {
            printNote(warning)
        }
        SweepSession.removeLeftoverCgroups()
        if dryRun {
            printPlan(experiment, directory: resumed, shard: sweepShard)
            return
        }

        let inputs = try SweepSession.prepareInputs(experiment, directory: directory)

        // Cells run this same binary; /proc/self/exe is right whatever the working directory or PATH.
        let executable = OwnExecutable.path
        let runner = SweepRunner(
            spec: experiment, specText: (try? String(contentsOfFile: specPath, encoding: .utf8)) ?? "",
            specPath: specPath, inputs: inputs, directory: directory,
            launcher: CellLauncher(command: .arbenchRun(executable: executable)),
            options: SweepRunner.Options(resume: resume != nil, retryFailed: retryFailed, specChange: specChange, shard: sweepShard),
            log: { printNote($0) })
        printNote("sweep \(experiment.name)\(sweepShard.map { ", shard \($0.shard.text): \(CountText.of(runner.grid.cells.count, "cell")) of \(ExperimentGrid(spec: experiment).cells.count)," } ?? "") into \(directory.path)")
        let outcome = try Interruptible.run(
            stopping: "the running cell was killed and is not recorded",
            resume: "finished runs are in \(directory.path)/results.csv; continue with --resume \(directory.path)") { try runner.run() }
        printSummary(outcome, directory: directory)
        printNote("next: arbench plot \(directory.path)")
        if !outcome.isClean { throw ExitCodes.sweepIncomplete }
    }

    /// A `--shard` value, or a one-line usage error (exit 64).
    static func parseShard(_ text: String) throws -> Shard {
        guard let shard = Shard(text: text) else {
            printError("--shard \(text): must be \(Shard.form), e.g. 0/3 for the first of three shards")
            throw ExitCodes.usage
        }
        return shard
    }

    /// The shard a resumed directory measures (its meta.json's, with the same cell costs); a `--shard` given
    /// with `--resume` must be that one.
    static func recordedShard(_ directory: RunDirectory, requested: Shard?, extending: Bool) throws -> SweepShard? {
        let record = ((try? RunMetadata.read(path: directory.meta)) ?? nil)?.shard
        if let requested, requested != record?.shard {
            printError("--shard \(requested.text): \(directory.path) holds \(record.map { "shard \($0.shard.text)" } ?? "the whole grid"); resume it without --shard")
            throw ExitCodes.usage
        }
        guard let record else { return nil }
        if extending {
            printError("\(directory.path) is shard \(record.shard.text) of a grid: --extend would leave the new cells to no shard; shard the extended spec again")
            throw ExitCodes.usage
        }
        // The recorded cells decide (the costs that dealt them may have changed since).
        return SweepShard.resumed(record)
    }

    /// A spec given with --resume against the one the directory was made with: refused when it changes what
    /// the finished runs measured, or when it only adds to it and --extend was not given.
    private func checkSpecChange(_ given: ExperimentSpec, specPath: String, directory: RunDirectory) throws -> SpecChange? {
        let recorded = try loadSpec(directory.specCopy, defaultName: SweepSession.recordedName(directory))
        let change = SpecChange(recorded: recorded, given: given)
        if change.isEmpty { return nil }
        if !change.invalidating.isEmpty {
            printError("\(specPath) changes what the finished runs in \(directory.path) measured: "
                + change.invalidating.map(\.text).joined(separator: "; ")
                + "; resume with its own spec (arbench sweep --resume \(directory.path)) or start a new sweep")
            throw ExitCodes.usage
        }
        if !extend {
            printError("\(specPath) differs from \(directory.specCopy): " + change.extending.map(\.text).joined(separator: "; ")
                + "; the finished runs stay valid: add --extend to resume with it")
            throw ExitCodes.usage
        }
        printNote("extending \(directory.path): \(change.summary)")
        return change
    }

    /// `--dry-run`: what would run, and for how long if an earlier sweep of this spec says.
    private func printPlan(_ experiment: ExperimentSpec, directory: RunDirectory?, shard: SweepShard?) {
        let full = ExperimentGrid(spec: experiment)
        let grid = shard?.grid(of: full) ?? full
        let done = Set(directory.map { ResultsReader.read(path: $0.results).rows.filter { retryFailed ? $0.isOK : true }.compactMap(\.key) } ?? [])
        let runs = grid.pending(excluding: done)
        for cell in grid.cells {
            let count = runs.filter { $0.cell == cell }.count
            print("\(cell.id)  \(CountText.of(count, "run"))")
        }
        var summary = "\(experiment.name)\(shard.map { " shard \($0.shard.text)" } ?? ""): \(CountText.of(grid.cells.count, "cell")), \(CountText.of(runs.count, "run")) to do"
        if !done.isEmpty { summary += " (\(done.count) already in \(directory?.path ?? ""))" }
        if let estimate = SweepEstimate.make(for: runs, specName: experiment.name, runsDirectory: Self.runsDirectory) {
            summary += "; about \(DurationText.text(estimate.seconds)) (from \(estimate.source))"
        } else {
            summary += "; no estimate (no earlier sweep of \(experiment.name) under \(Self.runsDirectory))"
        }
        print(summary)
    }

    /// Where sweeps go by default (RunDirectory.defaultPath), so where earlier ones are found.
    static var runsDirectory: String { (RunDirectory.defaultPath(specName: "x") as NSString).deletingLastPathComponent }

    private func loadSpec(_ path: String, defaultName: String? = nil) throws -> ExperimentSpec {
        try SweepSession.loadSpec(path, defaultName: defaultName)
    }

    private func printSummary(_ outcome: SweepOutcome, directory: RunDirectory) {
        let table = TextTable<CellSummary> { s in
            [Column(title: "cell", value: s.cellID),
             Column(title: "ok", value: "\(s.okRuns)/\(s.runs)", align: .right),
             Column(title: "processing s", value: Self.format(s.processingSeconds, 3), align: .right),
             Column(title: "wall s", value: Self.format(s.wallSeconds, 3), align: .right),
             Column(title: "cores", value: Self.format(s.coresUsed, 2), align: .right),
             Column(title: "CPU %", value: Self.format(s.cpuUtilPercent, 1), align: .right),
             Column(title: "peak RSS MiB", value: Self.format(s.peakRSSMiB, 1), align: .right),
             Column(title: "avg RSS MiB", value: Self.format(s.averageRSSMiB, 1), align: .right),
             Column(title: "x real time", value: Self.format(s.throughput, 1), align: .right)]
        }
        table.print(outcome.summaries, style: Style.psql)
        printNote("\(CountText.of(outcome.rows.count, "run")) (\(outcome.runsExecuted) this time) in \(directory.path): results.csv, timeline.csv, meta.json, REPORT.md")
        if !outcome.notOK.isEmpty {
            printError("\(CountText.of(outcome.notOK.count, "run")) not ok (see REPORT.md and cells/*.log): "
                + outcome.notOK.prefix(5).map { "\($0[.cellID]) r\($0[.repetition])" }.joined(separator: ", ")
                + (outcome.notOK.count > 5 ? ", ..." : ""))
        }
        if outcome.digest.isConsistent {
            if outcome.digest.groups.count == 1, let digest = outcome.digest.digest {
                printNote("every ok run produced the same output (digest \(digest))")
            } else if outcome.digest.groups.count > 1 {
                printNote("the ok runs of each engine and load produced the same output")
            }
        } else {
            printError("ok runs produced \(outcome.digest.groups.count) different outputs (see REPORT.md)")
        }
    }

    static func format(_ value: Double?, _ decimals: Int) -> String {
        guard let value else { return "-" }
        return String(format: "%.\(decimals)f", value)
    }

}
