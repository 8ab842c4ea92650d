/// One repetition of one cell: the unit that runs as a child process and becomes one CSV row.
public struct CellRun: Sendable, Hashable {
    public var cell: Cell
    /// Counted from 1.
    public var repetition: Int

    public init(cell: Cell, repetition: Int) {
        self.cell = cell
        self.repetition = repetition
    }

    public var key: RunKey { RunKey(cellID: cell.id, repetition: repetition) }

    /// The stem of this run's files in the run directory's `cells/` folder.
    public var fileStem: String { key.fileStem }
}

/// What identifies a row in results.csv: resume runs only the keys not there yet.
public struct RunKey: Sendable, Hashable, CustomStringConvertible {
    public var cellID: String
    public var repetition: Int

    public init(cellID: String, repetition: Int) {
        self.cellID = cellID
        self.repetition = repetition
    }

    public var description: String { "\(cellID) r\(repetition)" }

    /// The stem of the run's files in the run directory's `cells/` folder.
    public var fileStem: String { "\(cellID)-r\(repetition)" }
}
