import Results

/// What each cell of an earlier run cost: the median `wall_s` of its ok runs (`capacity_search_s` for a
/// capacity cell), by cell id. The `--dry-run` estimate and the cost-balanced shards (`sweep --shard K/N
/// --balance-from DIR`) read it.
public enum CellCosts {
    /// Median seconds of each cell's ok runs; cells without an ok run are absent.
    public static func medianWallSeconds(_ rows: [ResultRow]) -> [String: Double] {
        var byCell: [String: [Double]] = [:]
        for row in rows where row.isOK {
            if let wall = seconds(row) { byCell[row[.cellID], default: []].append(wall) }
        }
        return byCell.compactMapValues { Descriptive.median($0) }
    }

    /// What one run of a row's cell costs: its wall time, or for a capacity cell the whole search's
    /// (the row's wall_s is only the load at capacity, one of 7-11 runs).
    public static func seconds(_ row: ResultRow) -> Double? {
        row.number(.capacitySearchSeconds) ?? row.number(.wallSeconds)
    }
}
