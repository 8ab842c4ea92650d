import ArgumentParser
import Engine
import Foundation
import Pipeline
import Training

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the AR engine over audio files: time-ordered tags and a metrics report.",
        discussion: """
        Prints `start_s,end_s,tag,score` rows on stdout (with a leading `file` column when several files
        are given) and a summary on stderr. A file that cannot be used is reported in one line and
        skipped; the others are still processed, and the exit code is then 4.

        Examples:
          arbench run scene.wav
          arbench run scene.wav --engine-threads 4 --intra-op-threads 1 --metrics run.json --tags tags.csv
          arbench run a.wav b.flac --model my_model.pt --quiet
        """)

    @Argument(help: "Audio files in any format libsndfile reads.")
    var audio: [String]

    @Option(help: "TorchScript model file, or a built-in preset: tiny, base, large (optionally @SEED).")
    var model = "base"

    @Option(help: "Engine threads sharing the model (1 or more).")
    var engineThreads = 1

    @Option(help: "LibTorch intra-op threads, set by each engine thread.")
    var intraOpThreads = 1

    @Option(help: "LibTorch inter-op threads, set once per process.")
    var interOpThreads = 1

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

    @Option(help: ArgumentHelp("Process only segments K, K+N, ... (K/N): a worker of the multi-process engine.", visibility: .private))
    var shard: String?

    @Option(help: ArgumentHelp("Write this worker's raw output as JSON here.", visibility: .private))
    var shardOutput: String?

    enum EngineMode: String, ExpressibleByArgument, CaseIterable {
        case threads, processes
    }

    var parsedShard: Shard? {
        guard let shard else { return nil }
        let parts = shard.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (0..<parts[1]).contains(parts[0]) else { return nil }
        return Shard(index: parts[0], count: parts[1])
    }

    func validate() throws {
        guard engineThreads >= 1 else { throw ValidationError("--engine-threads must be at least 1, got \(engineThreads)") }
        guard intraOpThreads >= 1 else { throw ValidationError("--intra-op-threads must be at least 1, got \(intraOpThreads)") }
        guard interOpThreads >= 1 else { throw ValidationError("--inter-op-threads must be at least 1, got \(interOpThreads)") }
        guard (0...1).contains(unknownThreshold) else { throw ValidationError("--unknown-threshold must be within 0...1") }
        if shard != nil && parsedShard == nil { throw ValidationError("--shard must be K/N with 0 <= K < N, got \(shard ?? "")") }
    }

    func run() throws {
        let processStart = ARBench.processStartSeconds
        if shard != nil || ProcessInfo.processInfo.environment["ARBENCH_DIE_WITH_PARENT"] == "1" {
            ProcessClock.dieWithParent()
        }
        do {
            try TorchRuntime.setInterOpThreads(interOpThreads)
        } catch {
            printError(error.description)
            throw ExitCodes.error
        }

        let modelPath: String
        do {
            modelPath = try ModelCatalog.resolve(model, log: { printNote($0) })
        } catch {
            printError("\(error)")
            throw ExitCodes.modelRefused
        }
        let config = EngineConfig(engineThreads: engineThreads, intraOpThreads: intraOpThreads, interOpThreads: interOpThreads)
        let (output, report) = engineMode == .processes
            ? try runWorkerProcesses(modelPath: modelPath, config: config, processStart: processStart)
            : try runThreads(modelPath: modelPath, config: config, processStart: processStart)
        if shardOutput != nil { return }

        let csv = TagTable.csv(output.files, withFileColumn: audio.count > 1)
        if !quiet { print(csv, terminator: "") }
        for file in output.files where !file.isOK {
            printError(file.error ?? "\(file.path): failed")
        }
        do {
            if let tags { try writeAtomically(csv, to: tags) }
            if let metrics { try report.jsonData().write(to: URL(fileURLWithPath: metrics), options: .atomic) }
        } catch {
            printError("cannot write output: \(error.localizedDescription)")
            throw ExitCodes.error
        }
        printNote(RunSummary.text(report))
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
        let output = engine.run(files: audio)
        if let shardOutput {
            let shard = ShardOutput(model: RunReport.ModelSummary(torchModel), modelLoadSeconds: modelLoadSeconds, output: output)
            do {
                try JSONEncoder().encode(shard).write(to: URL(fileURLWithPath: shardOutput), options: .atomic)
            } catch {
                printError("\(shardOutput): cannot write worker output: \(error.localizedDescription)")
                throw ExitCodes.error
            }
        }
        return (output, RunReport(output: output, run: engine, modelLoadSeconds: modelLoadSeconds, processStartSeconds: processStart))
    }

    private func runWorkerProcesses(modelPath: String, config: EngineConfig,
                                    processStart: Double) throws -> (EngineRun.Output, RunReport) {
        let engine = WorkerProcessEngine(
            executable: Bundle.main.executablePath ?? CommandLine.arguments[0], workers: config.engineThreads,
            workerArguments: ["--model", modelPath, "--intra-op-threads", "\(config.intraOpThreads)",
                              "--inter-op-threads", "\(config.interOpThreads)"],
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
                               processStartSeconds: processStart, engineMode: "processes")
        return (result.output, report)
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
        \(ok)/\(r.files.count) files, \(String(format: "%.1f", r.audioSeconds)) s of audio, \(r.segments) segments, \(r.tags) tags
          wall \(String(format: "%.3f", r.wallSeconds)) s (real-time factor \(String(format: "%.4f", r.realTimeFactor))), model load \(String(format: "%.3f", r.modelLoadSeconds)) s, process start \(String(format: "%.3f", r.processStartSeconds)) s
          engine threads \(r.threads.engineEffective), intra-op \(r.threads.intraOpRequested) (effective \(Set(r.threads.intraOpEffective).sorted())), inter-op \(r.threads.interOpEffective), allocator \(r.allocator.name)
          segment latency p50 \(String(format: "%.2f", r.latency.segment.p50Ms)) ms, p99 \(String(format: "%.2f", r.latency.segment.p99Ms)) ms; inference p50 \(String(format: "%.2f", r.latency.inference.p50Ms)) ms, p99 \(String(format: "%.2f", r.latency.inference.p99Ms)) ms
          stage time: \(shares)
          output digest \(r.outputDigest)
        """
    }
}
