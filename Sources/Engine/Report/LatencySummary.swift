import Histogram

/// Percentiles of a latency distribution in milliseconds, from an HDR histogram (microsecond resolution).
public struct LatencySummary: Codable, Sendable, Equatable {
    public let count: Int
    public let meanMs: Double
    public let p50Ms: Double
    public let p95Ms: Double
    public let p99Ms: Double
    public let maxMs: Double

    enum CodingKeys: String, CodingKey {
        case count
        case meanMs = "mean_ms"
        case p50Ms = "p50_ms"
        case p95Ms = "p95_ms"
        case p99Ms = "p99_ms"
        case maxMs = "max_ms"
    }

    public init(nanoseconds samples: [UInt64]) {
        var histogram = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
        for sample in samples { _ = histogram.record(max(1, sample / 1_000)) }
        count = samples.count
        guard !samples.isEmpty else {
            meanMs = 0; p50Ms = 0; p95Ms = 0; p99Ms = 0; maxMs = 0
            return
        }
        meanMs = histogram.mean / 1_000
        p50Ms = Double(histogram.valueAtPercentile(50)) / 1_000
        p95Ms = Double(histogram.valueAtPercentile(95)) / 1_000
        p99Ms = Double(histogram.valueAtPercentile(99)) / 1_000
        maxMs = Double(histogram.max) / 1_000
    }
}
