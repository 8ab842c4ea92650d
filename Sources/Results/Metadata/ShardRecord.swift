/// meta.json's `shard`: what share of the grid a sharded sweep (`sweep --shard K/N`) measured, so
/// `merge` can check that its shards cover the grid exactly once. Absent in a sweep of the whole grid.
public struct ShardRecord: Codable, Sendable, Equatable {
    public var index: Int
    public var count: Int
    /// The whole grid's size (the run directory's own `cells` and `runs_in_grid` are this shard's).
    public var gridCells: Int
    public var gridRuns: Int
    /// How the cells were dealt: `round-robin`, or `cost` with the run whose `wall_s` weighed them.
    public var balance: String
    /// The cells this shard measures, in grid order.
    public var cellIDs: [String]

    public init(shard: Shard, gridCells: Int, gridRuns: Int, balance: String, cellIDs: [String]) {
        index = shard.index
        count = shard.count
        self.gridCells = gridCells
        self.gridRuns = gridRuns
        self.balance = balance
        self.cellIDs = cellIDs
    }

    public var shard: Shard { Shard(index: index, count: count) }

    enum CodingKeys: String, CodingKey {
        case index, count, balance
        case gridCells = "grid_cells"
        case gridRuns = "grid_runs"
        case cellIDs = "cell_ids"
    }
}
