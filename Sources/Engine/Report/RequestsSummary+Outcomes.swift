import Results

extension RequestsSummary {
    /// From the sender's record and the segments' outcomes: a request is done when its last segment is;
    /// its latency runs from its arrival. Requests not sent, and requests with no segment, have none.
    init(plan: RequestPlan, feed: RequestFeeder.Result, outcomes: [SegmentOutcome], queueCapacity: Int) {
        var completed: [Int: [Int: UInt64]] = [:]   // file -> segment index -> completedAt
        for outcome in outcomes { completed[outcome.fileIndex, default: [:]][outcome.scores.segmentIndex] = outcome.completedAt }
        var latencies: [(completedAt: UInt64, nanoseconds: UInt64)] = []
        var empty = 0
        for (k, arrival) in feed.arrivals.enumerated() {
            let request = feed.requests[k]
            guard !request.segments.isEmpty else {
                empty += 1
                continue
            }
            let done = request.segments.compactMap { completed[request.file]?[$0] }
            // A segment whose inference failed has no outcome time here only if it never ran: count the request
            // by what did complete (the file is reported failed anyway).
            guard let last = done.max() else { continue }
            latencies.append((last, last &- arrival))
        }
        let nanoseconds = latencies.map(\.nanoseconds)
        let histogram = LatencySummary.histogram(nanoseconds: nanoseconds)
        self.init(rate: plan.rate, requestSeconds: plan.requestSeconds, seed: plan.seed, requests: feed.requests.count,
                  sent: feed.arrivals.count, empty: empty, latency: LatencySummary(histogram: histogram, count: nanoseconds.count),
                  latencyP90Ms: nanoseconds.isEmpty ? 0 : LatencySummary.percentileMs(histogram, 90),
                  segmentLatency: LatencySummary(nanoseconds: outcomes.map(\.latencyNanoseconds)),
                  sentSeconds: feed.sentSeconds, notSentSeconds: feed.notSentSeconds, maxSendLagMs: feed.maxLagSeconds * 1000,
                  endSendLagMs: feed.endLagSeconds * 1000, maxLagAllowedMs: plan.maxLagSeconds * 1000, overloaded: feed.overloaded,
                  keptUp: !feed.overloaded && feed.endLagSeconds <= plan.keptUpLagSeconds, queueCapacity: queueCapacity,
                  windowSeconds: plan.windowSeconds,
                  windows: StreamsSummary.Window.windows(latencies: latencies, depths: feed.depths, start: feed.start, seconds: plan.windowSeconds),
                  latencyBoundMs: plan.latencyBoundSeconds.map { $0 * 1000 },
                  overBound: plan.latencyBoundSeconds.map { bound in nanoseconds.filter { Double($0) / 1e9 > bound }.count })
    }
}
