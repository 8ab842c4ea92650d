import Results

/// One cell of a run with all its repetitions.
public struct CellRuns: Sendable {
    public var axes: CellAxes
    public var cellID: String
    public var rows: [ResultRow]

    public var okRows: [ResultRow] { rows.filter(\.isOK) }
    public var notOKCount: Int { rows.count - okRows.count }

    /// The metric in every ok repetition that has it.
    public func values(_ metric: CompareMetric) -> [Double] {
        okRows.compactMap { metric.measuredValue(in: $0) }
    }

    /// A results.csv column in every ok repetition that has it.
    public func values(_ column: Metric) -> [Double] {
        okRows.compactMap { $0.number(column) }.filter(\.isFinite)
    }

    public func median(_ column: Metric) -> Double? {
        Descriptive.median(values(column))
    }
}
