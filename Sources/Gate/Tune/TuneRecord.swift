import Results

/// What a live `tune` leaves in its run directory as tune.json (and prints with `--format json`):
/// the search's path and cost, and the advice over the runs it made.
public struct TuneRecord: Sendable, Codable {
    public var objective: AdviceObjective
    public var constraints: [String]
    public var budget: String
    public var gridCells: Int
    public var gridRuns: Int
    public var runsSpent: Int
    public var cellsMeasured: Int
    public var wallSeconds: Double
    public var stop: TuneOutcome.StopReason
    public var steps: [TuneOutcome.Step]
    public var advice: Advice

    public init(outcome: TuneOutcome, objective: AdviceObjective, constraints: [AdviceConstraint], budget: String,
                gridRuns: Int, wallSeconds: Double, advice: Advice) {
        self.objective = objective
        self.constraints = constraints.map(\.description)
        self.budget = budget
        gridCells = outcome.gridCells
        self.gridRuns = gridRuns
        runsSpent = outcome.runsSpent
        cellsMeasured = outcome.cellsMeasured
        self.wallSeconds = wallSeconds
        stop = outcome.stop
        steps = outcome.steps
        self.advice = advice
    }
}
