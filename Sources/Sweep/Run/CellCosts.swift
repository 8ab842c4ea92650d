import Results

/// What each cell of an earlier run cost: the median `wall_s` of its ok runs, by cell id. The
/// `--dry-run` estimate and the cost-balanced shards (`sweep --shard K/N --balance-from DIR`) read it.
public enum CellCosts {
    /// Median wall seconds of each cell's ok runs; cells without an ok run are absent.
    public static func medianWallSeconds(_ rows: [ResultRow]) -> [String: Double] {
        var byCell: [String: [Double]] = [:]
        for row in rows where row.isOK {
            if let wall = row.number(.wallSeconds) { byCell[row[.cellID], default: []].append(wall) }
        }
        return byCell.compactMapValues { Descriptive.median($0) }
    }
}
