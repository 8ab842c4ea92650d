import Pipeline

/// What one engine thread did with one segment.
public struct SegmentOutcome: Sendable, Codable {
    public let fileIndex: Int
    public let scores: SegmentScores
    public let frames: Int
    public let featuresNanoseconds: UInt64
    public let inferenceNanoseconds: UInt64
    /// From the moment the segment was queued to the moment its scores were ready.
    public let endToEndNanoseconds: UInt64
    public let engineThread: Int
    /// Set when inference failed; the file this segment belongs to is then reported as failed.
    public let error: String?

    /// Features plus inference: the time an engine thread spent on the segment.
    public var processingNanoseconds: UInt64 { featuresNanoseconds + inferenceNanoseconds }
}

/// The LibTorch thread settings one engine thread ended up with, as LibTorch reports them.
public struct EngineThreadSetup: Sendable, Codable, Equatable {
    public let engineThread: Int
    public let intraOpThreads: Int
    public let segments: Int
}
