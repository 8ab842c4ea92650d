import CCount
import Foundation
import Pipeline
import Results

/// The multi-process engine's slice of the segments: worker `index` of `count` takes the segments whose
/// index modulo `count` is `index`.
extension Shard {
    func owns(_ segment: Segment) -> Bool { segment.index % count == index }
}

/// The outcome for one input file.
public struct FileResult: Sendable, Codable {
    public let path: String
    public var error: String?
    public var audioSeconds: Double = 0
    public var segmentScores: [SegmentScores] = []
    public var tags: [Tag] = []
    public var isOK: Bool { error == nil }

    public init(path: String, error: String? = nil) {
        self.path = path
        self.error = error
    }
}

/// Runs the four stages over files: the calling thread validates and segments (stage 1 and
/// segmentation) and feeds the queue; engine threads do features and inference (stages 2 and 3);
/// post-processing (stage 4) orders and tags once everything is scored.
public final class EngineRun {
    public let model: TorchModel
    public let config: EngineConfig
    public let segmenterConfig: SegmenterConfig
    public let tagger: Tagger
    public let shard: Shard?
    private let plan: LogMelPlan

    public init(model: TorchModel, config: EngineConfig, segmenterConfig: SegmenterConfig = .init(),
                tagger: Tagger? = nil, shard: Shard? = nil) {
        self.model = model
        self.config = config
        self.segmenterConfig = segmenterConfig
        self.tagger = tagger ?? Tagger(classes: model.metadata.classes)
        self.shard = shard
        self.plan = LogMelPlan(config: model.metadata.logMelConfig)
    }

    public struct Output: Sendable, Codable {
        public var files: [FileResult]
        public var stages: StageTimings
        public var outcomes: [SegmentOutcome]
        public var setups: [EngineThreadSetup]
        public var wallSeconds: Double
        /// `run(streams:)` or `run(requests:)`: the load and its latencies.
        public var streams: StreamsSummary?
        public var requests: RequestsSummary?

        public init(files: [FileResult], stages: StageTimings, outcomes: [SegmentOutcome], setups: [EngineThreadSetup],
                    wallSeconds: Double, streams: StreamsSummary? = nil, requests: RequestsSummary? = nil) {
            self.requests = requests
            self.files = files
            self.stages = stages
            self.outcomes = outcomes
            self.setups = setups
            self.wallSeconds = wallSeconds
            self.streams = streams
        }
    }

    /// The offline backlog: every file as fast as the engine takes it, one after another.
    public func run(files paths: [String]) -> Output {
        run(paths) { queue, files, stages in
            for (fileIndex, path) in paths.enumerated() {
                do {
                    files[fileIndex].audioSeconds = try feed(path: path, fileIndex: fileIndex, queue: queue, stages: &stages)
                } catch {
                    files[fileIndex].error = "\(error)"
                }
            }
            return { _ in .offline }
        }
    }

    /// Live streams: `plan.streams` streams over `paths` (round robin), each fed on its clock (StreamFeeder);
    /// one result per stream, in stream order.
    public func run(streams plan: StreamPlan, files paths: [String]) -> Output {
        let streamPaths = (0..<plan.streams).map { paths[plan.file(ofStream: $0, files: paths.count)] }
        return run(streamPaths) { queue, files, stages in
            let feeder = StreamFeeder(plan: plan, sampleRate: model.metadata.sampleRate, segmenterConfig: segmenterConfig)
            let fed = feeder.feed(files: paths, into: queue, stages: &stages)
            for stream in files.indices {
                files[stream].audioSeconds = fed.audioSeconds[stream]
                files[stream].error = fed.errors[stream]
            }
            return { outcomes in .streams(StreamsSummary(plan: plan, feed: fed, outcomes: outcomes, queueCapacity: queue.capacity)) }
        }
    }

    /// Requests: the files (whole, or cut into `plan.requestSeconds` pieces) sent on a Poisson schedule
    /// (RequestFeeder); one result per file.
    public func run(requests plan: RequestPlan, files paths: [String]) -> Output {
        run(paths) { queue, files, stages in
            let feeder = RequestFeeder(plan: plan, sampleRate: model.metadata.sampleRate, segmenterConfig: segmenterConfig)
            let sent = feeder.feed(files: paths, into: queue, stages: &stages)
            for file in files.indices {
                files[file].audioSeconds = sent.audioSeconds[file]
                files[file].error = sent.errors[file]
            }
            return { outcomes in .requests(RequestsSummary(plan: plan, feed: sent, outcomes: outcomes, queueCapacity: queue.capacity)) }
        }
    }

