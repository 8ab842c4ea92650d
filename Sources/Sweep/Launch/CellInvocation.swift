import Results

/// What a child needs to run one cell: the cell, its resolved inputs and where to write its report.
public struct CellInvocation: Sendable {
    public var run: CellRun
    public var modelPath: String
    public var audioPaths: [String]
    public var metricsPath: String

    public init(run: CellRun, modelPath: String, audioPaths: [String], metricsPath: String) {
        self.run = run
        self.modelPath = modelPath
        self.audioPaths = audioPaths
        self.metricsPath = metricsPath
    }
}
