import Results

/// What `arbench compare` gates on, each with its polarity and unit. The raw value is the metric's
/// name in thresholds files and in compare's output.
public enum GateMetric: String, Sendable, CaseIterable, Codable, CodingKeyRepresentable, Comparable {
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

    public var polarity: Polarity {
        switch self {
        case .throughput, .throughputNormalised: .prefersLarger
        default: .prefersSmaller
        }
    }

    public var basis: MetricBasis {
        switch self {
        case .wallTimeNormalised, .cpuTimeNormalised, .throughputNormalised, .p99LatencyNormalised: .normalised
        default: .absolute
        }
    }

    /// The absolute metric a normalised one divides (itself for absolute metrics).
    public var measured: GateMetric {
        switch self {
        case .wallTimeNormalised: .wallTime
        case .cpuTimeNormalised: .cpuTime
        case .throughputNormalised: .throughput
        case .p99LatencyNormalised: .p99Latency
        default: self
        }
    }

    /// The normalised twin of a speed metric; nil for memory, which does not scale with CPU speed.
    public var normalised: GateMetric? {
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

    public var unit: String {
        switch self {
        case .wallTime, .cpuTime: "s"
        case .peakRSS, .averageRSS: "MiB"
        case .throughput: "x real time"
        case .p99Latency: "ms"
        default: "x reference"
        }
    }

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
        let value: Double?
        switch measured {
        case .wallTime: value = row.number("wall_s")
        case .cpuTime:
            guard let user = row.number("user_cpu_s"), let system = row.number("system_cpu_s") else { return nil }
            value = user + system
        case .peakRSS: value = row.number("rss_peak_mb")
        case .averageRSS: value = row.number("rss_avg_mb")
        case .throughput: value = row.number("throughput_x")
        case .p99Latency: value = row.number("latency_p99_ms")
        default: value = nil
        }
        guard let value, value.isFinite else { return nil }
        return value
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

    public static func < (a: GateMetric, b: GateMetric) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
