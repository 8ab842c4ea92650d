import Results

/// What the A/B gates: the figures that a slower or hungrier engine moves and that pairing makes
/// steady. CPU time and peak RSS are the same figures `compare` gates (CompareMetric's raw names);
/// processing time is the engine's own timed window, without process start and model load, which
/// a change to the engine does not touch and which only add noise. Wall time is left out: on a
/// shared machine it measures the neighbours as much as the code.
public enum PairedMetric: String, Sendable, CaseIterable, Codable, CodingKeyRepresentable, Comparable {
    case cpuTime = "cpu_time"
    case processingTime = "processing_time"
    case peakRSS = "peak_rss"

    /// The results.csv columns the figure is measured from (summed when more than one); polarity
    /// and unit are theirs, from the registry.
    public var columns: [Metric] {
        switch self {
        case .cpuTime: CompareMetric.cpuTime.columns
        case .processingTime: [.processingSeconds]
        case .peakRSS: CompareMetric.peakRSS.columns
        }
    }

    public var polarity: Polarity { columns[0].polarity }
    public var unit: String { columns[0].unit.symbol }

    public var label: String {
        switch self {
        case .cpuTime: CompareMetric.cpuTime.label
        case .processingTime: "processing time"
        case .peakRSS: CompareMetric.peakRSS.label
        }
    }

    /// The figure in one row; nil when the row lacks it.
    public func value(in row: ResultRow) -> Double? {
        var total = 0.0
        for column in columns {
            guard let value = row.number(column), value.isFinite else { return nil }
            total += value
        }
        return total
    }

    /// current / base oriented so that above 1 is worse (a larger time or memory; a smaller figure
    /// for a metric that prefers larger). Nil when either is not positive.
    public func worseRatio(base: Double, current: Double) -> Double? {
        guard base > 0, current > 0 else { return nil }
        return polarity == .prefersLarger ? base / current : current / base
    }

    public static func < (a: PairedMetric, b: PairedMetric) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
