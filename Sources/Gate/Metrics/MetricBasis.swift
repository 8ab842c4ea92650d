/// Whether a metric is the figure as measured or relative to the same run's reference cell.
public enum MetricBasis: String, Sendable, Codable {
    /// As measured: only comparable between runs on the same machine.
    case absolute
    /// Divided by the reference cell's median in the same run: a machine 20% faster across the board
    /// gives the same ratios, so baselines travel between machines of one kind.
    case normalised
}
