import ArgumentParser
import Foundation
import SceneGen
import Sweep
import TextTable
import Training
import Results

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run an experiment grid: one fresh `arbench run` per cell, measured from outside, results to CSV.",
        discussion: """
        Each (cell, repetition) runs as a new child process with its allocator (LD_PRELOAD, MALLOC_CONF, \
        MALLOC_ARENA_MAX) and OpenMP settings (OMP_NUM_THREADS, OMP_WAIT_POLICY) set explicitly. The parent \
        records wall time, wait4 rusage and a /proc timeline of RSS, CPU and threads; the child adds stage \
        timings, latencies, its output digest, the allocator it found active and the LibTorch it mapped (a \
        mismatch of either fails the cell). `libtorch: [system, pypi]` in a spec makes the LibTorch runtime an axis.

        The run directory gets results.csv (one row per run; `arbench metrics` explains each column), timeline.csv, \
        meta.json (machine, versions, spec), REPORT.md and cells/ (each child's metrics and log). results.csv \
        is complete on disk after every run, so a killed sweep continues with --resume.

        Exit codes: 0 all ok; 6 some run not ok or outputs differ; 64 bad spec (nothing ran); 5 model \
        refused; 130 interrupted; 1 other errors.

        Examples:
          arbench sweep Experiments/quick.yaml
          arbench sweep Experiments/post-figures-3-4.yaml --out Results/runs/fig34
          arbench sweep --resume Results/runs/fig34
        """)

    @Argument(help: "Experiment spec (YAML). Optional with --resume, which reuses DIR/spec.yaml.")
    var spec: String?

    @Option(help: "Run directory (default: Results/runs/NAME-YYYYMMDDTHHMMSSZ).")
    var out: String?

    @Option(help: ArgumentHelp("Continue the sweep in DIR: run only the (cell, repetition) pairs missing from its results.csv.", valueName: "DIR"))
    var resume: String?

    @Flag(help: "With --resume: also run again the runs that failed or timed out.")
    var retryFailed = false

    @Flag(help: "Print what each results.csv column means and exit (the same as `arbench metrics`).")
    var columns = false

    func validate() throws {
        if columns { return }
        guard spec != nil || resume != nil else { throw ValidationError("give a spec file, or --resume DIR") }
        if out != nil && resume != nil { throw ValidationError("--out and --resume both name the run directory; give one") }
        if retryFailed && resume == nil { throw ValidationError("--retry-failed only applies with --resume") }
    }

    func run() throws {
        if columns {
            print(MetricCatalog.render(.markdown), terminator: "")
            return
        }
        let specPath = spec ?? "\(resume ?? ".")/spec.yaml"
        let experiment = try loadSpec(specPath)
        let directory = RunDirectory(path: resume ?? out ?? RunDirectory.defaultPath(specName: experiment.name))
        if resume == nil && FileManager.default.fileExists(atPath: directory.results) {
            printError("\(directory.path) already holds a sweep; continue it with --resume \(directory.path)")
            throw ExitCodes.usage
        }

        let inputs: SweepInputs
        do {
            inputs = try Self.inputPreparation.prepare(spec: experiment, directory: directory, log: { printNote($0) })
        } catch .model(let message) {
            printError(message)
            throw ExitCodes.modelRefused
        } catch {
            printError(error.description)
            throw ExitCodes.error
        }

        let executable = Self.ownExecutable()
        let runner = SweepRunner(
            spec: experiment, specText: (try? String(contentsOfFile: specPath, encoding: .utf8)) ?? "",
            specPath: specPath, inputs: inputs, directory: directory,
            launcher: CellLauncher(command: .arbenchRun(executable: executable)),
            options: SweepRunner.Options(resume: resume != nil, retryFailed: retryFailed),
            log: { printNote($0) })
        InterruptHandler.install { signal in
            printNote("\(signal): stopping; the running cell was killed and is not recorded")
        }
        printNote("sweep \(experiment.name) into \(directory.path)")

        let outcome: SweepOutcome
        do {
            outcome = try runner.run()
        } catch is SweepInterrupted {
            printNote("interrupted: finished runs are in \(directory.path)/results.csv; continue with --resume \(directory.path)")
            throw ExitCode(130)
        } catch {
            printError("\(error)")
            throw ExitCodes.error
        }
        printSummary(outcome, directory: directory)
        if !outcome.isClean { throw ExitCodes.sweepIncomplete }
    }

    private func loadSpec(_ path: String) throws -> ExperimentSpec {
        let context = SpecValidationContext(
            isModelPreset: { ModelCatalog.presetReference($0) != nil },
            parseDuration: { try? DurationParser.seconds($0) })
        do {
            return try ExperimentSpecLoader.load(path: path, context: context)
        } catch let error as SpecError {
            error.problems.forEach { printError($0.description) }
            throw ExitCodes.usage
        }
    }

    /// The model catalog and scene generator live in modules the sweep does not depend on.
    static var inputPreparation: InputPreparation {
        InputPreparation(
            resolveModel: { try ModelCatalog.resolve($0, log: { printNote($0) }) },
            generateScene: { seconds, seed, audio, labels in
                _ = try SceneGenerator(config: SceneConfig(durationSeconds: seconds, seed: seed)).write(audioTo: audio, labelsTo: labels)
            })
    }

    /// Cells run this same binary; /proc/self/exe is right whatever the working directory or PATH.
    static func ownExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    private func printSummary(_ outcome: SweepOutcome, directory: RunDirectory) {
        let table = TextTable<CellSummary> { s in
            [Column(title: "cell", value: s.cellID),
             Column(title: "ok", value: "\(s.okRuns)/\(s.runs)", align: .right),
             Column(title: "processing s", value: Self.format(s.processingSeconds, 3), align: .right),
             Column(title: "wall s", value: Self.format(s.wallSeconds, 3), align: .right),
             Column(title: "cores", value: Self.format(s.coresUsed, 2), align: .right),
             Column(title: "CPU %", value: Self.format(s.cpuUtilPercent, 1), align: .right),
             Column(title: "peak RSS MiB", value: Self.format(s.peakRSSMiB, 1), align: .right),
             Column(title: "avg RSS MiB", value: Self.format(s.averageRSSMiB, 1), align: .right),
             Column(title: "x real time", value: Self.format(s.throughput, 1), align: .right)]
        }
        table.print(outcome.summaries, style: Style.psql)
        printNote("\(outcome.rows.count) runs (\(outcome.runsExecuted) this time) in \(directory.path): results.csv, timeline.csv, meta.json, REPORT.md")
        if !outcome.notOK.isEmpty {
            printError("\(outcome.notOK.count) runs not ok (see REPORT.md and cells/*.log): "
                + outcome.notOK.prefix(5).map { "\($0[.cellID]) r\($0[.repetition])" }.joined(separator: ", ")
                + (outcome.notOK.count > 5 ? ", ..." : ""))
        }
        if outcome.digest.isConsistent {
            if let digest = outcome.digest.digest { printNote("every ok run produced the same output (digest \(digest))") }
        } else {
            printError("ok runs produced \(outcome.digest.groups.count) different outputs (see REPORT.md)")
        }
    }

    static func format(_ value: Double?, _ decimals: Int) -> String {
        guard let value else { return "-" }
        return String(format: "%.\(decimals)f", value)
    }

}
