/// What the parent's /proc sampling cost, so a report can show it did not disturb the measurement.
public struct SamplerOverhead: Codable, Sendable, Equatable {
    public var intervalMs: Int
    public var samples: Int
    public var cpuSeconds: Double
    public var meanMicrosecondsPerSample: Double
    public var maxMicrosecondsPerSample: Double
    /// Sampler CPU time over the cells' wall time, % of one core.
    public var shareOfOneCorePercent: Double

    enum CodingKeys: String, CodingKey {
        case intervalMs = "interval_ms"
        case samples
        case cpuSeconds = "cpu_seconds"
        case meanMicrosecondsPerSample = "mean_us_per_sample"
        case maxMicrosecondsPerSample = "max_us_per_sample"
        case shareOfOneCorePercent = "share_of_one_core_pct"
    }

    public init(intervalMs: Int) {
        self.intervalMs = intervalMs
        samples = 0
        cpuSeconds = 0
        meanMicrosecondsPerSample = 0
        maxMicrosecondsPerSample = 0
        shareOfOneCorePercent = 0
    }

    /// The cells' summed wall time the share is over (not written to meta.json).
    public var wallSeconds = 0.0
}
