import Results

/// A percentile-bootstrap confidence interval for median(current) / median(baseline): resample each
/// side with replacement, take the ratio of the resampled medians, and read the interval off the
/// spread of those ratios. The generator is seeded, so the same data always gives the same interval
/// (a gate whose verdict changes between two runs of `compare` on the same files is not a gate).
public struct BootstrapMedianRatio: Sendable, Equatable {
    public let ratio: Double
    public let lower: Double
    public let upper: Double
    public let confidence: Double
    public let resamples: Int

    /// Nil when either sample is empty or the baseline median is zero.
    public init?(baseline: [Double], current: [Double], confidence: Double = 0.95, resamples: Int = 2000, seed: UInt64 = 1) {
        guard !baseline.isEmpty, !current.isEmpty,
              let baseMedian = Descriptive.median(baseline), let currentMedian = Descriptive.median(current),
              baseMedian != 0 else { return nil }
        var generator = SeededGenerator(seed: seed)
        var ratios: [Double] = []
        ratios.reserveCapacity(resamples)
        var base = Array(repeating: 0.0, count: baseline.count)
        var cur = Array(repeating: 0.0, count: current.count)
        for _ in 0..<resamples {
            for i in base.indices { base[i] = baseline[Int(generator.next() % UInt64(baseline.count))] }
            for i in cur.indices { cur[i] = current[Int(generator.next() % UInt64(current.count))] }
            base.sort()
            cur.sort()
            guard let b = Descriptive.quantile(sorted: base, 0.5), let c = Descriptive.quantile(sorted: cur, 0.5), b != 0 else { continue }
            ratios.append(c / b)
        }
        ratios.sort()
        let tail = (1 - confidence) / 2
        ratio = currentMedian / baseMedian
        lower = Descriptive.quantile(sorted: ratios, tail) ?? ratio
        upper = Descriptive.quantile(sorted: ratios, 1 - tail) ?? ratio
        self.confidence = confidence
        self.resamples = resamples
    }
}
