/// What `run --rate` adds to the metrics report: the request load (Poisson arrivals, LoadGen's Server
/// scenario), each request's latency from its arrival to the tags of its last segment, how it evolved,
/// and whether the engine kept up.
public struct RequestsSummary: Codable, Sendable, Equatable {
    public var rate: Double
    /// Audio per request; 0 = whole files.
    public var requestSeconds: Double
    public var seed: UInt64
    /// Requests in the schedule, and those sent before the run ended (all of them unless overloaded).
    public var requests: Int
    public var sent: Int
    /// Requests whose audio held no segment (silence only): sent, but with no latency to measure.
    public var empty: Int
    /// Request latency: the scores of its last segment ready minus its arrival.
    public var latency: LatencySummary
    public var latencyP90Ms: Double
    /// Per segment, from its request's arrival.
    public var segmentLatency: LatencySummary
    public var sentSeconds: Double
    public var notSentSeconds: Double
    /// How far (wall time) the sender fell behind its schedule at worst, at the end, and the limit.
    public var maxSendLagMs: Double
    public var endSendLagMs: Double
    public var maxLagAllowedMs: Double
    public var overloaded: Bool
    /// Not overloaded and on schedule at the end (within one scheduling slice).
    public var keptUp: Bool
    public var queueCapacity: Int
    public var windowSeconds: Double
    /// Windows of wall time over request latencies (by completion) and queue depth at each arrival.
    public var windows: [StreamsSummary.Window]
    /// With `--latency-bound`: the bound, and how many requests' latency exceeded it.
    public var latencyBoundMs: Double?
    public var overBound: Int?

    public init(rate: Double, requestSeconds: Double, seed: UInt64, requests: Int, sent: Int, empty: Int, latency: LatencySummary,
                latencyP90Ms: Double, segmentLatency: LatencySummary, sentSeconds: Double, notSentSeconds: Double,
                maxSendLagMs: Double, endSendLagMs: Double, maxLagAllowedMs: Double, overloaded: Bool, keptUp: Bool,
                queueCapacity: Int, windowSeconds: Double, windows: [StreamsSummary.Window], latencyBoundMs: Double? = nil,
                overBound: Int? = nil) {
        self.rate = rate
        self.requestSeconds = requestSeconds
        self.seed = seed
        self.requests = requests
        self.sent = sent
        self.empty = empty
        self.latency = latency
        self.latencyP90Ms = latencyP90Ms
        self.segmentLatency = segmentLatency
        self.sentSeconds = sentSeconds
        self.notSentSeconds = notSentSeconds
        self.maxSendLagMs = maxSendLagMs
        self.endSendLagMs = endSendLagMs
        self.maxLagAllowedMs = maxLagAllowedMs
        self.overloaded = overloaded
        self.keptUp = keptUp
        self.queueCapacity = queueCapacity
        self.windowSeconds = windowSeconds
        self.windows = windows
        self.latencyBoundMs = latencyBoundMs
        self.overBound = overBound
    }

    enum CodingKeys: String, CodingKey {
        case rate, seed, requests, sent, empty, latency, overloaded, windows
        case requestSeconds = "request_s"
        case latencyP90Ms = "latency_p90_ms"
        case segmentLatency = "segment_latency"
        case sentSeconds = "sent_s"
        case notSentSeconds = "not_sent_s"
        case maxSendLagMs = "max_send_lag_ms"
        case endSendLagMs = "end_send_lag_ms"
        case maxLagAllowedMs = "max_lag_allowed_ms"
        case keptUp = "kept_up"
        case queueCapacity = "queue_capacity"
        case windowSeconds = "window_s"
        case latencyBoundMs = "latency_bound_ms"
        case overBound = "over_bound"
    }
}
