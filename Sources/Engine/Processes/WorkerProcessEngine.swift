import Foundation
import Pipeline
import Results

/// The multi-process engine the post compares against: P worker processes, each one engine thread
/// with its own copy of the model, each taking every P-th segment. Nothing is shared but the input.
public struct WorkerProcessEngine {
    public let executable: String
    public let workers: Int
    /// What every worker runs (model, intra/inter-op, runtime, files), before its shard and output file.
    public let worker: RunInvocation
    public let unknownThreshold: Float

    public init(executable: String, workers: Int, worker: RunInvocation, unknownThreshold: Float) {
        self.executable = executable
        self.workers = workers
        self.worker = worker
        self.unknownThreshold = unknownThreshold
    }

    public struct Result {
        public var output: EngineRun.Output
        public var model: RunReport.ModelSummary?
        public var modelLoadSeconds: Double
        /// From spawning the workers to merged tags: includes each worker's process start and model load.
        public var coordinatorWallSeconds: Double
    }

    public func run(files paths: [String]) throws -> Result {
        let start = MonotonicClock.nanoseconds()
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("arbench-workers-\(getpid())-\(start)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var processes: [(Process, URL, URL)] = []
        for index in 0..<workers {
            let output = directory.appendingPathComponent("shard-\(index).json")
            let log = directory.appendingPathComponent("shard-\(index).log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            var invocation = worker
            invocation.audio = paths
            invocation.engineThreads = 1
            invocation.quiet = true
            invocation.shard = Shard(index: index, count: workers).text
            invocation.shardOutput = output.path
            process.arguments = invocation.arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
            processes.append((process, output, log))
        }
        var shards: [ShardOutput] = []
        for (process, output, log) in processes {
            process.waitUntilExit()
            guard let data = try? Data(contentsOf: output), let shard = try? JSONDecoder().decode(ShardOutput.self, from: data) else {
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                let last = text.split(separator: "\n").last.map(String.init) ?? "no output"
                throw WorkerFailure(message: "worker exited with status \(process.terminationStatus): \(last)")
            }
            shards.append(shard)
        }

        let mergeStart = MonotonicClock.nanoseconds()
        let tagger = Tagger(classes: shards.first?.model.classes ?? [], unknownThreshold: unknownThreshold)
        var files = paths.map { FileResult(path: $0) }
        var stages = StageTimings()
        var outcomes: [SegmentOutcome] = []
        var setups: [EngineThreadSetup] = []
        for (worker, shard) in shards.enumerated() {
            for (index, file) in shard.output.files.enumerated() where index < files.count {
                if let error = file.error { files[index].error = error }
                files[index].audioSeconds = file.audioSeconds
                files[index].segmentScores += file.segmentScores
            }
            stages.add(shard.output.stages)
            outcomes += shard.output.outcomes
            setups += shard.output.setups.map {
                EngineThreadSetup(engineThread: worker, intraOpThreads: $0.intraOpThreads, segments: $0.segments)
            }
        }
        for index in files.indices where files[index].isOK {
            files[index].segmentScores.sort { $0.segmentIndex < $1.segmentIndex }
            files[index].tags = tagger.tags(from: files[index].segmentScores)
        }
        stages.postprocessing += MonotonicClock.seconds(since: mergeStart)
        // Workers run side by side: the engine is done when the slowest is, plus the merge.
        let processing = (shards.map(\.output.wallSeconds).max() ?? 0) + MonotonicClock.seconds(since: mergeStart)
        return Result(
            output: EngineRun.Output(files: files, stages: stages, outcomes: outcomes, setups: setups, wallSeconds: processing),
            model: shards.first?.model,
            modelLoadSeconds: shards.map(\.modelLoadSeconds).max() ?? 0,
            coordinatorWallSeconds: MonotonicClock.seconds(since: start))
    }
}

public struct WorkerFailure: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
