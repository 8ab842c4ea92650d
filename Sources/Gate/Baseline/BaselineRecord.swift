import Foundation

/// baseline.json: why this baseline exists and where it came from (the run's own meta.json,
/// copied beside it, holds the machine and software).
public struct BaselineRecord: Codable, Sendable, Equatable {
    public var schema = "arbench.baseline/1"
    public var name: String
    public var experiment: String
    public var savedAt: String
    /// The run directory it was copied from.
    public var source: String
    public var files: [String]
    public var runs: Int
    public var cells: Int
    public var okRuns: Int
    public var repetitions: Int

    enum CodingKeys: String, CodingKey {
        case schema, name, experiment, source, files, runs, cells, repetitions
        case savedAt = "saved_at"
        case okRuns = "ok_runs"
    }
}
