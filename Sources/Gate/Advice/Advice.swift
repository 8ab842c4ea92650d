import Results

/// `advise`'s answer over one run: the pick, the cells within noise of it, the Pareto front, what
/// each constraint excluded, and how sure the pick is.
public struct Advice: Sendable, Codable {
    public struct Candidate: Sendable, Codable, Equatable {
        public var cellID: String
        public var axes: CellAxes
        public var okRuns: Int
        /// The objective's median over the ok repetitions.
        public var objective: Double
        /// Throughput, peak RSS and p99 latency medians (the front's axes), when measured.
        public var throughput: Double?
        public var peakRSS: Double?
        public var p99: Double?
        /// Against the pick: how much worse (share, 0 for the pick), the Mann-Whitney p over the
        /// repetitions when their count can reach alpha, and whether the cell is worse beyond noise.
        public var worseBy: Double
        public var pValue: Double?
        public var worse: Bool
        /// How `worse` was decided: "p=0.008", or with too few repetitions for the test, as the gate
        /// does, "ranges apart" / "ranges overlap" (every repetition beyond every one of the pick's).
        public var evidence: String

        /// Not worse only for lack of runs: one a side, or ranges apart but as often at random as not.
        public var unseparated: Bool { !worse && (evidence.hasPrefix("too few runs") || evidence.hasPrefix("apart")) }
    }

    public struct Exclusion: Sendable, Codable, Equatable {
        public var cellID: String
        public var axes: CellAxes
        public var constraint: String
        /// Nil when the cell did not measure the constraint's column.
        public var median: Double?
        /// How far it misses, as a share of the limit; nil when not measured.
        public var miss: Double?
    }

    public enum Confidence: String, Sendable, Codable {
        /// The runner-up is significantly worse.
        case clear
        /// One or more cells are not significantly worse: a tie within noise.
        case tie
        /// Too few repetitions to tell anything (a single ok run a cell).
        case untested
        case onlyOne = "only-one"
    }

    public var source: String
    public var objective: AdviceObjective
    public var constraints: [String]
    public var cellsTotal: Int
    public var cellsWithOKRuns: Int
    public var pick: Candidate?
    /// How to deploy the pick.
    public var deployment: DeploymentSnippet?
    /// Feasible cells not significantly worse than the pick (p >= alpha), best first.
    public var ties: [Candidate]
    /// The next feasible cells after the ties, best first (at most a few).
    public var runnersUp: [Candidate]
    public var confidence: Confidence
    public var alpha: Double
    /// Feasible cells on the throughput x peak RSS x p99 front.
    public var pareto: [Candidate]
    public var excluded: [Exclusion]
    /// When nothing is feasible: the cells closest to it, by their largest miss.
    public var closest: [Exclusion]
    public var notes: [String]
}
