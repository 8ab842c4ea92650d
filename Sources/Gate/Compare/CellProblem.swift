import Results
/// Something about a whole cell rather than one metric: runs that no longer finish, or a grid that changed.
public struct CellProblem: Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// Fewer ok runs than the baseline had: a crash, a timeout or a wrong allocator is a regression.
        case runsNotOK = "runs-not-ok"
        /// In the baseline, not in the current run (the grid shrank): not compared.
        case missingFromCurrent = "missing-from-current"
        /// In the current run only (the grid grew): nothing to compare with.
        case newInCurrent = "new-in-current"
    }

    public var cell: CellAxes
    public var cellID: String
    public var kind: Kind
    public var message: String

    public var isRegression: Bool { kind == .runsNotOK }

    enum CodingKeys: String, CodingKey {
        case cell, kind, message
        case cellID = "cell_id"
    }
}
