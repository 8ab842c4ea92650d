import Foundation
import Pipeline
import Results

/// N OS threads sharing one model, each pulling segments off one queue and running stages 2 and 3.
/// Real threads, not Dispatch or Swift concurrency: those pools cap near the core count, and
/// oversubscription past the core count is exactly what the study measures.
public final class EngineThreadPool: @unchecked Sendable {
    private let model: TorchModel
    private let plan: LogMelPlan
    private let config: EngineConfig
    private let queue: SegmentQueue
    private let finished = DispatchGroup()
    private let lock = NSLock()
    private var outcomes: [SegmentOutcome] = []
    private var setups: [EngineThreadSetup] = []

    /// A thread's own stack; LibTorch's JIT interpreter recurses deeper than Foundation's default allows.
    private static let stackSize = 8 << 20

    public init(model: TorchModel, plan: LogMelPlan, config: EngineConfig, queue: SegmentQueue) {
        self.model = model
        self.plan = plan
        self.config = config
        self.queue = queue
    }

    public func start() {
        for index in 0..<config.engineThreads {
            finished.enter()
            let thread = Thread { [self] in
                self.work(threadIndex: index)
                self.finished.leave()
            }
            thread.name = "engine-\(index)"
            thread.stackSize = Self.stackSize
            thread.start()
        }
    }

    /// Blocks until the queue is closed and every thread has drained it.
    public func waitUntilDone() -> (outcomes: [SegmentOutcome], setups: [EngineThreadSetup]) {
        finished.wait()
        lock.lock()
        defer { lock.unlock() }
        return (outcomes, setups.sorted { $0.engineThread < $1.engineThread })
    }

    private func work(threadIndex: Int) {
        // Must happen on this thread, before its first forward (LibTorch keeps the count per thread).
        // The first LibTorch call on a thread copies the process-wide last-set count into it
        // (lazy_init_num_threads); trigger that first so it cannot later undo this thread's setting.
        _ = LoadedLibTorch.intraOpThreads
        if config.intraOpThreads != IntraOpThreads.libTorchDefault {
            try? LoadedLibTorch.setIntraOpThreads(config.intraOpThreads)
        }
        let effectiveIntraOp = LoadedLibTorch.intraOpThreads
        let extractor = LogMelExtractor(plan: plan)
        var local: [SegmentOutcome] = []
        while let item = queue.pop() {
            local.append(process(item, extractor: extractor, threadIndex: threadIndex))
        }
        lock.lock()
        outcomes.append(contentsOf: local)
        setups.append(EngineThreadSetup(engineThread: threadIndex, intraOpThreads: effectiveIntraOp, segments: local.count))
        lock.unlock()
    }

    private func process(_ item: WorkItem, extractor: LogMelExtractor, threadIndex: Int) -> SegmentOutcome {
        let segment = item.segment
        let featuresStart = MonotonicClock.nanoseconds()
        let features = extractor.extract(segment.samples).tiled(toAtLeast: model.metadata.minFrames)
        let inferenceStart = MonotonicClock.nanoseconds()
        var scores: [Float] = []
        var failure: String?
        do {
            scores = try features.values.withUnsafeBufferPointer { values throws(ModelError) in
                try model.scores(mels: features.mels, frames: features.frames, values: values)
            }
        } catch {
            failure = error.description
        }
        let done = MonotonicClock.nanoseconds()
        return SegmentOutcome(
            fileIndex: item.fileIndex,
            scores: SegmentScores(segmentIndex: segment.index, startSeconds: segment.startSeconds,
                                  endSeconds: segment.endSeconds, scores: scores),
            frames: features.frames,
            featuresNanoseconds: inferenceStart - featuresStart,
            inferenceNanoseconds: done - inferenceStart,
            endToEndNanoseconds: done &- item.enqueuedAt,
            arrivedAt: item.arrivedAt,
            completedAt: done,
            engineThread: threadIndex,
            error: failure)
    }
}
