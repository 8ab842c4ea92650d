import Foundation
import Pipeline
import Results

/// Sends the requests of a RequestPlan into the engine's queue on their Poisson schedule. Every file is
/// read and segmented before the clock starts (LoadGen loads its samples before the timed run, so the
/// load is the engine's alone); then request k's segments are queued together at its arrival, each
/// stamped with it. When the queue is full the sender waits and falls behind its schedule (that wait is
/// part of every latency after it); once `maxLagSeconds` behind, sending stops (`overloaded`) and the
/// requests not sent are counted. Memory: the files' audio is held once, as segments.
final class RequestFeeder {
    struct Request {
        var file: Int
        var segments: [Segment]
        var seconds: Double
    }

    struct Result {
        var audioSeconds: [Double]
        var errors: [String?]
        /// Per request, in schedule order: its file, its segments' indices and its arrival (monotonic ns);
        /// arrivals only for requests sent.
        var requests: [(file: Int, segments: [Int])]
        var arrivals: [UInt64]
        var sentSeconds: Double
        var notSentSeconds: Double
        var maxLagSeconds: Double
        var endLagSeconds: Double
        var overloaded: Bool
        var depths: [(Double, Int)]
        var start: UInt64
    }

    let plan: RequestPlan
    let sampleRate: Int
    let segmenterConfig: SegmenterConfig

    init(plan: RequestPlan, sampleRate: Int, segmenterConfig: SegmenterConfig) {
        self.plan = plan
        self.sampleRate = sampleRate
        self.segmenterConfig = segmenterConfig
    }

    /// Each file read and segmented whole, then cut into requests (file order, then position).
    func prepare(files: [String], stages: inout StageTimings) -> (requests: [Request], audioSeconds: [Double], errors: [String?]) {
        var requests: [Request] = []
        var audio = [Double](repeating: 0, count: files.count)
        var errors = [String?](repeating: nil, count: files.count)
        for (file, path) in files.enumerated() {
            var readStart = MonotonicClock.nanoseconds()
            var segments: [Segment] = []
            var samples = 0
            do {
                let reader = try AudioReader(path: path, targetSampleRate: sampleRate)
                let segmenter = Segmenter(config: segmenterConfig, sampleRate: sampleRate)
                while let chunk = try reader.readChunk() {
                    stages.validation += MonotonicClock.seconds(since: readStart)
                    let segmentStart = MonotonicClock.nanoseconds()
                    samples += chunk.count
                    segments += segmenter.push(chunk)
                    stages.segmentation += MonotonicClock.seconds(since: segmentStart)
                    readStart = MonotonicClock.nanoseconds()
                }
                stages.validation += MonotonicClock.seconds(since: readStart)
                segments += segmenter.finish()
            } catch {
                errors[file] = error.description
                continue
            }
            audio[file] = Double(samples) / Double(sampleRate)
            let pieces = Dictionary(grouping: segments) { plan.piece(startSample: $0.startSample, sampleRate: sampleRate) }
            let lastPiece = plan.piece(startSample: max(0, samples - 1), sampleRate: sampleRate)
            for piece in 0...lastPiece {
                let seconds = plan.requestSeconds > 0
                    ? min(plan.requestSeconds, audio[file] - Double(piece) * plan.requestSeconds) : audio[file]
                requests.append(Request(file: file, segments: pieces[piece] ?? [], seconds: max(0, seconds)))
            }
        }
        return (requests, audio, errors)
    }

    func feed(files: [String], into queue: SegmentQueue, stages: inout StageTimings) -> Result {
        let prepared = prepare(files: files, stages: &stages)
        let schedule = plan.arrivals(count: prepared.requests.count)
        var arrivals: [UInt64] = []
        var sent = [Double](repeating: 0, count: files.count)
        var clock = PacedClock(maxLagSeconds: plan.maxLagSeconds)
        for (k, request) in prepared.requests.enumerated() {
            guard let due = clock.wait(until: schedule[k]) else { break }
            arrivals.append(due)
            sent[request.file] += request.seconds
            for segment in request.segments {
                queue.push(WorkItem(fileIndex: request.file, segment: segment, enqueuedAt: MonotonicClock.nanoseconds(), arrivedAt: due))
            }
            clock.record(depth: queue.depth)
        }
        // An overloaded run's files hold only the audio sent (their tags cover that much).
        let total = prepared.requests.reduce(0) { $0 + $1.seconds }
        let sentSeconds = sent.reduce(0, +)
        return Result(audioSeconds: clock.overloaded ? sent : prepared.audioSeconds, errors: prepared.errors,
                      requests: prepared.requests.map { (file: $0.file, segments: $0.segments.map(\.index)) },
                      arrivals: arrivals, sentSeconds: sentSeconds, notSentSeconds: total - sentSeconds, maxLagSeconds: clock.maxLag,
                      endLagSeconds: clock.endLag, overloaded: clock.overloaded, depths: clock.depths, start: clock.start)
    }
}
