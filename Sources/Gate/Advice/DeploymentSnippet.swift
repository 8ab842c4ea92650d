import Results

/// How to deploy a picked cell: the environment, the `arbench run` flags, and the C++ lines for an
/// engine of one's own. LibTorch keeps the intra-op count per thread and copies the process-wide
/// value into a thread on its first LibTorch call (lazy_init_num_threads), so each engine thread
/// must make one call first and then set its own count (PLATFORM-FACTS, the engine's own code).
public struct DeploymentSnippet: Sendable, Codable, Equatable {
    public var environment: [String]
    /// `arbench run` flags; for an external engine, its placeholders' values.
    public var runFlags: String
    public var cpp: [String]
    /// The engine the pick ran on (CellEngine.name).
    public var engine: String

    public init(axes: CellAxes, row: ResultRow?) {
        engine = axes.engine
        var environment: [String] = []
        // A spec's own label (`glibc-trim`) is not a built-in name: its family is what the row reported.
        let builtIn = AllocatorSetting.named(axes.allocator)
        let family = builtIn == nil ? (row?[.allocatorReported]).flatMap { $0.isEmpty ? nil : $0 } : nil
        let setting = builtIn ?? family.flatMap(AllocatorSetting.named)
        if let library = setting?.libraryPath { environment.append("LD_PRELOAD=\(library)") }
        if !axes.mallocConf.isEmpty { environment.append("MALLOC_CONF=\(axes.mallocConf)") }
        if let arena = setting?.mallocArenaMax { environment.append("MALLOC_ARENA_MAX=\(arena)") }
        let tuning = row?[.allocatorEnvironment] ?? ""
        environment += tuning.split(separator: " ").map(String.init).filter { !$0.isEmpty && !environment.contains($0) }
        if axes.ompWaitPolicy != "default" { environment.append("OMP_WAIT_POLICY=\(axes.ompWaitPolicy.uppercased())") }
        for axis in Axis.tableOnly {
            environment += axis.values!.environment(axis.value(in: axes)).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        }
        self.environment = environment

        // `budget` was a count resolved per cell: what the child set (intra_op_effective), else the axes' budget.
        let quota = CPUQuota.parse(axes.cpuQuota) ?? .none, cpuset = CPUSet.parse(axes.cpuset) ?? .none
        var intraOp = axes.intraOpThreads
        if intraOp == IntraOpThreads.budget {
            intraOp = (row?[.intraOpEffective].split(separator: ";").first).flatMap { Int($0) }
                ?? CPUBudget(quota: quota, cpuset: cpuset).intraOpThreads(engineThreads: axes.engineThreads)
        }
        let intra = IntraOpThreads.text(intraOp)
        var flags = ["--engine-threads \(axes.engineThreads)", "--intra-op-threads \(intra)",
                     "--inter-op-threads \(axes.interOpThreads)", "--allocator \(builtIn == nil ? family ?? axes.allocator : axes.allocator)"]
        if axes.libtorch != "system" { flags.append("--libtorch \(axes.libtorch)") }
        if axes.engineMode != "threads" { flags.append("--engine-mode \(axes.engineMode)") }
        runFlags = flags.joined(separator: " ")
        if axes.engine != CellEngine.builtInName {
            // An external engine takes the setting through its own command line: the spec's placeholders, filled.
            var values = ["{engine_threads}=\(axes.engineThreads)", "{intra_op_threads}=\(intra)", "{inter_op_threads}=\(axes.interOpThreads)"]
            if axes.intraOpThreads != IntraOpThreads.libTorchDefault { environment.append("OMP_NUM_THREADS=\(intra)") }
            values.append("{allocator}=\(axes.allocator)")
            if axes.libtorch != "system" { values.append("{libtorch}=\(axes.libtorch)") }
            runFlags = values.joined(separator: " ")
            self.environment = environment
        }

        var cpp = ["at::set_num_interop_threads(\(axes.interOpThreads));  // once, before any parallel work",
                   "// start \(axes.engineThreads) engine \(axes.engineMode == "processes" ? "processes" : "threads"), each sharing the module; in each one, first:",
                   "(void)at::get_num_threads();  // LibTorch's lazy per-thread init now, or it undoes the count"]
        var limits: [String] = []
        var how: [String] = []
        if let cpus = quota.cpus {
            limits.append("a CPU quota of \(quota.text)")
            how.append("docker run --cpus \(quota.text); Kubernetes limits.cpu: \(Int((cpus * 1000).rounded()))m")
        }
        if !cpuset.isNone {
            limits.append("CPUs \(cpuset.text)")
            how.append("docker run --cpuset-cpus \(cpuset.text)")
        }
        if !limits.isEmpty {
            cpp.insert(contentsOf: ["// measured under " + limits.joined(separator: " and ") + ": deploy under the same",
                                    "// (" + how.joined(separator: "; ") + ")"], at: 0)
        }
        if axes.intraOpThreads == IntraOpThreads.budget {
            cpp.append("at::set_num_threads(\(intraOp));  // CPU budget (min of quota, cpuset, cores) / engine threads, >= 1")
        } else if axes.intraOpThreads != IntraOpThreads.libTorchDefault {
            cpp.append("at::set_num_threads(\(axes.intraOpThreads));  // this engine thread's intra-op pool")
        } else {
            cpp.append("// intra-op: LibTorch's default (leave at::set_num_threads alone)")
        }
        self.cpp = cpp
    }
}
