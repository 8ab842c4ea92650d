import Results

/// The cells a spec asks for, and the order their repetitions run in.
public struct ExperimentGrid: Sendable {
    /// Every combination of the axes, nested so that neighbours differ in engine threads first
    /// (the post's x axis), then intra-op threads, allocator, wait policy, inter-op, engine mode, runtime,
    /// cpuset, CPU quota, load, engine.
    public let cells: [Cell]
    public let repetitions: Int
    public let order: RunOrder

    public init(spec: ExperimentSpec) {
        var cells: [Cell] = []
        for engineKind in spec.engines {
        for load in spec.loads {
        for quota in spec.cpuQuotas {
        for cpuset in spec.cpusets {
        for runtime in spec.libtorch {
        for mode in spec.engineModes {
            for inter in spec.interOpThreads {
                for wait in spec.ompWaitPolicies {
                    for allocator in spec.allocators {
                        for intra in spec.intraOpThreads {
                            for engine in spec.engineThreads {
                                cells.append(Cell(engineMode: mode, engineThreads: engine, intraOpThreads: intra,
                                                  interOpThreads: inter, allocator: allocator, ompWaitPolicy: wait,
                                                  libtorch: runtime, cpuQuota: quota, cpuset: cpuset, load: load,
                                                  engine: engineKind))
                            }
                        }
                    }
                }
            }
        }
        }
        }
        }
        }
        }
        // Table-only axes vary slowest, each a product over the cells so far.
        for axis in Axis.tableOnly {
            let values = spec.values(of: axis)
            cells = values.flatMap { value in
                cells.map { cell in
                    var copy = cell
                    copy.extra[axis.name] = value == axis.usual ? nil : value
                    return copy
                }
            }
        }
        self.cells = cells
        self.repetitions = spec.repetitions
        self.order = spec.order
    }

    /// A share of `self`: only the cells in `keep` (a shard's), in grid order, same repetitions and order.
    public func restricted(to keep: [Cell]) -> ExperimentGrid {
        let kept = Set(keep)
        return ExperimentGrid(cells: cells.filter(kept.contains), repetitions: repetitions, order: order)
    }

    private init(cells: [Cell], repetitions: Int, order: RunOrder) {
        self.cells = cells
        self.repetitions = repetitions
        self.order = order
    }

    /// All runs in execution order: repetition 1 of every cell, then repetition 2, ...; shuffled
    /// within each repetition when the order is randomized (deterministically, from the seed).
    public var runs: [CellRun] {
        var generator = SeededGenerator(seed: {
            if case .randomized(let seed) = order { return seed }
            return 0
        }())
        var all: [CellRun] = []
        for repetition in 1...max(1, repetitions) {
            var block = cells.map { CellRun(cell: $0, repetition: repetition) }
            if case .randomized = order { generator.shuffle(&block) }
            all.append(contentsOf: block)
        }
        return all
    }

    /// The runs still to do when `done` are already in results.csv, in execution order.
    public func pending(excluding done: Set<RunKey>) -> [CellRun] {
        runs.filter { !done.contains($0.key) }
    }
}
