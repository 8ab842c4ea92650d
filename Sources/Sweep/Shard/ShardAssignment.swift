import Results

/// Which shard of N measures each cell of a grid. A cell is the unit: all its repetitions go to one
/// shard, so every figure of a cell comes from one machine. Deterministic: every shard of an array
/// computes the same assignment from the same spec (and cost table), with no coordination.
///
/// Without costs the cells are dealt round robin in grid order (cell i to shard i mod N), which
/// balances a grid whose cells cost about the same. With costs (seconds per cell from an earlier run)
/// the longest cell goes first to the least loaded shard (ties: the lower shard, then grid order), so
/// the slowest shard, which decides when the array finishes, carries as little as the costs allow.
public struct ShardAssignment: Sendable, Equatable {
    /// The shard index of each cell, in grid order.
    public let owners: [Int]
    public let count: Int
    /// Expected seconds of each shard (the sum of its cells' costs); nil without costs.
    public let expectedSeconds: [Double]?

    /// `costs` maps a cell id to its expected seconds for all its repetitions; a cell without one
    /// counts as the median of the known costs.
    public init(cells: [Cell], count: Int, costs: [String: Double]? = nil) {
        precondition(count >= 1, "a shard count is at least 1")
        self.count = count
        guard let costs, !costs.isEmpty else {
            owners = cells.indices.map { $0 % count }
            expectedSeconds = nil
            return
        }
        let fallback = Descriptive.median(Array(costs.values)) ?? 0
        let cost = cells.map { max(0, costs[$0.id] ?? fallback) }
        var owners = [Int](repeating: 0, count: cells.count)
        var load = [Double](repeating: 0, count: count)
        // Longest first; equal costs keep grid order (a stable sort by index breaks the tie).
        let order = cells.indices.sorted { cost[$0] != cost[$1] ? cost[$0] > cost[$1] : $0 < $1 }
        for index in order {
            let target = load.indices.min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 } ?? 0
            owners[index] = target
            load[target] += cost[index]
        }
        self.owners = owners
        expectedSeconds = load
    }

    /// The cells `shard` measures, in grid order.
    public func cells(of shard: Shard, in cells: [Cell]) -> [Cell] {
        precondition(shard.count == count && cells.count == owners.count, "an assignment answers only for its own grid and count")
        return zip(cells, owners).filter { $0.1 == shard.index }.map(\.0)
    }
}
