import Results

extension StreamsSummary {
    /// From the feeder's record and the segments' outcomes: latency percentiles overall and per window of
    /// wall time (by when the scores were ready), with the deepest queue seen in each window.
    init(plan: StreamPlan, feed: StreamFeeder.Result, outcomes: [SegmentOutcome], queueCapacity: Int) {
        let latencies = outcomes.map(\.latencyNanoseconds)
        let histogram = LatencySummary.histogram(nanoseconds: latencies)
        var byWindow: [Int: [UInt64]] = [:]
        for outcome in outcomes {
            let seconds = Double(outcome.completedAt &- feed.start) / 1e9
            byWindow[Int(seconds / plan.windowSeconds), default: []].append(outcome.latencyNanoseconds)
        }
        var depthByWindow: [Int: Int] = [:]
        for (seconds, depth) in feed.depths {
            let window = Int(seconds / plan.windowSeconds)
            depthByWindow[window] = max(depthByWindow[window] ?? 0, depth)
        }
        let last = max(byWindow.keys.max() ?? 0, depthByWindow.keys.max() ?? 0)
        let windows = (0...last).map { index in
            let samples = byWindow[index] ?? []
            let summary = LatencySummary(nanoseconds: samples)
            return Window(startSeconds: Double(index) * plan.windowSeconds, segments: samples.count, p99Ms: summary.p99Ms,
                          maxMs: summary.maxMs, queueDepthMax: depthByWindow[index] ?? 0)
        }
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
