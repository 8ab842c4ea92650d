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
    /// Monotonic: when its last sample arrived (WorkItem.arrivedAt) and when its scores were ready.
    public let arrivedAt: UInt64
    public let completedAt: UInt64
    public let engineThread: Int
    /// Set when inference failed; the file this segment belongs to is then reported as failed.
    public let error: String?

    /// Features plus inference: the time an engine thread spent on the segment.
    public var processingNanoseconds: UInt64 { featuresNanoseconds + inferenceNanoseconds }

    /// A stream's latency: from the arrival of the segment's last sample to its scores (its tag).
    public var latencyNanoseconds: UInt64 { completedAt &- arrivedAt }
}

/// The LibTorch thread settings one engine thread ended up with, as LibTorch reports them.
public struct EngineThreadSetup: Sendable, Codable, Equatable {
    public let engineThread: Int
    public let intraOpThreads: Int
    public let segments: Int
}
