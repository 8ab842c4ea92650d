/// `capacity`'s search for the most streams a setting carries within a latency bound: 1, 2, 4, ... until a
/// load fails, then halving the gap between the last pass and the first failure. Assumes more streams never
/// make the tail better (a load that fails is not retried above); each load is one run of the audio.
public struct CapacitySearch: Sendable {
    /// One load tried.
    public struct Probe: Sendable, Codable, Equatable {
        public var streams: Int
        public var segments: Int
        public var overBound: Int
        public var p99Ms: Double
        public var overloaded: Bool
        public var keptUp: Bool
        public var verdict: LatencyBoundRule.Verdict
        /// Why the load did not pass, in words; nil when it passed.
        public var reason: String?
        /// Runs of this load whose figures are summed here (a load too short to decide runs again).
        public var runs = 1

        public init(streams: Int, segments: Int, overBound: Int, p99Ms: Double, overloaded: Bool, keptUp: Bool,
                    verdict: LatencyBoundRule.Verdict, reason: String?) {
            self.streams = streams
            self.segments = segments
            self.overBound = overBound
            self.p99Ms = p99Ms
            self.overloaded = overloaded
            self.keptUp = keptUp
            self.verdict = verdict
            self.reason = reason
        }

        public var passed: Bool { reason == nil }
    }

    public struct Outcome: Sendable, Codable, Equatable {
        /// The most streams that passed; 0 when one stream already fails.
        public var capacity: Int
        public var probes: [Probe]
        /// The search stopped at `maxStreams` with every load passing: the capacity is at least that.
        public var atLimit: Bool

        public func probe(_ streams: Int) -> Probe? { probes.first { $0.streams == streams } }
    }

    public var rule: LatencyBoundRule
    public var maxStreams: Int
    /// A load whose segments are too few to decide runs again, its counts summed, up to this many runs
    /// (LoadGen's minimum query count, met by repetition rather than by a longer file).
    public var maxRunsPerLoad: Int

    public init(rule: LatencyBoundRule = .init(), maxStreams: Int = 1024, maxRunsPerLoad: Int = 8) {
        self.rule = rule
        self.maxStreams = maxStreams
        self.maxRunsPerLoad = maxRunsPerLoad
    }

    /// Two runs of one load as one: segments and those over summed, the worse p99, kept up only if both did.
    public func merge(_ a: Probe, _ b: Probe) -> Probe {
        var merged = judge(streams: a.streams, segments: a.segments + b.segments, overBound: a.overBound + b.overBound,
                           p99Ms: max(a.p99Ms, b.p99Ms), overloaded: a.overloaded || b.overloaded, keptUp: a.keptUp && b.keptUp)
        merged.runs = a.runs + b.runs
        return merged
    }

    /// A run's figures judged: it must keep up (a feeder that fell behind is a backlog, not a live load)
    /// and meet the bound by the rule.
    public func judge(streams: Int, segments: Int, overBound: Int, p99Ms: Double, overloaded: Bool, keptUp: Bool) -> Probe {
        let verdict = rule.verdict(segments: segments, overBound: overBound)
        let reason: String?
        if overloaded {
            reason = "overloaded"
        } else if !keptUp {
            reason = "fell behind its clock"
        } else if verdict == .fail {
            reason = "\(overBound) of \(segments) segments over the bound"
        } else if verdict == .undecided {
            reason = "\(overBound) of \(segments) segments over the bound: too few segments to show p99 within it at \(Int(rule.confidence * 100))% confidence"
        } else {
            reason = nil
        }
        return Probe(streams: streams, segments: segments, overBound: overBound, p99Ms: p99Ms, overloaded: overloaded,
                     keptUp: keptUp, verdict: verdict, reason: reason)
    }

    /// `probe(K)` runs K streams and returns the judged probe (see `judge`); it may throw (an interrupt).
    public func run(probe: (Int) throws -> Probe) rethrows -> Outcome {
        var probes: [Probe] = []
        func tried(_ k: Int) throws -> Probe {
            if let done = probes.first(where: { $0.streams == k }) { return done }
            var result = try probe(k)
            // Undecided for want of segments (it kept up): run the load again and judge the sum.
            while result.verdict == .undecided && result.keptUp && !result.overloaded && result.segments > 0
                    && result.runs < maxRunsPerLoad {
                result = merge(result, try probe(k))
            }
            probes.append(result)
            return result
        }
        var pass = 0
        var fail: Int?
        var k = 1
        while k <= maxStreams {
            if try tried(k).passed {
                pass = k
                if k == maxStreams { break }
                k = min(k * 2, maxStreams)
            } else {
                fail = k
                break
            }
        }
        guard let firstFail = fail else { return Outcome(capacity: pass, probes: probes, atLimit: true) }
        var (low, high) = (pass, firstFail)
        while high - low > 1 {
            let middle = (low + high) / 2
            if try tried(middle).passed { low = middle } else { high = middle }
        }
        return Outcome(capacity: low, probes: probes, atLimit: false)
    }
}
