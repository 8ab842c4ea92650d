import Foundation
#if canImport(Glibc)
import Glibc
import Results
#endif

/// Runs one cell as a fresh child process and measures it from outside: wall time, wait4's
/// rusage, and a /proc timeline; kills it (its whole process group) when it overruns its timeout.
public struct CellLauncher: Sendable {
    public var command: ChildCommand
    /// The parent's environment; the cell's allocator and OpenMP variables replace their counterparts.
    public var inheritedEnvironment: [String: String]

    public init(command: ChildCommand, inheritedEnvironment: [String: String] = ProcessInfo.processInfo.environment) {
        self.command = command
        self.inheritedEnvironment = inheritedEnvironment
    }

    public func environment(for cell: Cell) -> [String: String] {
        CellEnvironment.make(for: cell, inheriting: inheritedEnvironment)
    }

    public func launch(_ invocation: CellInvocation, logPath: String, timeoutSeconds: Double, sampleIntervalMs: Int) -> LaunchOutcome {
        let argv = [command.executable] + command.arguments(invocation)
        let startedAt = Date()
        let start = MonotonicClock.seconds()
        let pid: pid_t
        do {
            pid = try ProcessSpawner.spawn(argv: argv, environment: environment(for: invocation.run.cell), outputPath: logPath)
        } catch {
            return LaunchOutcome(startedAt: startedAt, wallSeconds: 0, termination: .notStarted(reason: error.description),
                                 timedOut: false, usage: nil, samples: [])
        }
        ActiveChild.shared.set(pid)
        let sampler = ProcessSampler(pid: pid, intervalMs: sampleIntervalMs, startedAt: start, timeoutSeconds: timeoutSeconds)
        sampler.start()

        let waited = ProcessSpawner.wait(pid: pid)
        let wall = MonotonicClock.seconds() - start
        let sampled = sampler.stop()
        // Workers the child left behind (it crashed or was killed) must not run into the next cell.
        kill(-pid, SIGKILL)
        ActiveChild.shared.clear()

        let termination = waited.map { Termination(waitStatus: $0.status) }
            ?? .notStarted(reason: "wait4 failed: \(String(cString: strerror(errno)))")
        return LaunchOutcome(
            startedAt: startedAt, wallSeconds: wall, termination: termination, timedOut: sampled.timedOut,
            usage: waited.map { ResourceUsage($0.usage) }, samples: sampled.samples,
            samplerCPUSeconds: sampled.cpuSeconds, samplerMaxSampleCPUSeconds: sampled.maxSampleCPUSeconds)
    }
}
