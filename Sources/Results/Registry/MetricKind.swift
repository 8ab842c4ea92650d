/// Where a results.csv column's value comes from.
public enum MetricKind: String, Sendable, CaseIterable {
    /// A setting of the grid: what makes a cell what it is.
    case axis
    /// Measured by the parent (wait4, /proc samples) or reported by the child from its own clocks.
    case measured
    /// Computed from other columns of the row (cores used, throughput, RSS slope).
    case derived
    /// Recorded for provenance or diagnosis, not a quantity to compare: status, versions, digests.
    case record
}
