/// A stretch of the input judged to hold one sound event (or one max-length piece of a long one).
public struct Segment: Sendable {
    /// 0-based order in the file.
    public let index: Int
    /// Position of the first sample in the whole file, at `sampleRate`.
    public let startSample: Int
    public let sampleRate: Int
    public let samples: [Float]

    public init(index: Int, startSample: Int, sampleRate: Int, samples: [Float]) {
        self.index = index
        self.startSample = startSample
        self.sampleRate = sampleRate
        self.samples = samples
    }

    public var startSeconds: Double { Double(startSample) / Double(sampleRate) }
    public var endSeconds: Double { Double(startSample + samples.count) / Double(sampleRate) }
}
