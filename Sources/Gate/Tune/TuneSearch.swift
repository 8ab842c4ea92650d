import Results

/// `tune`'s search: coordinate descent over the grid with a line search per axis, then the finalists
/// re-measured. Why this method: the settings interact mostly through one product (engine x intra-op
/// threads against the cores), which a line along each axis from the current best crosses; a line
/// over a long numeric axis probes ~5 log-spaced values and then climbs to the better neighbour, so a
/// 16-value axis costs ~6 runs, not 16. Passes repeat until one moves nothing. Two walks from the start,
/// thread axes first and then the others first (`TuneSpace.walks`): coordinate descent stops where no
/// single axis improves, and a runtime compared at a thread setting tuned for the other runtime can
/// lose there (LibTorch 2.x's default intra-op pool oversubscribes where 1.13's does not) although it
/// wins elsewhere; the second walk compares runtimes and allocators before the threads are tuned, and
/// the cells the first walk measured are not measured again. What it cannot do: a move that needs two
/// axes at once, e.g. under `--max-rss` where jemalloc fits only at one engine thread and the better
/// glibc cell is at two (each single step looks worse or infeasible); the replay measures how often such
/// local bests cost something on real grids. Each cell is measured
/// once while searching (noise can mislead a single comparison, which is what the finalists are for):
/// the best few by median are measured up to `confirmRepetitions`, and again whenever a re-measure
/// reorders them, so the answer's cell always has its full repetitions. Deterministic: the same
/// measurements give the same path, which is what makes a live tune resumable and a replay repeatable.
public struct TuneSearch {
    public var space: TuneSpace
    public var objective: AdviceObjective
    public var constraints: [AdviceConstraint]
    /// At most this many runs in all (search and finalists); nil: until the search converges.
    public var maxRuns: Int?
    /// Repetitions each finalist gets (the spec's `repetitions`).
    public var confirmRepetitions: Int
    public var finalists: Int
    public var maxPasses: Int

    public init(space: TuneSpace, objective: AdviceObjective = .throughput, constraints: [AdviceConstraint] = [],
                maxRuns: Int? = nil, confirmRepetitions: Int = 3, finalists: Int = 3, maxPasses: Int = 4) {
        self.space = space
        self.objective = objective
        self.constraints = constraints
        self.maxRuns = maxRuns
        self.confirmRepetitions = confirmRepetitions
        self.finalists = finalists
        self.maxPasses = maxPasses
    }

    /// The fewest runs that say anything: the start and one probe line along every axis.
    public var minimumRuns: Int {
        1 + space.axes.reduce(0) { $0 + $1.probe.count - 1 }
    }

    /// Runs kept back from the search for the finalists: all their repetitions, or a third of a tight budget.
    var finalistReserve: Int {
        let full = finalists * max(0, confirmRepetitions - 1)
        guard let maxRuns else { return full }
        return min(full, max(0, maxRuns - minimumRuns), maxRuns / 3)
    }

    /// Runs the search. `measure` runs one more repetition of a cell and returns its row, or nil when the
    /// budget outside the search (a deadline) is spent; what it throws (an interrupt) ends the search.
    public func run(measure: (CellAxes) throws -> ResultRow?) rethrows -> TuneOutcome {
        var state = State(search: self)
        guard let start = space.start else { return state.outcome() }
        try state.measure(start, phase: .search, measure)
        for (walk, axes) in space.walks.enumerated() where state.stop == nil {
            var current = start
            var pass = 0
            while pass < maxPasses && state.stop == nil {
                pass += 1
                let before = current
                for axis in axes where state.stop == nil {
                    current = try state.line(from: current, axis: axis, walk: walk + 1, pass: pass, measure)
                }
                if current == before { break }
            }
        }
        // A search cut short by the budget still spends what it kept back on the finalists.
        let cut = state.stop == .budget
        if cut { state.stop = nil }
        try state.confirm(measure)
        if cut && state.stop == nil { state.stop = .budget }
        return state.outcome()
    }

    struct State {
        enum Phase { case search, finalists }

        let search: TuneSearch
        var rows: [CellAxes: [ResultRow]] = [:]
        var order: [ResultRow] = []
        var steps: [TuneOutcome.Step] = []
        /// Set when a budget ends the phase: nothing more is measured in it.
        var stop: TuneOutcome.StopReason?

        init(search: TuneSearch) { self.search = search }

        var spent: Int { order.count }

