import Foundation
import Gate
import Results

/// Runs a sweep: every missing (cell, repetition) as a fresh child, one after another, each
/// result written to disk the moment it is known. A failed cell is recorded and the sweep goes on.
public final class SweepRunner {
    public struct Options {
        public var resume: Bool
        /// With resume: run failed and timed-out runs again instead of keeping their rows.
        public var retryFailed: Bool
        /// The program and arguments recorded in meta.json.
        public var commandLine: String
        /// With resume and `--extend`: how the spec now differs from the directory's (recorded in meta.json).
        public var specChange: SpecChange?
        /// With resume: keep only these runs' rows (the A/B's finished pairs); nil keeps every row of the grid.
        public var keepOnly: Set<RunKey>?
        /// Runs the caller means to make, when not the whole grid (`tune` runs a budget of it, chosen as it
        /// goes through `record`): what meta.json plans and the progress lines count to.
        public var plannedRuns: Int?
        /// `sweep --shard K/N`: only this shard's cells are the directory's grid; nil = the whole grid.
        public var shard: SweepShard?

        public init(resume: Bool = false, retryFailed: Bool = false, commandLine: String = CommandLine.arguments.joined(separator: " "),
                    specChange: SpecChange? = nil, keepOnly: Set<RunKey>? = nil, plannedRuns: Int? = nil, shard: SweepShard? = nil) {
            self.keepOnly = keepOnly
            self.shard = shard
            self.plannedRuns = plannedRuns
            self.resume = resume
            self.retryFailed = retryFailed
            self.commandLine = commandLine
            self.specChange = specChange
        }
    }

    public let spec: ExperimentSpec
    public let specText: String
    public let specPath: String
    public let inputs: SweepInputs
    public let directory: RunDirectory
    public let launcher: CellLauncher
    public let options: Options
    public let machineCores: Int
    /// The runs this directory holds: the spec's grid, or a shard's part of it.
    public let grid: ExperimentGrid
    private let log: (String) -> Void
    private let digests: InputDigests
    private let machine = MachineFingerprint.current()

    public init(spec: ExperimentSpec, specText: String, specPath: String, inputs: SweepInputs, directory: RunDirectory,
                launcher: CellLauncher, options: Options = Options(),
                machineCores: Int = ProcessInfo.processInfo.activeProcessorCount, log: @escaping (String) -> Void) {
        self.spec = spec
        self.specText = specText
        self.specPath = specPath
        self.inputs = inputs
        self.directory = directory
        self.launcher = launcher
        self.options = options
        self.machineCores = machineCores
        self.log = log
        digests = inputs.digests()
        let full = ExperimentGrid(spec: spec)
        grid = options.shard?.grid(of: full) ?? full
    }

    public func run() throws -> SweepOutcome {
        let pending = try start()
        ActiveChild.shared.isLoopRunning = true
        defer { ActiveChild.shared.isLoopRunning = false }
        for (index, run) in pending.enumerated() {
            if ActiveChild.shared.isInterrupted { throw SweepInterrupted() }
            _ = try record(run, remaining: pending.count - index)
        }
        return try finish()
    }

    /// What `start` set up and `record` keeps current: the A/B runs two runners (one per build) in
    /// one interleaved loop, so the steps are public rather than only `run` as a whole.
    private var results: ResultsFile?
    private var session: RunMetadata.Session?
    /// The source the binary was built from, and whether its checkout had changes, read when the sweep
    /// starts: files edited while it runs did not build the binary that measured it.
    private var source: SourceCommit.Found?
    private var earlierSessions: [RunMetadata.Session] = []
    /// A merged run resumed (a partial merge filled in): its meta.json's record of the shards is kept.
    private var earlierMerge: MergeRecord?
    private var carriedCount = 0
    private var progress: SweepProgress?

