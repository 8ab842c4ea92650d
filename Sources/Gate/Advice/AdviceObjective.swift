import Results

/// What `advise` maximises or minimises: a results.csv column with a polarity, from the registry.
public enum AdviceObjective: String, Sendable, CaseIterable, Codable {
    case throughput, processing, p99, cpu
    /// Streams carried at the spec's p99 bound (capacity cells), and p99 latency under load (streams, rate).
    case capacity
    case loadP99 = "load-p99"

    public var metric: Metric {
        switch self {
        case .throughput: .throughput
        case .processing: .processingSeconds
        case .p99: .latencyP99Ms
        case .cpu: .userCPUSeconds
        case .capacity: .capacityStreams
        case .loadP99: .loadP99Ms
        }
    }

    /// The objective's value in one row (CPU time is user + system, as the gate counts it).
    public func value(in row: ResultRow) -> Double? {
        switch self {
        case .cpu: CompareMetric.cpuTime.measuredValue(in: row)
        default: row.number(metric).flatMap { $0.isFinite ? $0 : nil }
        }
    }

    /// The column a report's tables rank cells by: processing time for throughput (the same order, in the
    /// figure the tables have always shown), else the objective's own column.
    public var rankingMetric: Metric { self == .throughput ? .processingSeconds : metric }

    public var label: String { self == .cpu ? CompareMetric.cpuTime.label : metric.label }
    public var unit: String { metric.unit.symbol }
    public var prefersLarger: Bool { metric.polarity == .prefersLarger }

    /// `x` beats `y` on this objective (advise's ranking, tune's search and its replay all rank by it).
    public func better(_ x: Double, than y: Double) -> Bool { prefersLarger ? x > y : x < y }
}
