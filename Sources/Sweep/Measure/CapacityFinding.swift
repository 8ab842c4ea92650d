/// What a capacity cell's search found, as results.csv records it beside the load at capacity.
public struct CapacityFinding: Sendable, Equatable {
    /// The most streams that passed; 0 when one stream already failed.
    public var streams: Int
    public var boundMs: Double
    /// p99 of the smallest load that failed; nil when none did (the search stopped at its limit).
    public var nextP99Ms: Double?
    /// Child runs the search made, and their wall seconds summed.
    public var loads: Int
    public var searchSeconds: Double

    public init(streams: Int, boundMs: Double, nextP99Ms: Double?, loads: Int, searchSeconds: Double = 0) {
        self.searchSeconds = searchSeconds
        self.streams = streams
        self.boundMs = boundMs
        self.nextP99Ms = nextP99Ms
        self.loads = loads
    }
}
