#if canImport(Glibc)
import Glibc
import Results
#endif

/// A cell's child and all its descendants (the worker processes of `--engine-mode processes`),
/// summed into one reading.
///
/// This kernel has no /proc/PID/task/*/children (CONFIG_PROC_CHILDREN is off on these machines),
/// so descendants are found by scanning every process's parent id. The scan costs a read per
/// process on the machine, so it runs once a second for the first ten seconds (when worker
/// processes appear) and every ten seconds after; in between, only the known members are read.
final class ProcessTree {
    struct Reading {
        var rssBytes: UInt64
        var cpuTicks: UInt64
        var threads: Int
        var processes: Int
        /// The root process's VmHWM (its exact peak RSS so far).
        var rootHighWaterBytes: UInt64?
    }

    let root: pid_t
    private let startedAt: Double
    private var members: [pid_t]
    private var lastScan: Double = -.infinity
    private static let pageSize = UInt64(sysconf(Int32(_SC_PAGESIZE)))
    /// Whether each scan also reads every member's maps, CPUs and cgroup (an external engine's tree).
    private let observes: Bool
    /// The latest observation of every member seen, by pid.
    private(set) var observed: [pid_t: ObservedProcess] = [:]

    init(root: pid_t, startedAt: Double, observes: Bool = false) {
        self.observes = observes
        self.root = root
        self.startedAt = startedAt
        self.members = [root]
    }

    /// nil once the root has exited (a zombie reads as 0 RSS, which is not a measurement).
    func read(now: Double) -> Reading? {
        let rescanSeconds = now - startedAt < 10 ? 1.0 : 10.0
        if now - lastScan >= rescanSeconds {
            members = Self.descendants(of: root)
            lastScan = now
            if observes {
                for pid in members { if let seen = ObservedProcess.read(pid: pid) { observed[pid] = seen } }
            }
        }
        var reading = Reading(rssBytes: 0, cpuTicks: 0, threads: 0, processes: 0, rootHighWaterBytes: nil)
        for pid in members {
            guard let stat = ProcStat.read(pid: pid) else {
                if pid == root { return nil }
                continue
            }
            // An exiting process has released its memory before it turns zombie: 0 RSS is not a reading.
            if pid == root && (stat.isGone || stat.rssPages == 0) { return nil }
            reading.rssBytes += stat.rssPages * Self.pageSize
            reading.cpuTicks += stat.cpuTicks
            reading.threads += stat.threads
            reading.processes += 1
        }
        reading.rootHighWaterBytes = ProcStatus.highWaterBytes(pid: root)
        return reading
    }

    /// SIGKILL to the root's process group and to every member known, so a descendant that left the group
    /// (setsid, its own process group) dies with it.
    func killAll() {
        // Found first: once the root dies its children are re-parented and no longer lead back to it.
        let tree = Self.descendants(of: root)
        kill(-root, SIGKILL)
        for pid in tree { kill(pid, SIGKILL) }
    }

    /// `root` first, then every process whose parent chain leads to it.
    static func descendants(of root: pid_t) -> [pid_t] {
        var parentOf: [pid_t: pid_t] = [:]
        for pid in ProcFile.processIDs() where pid != root {
            if let stat = ProcStat.read(pid: pid) { parentOf[pid] = stat.parent }
        }
        var tree: [pid_t] = [root]
        var frontier: Set<pid_t> = [root]
        while !frontier.isEmpty {
            let next = parentOf.filter { frontier.contains($0.value) }.map(\.key)
            tree.append(contentsOf: next)
            for pid in next { parentOf[pid] = nil }
            frontier = Set(next)
        }
        return tree
    }
}
