import Results

/// What a `tune` search did: every run in the order it ran, each line search it made, and why it stopped.
public struct TuneOutcome: Sendable {
    public enum StopReason: String, Sendable, Codable {
        /// A pass moved nothing and the finalists have their repetitions.
        case converged
        /// `--budget` runs spent.
        case budget
        /// `--time` passed.
        case deadline
    }

    /// One line search: along `axis` from `from`, the best on the line was `to`.
    public struct Step: Sendable, Codable, Equatable {
        /// Which walk (see `TuneSpace.walks`) and which pass over its axes.
        public var walk: Int
        public var pass: Int
        public var axis: String
        public var from: CellAxes
        public var to: CellAxes
        /// Cells on the line with a measurement.
        public var measured: Int
        /// Runs spent when the line was done.
        public var runsSoFar: Int
    }

    public var rows: [ResultRow]
    public var steps: [Step]
    public var stop: StopReason
    /// The best measured cell by the search's ranking (advise over `rows` gives the same pick).
    public var best: CellAxes?
    public var gridCells: Int

    public var runsSpent: Int { rows.count }
    public var cellsMeasured: Int { Set(rows.compactMap { CellAxes(row: $0) }).count }
}
