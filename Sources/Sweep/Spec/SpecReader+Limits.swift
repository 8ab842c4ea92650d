import Yams
import Results

extension SpecReader {
    /// The `cpu_quota` axis: CPUs as decimals or `none`. Each quota must be one a 100 ms CFS period can
    /// express (at least 1 ms of it) and at most the machine's CPUs; any quota needs the cgroup cpu controller,
    /// writable by this user (context.cpuQuotaProblem), checked here so a sweep never starts without it.
    func cpuQuotas(_ node: Node, field: String, context: SpecValidationContext) -> [CPUQuota]? {
        var quotas: [CPUQuota] = []
        var ok = true
        let machine = context.onlineCPUs.count
        let range = "\(CPUQuota.minimumCPUs) to \(machine) CPUs on this machine"
        for (item, path) in items(node, field: field) {
            guard let text = item.scalar?.string, let quota = CPUQuota.parse(text) else {
                report(item, path, "expected CPUs as a decimal (0.5, 1, 1.5) or none, got \(describe(item))")
                ok = false
                continue
            }
            if let micro = quota.quotaMicroseconds, micro < CPUQuota.minimumQuotaMicroseconds {
                report(item, path, "\(text) CPUs is below what a \(CPUQuota.periodMicroseconds / 1000) ms period can express (\(range))")
                ok = false
            } else if let cpus = quota.cpus, cpus > Double(machine) {
                report(item, path, "\(text) CPUs is more than this machine has (\(range))")
                ok = false
            } else if quotas.contains(quota) {
                report(item, path, "\(quota) is listed twice")
                ok = false
            } else {
                quotas.append(quota)
            }
        }
        if ok && quotas.contains(where: { !$0.isNone }), let problem = context.cpuQuotaProblem() {
            report(node, field, problem)
            ok = false
        }
        return ok && !quotas.isEmpty ? quotas : nil
    }

    /// The `cpuset` axis: CPU lists (`0`, `0-1`, `"0,2"`) or `none`, naming only CPUs this machine has online.
    func cpusets(_ node: Node, field: String, context: SpecValidationContext) -> [CPUSet]? {
        var sets: [CPUSet] = []
        var ok = true
        let online = Set(context.onlineCPUs)
        for (item, path) in items(node, field: field) {
            guard let text = item.scalar?.string, let set = CPUSet.parse(text) else {
                report(item, path, "expected a CPU list (0, 0-1, \"0,2\") or none, got \(describe(item))")
                ok = false
                continue
            }
            let missing = (set.cpus ?? []).filter { !online.contains($0) }
            if !missing.isEmpty {
                report(item, path, "cpuset \(set) names CPUs this machine does not have: \(CPUSet.listText(missing)) (online: \(CPUSet.listText(context.onlineCPUs)))")
                ok = false
            } else if sets.contains(set) {
                report(item, path, "\(set) is listed twice")
                ok = false
            } else {
                sets.append(set)
            }
        }
        return ok && !sets.isEmpty ? sets : nil
    }
}
