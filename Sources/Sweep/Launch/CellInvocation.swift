import Results

/// What a child needs to run one cell: the cell, its resolved inputs and where to write its report.
public struct CellInvocation: Sendable {
    public var run: CellRun
    public var modelPath: String
    public var audioPaths: [String]
    public var metricsPath: String
    /// The load this child runs: the cell's own, or for a capacity cell the streams being tried.
    public var load: CellLoad
    /// Latencies over this are counted in the child's report (a capacity search's bound).
    public var latencyBoundMs: Double?

    public init(run: CellRun, modelPath: String, audioPaths: [String], metricsPath: String, load: CellLoad? = nil,
                latencyBoundMs: Double? = nil) {
        self.load = load ?? run.cell.load
        self.latencyBoundMs = latencyBoundMs
        self.run = run
        self.modelPath = modelPath
        self.audioPaths = audioPaths
        self.metricsPath = metricsPath
    }
}
