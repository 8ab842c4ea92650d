import Results

/// What `arbench compare` gates on, each with its polarity and unit. The raw value is the metric's
/// name in thresholds files and in compare's output.
public enum CompareMetric: String, Sendable, CaseIterable, Codable, CodingKeyRepresentable, Comparable {
    case wallTime = "wall_time"
    case cpuTime = "cpu_time"
    case peakRSS = "peak_rss"
    case averageRSS = "average_rss"
    case throughput = "throughput"
    case p99Latency = "p99_latency"
    // The speed metrics again, relative to the run's reference cell (engine 1 x intra-op 1 by default).
    case wallTimeNormalised = "wall_time_normalised"
    case cpuTimeNormalised = "cpu_time_normalised"
    case throughputNormalised = "throughput_normalised"
    case p99LatencyNormalised = "p99_latency_normalised"

    /// The results.csv columns the metric is measured from (summed when more than one): its polarity
    /// and unit are theirs, from the registry.
    public var columns: [Metric] {
        switch measured {
        case .wallTime: [.wallSeconds]
        case .cpuTime: [.userCPUSeconds, .systemCPUSeconds]
        case .peakRSS: [.rssPeakMiB]
        case .averageRSS: [.rssAverageMiB]
        case .throughput: [.throughput]
        default: [.latencyP99Ms]
        }
    }

    public var polarity: Polarity { columns[0].polarity }

    public var basis: MetricBasis {
        switch self {
        case .wallTimeNormalised, .cpuTimeNormalised, .throughputNormalised, .p99LatencyNormalised: .normalised
        default: .absolute
        }
    }

    /// The absolute metric a normalised one divides (itself for absolute metrics).
    public var measured: CompareMetric {
        switch self {
        case .wallTimeNormalised: .wallTime
        case .cpuTimeNormalised: .cpuTime
        case .throughputNormalised: .throughput
        case .p99LatencyNormalised: .p99Latency
        default: self
        }
    }

    /// The normalised twin of a speed metric; nil for memory, which does not scale with CPU speed.
    public var normalised: CompareMetric? {
        switch self {
        case .wallTime: .wallTimeNormalised
        case .cpuTime: .cpuTimeNormalised
        case .throughput: .throughputNormalised
        case .p99Latency: .p99LatencyNormalised
        default: nil
        }
    }

    /// Depends on how fast the CPU is: across machines only its normalised twin is gated.
    public var dependsOnCPUSpeed: Bool { measured.normalised != nil }

    public var unit: String { basis == .normalised ? "x reference" : columns[0].unit.symbol }

    public var label: String {
        switch self {
        case .wallTime: "wall time"
        case .cpuTime: "CPU time (user+sys)"
        case .peakRSS: "peak RSS"
        case .averageRSS: "average RSS"
        case .throughput: "throughput"
        case .p99Latency: "p99 segment latency"
        case .wallTimeNormalised: "wall time / reference"
        case .cpuTimeNormalised: "CPU time / reference"
        case .throughputNormalised: "throughput / reference"
        case .p99LatencyNormalised: "p99 latency / reference"
        }
    }

    /// The figure as measured in one results.csv row; nil when the row lacks it.
    public func measuredValue(in row: ResultRow) -> Double? {
        var total = 0.0
        for column in columns {
            guard let value = row.number(column), value.isFinite else { return nil }
            total += value
        }
        return total
    }

    /// Positive when `current` is worse than `baseline`, in percent of the baseline: +25 means 25%
    /// slower (or 25% less throughput, or 25% more memory).
    public func worsePercent(baseline: Double, current: Double) -> Double? {
        polarity.worsePercent(from: baseline, to: current)
    }

    /// Positive when `current` is worse, in the metric's unit.
    public func worseAbsolute(baseline: Double, current: Double) -> Double {
        polarity == .prefersSmaller ? current - baseline : baseline - current
    }

    public static func < (a: CompareMetric, b: CompareMetric) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
