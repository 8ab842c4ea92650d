import Results

extension StreamsSummary.Window {
    /// Latency over time for any load (streams or requests): windows of `seconds` wall time from `start`,
    /// each with the percentiles of the latencies completed in it and the deepest queue seen at an arrival in it.
    static func windows(latencies: [(completedAt: UInt64, nanoseconds: UInt64)], depths: [(Double, Int)], start: UInt64,
                        seconds: Double) -> [StreamsSummary.Window] {
        var byWindow: [Int: [UInt64]] = [:]
        for sample in latencies {
            let elapsed = Double(sample.completedAt &- start) / 1e9
            byWindow[Int(elapsed / seconds), default: []].append(sample.nanoseconds)
        }
        var depthByWindow: [Int: Int] = [:]
        for (elapsed, depth) in depths {
            let window = Int(elapsed / seconds)
            depthByWindow[window] = max(depthByWindow[window] ?? 0, depth)
        }
        let last = max(byWindow.keys.max() ?? 0, depthByWindow.keys.max() ?? 0)
        return (0...last).map { index in
            let samples = byWindow[index] ?? []
            let summary = LatencySummary(nanoseconds: samples)
            return StreamsSummary.Window(startSeconds: Double(index) * seconds, segments: samples.count, p99Ms: summary.p99Ms,
                                         maxMs: summary.maxMs, queueDepthMax: depthByWindow[index] ?? 0)
        }
    }
}
