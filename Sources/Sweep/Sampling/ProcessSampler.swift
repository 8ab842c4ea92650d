import Foundation
#if canImport(Glibc)
import Glibc
import Results
#endif

/// Watches a running cell from its own thread: every interval it reads the child's process tree
/// (RSS, CPU, threads) from /proc, and at the deadline it kills the child's process group.
///
/// It measures its own cost (thread CPU time per sample) so a report can show that sampling did
/// not disturb what it measured.
final class ProcessSampler: @unchecked Sendable {
    struct Result: Sendable {
        var samples: [ProcessSample]
        /// CPU time the sampling thread spent reading /proc.
        var cpuSeconds: Double
        var maxSampleCPUSeconds: Double
        /// True when the deadline passed and the sampler killed the process group.
        var timedOut: Bool
        /// An external engine's processes as last seen (root first); empty unless asked for.
        var observed: [ObservedProcess] = []
    }

    private let tree: ProcessTree
    private let intervalSeconds: Double
    private let startedAt: Double
    private let deadline: Double
    private let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
    /// The cell's cgroup cpu.stat, when it has a quota: the share of periods throttled per sample.
    private let cpuStatPath: String?

    private let condition = NSCondition()
    private var stopRequested = false
    private var finished = false
    // Written only by the sampling thread until `finished`, read after it.
    private var result = Result(samples: [], cpuSeconds: 0, maxSampleCPUSeconds: 0, timedOut: false)

    /// `startedAt` and `timeoutSeconds` are on `MonotonicClock.seconds()`'s clock.
    init(pid: pid_t, intervalMs: Int, startedAt: Double, timeoutSeconds: Double, cpuStatPath: String? = nil, observes: Bool = false) {
        tree = ProcessTree(root: pid, startedAt: startedAt, observes: observes)
        self.cpuStatPath = cpuStatPath
        intervalSeconds = Double(intervalMs) / 1000
        self.startedAt = startedAt
        deadline = startedAt + timeoutSeconds
    }

    func start() {
        let thread = Thread { [self] in loop() }
        thread.name = "arbench-sampler"
        thread.start()
    }

    /// Stops sampling and returns what was measured (waits for the thread to finish its loop).
    func stop() -> Result {
        condition.lock()
        stopRequested = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
        return result
    }

    private func loop() {
        var nextDue = startedAt + intervalSeconds
        var previousTicks: UInt64 = 0
        var previousTime = startedAt
        var previousCFS: CFSStats?
        while true {
            condition.lock()
            // After the kill, only samples remain to be taken (until wait4 reaps the child).
            let wakeAt = result.timedOut ? nextDue : min(nextDue, deadline)
            while !stopRequested && MonotonicClock.seconds() < wakeAt {
                _ = condition.wait(until: Date(timeIntervalSinceNow: wakeAt - MonotonicClock.seconds()))
            }
            let stopping = stopRequested
            condition.unlock()
            if stopping { break }

            let now = MonotonicClock.seconds()
            if now >= deadline && !result.timedOut {
                result.timedOut = true
                tree.killAll()
            }
            if now >= nextDue {
                let cpuBefore = MonotonicClock.threadCPUSeconds()
                if let reading = tree.read(now: now) {
                    let elapsed = max(now - previousTime, 1e-6)
                    let ticks = reading.cpuTicks >= previousTicks ? reading.cpuTicks - previousTicks : 0
                    var throttled: Double?
                    if let cpuStatPath, let cfs = ProcFile.bytes(cpuStatPath).flatMap({ CFSStats.parse(String(decoding: $0, as: UTF8.self)) }) {
                        let base = previousCFS ?? CFSStats(periods: 0, throttled: 0, throttledSeconds: 0)
                        throttled = CFSStats(periods: cfs.periods - base.periods, throttled: cfs.throttled - base.throttled,
                                             throttledSeconds: 0).throttledPercent ?? 0
                        previousCFS = cfs
                    }
                    result.samples.append(ProcessSample(
                        seconds: now - startedAt, rssBytes: reading.rssBytes,
                        coresUsed: Double(ticks) / ticksPerSecond / elapsed,
                        threads: reading.threads, processes: reading.processes,
                        highWaterBytes: reading.rootHighWaterBytes, throttledPercent: throttled))
                    previousTicks = reading.cpuTicks
                    previousTime = now
                }
                let cost = MonotonicClock.threadCPUSeconds() - cpuBefore
                result.cpuSeconds += cost
                result.maxSampleCPUSeconds = max(result.maxSampleCPUSeconds, cost)
                // Keep to the interval grid, but after a late wake-up (a loaded machine) start a
                // new grid rather than take the next sample only a moment after this one.
                nextDue += intervalSeconds
                if nextDue < now + intervalSeconds / 2 { nextDue = now + intervalSeconds }
            }
        }
        let root = tree.root
        result.observed = tree.observed.values.sorted { $0.pid == root || ($1.pid != root && $0.pid < $1.pid) }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
