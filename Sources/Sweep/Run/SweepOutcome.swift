import Results

/// What a finished sweep hands back to the command: the full results (earlier sessions included)
/// and the two checks that decide the exit code.
public struct SweepOutcome: Sendable {
    public var rows: [ResultRow]
    public var runsExecuted: Int
    public var digest: DigestCheck

    public var summaries: [CellSummary] { CellSummary.of(rows) }
    public var notOK: [ResultRow] { rows.filter { !$0.isOK } }

    /// Every run ok and every output identical: the only outcome that exits 0.
    public var isClean: Bool { notOK.isEmpty && digest.isConsistent }
}
