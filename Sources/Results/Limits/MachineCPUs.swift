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
}
