import Results

/// The two cgroup interfaces and how each spells a CPU quota. v1 (this project's test machines) has a
/// hierarchy per controller and the quota in two files; v2 (most current distributions) one hierarchy and
/// `cpu.max`; cpu.stat's counters are read by CFSStats for both.
public enum CgroupVersion: String, Sendable, Equatable {
    case v1, v2

    /// The files to write, in order, for `quota` (file name, content).
    public func quotaWrites(_ quota: CPUQuota) -> [(file: String, text: String)] {
        let period = String(CPUQuota.periodMicroseconds)
        let amount = quota.quotaMicroseconds.map(String.init)
        switch self {
        case .v1: return [("cpu.cfs_period_us", period), ("cpu.cfs_quota_us", amount ?? "-1")]
        case .v2: return [("cpu.max", "\(amount ?? "max") \(period)")]
        }
    }

    /// The file that holds the quota, to read it back.
    public var quotaFile: String { self == .v1 ? "cpu.cfs_quota_us" : "cpu.max" }

    /// The quota a group's `quotaFile` holds (v1 `-1` and v2 `max` are none); nil when unreadable.
    /// v1 keeps the period in another file: `period` is it (the one arbench writes by default).
    public func parseQuota(_ text: String, period: Int = CPUQuota.periodMicroseconds) -> CPUQuota? {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        switch self {
        case .v1:
            guard fields.count == 1, let value = Int(fields[0]) else { return nil }
            return value < 0 ? CPUQuota.none : Self.scaled(value, period: period)
        case .v2:
            guard fields.count == 2, let groupPeriod = Int(fields[1]), groupPeriod > 0 else { return nil }
            if fields[0] == "max" { return CPUQuota.none }
            return Int(fields[0]).map { Self.scaled($0, period: groupPeriod) }
        }
    }

    private static func scaled(_ quota: Int, period: Int) -> CPUQuota {
        CPUQuota(quotaMicroseconds: Int((Double(quota) * Double(CPUQuota.periodMicroseconds) / Double(period)).rounded()))
    }

    /// The file a process joins a group through (both versions accept `cgroup.procs`).
    public static let procsFile = "cgroup.procs"
    public static let statFile = "cpu.stat"
}
