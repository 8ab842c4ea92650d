import ArgumentParser
import Engine
import Results
import Foundation
import Pipeline
import Sweep

@main
struct ARBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arbench",
        abstract: "How thread pools and allocators shape a LibTorch audio-recognition engine's speed and memory.",
        discussion: """
        The AR pipeline: validation (libsndfile) -> features (log-mel, FFTW) -> inference (LibTorch) -> \
        post-processing (time-ordered tags), run by N engine threads sharing one model.

        Exit codes (all commands):
          0   success
          1   error (cannot write output: --metrics and --tags are checked before any work; internal failure;
              merge: a shard or cell missing, doubled or damaged)
          2   regression found (compare, check, ab); no cell meets the constraints (advise, tune)
          3   runs not comparable, or outputs changed (compare, ab); shards not of one experiment (merge)
          4   some inputs refused (run, evaluate: other files were still processed)
          5   model or LibTorch runtime refused (missing, not TorchScript, shapes do not fit;
              --libtorch not a LibTorch or not set up)
          6   sweep or tune finished with failed cells or differing output digests
          64  usage error (bad option or experiment spec; sweep --resume of something that is not
              a sweep run directory, or with a spec that does not fit it)

        `arbench --version` prints the source commit this binary was built from and the default LibTorch runtime.
        """,
        subcommands: [
            GenerateCommand.self, ModelCommand.self, RunCommand.self, EvaluateCommand.self, InfoCommand.self,
            PlotCommand.self, SweepCommand.self, CompareCommand.self, CheckCommand.self, BaselineCommand.self, ABCommand.self,
            ABPowerCommand.self, AdviseCommand.self, TuneCommand.self, CapacityCommand.self, MetricsCommand.self, AxesCommand.self, MergeCommand.self,
            SlurmCommand.self, K8sCommand.self,
        ])

    /// Measured as early as possible: the cost of loading LibTorch before main().
    nonisolated(unsafe) static var processStartSeconds: Double = 0

    /// Argument parsing's own errors in the same style as every other (`arbench: error: ...`).
    static var _errorPrefix: String { "arbench: error: " }

    static func main() {
        processStartSeconds = ProcessClock.secondsSinceExec() ?? 0
        if Array(CommandLine.arguments.dropFirst()) == ["--version"] {
            print(versionText)
            return
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

extension ARBench {
    /// What `arbench --version` prints: the source commit (read with git from the checkout the binary sits
    /// in) and the LibTorch runtime a run would use. Only computed when asked: no git on other commands.
    static var versionText: String {
        let executable = OwnExecutable.path
        let source = SourceCommit.of(executable: executable).map {
            "commit \($0.commit)\($0.dirty ? " (with uncommitted changes)" : "") in \($0.checkout)"
        } ?? "commit unknown (\(executable) is not inside a git checkout)"
        let runtime = LoadedLibTorch.defaultRuntime
        let located = (try? runtime.locate()).map { "LibTorch at \($0.manifest.libtorchDir)" } ?? "not set up: run `make libtorch`"
        return "arbench \(source)\nLibTorch runtime: \(runtime.name) (default; $ARBENCH_LIBTORCH or --libtorch choose another), \(located)"
    }
}
