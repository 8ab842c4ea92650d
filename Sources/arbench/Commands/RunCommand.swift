import ArgumentParser
import Engine
import Foundation
import Pipeline
import Sweep
import Training
import Results

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the AR engine over audio files: time-ordered tags and a metrics report.",
        discussion: """
        Prints `start_s,end_s,tag,score` rows on stdout (with a leading `file` column when several files \
        are given) and a summary on stderr. A file that cannot be used is reported in one line and \
        skipped; the others are still processed, and the exit code is then 4.

        The built-in presets (tiny, base, large) know only the six classes of the generated scenes \
        (`arbench generate`); on other audio, speech or music, their tags are not meaningful (they name \
        one of those six with confidence). Bring your own TorchScript model with --model for real audio.

        Examples:
          arbench run scene.wav
          arbench run scene.wav --engine-threads 4 --intra-op-threads 1
          arbench run scene.wav --metrics run.json --tags tags.csv
          arbench run a.wav b.flac --model my_model.pt --quiet
          arbench run scene.wav --libtorch pypi --intra-op-threads default
          arbench run scene.wav --allocator jemalloc --metrics run.json
          # 8 live streams at 10x real time; 2 s requests, Poisson, 20 a second:
          arbench run scene.wav --streams 8 --pace 10 --metrics run.json
          arbench run scene.wav --rate 20 --request-seconds 2

        --streams K plays K live streams at once (the files round robin, staggered by a fraction of a chunk), \
        each delivering --chunk-ms of audio per chunk on its clock, --pace times real time; each stream is \
        segmented as its audio arrives and its segments share the engine's queue. A segment's latency is from \
        the arrival of its last sample to its scores. Late audio is never dropped: a full queue holds the feeder \
        back, which every later latency includes; once it is --max-lag behind its clock the engine cannot keep \
        up: feeding stops, the run ends and is reported overloaded (exit 0: it is a result). The metrics gain \
        `streams` (latency p50/p90/p99/max, per-second windows with the queue depth, lag, audio not fed).

        --rate R sends requests with Poisson arrivals at R per second (MLPerf LoadGen's Server scenario): each \
        file is one request, or pieces of --request-seconds each. Every file is read and segmented before the \
        clock starts (LoadGen loads its samples first), so the engine alone carries the load; a request's \
        segments are queued together at its arrival, and its latency runs to the scores of its last segment. \
        The schedule is seeded (--arrival-seed), a full queue holds the sender back, --max-lag ends an \
        overloaded run as above. The metrics gain `requests` (request latency p50/p90/p99/max, per-segment \
        latency, windows, lag, requests not sent).

        LibTorch runtimes (--libtorch): `system` is Debian's libtorch-dev 1.13 (reference BLAS); `pypi` is \
        PyPI's torch 2.15 (MKL, oneDNN 3), set up by `make libtorch`; a directory is a LibTorch you have \
        (pytorch.org's libtorch/ or a wheel's torch/), set up once by `make libtorch LIBTORCH=DIR`. A \
        runtime that is missing or not a LibTorch is refused in one line (exit 5) before any audio is read.
        """)

    @Argument(help: "Audio files in any format libsndfile reads.")
    var audio: [String]

    @Option(help: "TorchScript model file, or a built-in preset: tiny, base, large (optionally @SEED).")
    var model = "base"

    // Read as text and checked in validate(): `-1` is a value to refuse in words, not an option that leaves
    // this one "missing" (`.unconditional`), and the refusal reads as a spec's would.
    @Option(name: .customLong("engine-threads"), parsing: .unconditional,
            help: ArgumentHelp("Engine threads sharing the model (1 or more).", valueName: "n"))
    var engineThreadsText = "1"
    var engineThreads: Int { ThreadCountOption.value(engineThreadsText, allowsDefault: false) }

    @Option(name: .customLong("intra-op-threads"), parsing: .unconditional,
            help: ArgumentHelp("LibTorch intra-op threads, set by each engine thread; `default` leaves LibTorch's choice.", valueName: "n"))
    var intraOpThreadsText = "1"
    var intraOpThreads: Int { ThreadCountOption.value(intraOpThreadsText, allowsDefault: true) }

    @OptionGroup var libtorch: LibTorchOption

    @Option(name: .customLong("inter-op-threads"), parsing: .unconditional,
            help: ArgumentHelp("LibTorch inter-op threads, set once per process.", valueName: "n"))
    var interOpThreadsText = "1"
    var interOpThreads: Int { ThreadCountOption.value(interOpThreadsText, allowsDefault: false) }

    @Option(help: ArgumentHelp("Run on this allocator: \(AllocatorSetting.knownNames) (arbench starts itself again with LD_PRELOAD set, as a sweep cell does; `arbench info` lists the installed ones).", valueName: "name"))
    var allocator: AllocatorSetting?

    @Option(help: "Write the tags as CSV to this file (atomically).")
    var tags: String?

    @Option(help: "Write the metrics report as JSON to this file (atomically).")
    var metrics: String?

    @Option(help: "Winning scores below this are tagged `unknown`.")
    var unknownThreshold: Float = 0.5

    @Flag(help: "Do not print tag rows on stdout.")
    var quiet = false

    @Option(help: "threads: N engine threads share one model; processes: N worker processes, one engine thread each.")
    var engineMode: EngineMode = .threads

    @Option(help: ArgumentHelp("Play the audio as this many live streams at once (see above).", valueName: "K"))
    var streams: Int?

    @Option(help: ArgumentHelp("With --streams: times real time (10 = ten times faster).", valueName: "P"))
    var pace: Double = 1

    @Option(name: .customLong("chunk-ms"), help: ArgumentHelp("With --streams: audio per chunk a stream delivers.", valueName: "ms"))
    var chunkMs: Double = 100

    @Option(name: .customLong("max-lag"), help: ArgumentHelp("With --streams: seconds the feeder may fall behind before the run is overloaded.", valueName: "s"))
    var maxLag: Double = 5

    @Option(name: .customLong("latency-bound"), help: ArgumentHelp("With --streams or --rate: count the segments whose latency exceeds this (e.g. 300ms, 1s; a plain number is ms).", valueName: "TIME"))
    var latencyBound: LatencyBound?
    var latencyBoundMs: Double? { latencyBound?.milliseconds }

    @Option(help: ArgumentHelp("Send requests with Poisson arrivals, this many per second (see above).", valueName: "R"))
    var rate: Double?

    @Option(name: .customLong("request-seconds"), help: ArgumentHelp("With --rate: audio per request; 0 = each file is one request.", valueName: "s"))
    var requestSeconds: Double = 0

    @Option(name: .customLong("arrival-seed"), help: ArgumentHelp("With --rate: seed of the arrival schedule.", valueName: "n"))
    var arrivalSeed: UInt64 = 1

    var requestPlan: RequestPlan? {
        rate.map { RequestPlan(rate: $0, requestSeconds: requestSeconds, seed: arrivalSeed, maxLagSeconds: maxLag,
                               latencyBoundSeconds: latencyBoundMs.map { $0 / 1000 }) }
    }

    var streamPlan: StreamPlan? {
        streams.map { StreamPlan(streams: $0, pace: pace, chunkSeconds: chunkMs / 1000, maxLagSeconds: maxLag,
                                 latencyBoundSeconds: latencyBoundMs.map { $0 / 1000 }) }
    }

    @Option(help: ArgumentHelp("Process only segments K, K+N, ... (K/N): a worker of the multi-process engine.", visibility: .private))
    var shard: String?

    @Option(help: ArgumentHelp("Write this worker's raw output as JSON here.", visibility: .private))
    var shardOutput: String?

    var parsedShard: Shard? { shard.flatMap(Shard.init(text:)) }

    func validate() throws {
        try ThreadCountOption.check(engineThreadsText, option: "--engine-threads", allowsDefault: false)
        try ThreadCountOption.check(intraOpThreadsText, option: "--intra-op-threads", allowsDefault: true)
        try ThreadCountOption.check(interOpThreadsText, option: "--inter-op-threads", allowsDefault: false)
        guard (0...1).contains(unknownThreshold) else { throw ValidationError("--unknown-threshold must be within 0...1") }
        if shard != nil && parsedShard == nil { throw ValidationError("--shard must be \(Shard.form), got \(shard ?? "")") }
        if let plan = streamPlan {
            guard plan.streams >= 1 else { throw ValidationError("--streams \(plan.streams): at least 1 stream") }
            guard plan.pace > 0, plan.pace.isFinite else { throw ValidationError("--pace \(pace): a speed-up above 0 (1 = real time)") }
            guard chunkMs >= 1, chunkMs <= 10_000 else { throw ValidationError("--chunk-ms \(chunkMs): between 1 and 10000") }
            guard engineMode == .threads, shard == nil else { throw ValidationError("--streams runs on the threads engine (--engine-mode threads)") }
            let limit = StreamLimits.maximum(plan: plan)
            guard plan.streams <= limit.streams else {
                throw ValidationError("--streams \(plan.streams): more than this machine carries (at most \(limit.streams): \(limit.reason))")
            }
        } else if pace != 1 || chunkMs != 100 {
            throw ValidationError("--pace and --chunk-ms apply with --streams K")
        }
        if let plan = requestPlan {
            guard streams == nil else { throw ValidationError("--rate and --streams: one load at a time") }
            guard plan.rate > 0, plan.rate <= 100_000 else { throw ValidationError("--rate \(plan.rate): above 0 and at most 100000 per second") }
            guard requestSeconds >= 0, requestSeconds.isFinite else { throw ValidationError("--request-seconds \(requestSeconds): 0 (whole files) or more") }
            guard engineMode == .threads, shard == nil else { throw ValidationError("--rate runs on the threads engine (--engine-mode threads)") }
        } else if requestSeconds != 0 || arrivalSeed != 1 {
            throw ValidationError("--request-seconds and --arrival-seed apply with --rate R")
        }
        if streams != nil || rate != nil {
            guard maxLag > 0 else { throw ValidationError("--max-lag \(maxLag): above 0 seconds") }
        } else if maxLag != 5 || latencyBoundMs != nil {
            throw ValidationError("--max-lag and --latency-bound apply with --streams K or --rate R")
        }
    }

    func run() throws {
        let execToMain = ARBench.processStartSeconds
        for path in [metrics, tags].compactMap({ $0 }) {
            if let problem = OutputPath.problem(path) {   // before any work: a typo costs nothing
                printError(problem)
                throw ExitCodes.error
            }
        }
        if let allocator { try AllocatorPreload.ensure(allocator) }
        if shard == nil, let warning = ThreadCountWarning.text(engineThreads: [engineThreads], intraOpThreads: [intraOpThreads],
                                                               cores: ProcessInfo.processInfo.activeProcessorCount) {
            printNote(warning)
        }
        if shard != nil || ProcessInfo.processInfo.environment["ARBENCH_DIE_WITH_PARENT"] == "1" {
            ProcessClock.dieWithParent()
        }
        let runtime = libtorch.runtime
        do {
            _ = try runtime.locate()   // refused in one line before anything else happens
        } catch {
            printError(error.description)
            throw ExitCodes.modelRefused
        }
        try buildPresetOnTrainingRuntime(runtime: runtime)
        do {
            try LoadedLibTorch.activate(runtime)
        } catch {
            printError(error.description)
            throw ExitCodes.modelRefused
        }
        let processStart = execToMain + LoadedLibTorch.loadSeconds
        if shard == nil, let build = try? TorchBuild.current(), let warning = build.openmpWarning {
            printNote("warning: \(warning)")
        }
        do {
            try LoadedLibTorch.setInterOpThreads(interOpThreads)
        } catch {
            printError(error.description)
            throw ExitCodes.error
        }
        // Before any engine thread sets its intra-op count: LibTorch's and OpenMP's own defaults under
        // this process's affinity and cgroup (what an engine in a container would size itself from).
        let cpuView = CPUView.current(parallelInfo: LoadedLibTorch.parallelInfo)

        let modelPath = try resolveModel(model)
        let config = EngineConfig(engineThreads: engineThreads, intraOpThreads: intraOpThreads, interOpThreads: interOpThreads)
        let (output, engineReport) = engineMode == .processes
            ? try runWorkerProcesses(modelPath: modelPath, config: config, processStart: processStart)
            : try runThreads(modelPath: modelPath, config: config, processStart: processStart)
        var report = engineReport
        report.cpuView = cpuView
        if shardOutput != nil { return }

        let csv = TagTable.csv(output.files, withFileColumn: audio.count > 1)
        // With no usable input there is nothing to show: the error lines alone, no header, no empty summary.
        let anyUsable = output.files.contains(where: \.isOK)
        if !quiet && anyUsable { print(csv, terminator: "") }
        for file in output.files where !file.isOK {
            printError(file.error ?? "\(file.path): failed")
        }
        do {
            if let tags { try AtomicFile.write(csv, to: tags) }
            if let metrics { try AtomicFile.write(report.jsonData(), to: metrics) }
        } catch {
            printError("cannot write output: \(error)")
            throw ExitCodes.error
        }
        if anyUsable { printNote(RunSummary.text(report)) }
        if output.files.contains(where: { !$0.isOK }) { throw ExitCodes.inputsRefused }
    }

    private func runThreads(modelPath: String, config: EngineConfig,
                            processStart: Double) throws -> (EngineRun.Output, RunReport) {
        let loadStart = MonotonicClock.nanoseconds()
        let torchModel: TorchModel
        do {
            torchModel = try TorchModel(path: modelPath)
        } catch {
            printError("\(error)")
            throw ExitCodes.modelRefused
        }
        let modelLoadSeconds = MonotonicClock.seconds(since: loadStart)
        let engine = EngineRun(model: torchModel, config: config,
                               tagger: Tagger(classes: torchModel.metadata.classes, unknownThreshold: unknownThreshold),
                               shard: parsedShard)
        let output = streamPlan.map { engine.run(streams: $0, files: audio) }
            ?? requestPlan.map { engine.run(requests: $0, files: audio) } ?? engine.run(files: audio)
        if let shardOutput {
            let shard = ShardOutput(model: RunReport.ModelSummary(torchModel), modelLoadSeconds: modelLoadSeconds, output: output)
            do {
                try AtomicFile.write(JSONEncoder().encode(shard), to: shardOutput)
            } catch {
                printError("\(shardOutput): cannot write worker output: \(error)")
                throw ExitCodes.error
            }
        }
        return (output, RunReport(output: output, run: engine, modelLoadSeconds: modelLoadSeconds, processStartSeconds: processStart))
    }

    private func runWorkerProcesses(modelPath: String, config: EngineConfig,
                                    processStart: Double) throws -> (EngineRun.Output, RunReport) {
        let engine = WorkerProcessEngine(
            executable: Bundle.main.executablePath ?? CommandLine.arguments[0], workers: config.engineThreads,
            worker: RunInvocation(audio: audio, model: modelPath, intraOpThreads: config.intraOpThreads,
                                  interOpThreads: config.interOpThreads, libtorch: libtorch.name),
            unknownThreshold: unknownThreshold)
        let result: WorkerProcessEngine.Result
        do {
            result = try engine.run(files: audio)
        } catch {
            printError("multi-process engine: \(error)")
            throw ExitCodes.error
        }
        guard let model = result.model else {
            printError("multi-process engine: no worker reported")
            throw ExitCodes.error
        }
        let report = RunReport(output: result.output, config: config, model: model, modelLoadSeconds: result.modelLoadSeconds,
                               processStartSeconds: processStart, engineMode: .processes)
        return (result.output, report)
    }
}

