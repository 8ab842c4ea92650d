import Histogram
import Results

extension LatencySummary {
    /// From an HDR histogram at microsecond resolution.
    public init(nanoseconds samples: [UInt64]) {
        var histogram = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
        for sample in samples { _ = histogram.record(max(1, sample / 1_000)) }
        guard !samples.isEmpty else {
            self.init(count: 0, meanMs: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0)
            return
        }
        self.init(count: samples.count, meanMs: histogram.mean / 1_000, p50Ms: Double(histogram.valueAtPercentile(50)) / 1_000,
                  p95Ms: Double(histogram.valueAtPercentile(95)) / 1_000, p99Ms: Double(histogram.valueAtPercentile(99)) / 1_000,
                  maxMs: Double(histogram.max) / 1_000)
    }
}
