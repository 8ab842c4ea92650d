import Results

/// The order of an A/B's runs: for each cell, `repetitions` pairs; each pair runs the two builds
/// back to back, base first (AB) or current first (BA). Each cell gets as many AB as BA pairs (one
/// more AB when the count is odd), the orders shuffled within the cell, and the cells shuffled
/// within each round of pairs, all from one seed: the same seed gives the same plan, which is what
/// lets `--resume` continue it.
public struct PairPlan: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public var cell: Cell
        /// Counted from 1 within the cell; both sides' repetition number is the pair's.
        public var pair: Int
        public var order: PairOrder

        public var record: PairRecord {
            PairRecord(cellID: cell.id, pair: pair, order: order, baseRepetition: pair, currentRepetition: pair)
        }

        /// The run each side makes for this pair (the same repetition number on both sides).
        public var run: CellRun { CellRun(cell: cell, repetition: pair) }
    }

    public let steps: [Step]
    /// Cells in the plan (each has the same number of pairs).
    public let cellCount: Int

    public init(cells: [Cell], pairsPerCell: Int, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let count = max(1, pairsPerCell)
        // Orders per cell first (one balanced shuffle each), then the round order: both from the one generator.
        var orders: [[PairOrder]] = []
        for _ in cells {
            var balanced = (0..<count).map { $0 % 2 == 0 ? PairOrder.baseFirst : .currentFirst }
            generator.shuffle(&balanced)
            orders.append(balanced)
        }
        var steps: [Step] = []
        for pair in 1...count {
            // Pair 1 of every cell, then pair 2, ...: a slow drift over the A/B spreads over all cells.
            var round = Array(cells.indices)
            generator.shuffle(&round)
            steps += round.map { Step(cell: cells[$0], pair: pair, order: orders[$0][pair - 1]) }
        }
        self.steps = steps
        cellCount = cells.count
    }

    /// The steps whose pair is not among `done` (the pairs finished on both sides), in plan order.
    public func pending(excluding done: Set<PairRecord>) -> [Step] {
        steps.filter { !done.contains($0.record) }
    }

    /// The pairs of `recorded` that belong to this plan (same cell, pair number, order and repetitions).
    public func known(_ recorded: [PairRecord]) -> [PairRecord] {
        let planned = Set(steps.map(\.record))
        return recorded.filter(planned.contains)
    }
}
