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

    public init(engineMode: EngineMode = .threads, engineThreads: Int, intraOpThreads: Int, interOpThreads: Int = 1,
                allocator: AllocatorSetting = AllocatorSetting(kind: .glibc), ompWaitPolicy: OMPWaitPolicy = .default,
                libtorch: LibTorchRuntime = .system) {
        self.libtorch = libtorch
        self.engineMode = engineMode
        self.engineThreads = engineThreads
        self.intraOpThreads = intraOpThreads
        self.interOpThreads = interOpThreads
        self.allocator = allocator
        self.ompWaitPolicy = ompWaitPolicy
    }

    /// Stable across runs and machines, safe in file names, readable at a glance:
    /// `threads-e4-i1-x1-jemalloc-default-wdefault`, plus `-ltpypi` on a runtime other than `system`
    /// (so ids of runs made before runtimes existed still match).
    public var id: String {
        "\(engineMode.rawValue)-e\(engineThreads)-i\(IntraOpThreads.text(intraOpThreads))-x\(interOpThreads)-"
            + "\(allocator.label)-\(allocator.confLabel)-w\(ompWaitPolicy.rawValue)"
            + (libtorch == .system ? "" : "-lt\(libtorch.label)")
    }

    /// The cell as results.csv records it (see CellAxes).
    public var axes: CellAxes {
        CellAxes(engineMode: engineMode.rawValue, engineThreads: engineThreads, intraOpThreads: intraOpThreads,
                 interOpThreads: interOpThreads, allocator: allocator.label, mallocConf: allocator.mallocConf ?? "",
                 ompWaitPolicy: ompWaitPolicy.rawValue, libtorch: libtorch.name)
    }
}
