#if canImport(Glibc)
import Glibc
#endif

/// The sweep process that made a cell group, written into the group's name (`sweep<PID>-<START>-...`,
/// START its start time in clock ticks after boot, so a reused pid is not mistaken for it). A group
/// whose owner no longer runs is a leftover of a sweep that was killed (CgroupJanitor).
public struct CgroupOwner: Sendable, Equatable {
    public var pid: pid_t
    public var startTicks: UInt64

    public init(pid: pid_t, startTicks: UInt64) {
        self.pid = pid
        self.startTicks = startTicks
    }

    /// This process.
    public static var current: CgroupOwner {
        let pid = getpid()
        return CgroupOwner(pid: pid, startTicks: ProcStat.read(pid: pid)?.startTicks ?? 0)
    }

    public var prefix: String { "sweep\(pid)-\(startTicks)-" }

    /// The owner a group name records; nil for a name arbench does not make (left alone).
    public static func of(groupName name: String) -> CgroupOwner? {
        guard name.hasPrefix("sweep") else { return nil }
        let parts = name.dropFirst("sweep".count).split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let pid = pid_t(parts[0]), pid > 0, let start = UInt64(parts[1]) else { return nil }
        return CgroupOwner(pid: pid, startTicks: start)
    }

    /// True while the process that made the group still runs.
    public var isRunning: Bool {
        guard let stat = ProcStat.read(pid: pid), !stat.isGone else { return false }
        return stat.startTicks == startTicks
    }
}
