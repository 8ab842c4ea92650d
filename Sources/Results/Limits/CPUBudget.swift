/// The CPUs a cell may use: min(quota, CPUs in its cpuset, machine CPUs). What `intra_op_threads:
/// budget` divides among the engine threads, and what `budget_util_pct` is a share of. `machineCPUs`
/// defaults to the CPUs the sweep itself may run on (its affinity, which a cell without a cpuset inherits).
public struct CPUBudget: Sendable, Equatable {
    public var cpus: Double

    public init(quota: CPUQuota, cpuset: CPUSet, machineCPUs: Int = MachineCPUs.allowed.count) {
        var cpus = Double(max(1, machineCPUs))
        if let quota = quota.cpus { cpus = min(cpus, quota) }
        if let count = cpuset.count { cpus = min(cpus, Double(count)) }
        self.cpus = cpus
    }

    /// Intra-op threads per engine thread: the budget's whole CPUs shared out, at least 1. Rounded down, as
    /// Go's automaxprocs does for a quota: a pool one thread larger than its share would be throttled.
    public func intraOpThreads(engineThreads: Int) -> Int {
        max(1, Int((cpus / Double(max(1, engineThreads))).rounded(.down)))
    }
}
