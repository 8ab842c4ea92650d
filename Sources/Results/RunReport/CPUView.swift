import Foundation

/// The CPUs as the child saw them at start, before it set any thread count: what a LibTorch engine in
/// a container would size itself from. The sweep checks the affinity and cgroup against the cell's
/// limits (a cell is never measured under limits other than those its row names).
public struct CPUView: Codable, Sendable, Equatable {
    /// /proc/self/status Cpus_allowed_list, e.g. `0-1`.
    public var cpusAllowed: String?
    /// CPUs in that list.
    public var affinityCPUs: Int? { cpusAllowed.flatMap(CPUSet.parseList)?.count }
    /// The group of the cpu controller in /proc/self/cgroup, e.g. `/arbench/sweep-12-345/c1`.
    public var cpuCgroup: String?
    /// From at::get_parallel_info() before any set_num_threads.
    public var torchDefaultThreads: Int?
    public var ompMaxThreads: Int?
    public var hardwareConcurrency: Int?

    public init(cpusAllowed: String?, cpuCgroup: String?, parallelInfo: String) {
        self.cpusAllowed = cpusAllowed
        self.cpuCgroup = cpuCgroup
        torchDefaultThreads = Self.number(after: "at::get_num_threads()", in: parallelInfo)
        ompMaxThreads = Self.number(after: "omp_get_max_threads()", in: parallelInfo)
        hardwareConcurrency = Self.number(after: "std::thread::hardware_concurrency()", in: parallelInfo)
    }

    /// This process's view; `parallelInfo` is LibTorch's at::get_parallel_info() text.
    public static func current(parallelInfo: String) -> CPUView { of(pid: nil, parallelInfo: parallelInfo) }

    /// A process's view from its /proc (`nil`: this process): what a run reports of itself and what the
    /// sweep reads of an external engine's processes.
    public static func of(pid: Int32?, parallelInfo: String = "") -> CPUView {
        let proc = pid.map { "/proc/\($0)" } ?? "/proc/self"
        let status = (try? String(contentsOfFile: "\(proc)/status", encoding: .utf8)) ?? ""
        let allowed = MachineCPUs.allowedList(inStatus: status)
        let cgroup = (try? String(contentsOfFile: "\(proc)/cgroup", encoding: .utf8)).flatMap(ProcCgroupFile.cpuGroup)
        return CPUView(cpusAllowed: allowed, cpuCgroup: cgroup, parallelInfo: parallelInfo)
    }

    /// `\tat::get_num_threads() : 2` -> 2 (the layout of at::get_parallel_info, 1.13 and 2.x).
    static func number(after key: String, in text: String) -> Int? {
        for line in text.split(separator: "\n") {
            guard let range = line.range(of: key) else { continue }
            let rest = line[range.upperBound...].drop { $0 == " " || $0 == ":" || $0 == "\t" }
            return Int(rest.prefix { $0.isNumber })
        }
        return nil
    }

    enum CodingKeys: String, CodingKey {
        case cpusAllowed = "cpus_allowed"
        case cpuCgroup = "cpu_cgroup"
        case torchDefaultThreads = "torch_default_threads"
        case ompMaxThreads = "omp_max_threads"
        case hardwareConcurrency = "hardware_concurrency"
    }
}