extension RunCommand {
    /// Presets are trained on one runtime only (ModelBuilder.trainingRuntime): a run on another runtime
    /// whose preset is not built yet has it built first by a child on that runtime, so this process
    /// never loads two LibTorch builds.
    func buildPresetOnTrainingRuntime(runtime: LibTorchRuntime) throws {
        guard runtime != ModelBuilder.trainingRuntime, !FileManager.default.fileExists(atPath: model),
              let (preset, seed) = ModelCatalog.presetReference(model),
              (try? ModelCatalog.existing(preset: preset, seed: seed)) == nil else { return }
        printNote("building the \(preset.name) model on the \(ModelBuilder.trainingRuntime) runtime first")
        let child = Process()
        child.executableURL = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0])
        child.arguments = ModelCommand.Build.arguments(preset: preset.name, seed: seed)
        var environment = ProcessInfo.processInfo.environment
        environment["ARBENCH_LIBTORCH"] = ModelBuilder.trainingRuntime.name
        child.environment = environment
        child.standardOutput = FileHandle.nullDevice
        do {
            try child.run()
        } catch {
            printError("cannot start the model build: \(error.localizedDescription)")
            throw ExitCodes.error
        }
        child.waitUntilExit()
        guard child.terminationStatus == 0 else {
            printError("\(model): building the preset failed (exit \(child.terminationStatus))")
            throw ExitCodes.modelRefused
        }
    }
}

