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

    public init(startedAt: Date, wallSeconds: Double, termination: Termination, timedOut: Bool, usage: ResourceUsage?,
                samples: [ProcessSample], samplerCPUSeconds: Double = 0, samplerMaxSampleCPUSeconds: Double = 0) {
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
