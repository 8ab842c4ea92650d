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
    /// Where cells with a CPU quota get their cgroup (nil: no cpu controller here; the spec check refuses
    /// quotas before any cell runs), and the sweep process named in their groups.
    public var cgroupHost: CgroupHost?
    public var owner: CgroupOwner

    public init(command: ChildCommand, inheritedEnvironment: [String: String] = ProcessInfo.processInfo.environment,
                cgroupHost: CgroupHost? = CgroupHost.current, owner: CgroupOwner = .current) {
        self.command = command
        self.inheritedEnvironment = inheritedEnvironment
        self.cgroupHost = cgroupHost
        self.owner = owner
    }

    public func environment(for cell: Cell) -> [String: String] {
        CellEnvironment.make(for: cell, inheriting: inheritedEnvironment)
    }

    public func launch(_ invocation: CellInvocation, logPath: String, timeoutSeconds: Double, sampleIntervalMs: Int) -> LaunchOutcome {
        let cell = invocation.run.cell
        let startedAt = Date()
        func notStarted(_ reason: String) -> LaunchOutcome {
            LaunchOutcome(startedAt: startedAt, wallSeconds: 0, termination: .notStarted(reason: reason), timedOut: false,
                          usage: nil, samples: [])
        }
        // arbench's own engine is `arbench run`; an external one is the spec's command, filled for this cell.
        var argv = [command.executable] + command.arguments(invocation)
        var environment = environment(for: cell)
        if let external = cell.engine.external {
            do {
                let prepared = try ExternalCommand.prepare(external, invocation: invocation, cellEnvironment: environment)
                argv = prepared.argv
                environment = prepared.environment
            } catch {
                return notStarted(error.description)
            }
        }
        var cgroup: CellCgroup?
        if !cell.cpuQuota.isNone {
            guard let cgroupHost else { return notStarted("cpu_quota \(cell.cpuQuota): no cgroup cpu controller on this machine") }
            do {
                cgroup = try CellCgroup.create(host: cgroupHost, name: owner.prefix + "\(cell.id)-r\(invocation.run.repetition)",
                                               quota: cell.cpuQuota)
            } catch {
                return notStarted(error.description)
            }
        }
        let start = MonotonicClock.seconds()
        let pid: pid_t
        do {
            pid = try ProcessSpawner.spawn(argv: argv, environment: environment, outputPath: logPath,
                                           cgroupProcs: cgroup?.procsFile, cpuMask: CPUMask.bytes(of: cell.cpuset))
        } catch {
            cgroup?.remove()
            return notStarted(error.description)
        }
        ActiveChild.shared.set(pid)
        let sampler = ProcessSampler(pid: pid, intervalMs: sampleIntervalMs, startedAt: start, timeoutSeconds: timeoutSeconds,
                                     cpuStatPath: cgroup?.statFile, observes: !cell.engine.isBuiltIn)
        sampler.start()

        let waited = ProcessSpawner.wait(pid: pid)
        let wall = MonotonicClock.seconds() - start
        let sampled = sampler.stop()
        // Workers the child left behind (it crashed or was killed) must not run into the next cell.
        kill(-pid, SIGKILL)
        ActiveChild.shared.clear()
        // Counters first: they go with the group.
        let cfsStats = cgroup?.stats()
        let cleanupProblem = cgroup?.remove()

        let termination = waited.map { Termination(waitStatus: $0.status) }
            ?? .notStarted(reason: "wait4 failed: \(String(cString: strerror(errno)))")
        return LaunchOutcome(
            startedAt: startedAt, wallSeconds: wall, termination: termination, timedOut: sampled.timedOut,
            usage: waited.map { ResourceUsage($0.usage) }, samples: sampled.samples,
            samplerCPUSeconds: sampled.cpuSeconds, samplerMaxSampleCPUSeconds: sampled.maxSampleCPUSeconds,
            cgroup: cgroup, cfsStats: cfsStats, cgroupCleanupProblem: cleanupProblem, observed: sampled.observed)
    }
}
