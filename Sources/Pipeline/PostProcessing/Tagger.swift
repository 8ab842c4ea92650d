/// Stage 4: turns per-segment class scores into time-ordered tags. Segments arrive out of order from
/// the engine; ordering happens here, so output never depends on which thread finished first.
public struct Tagger: Sendable {
    public let classes: [String]
    /// Below this winning score a segment is tagged `unknownLabel`.
    public var unknownThreshold: Float
    /// Adjacent segments with the same tag merge when the silence between them is at most this long.
    public var mergeGapSeconds: Double
    public static let unknownLabel = "unknown"

    public init(classes: [String], unknownThreshold: Float = 0.5, mergeGapSeconds: Double = 0.5) {
        self.classes = classes
        self.unknownThreshold = unknownThreshold
        self.mergeGapSeconds = mergeGapSeconds
    }

    /// The label and score of one segment.
    public func label(for scores: [Float]) -> (label: String, score: Float) {
        guard let best = scores.indices.max(by: { scores[$0] < scores[$1] }) else {
            return (Self.unknownLabel, 0)
        }
        let score = scores[best]
        if score < unknownThreshold || best >= classes.count { return (Self.unknownLabel, score) }
        return (classes[best], score)
    }

    public func tags(from results: [SegmentScores]) -> [Tag] {
        let ordered = results.sorted { ($0.startSeconds, $0.segmentIndex) < ($1.startSeconds, $1.segmentIndex) }
        var tags: [Tag] = []
        var open: (start: Double, end: Double, label: String, scoreSum: Float, count: Int)?
        for result in ordered {
            let (label, score) = label(for: result.scores)
            if var current = open, current.label == label, result.startSeconds - current.end <= mergeGapSeconds {
                current.end = max(current.end, result.endSeconds)
                current.scoreSum += score
                current.count += 1
                open = current
                continue
            }
            if let current = open {
                tags.append(Tag(startSeconds: current.start, endSeconds: current.end, label: current.label,
                                score: current.scoreSum / Float(current.count), segments: current.count))
            }
            open = (result.startSeconds, result.endSeconds, label, score, 1)
        }
        if let current = open {
            tags.append(Tag(startSeconds: current.start, endSeconds: current.end, label: current.label,
                            score: current.scoreSum / Float(current.count), segments: current.count))
        }
        return tags
    }
}
