import Results
import Pipeline
import SceneGen

/// Labelled log-mel crops cut from generated scenes the same way the engine sees audio: through the
/// segmenter, so the model learns the segments it will be asked about.
public struct TrainingSet: Sendable {
    public let mels: Int
    public let frames: Int
    public var features: [Float] = []
    public var labels: [Int32] = []
    public var count: Int { labels.count }

    /// Scene seeds for training start here; evaluation scenes should use seeds below it so the two
    /// never share audio.
    public static let firstTrainingSeed: UInt64 = 1_000_000

    public init(mels: Int, frames: Int) {
        self.mels = mels
        self.frames = frames
    }

    /// Renders `seconds` of scenes (in 2-minute pieces) and cuts up to `cropsPerSegment` crops per segment.
    public static func make(seconds: Double, seed: UInt64, classes: [SoundClass], config: LogMelConfig,
                            segmenter: SegmenterConfig = .init(), frames: Int, cropsPerSegment: Int = 2) -> TrainingSet {
        var set = TrainingSet(mels: config.mels, frames: frames)
        let plan = LogMelPlan(config: config)
        let extractor = LogMelExtractor(plan: plan)
        var random = SeededGenerator(seed: seed)
        let pieces = max(1, Int((seconds / 120).rounded(.up)))
        for piece in 0..<pieces {
            var scene = SceneConfig(durationSeconds: min(120, seconds), seed: firstTrainingSeed + seed * 1_000 + UInt64(piece))
            scene.classes = classes
            let (samples, events) = SceneGenerator(config: scene).render()
            for segment in Segmenter.segments(of: samples, sampleRate: config.sampleRate, config: segmenter) {
                guard let label = dominantClass(of: segment, in: events), let index = classes.firstIndex(of: label) else { continue }
                let logMel = extractor.extract(segment.samples)
                for _ in 0..<cropsPerSegment {
                    set.append(crop(logMel, frames: frames, random: &random), label: Int32(index))
                }
            }
        }
        return set
    }

    mutating func append(_ crop: [Float], label: Int32) {
        features.append(contentsOf: crop)
        labels.append(label)
    }

    /// The class covering more than half of the segment, if any.
    public static func dominantClass(of segment: Segment, in events: [SceneEvent]) -> SoundClass? {
        let length = segment.endSeconds - segment.startSeconds
        var best: (SoundClass, Double)?
        for event in events where event.end > segment.startSeconds && event.start < segment.endSeconds {
            let overlap = min(event.end, segment.endSeconds) - max(event.start, segment.startSeconds)
            if overlap > (best?.1 ?? 0) { best = (event.soundClass, overlap) }
        }
        guard let best, best.1 > 0.5 * length else { return nil }
        return best.0
    }

    /// A random window of `frames`, tiled in time when the segment is shorter (as the engine pads).
    static func crop(_ logMel: LogMel, frames: Int, random: inout SeededGenerator) -> [Float] {
        let offset = logMel.frames > frames ? Int(random.next() % UInt64(logMel.frames - frames + 1)) : 0
        return logMel.window(offset: offset, frames: frames).values
    }
}
