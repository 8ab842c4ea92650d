/// results.csv or timeline.csv could not be written after a run (disk full, a path turned into a
/// directory, permissions). The sweep stops rather than measure runs it cannot keep; the files
/// on disk still hold every run finished before, whole, so `--resume` continues from there.
public struct ResultsNotSaved: Error, CustomStringConvertible {
    public let directory: String
    public let runsKept: Int
    public let cause: String

    public var description: String {
        "results not saved: \(cause); the \(runsKept) runs finished before are intact in \(directory)/results.csv; "
            + "fix the cause and continue with --resume \(directory)"
    }
}
