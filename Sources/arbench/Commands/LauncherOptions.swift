import ArgumentParser
import Foundation
import Results
import Sweep

/// What `arbench slurm` and `arbench k8s` share: the spec, the shard count, the output directory.
struct LauncherOptions: ParsableArguments {
    @Argument(help: "Experiment spec (YAML); copied beside the launcher so every shard runs the same text.")
    var spec: String

    @Option(help: ArgumentHelp("Shards of the grid (at most one per cell): one array task / pod each.", valueName: "N"))
    var shards: Int

    @Option(help: ArgumentHelp("Where the launcher files go (must not exist, or be empty).", valueName: "DIR"))
    var out: String

    @Option(name: .customLong("balance-from"), help: ArgumentHelp("Deal the cells by their median wall_s in this earlier run instead of round robin (passed to every shard's sweep).", valueName: "RUN_DIR"))
    var balanceFrom: String?

    /// The spec loaded (a bad one: its problems and exit 64), its text, and the checks every launcher makes
    /// before writing anything.
    func load() throws -> (spec: ExperimentSpec, text: String) {
        let experiment = try SweepSession.loadSpec(spec)
        try balanceFrom.map { try SweepSession.checkBalanceSource($0) }
        guard let text = try? String(contentsOfFile: spec, encoding: .utf8) else {
            printError("\(spec): cannot be read")
            throw ExitCodes.usage
        }
        let cells = ExperimentGrid(spec: experiment).cells.count
        guard shards >= 1, shards <= cells else {
            printError("--shards \(shards): must be 1 to \(cells) (\(spec) has \(CountText.of(cells, "cell")); a cell is never split)")
            throw ExitCodes.usage
        }
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: out), !entries.isEmpty {
            printError("\(out) already exists and is not empty; write the launcher into a new directory")
            throw ExitCodes.usage
        }
        if let problem = OutputPath.directoryProblem(Self.absolute(out)) {
            printError("--out: \(problem) (only DIR itself is created)")
            throw ExitCodes.usage
        }
        return (experiment, text)
    }

    /// Writes a launcher's files (`write`), then says what was written and what to run next; a failure is
    /// one line and exit 1.
    func write(_ written: String, next: String, _ write: () throws -> Void) throws {
        do {
            try write()
        } catch {
            printError("\(out): \(error)")
            throw ExitCodes.error
        }
        printNote(written)
        printNote("next: \(next)")
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    }
}
