import Results

extension StreamsSummary {
    /// From the feeder's record and the segments' outcomes: latency percentiles overall and per window of
    /// wall time (by when the scores were ready), with the deepest queue seen in each window.
    init(plan: StreamPlan, feed: StreamFeeder.Result, outcomes: [SegmentOutcome], queueCapacity: Int) {
        let latencies = outcomes.map(\.latencyNanoseconds)
        let histogram = LatencySummary.histogram(nanoseconds: latencies)
        let windows = Window.windows(latencies: outcomes.map { ($0.completedAt, $0.latencyNanoseconds) }, depths: feed.depths,
                                     start: feed.start, seconds: plan.windowSeconds)
        self.init(streams: plan.streams, pace: plan.pace, chunkMs: plan.chunkSeconds * 1000,
                  latency: LatencySummary(histogram: histogram, count: latencies.count),
                  latencyP90Ms: latencies.isEmpty ? 0 : LatencySummary.percentileMs(histogram, 90),
                  fedSeconds: feed.fedSeconds, notFedSeconds: feed.notFedSeconds, maxFeedLagMs: feed.maxLagSeconds * 1000,
                  maxLagAllowedMs: plan.maxLagSeconds * 1000, endFeedLagMs: feed.endLagSeconds * 1000,
                  overloaded: feed.overloaded, keptUp: !feed.overloaded && feed.endLagSeconds <= plan.keptUpLagSeconds, queueCapacity: queueCapacity,
                  windowSeconds: plan.windowSeconds, windows: windows, latencyBoundMs: plan.latencyBoundSeconds.map { $0 * 1000 },
                  overBound: plan.latencyBoundSeconds.map { bound in latencies.filter { Double($0) / 1e9 > bound }.count })
    }
}
