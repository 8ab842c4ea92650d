/// One line of results.csv, by column name. Rows read back on resume keep their text exactly, so
/// a resumed results.csv holds the earlier rows unchanged.
public struct ResultRow: Sendable, Equatable {
    public private(set) var values: [String: String]

    public init(values: [String: String]) {
        self.values = values
    }

    public subscript(column: String) -> String {
        get { values[column] ?? "" }
        set { values[column] = newValue }
    }

    public subscript(metric: Metric) -> String {
        get { self[metric.column] }
        set { self[metric.column] = newValue }
    }

    public func number(_ column: String) -> Double? {
        Double(self[column])
    }

    public func number(_ metric: Metric) -> Double? {
        number(metric.column)
    }

    public var key: RunKey? {
        // Cell ids are made of letters, digits, '-' and '_' (Cell.id); anything else is damage.
        let id = self[.cellID]
        guard let repetition = Int(self[.repetition]), !id.isEmpty,
              id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
        return RunKey(cellID: self[.cellID], repetition: repetition)
    }

    public var status: CellStatus? { CellStatus(rawValue: self[.status]) }

    public var isOK: Bool { status == .ok }

    /// The row as a CSV line (no line break) in `columns` order.
    public func csvLine(columns: [String] = Metric.columns) -> String {
        CSVText.line(columns.map { self[$0] })
    }
}