    /// Creates the directory (or, with resume, reads what it holds: rows outside the grid, or not in
    /// `Options.keepOnly` when given, are dropped) and returns the runs still to do, in grid order.
    public func start() throws -> [CellRun] {
        source = SourceCommit.of(executable: launcher.command.executable)
        try directory.create()
        try AtomicFile.write(specText, to: directory.specCopy)

        var carried: [ResultRow] = []
        if options.resume {
            let existing = ResultsReader.read(path: directory.results)
            var warnings = existing.warnings
            // The run directory's own spec.yaml made these rows, so a key outside its grid is damage.
            let gridKeys = Set(grid.runs.map(\.key))
            let foreign = existing.rows.filter { $0.key.map { !gridKeys.contains($0) } ?? true }
            warnings += foreign.map { "\(directory.results): \($0.key?.description ?? "?") is not a run of this sweep's grid; dropped" }
            warnings.forEach { log("warning: \($0)") }
            if !warnings.isEmpty {
                log("warning: the runs whose rows were dropped run again")
                keepDamagedOriginal()
            }
            var inGrid = existing.rows.filter { $0.key.map(gridKeys.contains) ?? false }
            // The A/B keeps only runs whose pair finished on both sides: a half pair runs again, on both.
            if let keepOnly = options.keepOnly { inGrid = inGrid.filter { $0.key.map(keepOnly.contains) ?? false } }
            carried = options.retryFailed ? inGrid.filter(\.isOK) : inGrid
        }
        let results = ResultsFile(path: directory.results, rows: carried)
        try results.save()
        self.results = results
        carriedCount = carried.count
        let carriedKeys = Set(carried.compactMap(\.key))
        if options.resume {
            let dropped = try TimelineFile.retain(carriedKeys, at: directory.timeline)
            if dropped > 0 { log("timeline.csv: dropped \(dropped) rows of runs that did not finish") }
        } else {
            try? FileManager.default.removeItem(atPath: directory.timeline)
        }

        let pending = grid.pending(excluding: carriedKeys)
        let gridDone = grid.runs.count - pending.count
        if options.resume {
            log(options.plannedRuns == nil
                ? "resuming \(directory.path): \(gridDone) of \(CountText.of(grid.runs.count, "run")) already done, \(pending.count) to go"
                : "resuming \(directory.path): \(CountText.of(gridDone, "run")) already done")
        }

        let session = RunMetadata.Session(startedAt: ResultRow.timestamp(Date()), endedAt: nil, commandLine: options.commandLine,
                                          runsPlanned: options.plannedRuns ?? pending.count, runsExecuted: 0,
                                          sampler: SamplerOverhead(intervalMs: spec.sampleIntervalMs),
                                          specChange: options.specChange.flatMap { $0.isEmpty ? nil : $0.summary })
        self.session = session
        earlierSessions = options.resume ? RunMetadata.previousSessions(at: directory.meta) : []
        earlierMerge = options.resume ? ((try? RunMetadata.read(path: directory.meta)) ?? nil)?.merge : nil
        try writeMetadata(sessions: earlierSessions + [session], cells: grid.cells.count, runs: grid.runs.count, software: nil)
        progress = SweepProgress(total: options.plannedRuns ?? grid.runs.count, alreadyDone: options.plannedRuns == nil ? gridDone : 0, log: log)
        return pending
    }

    /// Runs one pending run (after `start`) and writes its row, timeline and meta.json at once.
    /// Throws `SweepInterrupted` when an interrupt killed it: that run is not recorded.
    @discardableResult
    public func record(_ run: CellRun, remaining: Int) throws -> ResultRow {
        guard let results, var session else { preconditionFailure("SweepRunner.record before start") }
        progress?.begin(run, remaining: remaining)
        let measurement = execute(run)
        // The interrupt killed this run: not a measurement, so not a row; resume reruns it.
        if ActiveChild.shared.isInterrupted { throw SweepInterrupted() }
        var row = ResultRow(measurement)
        row.recordMachine(machine)
        // Timeline first: if results.csv then fails, resume drops these samples with the run.
        do {
            try TimelineFile.append(run: run, samples: measurement.outcome.samples, machineCores: machineCores, to: directory.timeline)
            try results.append(row)
        } catch {
            throw ResultsNotSaved(directory: directory.path, runsKept: carriedCount + session.runsExecuted, cause: "\(error)")
        }
        session.runsExecuted += 1
        session.sampler.add(measurement.outcome)
        self.session = session
        // Kept current, so a sweep killed before its end still tells what it ran.
        try writeMetadata(sessions: earlierSessions + [session], cells: grid.cells.count, runs: grid.runs.count, software: nil)
        progress?.end(row, wallSeconds: measurement.outcome.wallSeconds)
        return row
    }

    /// Closes the session (after the last `record`): software versions, meta.json, REPORT.md.
    public func finish() throws -> SweepOutcome {
        guard let results, var session else { preconditionFailure("SweepRunner.finish before start") }
        session.endedAt = ResultRow.timestamp(Date())
        self.session = session
        // torch_version and the parallel info come from the spec's first runtime, whatever order the runs
        // finished in, so two sweeps of one spec record the same; each runtime's build is recorded apart.
        let report = firstOKReport(results.rows, runtime: spec.libtorch.first?.name) ?? firstOKReport(results.rows)
        let builds = spec.libtorch.compactMap { firstOKReport(results.rows, runtime: $0.name)?.torch.build }
        let software = SoftwareVersions.collect(childExecutable: launcher.command.executable, source: source, report: report,
                                                runtimes: builds.sorted { $0.runtime < $1.runtime },
                                                runtimeLibraries: spec.libtorch.compactMap { try? $0.locate().shimPath })
        try writeMetadata(sessions: earlierSessions + [session], cells: grid.cells.count, runs: grid.runs.count, software: software)
        try AtomicFile.write(SweepReport.markdown(specName: spec.name, rows: results.rows, roles: spec.roles),
                             to: directory.report)
        return SweepOutcome(rows: results.rows, runsExecuted: session.runsExecuted, digest: DigestCheck(rows: results.rows))
    }