    /// What a feeder's run adds to the output, made from the outcomes once the pool is drained.
    private enum LoadSummary {
        case offline
        case streams(StreamsSummary)
        case requests(RequestsSummary)
    }

    /// The engine around a feeder: the pool started, `feed` filling the queue (and saying how to summarise
    /// the outcomes), the pool drained, then post-processing per result.
    private func run(_ paths: [String],
                     feed: (SegmentQueue, inout [FileResult], inout StageTimings) -> ([SegmentOutcome]) -> LoadSummary) -> Output {
        // The span `arbench ab --measure instructions` counts under callgrind: the engine's work, not
        // LibTorch's start-up (about 20 s under Valgrind here) nor the report after it.
        arb_count_start()
        defer { arb_count_stop() }
        let start = MonotonicClock.nanoseconds()
        let queue = SegmentQueue(capacity: config.queueCapacity)
        let pool = EngineThreadPool(model: model, plan: plan, config: config, queue: queue)
        pool.start()

        var stages = StageTimings()
        var files = paths.map { FileResult(path: $0) }
        let summarise = feed(queue, &files, &stages)
        queue.close()
        let (outcomes, setups) = pool.waitUntilDone()

        let postStart = MonotonicClock.nanoseconds()
        var byFile = [[SegmentScores]](repeating: [], count: paths.count)
        for outcome in outcomes {
            stages.features += Double(outcome.featuresNanoseconds) / 1e9
            stages.inference += Double(outcome.inferenceNanoseconds) / 1e9
            if let error = outcome.error, files[outcome.fileIndex].error == nil {
                files[outcome.fileIndex].error = error
            }
            byFile[outcome.fileIndex].append(outcome.scores)
        }
        for index in files.indices where files[index].isOK {
            files[index].segmentScores = byFile[index].sorted { $0.segmentIndex < $1.segmentIndex }
            files[index].tags = tagger.tags(from: byFile[index])
        }
        stages.postprocessing = MonotonicClock.seconds(since: postStart)
        var output = Output(files: files, stages: stages, outcomes: outcomes, setups: setups, wallSeconds: MonotonicClock.seconds(since: start))
        switch summarise(outcomes) {
        case .offline: break
        case .streams(let summary): output.streams = summary
        case .requests(let summary): output.requests = summary
        }
        return output
    }

    /// Streams one file through validation and segmentation into the queue; returns its duration.
    private func feed(path: String, fileIndex: Int, queue: SegmentQueue,
                      stages: inout StageTimings) throws(AudioInputError) -> Double {
        var mark = MonotonicClock.nanoseconds()
        func lap() -> Double {
            let now = MonotonicClock.nanoseconds()
            defer { mark = now }
            return Double(now - mark) / 1e9
        }
        let reader = try AudioReader(path: path, targetSampleRate: model.metadata.sampleRate)
        let segmenter = Segmenter(config: segmenterConfig, sampleRate: model.metadata.sampleRate)
        var samples = 0
        stages.validation += lap()
        func enqueue(_ segments: [Segment]) {
            for segment in segments where shard?.owns(segment) ?? true {
                queue.push(WorkItem(fileIndex: fileIndex, segment: segment, enqueuedAt: MonotonicClock.nanoseconds()))
            }
        }
        while true {
            let chunk: [Float]?
            do {
                chunk = try reader.readChunk()
            } catch {
                stages.validation += lap()
                throw error
            }
            stages.validation += lap()
            guard let chunk else { break }
            samples += chunk.count
            let segments = segmenter.push(chunk)
            stages.segmentation += lap()
            enqueue(segments)
            mark = MonotonicClock.nanoseconds()
        }
        let last = segmenter.finish()
        stages.segmentation += lap()
        enqueue(last)
        return Double(samples) / Double(model.metadata.sampleRate)
    }
}
