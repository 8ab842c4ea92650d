import ArgumentParser
import Engine

@main
struct ARBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arbench",
        abstract: "How thread pools and allocators shape a LibTorch audio-recognition engine's speed and memory.",
        discussion: """
        The AR pipeline: validation (libsndfile) -> features (log-mel, FFTW) -> inference (LibTorch) ->
        post-processing (time-ordered tags), run by N engine threads sharing one model.

        Exit codes (all commands):
          0   success
          1   error (cannot write output, internal failure)
          2   regression found (compare, check)
          3   runs not comparable (compare)
          4   some inputs refused (run, evaluate: other files were still processed)
          5   model or LibTorch runtime refused (missing, not TorchScript, shapes do not fit;
              --libtorch not a LibTorch or not set up)
          6   sweep finished with failed cells or differing output digests
          64  usage error (bad option or experiment spec)
        """,
        subcommands: [
            GenerateCommand.self, ModelCommand.self, RunCommand.self, EvaluateCommand.self, InfoCommand.self,
            PlotCommand.self, SweepCommand.self, CompareCommand.self, CheckCommand.self, BaselineCommand.self,
            MetricsCommand.self,
        ])

    /// Measured as early as possible: the cost of loading LibTorch before main().
    nonisolated(unsafe) static var processStartSeconds: Double = 0

    static func main() {
        processStartSeconds = ProcessClock.secondsSinceExec() ?? 0
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
