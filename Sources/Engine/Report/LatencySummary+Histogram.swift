import Histogram
import Results

extension LatencySummary {
    /// From an HDR histogram at microsecond resolution.
    public init(nanoseconds samples: [UInt64]) {
        self.init(histogram: Self.histogram(nanoseconds: samples), count: samples.count)
    }

    /// From a histogram already made of `count` samples (`histogram(nanoseconds:)`), for a caller that reads
    /// more percentiles from it.
    init(histogram: Histogram<UInt64>, count: Int) {
        guard count > 0 else {
            self.init(count: 0, meanMs: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0)
            return
        }
        self.init(count: count, meanMs: histogram.mean / 1_000, p50Ms: Self.percentileMs(histogram, 50),
                  p95Ms: Self.percentileMs(histogram, 95), p99Ms: Self.percentileMs(histogram, 99),
                  maxMs: Double(histogram.max) / 1_000)
    }

    /// The one way latencies are binned: microseconds, three significant digits, up to an hour and beyond.
    static func histogram(nanoseconds samples: [UInt64]) -> Histogram<UInt64> {
        var histogram = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
        for sample in samples { _ = histogram.record(max(1, sample / 1_000)) }
        return histogram
    }

    static func percentileMs(_ histogram: Histogram<UInt64>, _ percentile: Double) -> Double {
        Double(histogram.valueAtPercentile(percentile)) / 1_000
    }
}
