import Results
/// Decides one metric of one cell. A regression needs all three: worse than the relative threshold,
/// worse than the absolute floor, and support from the repetitions (a test with enough of them, or
/// non-overlapping ranges with few). Improvements are judged the same way in the other direction.
public struct MetricJudge: Sendable {
    public var thresholds: GateThresholds

    /// Below this many ok repetitions on either side no verdict is given (one value a side always has
    /// "ranges apart"): a change beyond the thresholds is `inconclusive`, never a regression.
    public static let minimumRepetitionsForVerdict = 2

    public init(thresholds: GateThresholds) {
        self.thresholds = thresholds
    }

    public func judge(metric: CompareMetric, cell: CellAxes, cellID: String, baseline: [Double], current: [Double],
                      gated: Bool) -> MetricComparison {
        let threshold = thresholds.threshold(metric)
        let few = min(baseline.count, current.count) < thresholds.minimumRepetitions
        var result = MetricComparison(
            cell: cell, cellID: cellID, metric: metric, baselineValues: baseline, currentValues: current,
            baselineMedian: Descriptive.median(baseline), currentMedian: Descriptive.median(current),
            fewRepetitions: few, relativeThresholdPercent: threshold.relativePercent(fewRepetitions: few),
            absoluteThreshold: threshold.absolute, verdict: .noData, gated: gated && threshold.gated)
        guard let base = result.baselineMedian, let cur = result.currentMedian,
              let worsePercent = metric.worsePercent(baseline: base, current: cur) else { return result }
        let worseAbsolute = metric.worseAbsolute(baseline: base, current: cur)
        result.worsePercent = worsePercent
        result.worseAbsolute = worseAbsolute

        let beyondWorse = worsePercent > result.relativeThresholdPercent && worseAbsolute > threshold.absolute
        let beyondBetter = -worsePercent > result.relativeThresholdPercent && -worseAbsolute > threshold.absolute
        guard beyondWorse || beyondBetter else {
            result.verdict = .unchanged
            return result
        }
        if min(baseline.count, current.count) < Self.minimumRepetitionsForVerdict {
            result.support = .tooFewRepetitions(needed: Self.minimumRepetitionsForVerdict)
            result.verdict = .inconclusive
            return result
        }
        let (support, supported) = evidence(metric: metric, baseline: baseline, current: current, few: few, worse: beyondWorse)
        result.support = support
        result.verdict = supported ? (beyondWorse ? .regression : .improvement) : .notSignificant
        return result
    }

    /// The support for a change in the direction found (`worse` or better), and whether it suffices.
    func evidence(metric: CompareMetric, baseline: [Double], current: [Double], few: Bool, worse: Bool) -> (Support, Bool) {
        // "Up" is the direction in which the values moved: larger for more time, smaller for less throughput.
        let up = (metric.polarity == .prefersSmaller) == worse
        if few {
            let separated = up ? current.min()! > baseline.max()! : current.max()! < baseline.min()!
            return (.medians(separated: separated), separated)
        }
        switch thresholds.test {
        case .mannWhitney:
            guard let test = MannWhitneyU(current, baseline) else { return (.medians(separated: false), false) }
            return (.mannWhitney(pValue: test.pValue, method: test.method), test.pValue < thresholds.alpha)
        case .bootstrap:
            guard let interval = BootstrapMedianRatio(baseline: baseline, current: current, confidence: thresholds.bootstrapConfidence,
                                                      resamples: thresholds.bootstrapResamples, seed: thresholds.bootstrapSeed) else {
                return (.medians(separated: false), false)
            }
            let excludesOne = up ? interval.lower > 1 : interval.upper < 1
            return (.bootstrap(lower: interval.lower, upper: interval.upper, confidence: interval.confidence), excludesOne)
        }
    }
}
