import Foundation
import Results

/// What the parent measured of one child from the outside.
public struct LaunchOutcome: Sendable {
    public var startedAt: Date
    /// From spawn to reaped: process start, model load and processing together.
    public var wallSeconds: Double
    public var termination: Termination
    /// The deadline passed and the process group was killed.
    public var timedOut: Bool
    /// nil when the child never started.
    public var usage: ResourceUsage?
    public var samples: [ProcessSample]
    public var samplerCPUSeconds: Double
    public var samplerMaxSampleCPUSeconds: Double
    /// The cell's own cgroup (a cell with a CPU quota), and its cpu.stat counters when the child ended.
    public var cgroup: CellCgroup?
    public var cfsStats: CFSStats?
    /// Why the cell's cgroup could not be removed (the next sweep's start retries), nil when it was.
    public var cgroupCleanupProblem: String?
    /// An external engine's processes as the sampler last saw them (maps, CPUs, cgroup); empty for arbench's.
    public var observed: [ObservedProcess] = []

    public init(startedAt: Date, wallSeconds: Double, termination: Termination, timedOut: Bool, usage: ResourceUsage?,
                samples: [ProcessSample], samplerCPUSeconds: Double = 0, samplerMaxSampleCPUSeconds: Double = 0,
                cgroup: CellCgroup? = nil, cfsStats: CFSStats? = nil, cgroupCleanupProblem: String? = nil,
                observed: [ObservedProcess] = []) {
        self.observed = observed
        self.cgroup = cgroup
        self.cfsStats = cfsStats
        self.cgroupCleanupProblem = cgroupCleanupProblem
        self.startedAt = startedAt
        self.wallSeconds = wallSeconds
        self.termination = termination
        self.timedOut = timedOut
        self.usage = usage
        self.samples = samples
        self.samplerCPUSeconds = samplerCPUSeconds
        self.samplerMaxSampleCPUSeconds = samplerMaxSampleCPUSeconds
    }
}
