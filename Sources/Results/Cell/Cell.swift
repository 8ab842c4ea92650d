/// One point of the grid: everything that differs between two cells' child processes.
public struct Cell: Sendable, Hashable {
    public var engineMode: EngineMode
    public var engineThreads: Int
    public var intraOpThreads: Int
    public var interOpThreads: Int
    public var allocator: AllocatorSetting
    public var ompWaitPolicy: OMPWaitPolicy
    /// The LibTorch runtime: `system`, `pypi` or a LibTorch directory.
    public var libtorch: LibTorchRuntime
    /// A CFS quota on a cgroup made for the cell, or none.
    public var cpuQuota: CPUQuota
    /// The CPUs the cell's process may run on (its affinity, set before exec), or none.
    public var cpuset: CPUSet
    /// How the child is loaded: the backlog, streams, requests, or a capacity search.
    public var load: CellLoad
    /// The engine the cell runs: arbench's own, or an external command.
    public var engine: CellEngine
    /// Table-only axes (`Axis.tableOnly`) away from their usual value, by axis name, as canonical text.
    public var extra: [String: String]

    public init(engineMode: EngineMode = .threads, engineThreads: Int, intraOpThreads: Int, interOpThreads: Int = 1,
                allocator: AllocatorSetting = AllocatorSetting(kind: .glibc), ompWaitPolicy: OMPWaitPolicy = .default,
                libtorch: LibTorchRuntime = .system, cpuQuota: CPUQuota = .none, cpuset: CPUSet = .none, load: CellLoad = .offline,
                engine: CellEngine = .arbench, extra: [String: String] = [:]) {
        self.engine = engine
        self.extra = extra
        self.load = load
        self.libtorch = libtorch
        self.cpuQuota = cpuQuota
        self.cpuset = cpuset
        self.engineMode = engineMode
        self.engineThreads = engineThreads
        self.intraOpThreads = intraOpThreads
        self.interOpThreads = interOpThreads
        self.allocator = allocator
        self.ompWaitPolicy = ompWaitPolicy
    }

    /// Stable across runs and machines, safe in file names, readable at a glance:
    /// `threads-e4-i1-x1-jemalloc-default-wdefault`, plus `-ltpypi` on a runtime other than `system`,
    /// `-q1500m` with a CPU quota (1.5 CPUs), `-cpus0-1` with a cpuset and `-streams-8-p10` under a load other
    /// than offline, `-eng-python` on an external engine (so ids of runs made before these axes existed still match).
    /// Spelled by the axis table (`Axis.all`, each axis's part in turn).
    public var id: String { axes.id }

    /// The CPUs this cell may use (see CPUBudget).
    public func budget(machineCPUs: Int = MachineCPUs.allowed.count) -> CPUBudget {
        CPUBudget(quota: cpuQuota, cpuset: cpuset, machineCPUs: machineCPUs)
    }

    /// The intra-op count its child is given: `budget` resolved from the cell's CPU budget, anything
    /// else as asked (`default` stays LibTorch's choice).
    public func resolvedIntraOpThreads(machineCPUs: Int = MachineCPUs.allowed.count) -> Int {
        intraOpThreads == IntraOpThreads.budget
            ? budget(machineCPUs: machineCPUs).intraOpThreads(engineThreads: engineThreads) : intraOpThreads
    }

    /// The cell as results.csv records it (see CellAxes).
    public var axes: CellAxes {
        CellAxes(engineMode: engineMode.rawValue, engineThreads: engineThreads, intraOpThreads: intraOpThreads,
                 interOpThreads: interOpThreads, allocator: allocator.label, mallocConf: allocator.mallocConf ?? "",
                 ompWaitPolicy: ompWaitPolicy.rawValue, libtorch: libtorch.name, cpuQuota: cpuQuota.text, cpuset: cpuset.text, load: load.text,
                 engine: engine.name, extra: extra)
    }
}
