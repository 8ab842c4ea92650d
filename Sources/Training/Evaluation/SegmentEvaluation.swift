import Pipeline
import SceneGen

/// Segment-level accuracy of a tagger against a scene's ground truth: each segment whose span is
/// mostly covered by one event counts once; segments over silence or straddling events are left out.
public struct SegmentEvaluation: Sendable {
    public let labels: [String]
    /// counts[truth][predicted], indices into `labels` (which ends with "unknown").
    public private(set) var counts: [[Int]]
    public private(set) var skipped = 0

    public init(classes: [String]) {
        labels = classes + [Tagger.unknownLabel]
        counts = Array(repeating: Array(repeating: 0, count: labels.count), count: labels.count)
    }

    public var total: Int { counts.joined().reduce(0, +) }
    public var correct: Int { labels.indices.reduce(0) { $0 + counts[$1][$1] } }
    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

    public mutating func add(scores: [SegmentScores], truth: [SceneEvent], tagger: Tagger, sampleRate: Int) {
        for result in scores {
            let segment = Segment(index: result.segmentIndex, startSample: Int(result.startSeconds * Double(sampleRate)),
                                  sampleRate: sampleRate,
                                  samples: [Float](repeating: 0, count: Int((result.endSeconds - result.startSeconds) * Double(sampleRate))))
            guard let trueClass = TrainingSet.dominantClass(of: segment, in: truth),
                  let row = labels.firstIndex(of: trueClass.rawValue) else {
                skipped += 1
                continue
            }
            let predicted = tagger.label(for: result.scores).label
            counts[row][labels.firstIndex(of: predicted) ?? labels.count - 1] += 1
        }
    }

    /// A plain-text confusion matrix, truth in rows.
    public var confusionTable: String {
        let width = max(9, (labels.map(\.count).max() ?? 0) + 1)
        func pad(_ s: String) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        var lines = [pad("truth\\pred") + labels.map(pad).joined()]
        for (row, label) in labels.enumerated() where counts[row].reduce(0, +) > 0 {
            lines.append(pad(label) + counts[row].map { pad(String($0)) }.joined())
        }
        return lines.joined(separator: "\n")
    }
}
