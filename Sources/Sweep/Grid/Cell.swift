/// One point of the grid: everything that differs between two cells' child processes.
public struct Cell: Sendable, Hashable {
    public var engineMode: EngineMode
    public var engineThreads: Int
    public var intraOpThreads: Int
    public var interOpThreads: Int
    public var allocator: AllocatorSetting
    public var ompWaitPolicy: OMPWaitPolicy

    public init(engineMode: EngineMode = .threads, engineThreads: Int, intraOpThreads: Int, interOpThreads: Int = 1,
                allocator: AllocatorSetting = AllocatorSetting(kind: .glibc), ompWaitPolicy: OMPWaitPolicy = .default) {
        self.engineMode = engineMode
        self.engineThreads = engineThreads
        self.intraOpThreads = intraOpThreads
        self.interOpThreads = interOpThreads
        self.allocator = allocator
        self.ompWaitPolicy = ompWaitPolicy
    }

    /// Stable across runs and machines, safe in file names, readable at a glance:
    /// `threads-e4-i1-x1-jemalloc-default-wdefault`.
    public var id: String {
        "\(engineMode.rawValue)-e\(engineThreads)-i\(intraOpThreads)-x\(interOpThreads)-"
            + "\(allocator.label)-\(allocator.confLabel)-w\(ompWaitPolicy.rawValue)"
    }
}
