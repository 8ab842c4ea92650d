import Foundation

/// The CPUs this machine has online (/sys/devices/system/cpu/online): what a cpuset may name and
/// the "cores" of a cell's CPU budget. Not `activeProcessorCount`, whose answer on Linux may already
/// fold in the caller's own cgroup quota or affinity: the budget must start from the machine.
public enum MachineCPUs {
    public static let onlinePath = "/sys/devices/system/cpu/online"

    public static let online: [Int] = {
        if let text = try? String(contentsOfFile: onlinePath, encoding: .utf8), let cpus = CPUSet.parseList(text) { return cpus }
        return Array(0..<max(1, ProcessInfo.processInfo.processorCount))
    }()

    public static var count: Int { online.count }

    /// The CPUs this process may run on (its affinity): what a cell without a cpuset inherits, so what
    /// its budget is bounded by when the sweep itself was started under `taskset` or in a cpuset.
    public static var allowed: [Int] {
        (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)).flatMap(allowedList).flatMap(CPUSet.parseList) ?? online
    }

    /// The `Cpus_allowed_list:` value of a /proc/PID/status text.
    public static func allowedList(inStatus status: String) -> String? {
        status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") }
            .map { $0.dropFirst("Cpus_allowed_list:".count).trimmingCharacters(in: .whitespaces) }
    }
}
