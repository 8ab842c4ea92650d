import Results

/// Decides a cell run's status from what the parent saw and what the child reported, with one line
/// saying why when it is not ok. A cell is never silently measured on the wrong allocator.
public struct CellVerdict: Sendable, Equatable {
    public var status: CellStatus
    public var error: String

    public static let ok = CellVerdict(status: .ok, error: "")

    public init(status: CellStatus, error: String) {
        self.status = status
        self.error = error
    }

    /// `report` is the decoded metrics JSON, or why there is none; `logTail` is the child's last
    /// output line (arbench prints its error there); `allocatorRejection` the line where the allocator
    /// refused its tuning (`<jemalloc>: Invalid conf pair: ...`), which fails an otherwise good run: it
    /// ran on the defaults, not on the setting its row names.
    public static func judge(cell: Cell, outcome: LaunchOutcome, report: Result<RunReport, ChildReportError>,
                             logTail: String, allocatorRejection: String? = nil, timeoutSeconds: Double) -> CellVerdict {
        if let ended = ending(outcome: outcome, logTail: logTail, timeoutSeconds: timeoutSeconds) { return ended }
        let child: RunReport
        switch report {
        case .failure(let problem): return CellVerdict(status: .failed, error: problem.description)
        case .success(let decoded): child = decoded
        }
        if let allocatorRejection {
            return CellVerdict(status: .failed, error: "\(cell.allocator.label) rejected its tuning: \(allocatorRejection)")
        }
        let expected = cell.allocator.kind.reportedName
        guard child.allocator.name == expected else {
            let preload = child.environment["LD_PRELOAD"].map { "LD_PRELOAD=\($0)" } ?? "no LD_PRELOAD"
            return CellVerdict(status: .failed,
                               error: "allocator mismatch: asked for \(expected), the child reported \(child.allocator.name) (\(preload))")
        }
        if let problem = runtimeMismatch(cell: cell, build: child.torch.build) {
            return CellVerdict(status: .failed, error: problem)
        }
        guard child.engineMode == cell.engineMode else {
            return CellVerdict(status: .failed,
                               error: "engine mode mismatch: asked for \(cell.engineMode.rawValue), the child reported \(child.engineMode)")
        }
        if let problem = limitsMismatch(cell: cell, cgroup: outcome.cgroup, view: child.cpuView) {
            return CellVerdict(status: .failed, error: problem)
        }
        return .ok
    }

    /// How the process ended when that alone fails the run (timeout, not started, a signal, a non-zero exit), with
    /// its last output line; nil when it exited 0.
    static func ending(outcome: LaunchOutcome, logTail: String, timeoutSeconds: Double) -> CellVerdict? {
        let detail = logTail.isEmpty ? "" : ": \(logTail)"
        if outcome.timedOut {
            return CellVerdict(status: .timeout, error: "still running after the \(formatSeconds(timeoutSeconds)) timeout; process tree killed with SIGKILL")
        }
        switch outcome.termination {
        case .notStarted(let reason): return CellVerdict(status: .failed, error: reason)
        case .signaled(let signal): return CellVerdict(status: .failed, error: "killed by \(SignalName.of(signal))\(detail)")
        case .exited(let code) where code != 0: return CellVerdict(status: .failed, error: "exit \(code)\(detail)")
        case .exited: return nil
        }
    }

