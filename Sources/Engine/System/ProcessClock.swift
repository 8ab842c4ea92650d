import CProcess
import Foundation
import Results

/// Facts about this process that only the kernel knows.
public enum ProcessClock {
    /// Seconds from exec to now, from /proc/self/stat's start time (clock ticks since boot) and /proc/uptime.
    /// Called first thing in main(), it measures process start: dynamic loading of LibTorch and friends.
    public static func secondsSinceExec() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let uptimeText = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command name, which may itself hold spaces; starttime is field 22 overall.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]),
              let uptime = Double(uptimeText.split(separator: " ").first ?? "") else { return nil }
        let hz = Double(sysconf(Int32(_SC_CLK_TCK)))
        return max(0, uptime - ticks / hz)
    }

    /// Peak resident set size of this process in bytes, from VmHWM. Not getrusage's ru_maxrss: after
    /// posix_spawn it still holds the parent's peak, so every sweep cell would report the sweep's size.
    public static func peakRSSBytes() -> UInt64 {
        ProcStatus.highWaterBytes(pid: getpid()) ?? 0
    }

    /// Dies with SIGKILL when the parent does, so a killed sweep or coordinator leaves no orphan
    /// measuring on and disturbing the next run.
    public static func dieWithParent() {
        _ = arb_die_with_parent()
    }
}
