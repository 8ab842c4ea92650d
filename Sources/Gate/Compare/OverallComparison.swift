import Results

/// One metric over all matched cells at once: the geometric mean of the per-cell median ratios
/// (current / baseline). Noise in one cell is diluted by the others (with 12 cells, roughly by 3.5x),
/// so a slowdown that touches the whole engine shows here long before any single cell's figure
/// leaves its noise band. The interval comes from resampling the cells (seeded bootstrap).
public struct OverallComparison: Sendable, Codable {
    public var metric: CompareMetric
    public var cells: Int
    /// Geometric mean of current / baseline medians.
    public var ratio: Double
    public var lower: Double
    public var upper: Double
    public var confidence: Double
    /// Positive = worse, in percent.
    public var worsePercent: Double
    public var thresholdPercent: Double
    public var verdict: Verdict
    public var gated: Bool

    public var isGatedRegression: Bool { gated && verdict == .regression }

    enum CodingKeys: String, CodingKey {
        case metric, cells, ratio, lower, upper, confidence, verdict, gated
        case worsePercent = "worse_pct"
        case thresholdPercent = "threshold_relative_pct"
    }

    /// Fewer cells than this and the mean over cells is not formed (it would be one cell's noise).
    public static let minimumCells = 4

    /// Nil with fewer than `minimumCells` cells that have the metric on both sides.
    public init?(metric: CompareMetric, comparisons: [MetricComparison], thresholds: GateThresholds, gated: Bool) {
        let logs = comparisons.compactMap { item -> Double? in
            guard let base = item.baselineMedian, let cur = item.currentMedian, base > 0, cur > 0 else { return nil }
            return (cur / base).logarithm
        }
        guard logs.count >= Self.minimumCells else { return nil }
        let threshold = thresholds.threshold(metric)
        self.metric = metric
        cells = logs.count
        ratio = Self.mean(logs).exponential
        confidence = thresholds.bootstrapConfidence
        (lower, upper) = Self.interval(logs, confidence: confidence, resamples: thresholds.bootstrapResamples, seed: thresholds.bootstrapSeed)
        worsePercent = metric.polarity.worsePercent(from: 1, to: ratio) ?? 0
        thresholdPercent = threshold.overallRelativePercent
        self.gated = gated && threshold.gated
        // "Up" = the direction the values moved; the interval must lie wholly on that side of 1.
        let worse = worsePercent > thresholdPercent
        let better = -worsePercent > thresholdPercent
        let up = ratio > 1
        let excludesOne = up ? lower > 1 : upper < 1
        // Cells of one repetition a side carry no run-to-run noise: a shift of the whole session would pass for a change.
        let tooFew = comparisons.contains { item in
            (item.baselineMedian ?? 0) > 0 && (item.currentMedian ?? 0) > 0
                && min(item.baselineValues.count, item.currentValues.count) < MetricJudge.minimumRepetitionsForVerdict
        }
        verdict = !(worse || better) ? .unchanged : !excludesOne ? .notSignificant : tooFew ? .inconclusive : worse ? .regression : .improvement
    }

    static func mean(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(values.count)
    }

    /// Percentile bootstrap of the mean log ratio, returned as ratios.
    static func interval(_ logs: [Double], confidence: Double, resamples: Int, seed: UInt64) -> (Double, Double) {
        var generator = SeededGenerator(seed: seed)
        var means: [Double] = []
        means.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var sum = 0.0
            for _ in logs.indices { sum += logs[Int(generator.next() % UInt64(logs.count))] }
            means.append(sum / Double(logs.count))
        }
        means.sort()
        let tail = (1 - confidence) / 2
        return ((Descriptive.quantile(sorted: means, tail) ?? 0).exponential, (Descriptive.quantile(sorted: means, 1 - tail) ?? 0).exponential)
    }
}
