import Results

/// The results.csv column an expectation reads, with which direction is better. Any numeric column
/// is allowed; throughput is the one where more is better.
public struct ExpectationMetric: Sendable, Equatable, Codable {
    public var column: String

    public init(column: String) {
        self.column = column
    }

    public var polarity: Polarity {
        Self.largerIsBetter.contains(column) ? .prefersLarger : .prefersSmaller
    }

    static let largerIsBetter: Set<String> = ["throughput_x"]

    /// Columns that hold numbers (others, like cell_id or allocator, make no sense to compare).
    static var numericColumns: [String] {
        let notNumbers: Set<String> = ["cell_id", "engine_mode", "allocator", "malloc_conf", "omp_wait_policy", "status", "signal",
                                       "error", "output_digest", "allocator_reported", "intra_op_effective", "started_at", "allocator_version"]
        return ResultColumns.names.filter { !notNumbers.contains($0) }
    }
}