    /// One cell run: a fresh child, measured, its report read and judged. A capacity cell's run is a
    /// search (CapacityRun); its loads keep their metrics and logs beside the run's (`-streams-K`), the
    /// search's record goes to `.capacity.json`, and the run's own metrics file is the load at capacity's.
    func execute(_ run: CellRun) -> CellMeasurement {
        if run.cell.load.scenario == .capacity, let setting = spec.capacity {
            return executeCapacity(run, setting: setting)
        }
        let invocation = CellInvocation(run: run, modelPath: inputs.modelPath, audioPaths: inputs.audioPaths,
                                        metricsPath: directory.metricsPath(run))
        return launcher.measure(invocation, logPath: directory.logPath(run), timeoutSeconds: spec.timeoutSeconds,
                                sampleIntervalMs: spec.sampleIntervalMs, machineCores: machineCores, inputs: digests)
    }

    private func executeCapacity(_ run: CellRun, setting: CapacitySetting) -> CellMeasurement {
        let stem = (directory.metricsPath(run) as NSString).deletingPathExtension
        let capacity = CapacityRun(launcher: launcher, modelPath: inputs.modelPath, audioPaths: inputs.audioPaths, setting: setting,
                                   timeoutSeconds: spec.timeoutSeconds, sampleIntervalMs: spec.sampleIntervalMs, machineCores: machineCores,
                                   inputs: digests, paths: { k in ("\(stem)-streams-\(k).json", "\(stem)-streams-\(k).log") }, log: log)
        do {
            let result = try capacity.run(run, pace: run.cell.load.pace ?? 1)
            try? FileManager.default.removeItem(atPath: directory.metricsPath(run))
            try? FileManager.default.copyItem(atPath: "\(stem)-streams-\(result.measuredStreams).json", toPath: directory.metricsPath(run))
            try? AtomicFile.write(JSONReport.encode(result.search), to: "\(stem).capacity.json")
            log("  capacity \(result.finding.streams) streams at p99 <= \(CSVText.number(setting.p99Ms, decimals: 1)) ms (\(result.finding.loads) loads)")
            return result.measurement
        } catch {
            // Interrupted: `record` sees the flag and records nothing; resume searches this run again.
            return CellMeasurement(run: run, outcome: LaunchOutcome(startedAt: Date(), wallSeconds: 0, termination: .notStarted(reason: "interrupted"),
                                                                    timedOut: false, usage: nil, samples: []),
                                   report: nil, verdict: CellVerdict(status: .failed, error: "interrupted"), machineCores: machineCores, inputs: digests)
        }
    }

    /// Resume rewrites results.csv without the lines it dropped; the file as found stays beside it.
    private func keepDamagedOriginal() {
        let stamp = ResultRow.timestamp(Date()).filter { $0.isNumber }
        let copy = "\(directory.results).damaged-\(stamp)"
        if (try? FileManager.default.copyItem(atPath: directory.results, toPath: copy)) != nil {
            log("the damaged results.csv is kept as \(copy)")
        }
    }

    /// The metrics of the first ok run on `runtime` (any runtime when nil).
    private func firstOKReport(_ rows: [ResultRow], runtime: String? = nil) -> RunReport? {
        for row in rows where row.isOK && (runtime == nil || CellAxes(row: row)?.libtorch == runtime) {
            guard let key = row.key, let report = try? ChildReport.load(path: directory.metricsPath(key)).get() else { continue }
            return report
        }
        return nil
    }

    private func writeMetadata(sessions: [RunMetadata.Session], cells: Int, runs: Int, software: SoftwareVersions?) throws {
        let environment = RunMetadata.split(environment: launcher.inheritedEnvironment)
        let sizes = inputs.audioPaths.map { path in
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.uint64Value ?? 0
        }
        let meta = RunMetadata(
            specName: spec.name, specPath: specPath, specYAML: specText, spec: spec, cells: cells, runsInGrid: runs,
            inputs: RunMetadata.Inputs(modelPath: inputs.modelPath, audioPaths: inputs.audioPaths, audioBytes: sizes,
                                       modelDigest: digests.model, audioDigest: digests.audio),
            startedAt: sessions.first?.startedAt ?? ResultRow.timestamp(Date()), endedAt: sessions.last?.endedAt,
            sessions: sessions, machine: machine, software: software,
            inheritedEnvironment: environment.recorded, otherInheritedVariables: environment.otherNames,
            shard: options.shard?.record(of: ExperimentGrid(spec: spec)), merge: earlierMerge)
        try AtomicFile.write(String(decoding: try meta.jsonData(), as: UTF8.self) + "\n", to: directory.meta)
    }
}
