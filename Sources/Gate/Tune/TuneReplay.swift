import Results

/// `tune --replay`: the search run many times over a finished grid, each measurement answered by one of
/// that cell's repetitions drawn at random (with replacement; a failed repetition is drawn like any),
/// and each answer scored against the grid's own best (the best feasible cell by its median over all
/// its repetitions, what `advise` picks from the whole grid). Measures the search, not the machine.
public struct TuneReplay: Sendable {
    public var objective: AdviceObjective
    public var constraints: [AdviceConstraint]
    public var budget: TuneBudget?
    public var finalists: Int
    public var seeds: Int

    public init(objective: AdviceObjective = .throughput, constraints: [AdviceConstraint] = [], budget: TuneBudget? = nil,
                finalists: Int = 3, seeds: Int = 100) {
        self.objective = objective
        self.constraints = constraints
        self.budget = budget
        self.finalists = finalists
        self.seeds = seeds
    }

    public struct Result: Sendable, Codable {
        public var source: String
        public var name: String
        public var cells: Int
        public var gridRuns: Int
        /// The grid's best cell and its objective median.
        public var best: CellAxes
        public var bestValue: Double
        public var seeds: Int
        public var maxRuns: Int?
        public var minimumRuns: Int
        /// Per seed: runs spent, and the picked cell's grid median as a share of the best (1 = the best;
        /// for lower-is-better objectives best / picked), 0 when the pick is not feasible in the grid.
        public var runsSpent: [Int]
        public var shares: [Double]
        public var picks: [String: Int]
        /// Seeds whose pick is the grid's best or tied with it within noise (`advise` over the whole grid).
        public var picksWithinNoise: Int
        /// The same score for brute force under the same noise: per seed, every cell's repetitions drawn
        /// again (as many as it has, with replacement) and the best median picked. The ceiling any search
        /// over this data has: where the grid's top cells are closer than its noise, brute force misses too.
        public var bruteForceShares: [Double]

        public var bruteForceMedianShare: Double { Descriptive.median(bruteForceShares) ?? 0 }
        public var bruteForceWorstShare: Double { bruteForceShares.min() ?? 0 }

        public var medianShare: Double { Descriptive.median(shares) ?? 0 }
        public var worstShare: Double { shares.min() ?? 0 }
        public var medianRuns: Double { Descriptive.median(runsSpent.map(Double.init)) ?? 0 }
        public var maxRunsSpent: Int { runsSpent.max() ?? 0 }
        public var medianSpentShare: Double { medianRuns / Double(max(1, gridRuns)) }
        public var worstSpentShare: Double { Double(maxRunsSpent) / Double(max(1, gridRuns)) }
        /// Seeds whose pick reached `share` of the best.
        public func reaching(_ share: Double) -> Int { shares.filter { $0 >= share - 1e-12 }.count }
    }

    public enum Problem: Error, Sendable, CustomStringConvertible {
        case noFeasibleCell(String)
        case budgetTooSmall(String, given: Int, minimum: Int)

        public var description: String {
            switch self {
            case .noFeasibleCell(let source): "\(source): no cell meets the constraints; nothing to replay against"
            case .budgetTooSmall(let source, let given, let minimum):
                "\(source): a budget of \(CountText.of(given, "run")) cannot probe every axis of this grid; give at least \(minimum)"
            }
        }
    }

    /// The search `seeds` times over `run` (seed 1...seeds).
    public func replay(_ run: RunResults, repetitions: Int? = nil) throws(Problem) -> Result {
        let advisor = Advisor(objective: objective, constraints: constraints)
        let whole = advisor.advise(run)
        guard let best = whole.pick else { throw .noFeasibleCell(run.source) }
        let withinNoise = Set([best.axes] + whole.ties.map(\.axes))
        let byAxes = Dictionary(run.cells.map { ($0.axes, $0) }, uniquingKeysWith: { a, _ in a })
        let medians = advisor.feasibleMedians(run)
        let space = TuneSpace(cells: run.cells.map(\.axes))
        let gridRuns = run.rows.count
        let maxRuns = budget?.runs(ofGrid: gridRuns)
        let search = TuneSearch(space: space, objective: objective, constraints: constraints, maxRuns: maxRuns,
                                confirmRepetitions: repetitions ?? max(1, run.typicalRepetitions), finalists: finalists)
        if let maxRuns, maxRuns < search.minimumRuns {
            throw .budgetTooSmall(run.source, given: maxRuns, minimum: search.minimumRuns)
        }
        var spent: [Int] = []
        var shares: [Double] = []
        var picks: [String: Int] = [:]
        var picksWithinNoise = 0
        var bruteForce: [Double] = []
        func share(_ value: Double?) -> Double {
            value.map { objective.prefersLarger ? $0 / best.objective : best.objective / $0 } ?? 0
        }
        for seed in 1...max(1, seeds) {
            var generator = SeededGenerator(seed: SeededGenerator.derive(UInt64(seed), 0x7475_6E65))
            let outcome = search.run { cell in
                let rows = byAxes[cell]!.rows
                return rows[generator.int(0, rows.count - 1)]
            }
            spent.append(outcome.runsSpent)
            let pick = advisor.advise(RunResults(source: run.source, rows: outcome.rows, meta: nil)).pick?.axes
            shares.append(share(pick.flatMap { medians[$0] }))
            picks[pick?.label ?? "(none)", default: 0] += 1
            if let pick, withinNoise.contains(pick) { picksWithinNoise += 1 }

            var redraw = SeededGenerator(seed: SeededGenerator.derive(UInt64(seed), 0x6272_7574))
            let redrawn = run.cells.flatMap { cell in cell.rows.map { _ in cell.rows[redraw.int(0, cell.rows.count - 1)] } }
            let bruteMedians = advisor.feasibleMedians(RunResults(source: run.source, rows: redrawn, meta: nil))
            let brutePick = bruteMedians.keys.min { a, b in
                let (x, y) = (bruteMedians[a]!, bruteMedians[b]!)
                return x != y ? objective.better(x, than: y) : a < b
            }
            bruteForce.append(share(brutePick.flatMap { medians[$0] }))
        }
        return Result(source: run.source, name: run.experimentName, cells: run.cells.count, gridRuns: gridRuns,
                      best: best.axes, bestValue: best.objective, seeds: max(1, seeds), maxRuns: maxRuns,
                      minimumRuns: search.minimumRuns, runsSpent: spent, shares: shares, picks: picks,
                      picksWithinNoise: picksWithinNoise, bruteForceShares: bruteForce)
    }
}