/// Tags as CSV, in the order of the files given.
enum TagTable {
    static func csv(_ files: [FileResult], withFileColumn: Bool) -> String {
        var lines = [withFileColumn ? "file,\(Tag.csvHeader)" : Tag.csvHeader]
        for file in files where file.isOK {
            for tag in file.tags {
                lines.append(withFileColumn ? "\(csvField(file.path)),\(tag.csvRow)" : tag.csvRow)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// The few lines a person reads after a run.
enum RunSummary {
    static func text(_ r: RunReport) -> String {
        let ok = r.files.filter { $0.status == "ok" }.count
        let shares = ["validation", "segmentation", "features", "inference", "postprocessing"]
            .map { "\($0) \(String(format: "%.1f", r.stageSharePercent[$0] ?? 0))%" }
            .joined(separator: ", ")
        return """
        \(ok)/\(r.files.count) files, \(String(format: "%.1f", r.audioSeconds)) s of audio, \(CountText.of(r.segments, "segment")), \(CountText.of(r.tags, "tag"))
          wall \(String(format: "%.3f", r.wallSeconds)) s (real-time factor \(String(format: "%.4f", r.realTimeFactor))), model load \(String(format: "%.3f", r.modelLoadSeconds)) s, process start \(String(format: "%.3f", r.processStartSeconds)) s
          engine threads \(r.threads.engineEffective), intra-op \(r.threads.intraOpRequested) (effective \(Set(r.threads.intraOpEffective).sorted())), inter-op \(r.threads.interOpEffective), allocator \(r.allocator.name)
          segment latency p50 \(String(format: "%.2f", r.latency.segment.p50Ms)) ms, p99 \(String(format: "%.2f", r.latency.segment.p99Ms)) ms; inference p50 \(String(format: "%.2f", r.latency.inference.p50Ms)) ms, p99 \(String(format: "%.2f", r.latency.inference.p99Ms)) ms
          stage time: \(shares)
          output digest \(r.outputDigest)
        """ + (r.streams.map(streamsLine) ?? "") + (r.requests.map(requestsLine) ?? "")
    }

    static func requestsLine(_ s: RequestsSummary) -> String {
        let state = s.overloaded
            ? "OVERLOADED (sender \(String(format: "%.0f", s.maxSendLagMs)) ms behind its schedule; \(s.requests - s.sent) requests not sent)"
            : s.keptUp ? "kept up (sender at most \(String(format: "%.0f", s.maxSendLagMs)) ms behind its schedule)"
            : "fell behind (sender \(String(format: "%.0f", s.endSendLagMs)) ms behind its schedule at the end)"
        return "\n  \(s.sent) requests at \(String(format: "%g", s.rate))/s (Poisson): latency p50 \(String(format: "%.1f", s.latency.p50Ms)) ms, "
            + "p90 \(String(format: "%.1f", s.latencyP90Ms)) ms, p99 \(String(format: "%.1f", s.latency.p99Ms)) ms, max \(String(format: "%.1f", s.latency.maxMs)) ms; \(state)"
    }

    static func streamsLine(_ s: StreamsSummary) -> String {
        let state = s.overloaded
            ? "OVERLOADED (feeder \(String(format: "%.0f", s.maxFeedLagMs)) ms behind its clock; \(String(format: "%.1f", s.notFedSeconds)) s of audio not fed)"
            : s.keptUp ? "kept up (feeder at most \(String(format: "%.0f", s.maxFeedLagMs)) ms behind its clock)"
            : "fell behind (feeder \(String(format: "%.0f", s.endFeedLagMs)) ms behind its clock at the end)"
        return "\n  \(s.streams) streams at \(String(format: "%g", s.pace))x real time: latency p50 \(String(format: "%.1f", s.latency.p50Ms)) ms, "
            + "p90 \(String(format: "%.1f", s.latencyP90Ms)) ms, p99 \(String(format: "%.1f", s.latency.p99Ms)) ms, max \(String(format: "%.1f", s.latency.maxMs)) ms; \(state)"
    }
}

extension EngineMode: ExpressibleByArgument {}
extension AllocatorSetting: ExpressibleByArgument {
    public init?(argument: String) {
        guard let setting = AllocatorSetting.named(argument) else { return nil }
        self = setting
    }
}
