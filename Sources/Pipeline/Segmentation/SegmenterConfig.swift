/// Knobs of the energy segmenter. The defaults suit the scene generator: events sit at roughly
/// -20..-6 dBFS RMS and the gaps between them are noise near -60 dBFS, so -45 dBFS splits them with
/// margin on both sides.
public struct SegmenterConfig: Sendable, Codable, Equatable {
    /// Length of the analysis frames whose RMS decides speech/non-speech.
    public var frameSeconds: Double
    /// Absolute RMS level in dBFS (full scale 1.0) at or above which a frame counts as active.
    public var thresholdDB: Float
    /// Segments (and trailing pieces of split segments) shorter than this are dropped.
    public var minSegmentSeconds: Double
    /// Longer activity is cut into pieces of exactly this length, the model's input budget.
    public var maxSegmentSeconds: Double
    /// Quieter stretches shorter than this do not split an event (a word's stop consonant, a click's decay).
    public var minGapSeconds: Double
    /// Context kept before the first and after the last active frame; never overlaps a neighbour.
    public var paddingSeconds: Double

    public init(frameSeconds: Double = 0.02, thresholdDB: Float = -45, minSegmentSeconds: Double = 0.3,
                maxSegmentSeconds: Double = 4.0, minGapSeconds: Double = 0.15, paddingSeconds: Double = 0.05) {
        self.frameSeconds = frameSeconds
        self.thresholdDB = thresholdDB
        self.minSegmentSeconds = minSegmentSeconds
        self.maxSegmentSeconds = maxSegmentSeconds
        self.minGapSeconds = minGapSeconds
        self.paddingSeconds = paddingSeconds
    }
}
