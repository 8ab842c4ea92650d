/// What `run --streams` adds to the metrics report: the load, the latency of each tag from the arrival of
/// its segment's last sample, how it evolved, and whether the engine kept up.
public struct StreamsSummary: Codable, Sendable, Equatable {
    /// One window of wall time.
    public struct Window: Codable, Sendable, Equatable {
        public var startSeconds: Double
        public var segments: Int
        public var p99Ms: Double
        public var maxMs: Double
        /// The deepest the segment queue was at a chunk arrival in the window.
        public var queueDepthMax: Int

        public init(startSeconds: Double, segments: Int, p99Ms: Double, maxMs: Double, queueDepthMax: Int) {
            self.startSeconds = startSeconds
            self.segments = segments
            self.p99Ms = p99Ms
            self.maxMs = maxMs
            self.queueDepthMax = queueDepthMax
        }

        enum CodingKeys: String, CodingKey {
            case segments
            case startSeconds = "start_s"
            case p99Ms = "p99_ms"
            case maxMs = "max_ms"
            case queueDepthMax = "queue_depth_max"
        }
    }

    public var streams: Int
    public var pace: Double
    public var chunkMs: Double
    /// Segment latency: scores ready minus the arrival of the segment's last sample.
    public var latency: LatencySummary
    public var latencyP90Ms: Double
    /// Audio fed, and audio an overloaded run did not feed (0 when it kept up), over all streams.
    public var fedSeconds: Double
    public var notFedSeconds: Double
    /// How far (wall time) the feeder fell behind the streams' clocks at worst.
    public var maxFeedLagMs: Double
    public var maxLagAllowedMs: Double
    /// How far behind the feeder was at the end.
    public var endFeedLagMs: Double
    /// The feeder fell `maxLagAllowedMs` behind: the engine could not keep up; feeding stopped.
    public var overloaded: Bool
    /// Not overloaded, and on its clock at the end (less than one chunk period behind): the engine
    /// absorbed the load. A run can end behind without reaching the limit (a short run at a rate the
    /// engine cannot sustain): that is not keeping up either.
    public var keptUp: Bool
    public var queueCapacity: Int
    public var windowSeconds: Double
    public var windows: [Window]

    public init(streams: Int, pace: Double, chunkMs: Double, latency: LatencySummary, latencyP90Ms: Double, fedSeconds: Double,
                notFedSeconds: Double, maxFeedLagMs: Double, maxLagAllowedMs: Double, endFeedLagMs: Double, overloaded: Bool,
                keptUp: Bool, queueCapacity: Int,
                windowSeconds: Double, windows: [Window]) {
        self.streams = streams
        self.pace = pace
        self.chunkMs = chunkMs
        self.latency = latency
        self.latencyP90Ms = latencyP90Ms
        self.fedSeconds = fedSeconds
        self.notFedSeconds = notFedSeconds
        self.maxFeedLagMs = maxFeedLagMs
        self.maxLagAllowedMs = maxLagAllowedMs
        self.endFeedLagMs = endFeedLagMs
        self.overloaded = overloaded
        self.keptUp = keptUp
        self.queueCapacity = queueCapacity
        self.windowSeconds = windowSeconds
        self.windows = windows
    }

    enum CodingKeys: String, CodingKey {
        case streams, pace, latency, overloaded, windows
        case chunkMs = "chunk_ms"
        case latencyP90Ms = "latency_p90_ms"
        case fedSeconds = "fed_s"
        case notFedSeconds = "not_fed_s"
        case maxFeedLagMs = "max_feed_lag_ms"
        case maxLagAllowedMs = "max_lag_allowed_ms"
        case endFeedLagMs = "end_feed_lag_ms"
        case keptUp = "kept_up"
        case queueCapacity = "queue_capacity"
        case windowSeconds = "window_s"
    }
}
