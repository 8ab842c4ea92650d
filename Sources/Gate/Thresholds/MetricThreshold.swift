/// How far a metric may move before `compare` calls it a change. Both limits must be passed: the
/// relative one says "this is more than noise", the absolute floor keeps a tiny figure (a 40 ms
/// wall time, a 3 MiB RSS) from failing CI on a change nobody would notice.
public struct MetricThreshold: Sendable, Equatable, Codable {
    /// Worse by more than this percentage of the baseline median, with >= min_repetitions per side.
    public var relativePercent: Double
    /// The same, with fewer repetitions: medians of two or three runs move more, so the bar is higher.
    public var fewRepetitionsRelativePercent: Double
    /// Worse by more than this, in the metric's unit (s, MiB, x real time, ms, x reference).
    public var absolute: Double
    /// The geometric mean over all cells of current / baseline worse by more than this percentage
    /// (with its bootstrap interval over cells excluding 1). Averaging cells cancels much of their
    /// noise, so this bar is lower than the per-cell one.
    public var overallRelativePercent: Double
    /// False: shown, never a regression.
    public var gated: Bool

    public init(relativePercent: Double, fewRepetitionsRelativePercent: Double, absolute: Double, overallRelativePercent: Double,
                gated: Bool = true) {
        self.relativePercent = relativePercent
        self.fewRepetitionsRelativePercent = fewRepetitionsRelativePercent
        self.absolute = absolute
        self.overallRelativePercent = overallRelativePercent
        self.gated = gated
    }

    public func relativePercent(fewRepetitions: Bool) -> Double {
        fewRepetitions ? fewRepetitionsRelativePercent : relativePercent
    }

    enum CodingKeys: String, CodingKey {
        case relativePercent = "relative_pct"
        case fewRepetitionsRelativePercent = "few_reps_relative_pct"
        case absolute, gated
        case overallRelativePercent = "overall_relative_pct"
    }
}
