import Foundation
import Pipeline
import Results

/// Feeds K streams into the engine's queue on their clocks: chunk j of stream i is pushed no earlier than
/// `StreamPlan.arrival(i, j)`, segmented incrementally as it arrives, and each segment is stamped with the
/// arrival of the chunk that held its last sample. Late audio is never dropped: when the queue is full the feeder waits,
/// falls behind its clock, and that wait is part of every latency after it; once it is `maxLagSeconds`
/// behind, feeding stops (`overloaded`) and what was not fed is counted.
final class StreamFeeder {
    struct Result {
        var audioSeconds: [Double]
        var errors: [String?]
        var fedSeconds: Double
        var notFedSeconds: Double
        var maxLagSeconds: Double
        /// How far behind the feeder was at its last chunk.
        var endLagSeconds: Double
        var overloaded: Bool
        /// (wall seconds since start, queue depth) at every chunk.
        var depths: [(Double, Int)]
        var start: UInt64
    }

    let plan: StreamPlan
    let sampleRate: Int
    let segmenterConfig: SegmenterConfig

    init(plan: StreamPlan, sampleRate: Int, segmenterConfig: SegmenterConfig) {
        self.plan = plan
        self.sampleRate = sampleRate
        self.segmenterConfig = segmenterConfig
    }

    func feed(files: [String], into queue: SegmentQueue, stages: inout StageTimings) -> Result {
        let k = plan.streams
        let chunkSamples = max(1, Int((plan.chunkSeconds * Double(sampleRate)).rounded()))
        var readers: [AudioReader?] = []
        var errors: [String?] = []
        let validationStart = MonotonicClock.nanoseconds()
        for stream in 0..<k {
            let path = files[plan.file(ofStream: stream, files: files.count)]
            do {
                readers.append(try AudioReader(path: path, targetSampleRate: sampleRate))
                errors.append(nil)
            } catch {
                readers.append(nil)
                errors.append(error.description)
            }
        }
        stages.validation += MonotonicClock.seconds(since: validationStart)
        let segmenters = (0..<k).map { _ in Segmenter(config: segmenterConfig, sampleRate: sampleRate) }
        var samples = [Int](repeating: 0, count: k)
        var active = readers.map { $0 != nil }
        var clock = PacedClock(maxLagSeconds: plan.maxLagSeconds)
        var chunk = 0
        feeding: while active.contains(true) {
            for stream in 0..<k where active[stream] {
                guard clock.wait(until: plan.arrival(stream: stream, chunk: chunk)) != nil else { break feeding }
                let readStart = MonotonicClock.nanoseconds()
                let data: [Float]?
                do {
                    data = try readers[stream]!.readChunk(maxFrames: chunkSamples)
                } catch {
                    errors[stream] = error.description
                    active[stream] = false
                    continue
                }
                stages.validation += MonotonicClock.seconds(since: readStart)
                let segmentStart = MonotonicClock.nanoseconds()
                let segments: [Segment]
                if let data {
                    samples[stream] += data.count
                    segments = segmenters[stream].push(data)
                } else {
                    segments = segmenters[stream].finish()
                    active[stream] = false
                    readers[stream] = nil
                }
                stages.segmentation += MonotonicClock.seconds(since: segmentStart)
                for segment in segments {
                    // Its last sample arrived with the chunk holding it, which can be earlier than this one: the
                    // segmenter closes a segment only after the silence that follows it (its decision delay,
                    // part of the latency).
                    let lastChunk = (segment.startSample + segment.samples.count - 1) / chunkSamples
                    let arrived = clock.time(at: plan.arrival(stream: stream, chunk: min(lastChunk, chunk)))
                    queue.push(WorkItem(fileIndex: stream, segment: segment, enqueuedAt: MonotonicClock.nanoseconds(), arrivedAt: arrived))
                }
                clock.record(depth: queue.depth)
            }
            chunk += 1
        }
        let audio = samples.map { Double($0) / Double(sampleRate) }
        // What an overloaded run did not feed: the rest of every stream still active, from its header's length.
        var notFed = 0.0
        if clock.overloaded {
            for stream in 0..<k where active[stream] {
                if let reader = readers[stream] {
                    let total = Double(reader.info.frames) / Double(reader.info.sampleRate)
                    notFed += max(0, total - audio[stream])
                }
            }
        }
        return Result(audioSeconds: audio, errors: errors, fedSeconds: audio.reduce(0, +), notFedSeconds: notFed,
                      maxLagSeconds: clock.maxLag, endLagSeconds: clock.endLag, overloaded: clock.overloaded, depths: clock.depths,
                      start: clock.start)
    }
}