    /// An external engine's run: it ended well, and what arbench read from its /proc agrees with the row. Every
    /// process seen maps the allocator asked for and no other (glibc: none of the preloadable ones), runs under
    /// the cell's CPU limits, and, on a runtime other than `system`, maps that runtime's libtorch_cpu.so.
    /// Its metrics file never fails it (EngineMetrics).
    public static func judgeExternal(cell: Cell, outcome: LaunchOutcome, logTail: String, allocatorRejection: String? = nil,
                                     timeoutSeconds: Double, sampleIntervalMs: Int) -> CellVerdict {
        if let ended = ending(outcome: outcome, logTail: logTail, timeoutSeconds: timeoutSeconds) { return ended }
        if let allocatorRejection {
            return CellVerdict(status: .failed, error: "\(cell.allocator.label) rejected its tuning: \(allocatorRejection)")
        }
        guard let root = outcome.observed.first else {
            return CellVerdict(status: .failed, error: "allocator and limits unverified: the engine exited before arbench read its /proc (first read after \(sampleIntervalMs) ms); give it more work")
        }
        let expected: Set<AllocatorKind> = cell.allocator.kind == .glibc ? [] : [cell.allocator.kind]
        for process in outcome.observed where process.allocators != expected {
            let found = process.allocators.isEmpty ? "none of jemalloc, tcmalloc, mimalloc" : process.allocators.map(\.rawValue).sorted().joined(separator: ", ")
            return CellVerdict(status: .failed, error: "allocator mismatch: asked for \(cell.allocator.kind.reportedName), \(process.name) (pid \(process.pid)) maps \(found)")
        }
        if let problem = limitsMismatch(cell: cell, cgroup: outcome.cgroup, view: root.view) {
            return CellVerdict(status: .failed, error: problem)
        }
        if cell.libtorch != .system {
            let mapped = outcome.observed.compactMap(\.torchLibrary).first
            guard let mapped else {
                return CellVerdict(status: .failed, error: "runtime mismatch: asked for \(cell.libtorch), the engine mapped no libtorch_cpu.so")
            }
            if let problem = libraryOutsideRuntime(cell: cell, mapped: mapped, by: "the engine") {
                return CellVerdict(status: .failed, error: problem)
            }
        }
        return .ok
    }

    /// A cell runs under exactly the CPU limits its row names, as the child itself saw them: its
    /// Cpus_allowed_list is the cpuset, its cpu cgroup the one made for it.
    static func limitsMismatch(cell: Cell, cgroup: CellCgroup?, view: CPUView?) -> String? {
        guard !cell.cpuQuota.isNone || !cell.cpuset.isNone else { return nil }
        guard let view else { return "CPU limits unverified: the child did not report what CPUs it saw (cpu_view)" }
        if let expected = cell.cpuset.cpus, view.cpusAllowed.flatMap(CPUSet.parseList) != expected {
            return "cpuset mismatch: asked for \(cell.cpuset), the child's Cpus_allowed_list is \(view.cpusAllowed ?? "unreadable")"
        }
        if !cell.cpuQuota.isNone {
            guard let cgroup else { return "cpu_quota \(cell.cpuQuota): the cell had no cgroup" }
            // Inside a cgroup namespace the child sees the path from the namespace's root: compare the tail.
            guard let seen = view.cpuCgroup, seen.hasSuffix(cgroup.groupPath) else {
                return "cgroup mismatch: the cell's group is \(cgroup.groupPath), the child was in \(view.cpuCgroup ?? "an unreadable group")"
            }
        }
        return nil
    }

    /// A cell runs on exactly the runtime its row names: the child reports the libtorch_cpu.so mapped in
    /// its /proc/self/maps, which must lie in that runtime's library directory. Reports from before
    /// runtimes existed (no `build`) can only have been `system`.
    static func runtimeMismatch(cell: Cell, build: TorchBuild?) -> String? {
        guard let build else {
            return cell.libtorch == .system ? nil : "runtime mismatch: asked for \(cell.libtorch), the child did not report its LibTorch"
        }
        guard build.runtime == cell.libtorch.name else {
            return "runtime mismatch: asked for \(cell.libtorch), the child ran on \(build.runtime)"
        }
        return libraryOutsideRuntime(cell: cell, mapped: build.libraryPath, by: "the child")
    }

    /// The libtorch_cpu.so a process mapped (empty: none) lies outside the cell's runtime's library directory.
    static func libraryOutsideRuntime(cell: Cell, mapped: String, by who: String) -> String? {
        guard let located = try? cell.libtorch.locate(), !mapped.hasPrefix(located.manifest.libDir + "/") else { return nil }
        return "runtime mismatch: asked for \(cell.libtorch) (\(located.manifest.libDir)), \(who) mapped \(mapped.isEmpty ? "no libtorch_cpu.so" : mapped)"
    }

    static func formatSeconds(_ seconds: Double) -> String {
        seconds >= 60 && seconds.truncatingRemainder(dividingBy: 60) == 0 ? "\(Int(seconds / 60)) min" : "\(CSVText.number(seconds, decimals: 1)) s"
    }
}
