import Results

/// `sweep --shard K/N [--balance-from DIR]`: the shard a sweep measures and how the grid was dealt.
/// The run directory holds only this shard's cells; its meta.json says which share of which grid it is.
public struct SweepShard: Sendable, Equatable {
    /// How the shard's cells are chosen.
    public enum Dealing: Sendable, Equatable {
        /// Cell i of the grid to shard i mod N.
        case roundRobin
        /// By each cell's expected seconds (ShardAssignment), from the run at `source`.
        case cost([String: Double], source: String)
        /// Exactly these cell ids (a resumed shard: what its meta.json recorded, however it was dealt).
        case recorded([String], balance: String)
    }

    public var shard: Shard
    public var dealing: Dealing

    public init(shard: Shard, dealing: Dealing = .roundRobin) {
        self.shard = shard
        self.dealing = dealing
    }

    /// Balanced on the median `wall_s` of each cell's ok runs in `directory`'s results.csv (round robin when
    /// it has none).
    public static func balanced(_ shard: Shard, from directory: RunDirectory) -> SweepShard {
        let costs = CellCosts.medianWallSeconds(ResultsReader.read(path: directory.results).rows)
        return SweepShard(shard: shard, dealing: costs.isEmpty ? .roundRobin : .cost(costs, source: directory.path))
    }

    /// The shard a resumed directory's meta.json recorded.
    public static func resumed(_ record: ShardRecord) -> SweepShard {
        SweepShard(shard: record.shard, dealing: .recorded(record.cellIDs, balance: record.balance))
    }

    /// This shard's part of `grid`.
    public func grid(of grid: ExperimentGrid) -> ExperimentGrid {
        switch dealing {
        case .roundRobin:
            return grid.restricted(to: ShardAssignment(cells: grid.cells, count: shard.count).cells(of: shard, in: grid.cells))
        case .cost(let costs, _):
            return grid.restricted(to: ShardAssignment(cells: grid.cells, count: shard.count, costs: costs).cells(of: shard, in: grid.cells))
        case .recorded(let ids, _):
            let kept = Set(ids)
            return grid.restricted(to: grid.cells.filter { kept.contains($0.id) })
        }
    }

    /// What meta.json records: the share, the whole grid's size and the cells.
    public func record(of grid: ExperimentGrid) -> ShardRecord {
        let balance: String
        switch dealing {
        case .roundRobin: balance = "round-robin"
        case .cost(_, let source): balance = "cost (median wall_s in \(source))"
        case .recorded(_, let recorded): balance = recorded
        }
        return ShardRecord(shard: shard, gridCells: grid.cells.count, gridRuns: grid.runs.count, balance: balance,
                           cellIDs: self.grid(of: grid).cells.map(\.id))
    }
}
