import Results

/// The child's environment: the parent's, with the variables that select and tune the allocator
/// and OpenMP replaced by what the cell asks for, so no inherited value leaks into a cell.
public enum CellEnvironment {
    /// Set or removed for every cell, besides the allocator's (`isAllocatorVariable`); everything else is
    /// inherited unchanged.
    public static let controlled = ["OMP_NUM_THREADS", "OMP_WAIT_POLICY", "ARBENCH_DIE_WITH_PARENT", "ARBENCH_LIBTORCH"]
        + Axis.tableOnly.flatMap { $0.values!.controlledVariables }

    /// Whether `name` chooses or tunes an allocator (`LD_PRELOAD`, `MALLOC_*`, `TCMALLOC_*`, `MIMALLOC_*`): those
    /// come from the cell's setting alone (`arbench run --allocator` sets them the same way).
    public static func isAllocatorVariable(_ name: String) -> Bool {
        name == "LD_PRELOAD" || AllocatorTuning.variablePrefixes.contains { name.hasPrefix($0) }
    }

    /// What `allocator` sets (variables it leaves unset are absent).
    public static func settings(for allocator: AllocatorSetting) -> [String: String] {
        var settings = allocator.environment.merging(AllocatorTuning.reportingVariables(for: allocator)) { own, _ in own }
        if let library = allocator.libraryPath { settings["LD_PRELOAD"] = library }
        if let conf = allocator.mallocConf { settings["MALLOC_CONF"] = conf }
        if let arenas = allocator.mallocArenaMax { settings["MALLOC_ARENA_MAX"] = String(arenas) }
        return settings
    }

    /// `inherited` with the allocator variables replaced by what `allocator` sets.
    public static func make(for allocator: AllocatorSetting, inheriting inherited: [String: String]) -> [String: String] {
        var environment = inherited.filter { !isAllocatorVariable($0.key) }
        environment.merge(settings(for: allocator)) { _, chosen in chosen }
        return environment
    }

    /// What this cell sets (variables it leaves unset are absent).
    public static func settings(for cell: Cell) -> [String: String] {
        var settings = settings(for: cell.allocator)
        // LibTorch's OpenMP pool reads this at start-up; each engine thread also sets its own size.
        // Intra-op `default` leaves it unset: LibTorch's own choice is what that cell measures.
        // Intra-op `budget` is resolved from the cell's CPU budget first.
        let intraOp = cell.resolvedIntraOpThreads()
        if intraOp != IntraOpThreads.libTorchDefault {
            settings["OMP_NUM_THREADS"] = String(intraOp)
        }
        if let policy = cell.ompWaitPolicy.environmentValue { settings["OMP_WAIT_POLICY"] = policy }
        // Table-only axes apply themselves (Axis.values.environment).
        for axis in Axis.tableOnly { settings.merge(axis.values!.environment(axis.value(in: cell.axes))) { _, own in own } }
        // A sweep killed with SIGKILL cannot kill its cell; the cell then kills itself (PR_SET_PDEATHSIG).
        settings["ARBENCH_DIE_WITH_PARENT"] = "1"
        return settings
    }

    public static func make(for cell: Cell, inheriting inherited: [String: String]) -> [String: String] {
        var environment = inherited.filter { !isAllocatorVariable($0.key) }
        for key in controlled { environment[key] = nil }
        environment.merge(settings(for: cell)) { _, cellValue in cellValue }
        return environment
    }
}
