/// One reading of a cell's process tree, as it goes into timeline.csv.
public struct ProcessSample: Sendable, Equatable {
    /// Seconds since the child was spawned.
    public var seconds: Double
    public var rssBytes: UInt64
    /// CPU time used since the previous sample over the time between them: 1.0 is one core busy.
    public var coresUsed: Double
    public var threads: Int
    public var processes: Int
    /// VmHWM of the child itself (not its workers) at this moment.
    public var highWaterBytes: UInt64?
    /// Share of the cell cgroup's CFS periods since the previous sample in which its quota ran out,
    /// percent; nil without a quota.
    public var throttledPercent: Double?

    public init(seconds: Double, rssBytes: UInt64, coresUsed: Double, threads: Int, processes: Int, highWaterBytes: UInt64? = nil,
                throttledPercent: Double? = nil) {
        self.throttledPercent = throttledPercent
        self.seconds = seconds
        self.rssBytes = rssBytes
        self.coresUsed = coresUsed
        self.threads = threads
        self.processes = processes
        self.highWaterBytes = highWaterBytes
    }
}