        /// One more run of `cell`, unless a budget is spent (then `stop` says which).
        mutating func measure(_ cell: CellAxes, phase: Phase, _ measure: (CellAxes) throws -> ResultRow?) rethrows {
            guard stop == nil else { return }
            if let limit = search.maxRuns, spent >= (phase == .search ? limit - search.finalistReserve : limit) {
                stop = .budget
                return
            }
            guard let row = try measure(cell) else {
                stop = .deadline
                return
            }
            rows[cell, default: []].append(row)
            order.append(row)
        }

        /// Measures once what is not measured yet on the line through `current` along `axis`, climbs to
        /// the better numeric neighbour while one is better, and returns the best cell on the line.
        mutating func line(from current: CellAxes, axis: Int, walk: Int, pass: Int, _ measure: (CellAxes) throws -> ResultRow?) rethrows -> CellAxes {
            let space = search.space
            var line: [CellAxes] = []
            for index in space.axes[axis].probe {
                guard let cell = space.moving(current, axis: axis, to: index) else { continue }
                if rows[cell] == nil { try self.measure(cell, phase: .search, measure) }
                if rows[cell] != nil { line.append(cell) }
            }
            if !line.contains(current) { line.append(current) }
            var best = self.best(of: line)
            while stop == nil {
                let next = space.neighbours(of: space.index(of: best, on: axis), on: axis).compactMap { space.moving(best, axis: axis, to: $0) }
                for cell in next where rows[cell] == nil { try self.measure(cell, phase: .search, measure) }
                line += next.filter { rows[$0] != nil && !line.contains($0) }
                let better = self.best(of: line)
                if better == best { break }
                best = better
            }
            steps.append(.init(walk: walk, pass: pass, axis: space.axes[axis].name, from: current, to: best,
                               measured: line.count, runsSoFar: spent))
            return best
        }

        /// The finalists: the best few by median and every cell one step from the best (a neighbouring thread
        /// count, each other allocator, runtime, ...), raced by successive halving (all get a repetition, the
        /// better half goes on) up to the full repetitions; then the best few measured until they all have
        /// them. The neighbours are there because one noisy run can send a line to the wrong value of an axis
        /// whose values are close (two allocators): the race settles it on repetitions, not on one run.
        mutating func confirm(_ measure: (CellAxes) throws -> ResultRow?) rethrows {
            let ranking = ranked()
            guard let best = ranking.first else { return }
            var pool = Array(ranking.prefix(search.finalists))
            for cell in search.space.oneStep(from: best) where !pool.contains(cell) { pool.append(cell) }
            for repetition in 1...max(1, search.confirmRepetitions) where stop == nil {
                for cell in pool where (rows[cell]?.count ?? 0) < repetition { try self.measure(cell, phase: .finalists, measure) }
                pool = Array(pool.filter { rows[$0] != nil }.sorted { better($0, than: $1) }.prefix(max(search.finalists, (pool.count + 1) / 2)))
            }
            while stop == nil {
                let top = ranked().prefix(search.finalists)
                let short = top.filter { (rows[$0]?.count ?? 0) < search.confirmRepetitions }
                if short.isEmpty { return }
                for cell in short { try self.measure(cell, phase: .finalists, measure) }
            }
        }

        /// Measured cells, best first: those meeting every constraint by objective median, then the rest by
        /// their largest miss; a cell without an ok run last.
        func ranked() -> [CellAxes] {
            rows.keys.sorted { better($0, than: $1) }
        }

        func best(of cells: [CellAxes]) -> CellAxes {
            cells.filter { rows[$0] != nil }.min { better($0, than: $1) }!
        }

        func better(_ a: CellAxes, than b: CellAxes) -> Bool {
            let (x, y) = (score(a), score(b))
            if x.measured != y.measured { return x.measured }
            if x.miss != y.miss { return x.miss < y.miss }
            if x.value != y.value { return search.objective.better(x.value, than: y.value) }
            return a < b
        }

        /// The objective's median, and the largest share by which a constraint's median misses (0: feasible).
        func score(_ cell: CellAxes) -> (measured: Bool, miss: Double, value: Double) {
            let ok = (rows[cell] ?? []).filter(\.isOK)
            guard let value = Descriptive.median(ok.compactMap(search.objective.value(in:))) else { return (false, .infinity, 0) }
            let miss = search.constraints.map { constraint in
                Descriptive.median(ok.compactMap { $0.number(constraint.metric) }.filter(\.isFinite)).map(constraint.miss) ?? .infinity
            }.max() ?? 0
            return (true, miss, value)
        }

        func outcome() -> TuneOutcome {
            TuneOutcome(rows: order, steps: steps, stop: stop ?? .converged, best: rows.isEmpty ? nil : ranked().first,
                        gridCells: search.space.cells.count)
        }
    }
}
