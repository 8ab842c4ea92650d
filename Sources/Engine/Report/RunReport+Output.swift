import Foundation
import Pipeline
import Results

extension RunReport {
    /// Assembles the report of one engine run; `modelLoadSeconds` and `processStartSeconds` are
    /// measured by the caller because they happen before the run exists.
    public init(output: EngineRun.Output, run: EngineRun, modelLoadSeconds: Double, processStartSeconds: Double) {
        self.init(output: output, config: run.config, model: ModelSummary(run.model), modelLoadSeconds: modelLoadSeconds,
                  processStartSeconds: processStartSeconds, engineMode: .threads)
    }

    public init(output: EngineRun.Output, config: EngineConfig, model: ModelSummary, modelLoadSeconds: Double,
                processStartSeconds: Double, engineMode: EngineMode) {
        let okFiles = output.files.filter(\.isOK)
        let audioSeconds = okFiles.reduce(0) { $0 + $1.audioSeconds }
        let stages = output.stages
        self.init(
            files: output.files.map { file in
                FileReport(path: file.path, status: file.isOK ? "ok" : "failed", error: file.error,
                           audioSeconds: file.audioSeconds, segments: file.segmentScores.count, tags: file.tags.count,
                           outputDigest: file.isOK ? OutputDigest.of(file.tags) : nil)
            },
            audioSeconds: audioSeconds,
            segments: okFiles.reduce(0) { $0 + $1.segmentScores.count },
            tags: okFiles.reduce(0) { $0 + $1.tags.count },
            wallSeconds: output.wallSeconds,
            processStartSeconds: processStartSeconds,
            modelLoadSeconds: modelLoadSeconds,
            stageSeconds: stages,
            stageSharePercent: stages.shares,
            latency: Latencies(
                segment: LatencySummary(nanoseconds: output.outcomes.map(\.processingNanoseconds)),
                features: LatencySummary(nanoseconds: output.outcomes.map(\.featuresNanoseconds)),
                inference: LatencySummary(nanoseconds: output.outcomes.map(\.inferenceNanoseconds)),
                endToEnd: LatencySummary(nanoseconds: output.outcomes.map(\.endToEndNanoseconds))),
            realTimeFactor: audioSeconds > 0 ? output.wallSeconds / audioSeconds : 0,
            outputDigest: OutputDigest.combine(okFiles.map { OutputDigest.of($0.tags) }),
            threads: Threads(
                engineRequested: config.engineThreads,
                engineEffective: output.setups.count,
                intraOpRequested: config.intraOpThreads,
                intraOpEffective: output.setups.map(\.intraOpThreads),
                interOpRequested: config.interOpThreads,
                interOpEffective: LoadedLibTorch.interOpThreads),
            allocator: AllocatorInfo.current(),
            environment: RunReport.capturedEnvironment(),
            peakRSSBytes: ProcessClock.peakRSSBytes(),
            torch: TorchSummary(version: LoadedLibTorch.version, parallelInfo: LoadedLibTorch.parallelInfo,
                                build: try? TorchBuild.current(), runtimeLoadSeconds: LoadedLibTorch.loadSeconds),
            model: model,
            engineMode: engineMode)
        streams = output.streams
        requests = output.requests
    }
}

extension RunReport.ModelSummary {
    public init(_ model: TorchModel) {
        self.init(path: model.path, preset: model.metadata.preset, parameters: model.parameterCount,
                  classes: model.metadata.classes, metadataSource: model.metadataSource)
    }
}
