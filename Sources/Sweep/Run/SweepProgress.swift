import Foundation
import Results

/// The progress lines on stderr: one when a run starts (done/total, the cell, ETA) and one when it
/// ends (status and headline numbers). Whole lines rather than a redrawn line, so CI logs read well.
public struct SweepProgress {
    public let total: Int
    private let alreadyDone: Int
    private var finishedHere = 0
    private var secondsHere = 0.0
    private let log: (String) -> Void

    /// `alreadyDone` counts rows carried over by --resume.
    public init(total: Int, alreadyDone: Int, log: @escaping (String) -> Void) {
        self.total = total
        self.alreadyDone = alreadyDone
        self.log = log
    }

    public func begin(_ run: CellRun, remaining: Int) {
        log("[\(alreadyDone + finishedHere + 1)/\(total)] \(run.cell.id) r\(run.repetition)\(eta(remaining: remaining))")
    }

    public mutating func end(_ row: ResultRow, wallSeconds: Double) {
        finishedHere += 1
        secondsHere += wallSeconds
        if row.isOK {
            log("    ok: wall \(row[.wallSeconds]) s, processing \(row[.processingSeconds]) s, \(row[.coresUsed]) cores, "
                + "peak RSS \(row[.rssPeakMiB]) MiB, allocator \(row[.allocatorReported])")
        } else {
            log("    \(row[.status]): \(row[.error])")
        }
    }

    /// Mean run time so far in this session times the runs left, this one included.
    private func eta(remaining: Int) -> String {
        guard finishedHere > 0 else { return "" }
        return ", ETA \(DurationText.text(secondsHere / Double(finishedHere) * Double(remaining)))"
    }
}
