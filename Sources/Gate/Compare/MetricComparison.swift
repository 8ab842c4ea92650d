import Results
/// One metric of one cell, baseline against current, and what the gate concluded.
public struct MetricComparison: Sendable, Codable {
    public var cell: CellAxes
    public var cellID: String
    public var metric: CompareMetric
    public var baselineValues: [Double]
    public var currentValues: [Double]
    public var baselineMedian: Double?
    public var currentMedian: Double?
    /// Positive = worse (slower, more memory, less throughput), in percent of the baseline median.
    public var worsePercent: Double?
    /// Positive = worse, in the metric's unit.
    public var worseAbsolute: Double?
    /// Fewer than min_repetitions ok values on a side: no test, wider threshold.
    public var fewRepetitions: Bool
    public var relativeThresholdPercent: Double
    public var absoluteThreshold: Double
    public var support: Support?
    public var verdict: Verdict
    /// False when this mode or the thresholds file only shows the metric.
    public var gated: Bool

    public var isGatedRegression: Bool { gated && verdict == .regression }

    enum CodingKeys: String, CodingKey {
        case cell, metric, verdict, gated, support
        case cellID = "cell_id"
        case baselineValues = "baseline_values"
        case currentValues = "current_values"
        case baselineMedian = "baseline_median"
        case currentMedian = "current_median"
        case worsePercent = "worse_pct"
        case worseAbsolute = "worse_absolute"
        case fewRepetitions = "few_repetitions"
        case relativeThresholdPercent = "threshold_relative_pct"
        case absoluteThreshold = "threshold_absolute"
    }
}
