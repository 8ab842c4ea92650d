import Results

/// Summaries of a cell's RSS timeline, in MiB.
public struct RSSStatistics: Sendable, Equatable {
    /// The larger of the highest sampled RSS (summed over the process tree) and the child's last
    /// VmHWM (its exact peak, which falls between samples).
    public var peakMiB: Double?
    /// The child's own VmHWM as last read.
    public var highWaterMiB: Double?
    public var averageMiB: Double?
    public var endMiB: Double?
    /// Least-squares slope after warm-up, MiB per hour: memory that keeps growing (the post's
    /// fragmentation) shows as a clearly positive slope; nil when fewer than 10 samples or less
    /// than 30 s are left after the warm-up.
    public var slopeMiBPerHour: Double?
    /// The same fit over the later half of the post-warm-up span: close to `slopeMiBPerHour` while
    /// growth is steady (a leak, or fragmentation still spreading), towards 0 when it settles to a
    /// plateau. Nil when that half is shorter than 15 s or has fewer than 10 samples.
    public var lateSlopeMiBPerHour: Double?

    public static let minimumSlopeSamples = 10
    /// A fit over less than this is start-up ramp, not growth: extrapolated to an hour it reads as
    /// tens of GiB per hour, so it is left empty instead.
    public static let minimumSlopeSpanSeconds = 30.0
    public static let minimumWarmUpSeconds = 2.0
    public static let warmUpFraction = 0.2

    public init(samples: [ProcessSample]) {
        let mib = samples.map { Double($0.rssBytes) / 1_048_576 }
        highWaterMiB = samples.compactMap(\.highWaterBytes).max().map { Double($0) / 1_048_576 }
        peakMiB = [mib.max(), highWaterMiB].compactMap { $0 }.max()
        averageMiB = mib.isEmpty ? nil : mib.reduce(0, +) / Double(mib.count)
        endMiB = mib.last
        slopeMiBPerHour = Self.slope(samples)
        lateSlopeMiBPerHour = Self.slope(samples, from: 0.5, minimumSpan: Self.minimumSlopeSpanSeconds / 2)
    }

    /// Fits RSS over time after the warm-up (model load and first allocations: the first 20% of the
    /// run or 2 s, whichever is longer), from `share` of the way through what is left (0: all of it).
    static func slope(_ samples: [ProcessSample], from share: Double = 0, minimumSpan: Double = minimumSlopeSpanSeconds) -> Double? {
        guard let last = samples.last?.seconds else { return nil }
        let warmUp = max(warmUpFraction * last, minimumWarmUpSeconds)
        let start = warmUp + (last - warmUp) * share
        return fit(samples.filter { $0.seconds >= start }, minimumSpan: minimumSpan)
    }

    /// Least-squares slope of RSS against time, MiB per hour.
    private static func fit(_ kept: [ProcessSample], minimumSpan: Double) -> Double? {
        guard kept.count >= minimumSlopeSamples, let first = kept.first?.seconds, let last = kept.last?.seconds,
              last - first >= minimumSpan else { return nil }
        let xs = kept.map(\.seconds)
        let ys = kept.map { Double($0.rssBytes) / 1_048_576 }
        let meanX = xs.reduce(0, +) / Double(xs.count)
        let meanY = ys.reduce(0, +) / Double(ys.count)
        var covariance = 0.0
        var variance = 0.0
        for (x, y) in zip(xs, ys) {
            covariance += (x - meanX) * (y - meanY)
            variance += (x - meanX) * (x - meanX)
        }
        guard variance > 0 else { return nil }
        return covariance / variance * 3600
    }
}
