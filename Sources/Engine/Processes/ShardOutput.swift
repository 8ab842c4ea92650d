import Pipeline
import Results

/// What one worker of the multi-process engine hands back to its coordinator: its raw engine output
/// (per-segment scores and timings; tagging happens once, after merging, so merged tags match the
/// threaded engine's) and the model it ran.
public struct ShardOutput: Codable, Sendable {
    public var model: RunReport.ModelSummary
    public var modelLoadSeconds: Double
    public var output: EngineRun.Output

    public init(model: RunReport.ModelSummary, modelLoadSeconds: Double, output: EngineRun.Output) {
        self.model = model
        self.modelLoadSeconds = modelLoadSeconds
        self.output = output
    }
}
