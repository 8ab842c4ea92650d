import ArgumentParser
import Foundation
import Gate
import Results
import TextTable

struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Keep sweep runs as baselines for `arbench compare`.",
        discussion: """
        Examples:
          arbench baseline save Results/runs/quick-20250101T120000Z
          arbench baseline list
          arbench compare Results/baselines/quick Results/runs/quick-20250102T090000Z
        """,
        subcommands: [Save.self, List.self, Commit.self])

    struct Save: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a sweep run (results.csv, meta.json, REPORT.md, spec.yaml) to Results/baselines/NAME/.",
            discussion: """
            NAME defaults to the run's experiment name (so `Results/baselines/quick` for Experiments/quick.yaml). \
            An existing baseline of that name is replaced whole. baseline.json records when and from where. \
            A run with failed cells or differing output digests is refused unless --force.

            Exit codes: 0 saved; 1 error (unreadable run, no meta.json, not a clean run).

            Examples:
              arbench baseline save Results/runs/quick-20250101T120000Z
              arbench baseline save Results/runs/gate-20250101T120000Z --name gate --force
            """)

        @Argument(help: "The sweep run directory to keep.")
        var runDirectory: String

        @Option(help: "Baseline name (default: the experiment's name).")
        var name: String?

        @Option(help: "Where baselines live.")
        var root = "Results/baselines"

        @Flag(help: "Save even a run with failed cells or differing output digests.")
        var force = false

        func run() throws {
            do {
                let (path, record) = try BaselineStore(root: root).save(runDirectory: runDirectory, name: name, force: force)
                printNote("saved \(CountText.of(record.runs, "run")) of \(CountText.of(record.cells, "cell")) (\(CountText.of(record.repetitions, "repetition"))) from \(record.source) as \(path): \(record.files.joined(separator: ", ")), baseline.json")
                if record.repetitions < MetricJudge.minimumRepetitionsForVerdict {
                    printNote("warning: \(CountText.of(record.repetitions, "repetition")) per cell: compare against this baseline is inconclusive (needs >= \(MetricJudge.minimumRepetitionsForVerdict) repetitions a side); sweep with `repetitions: \(MetricJudge.minimumRepetitionsForVerdict)` or more and save that")
                }
            } catch let error as BaselineStore.SaveError {
                printError(error.description)
                throw ExitCodes.error
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the saved baselines.",
            discussion: "Examples:\n  arbench baseline list\n  arbench baseline list --root /shared/baselines")

        @Option(help: "Where baselines live.")
        var root = "Results/baselines"

        func run() throws {
            let records = BaselineStore(root: root).list()
            guard !records.isEmpty else {
                printNote("no baselines under \(root)")
                return
            }
            let table = TextTable<BaselineRecord> { r in
                [Column(title: "name", value: r.name), Column(title: "experiment", value: r.experiment),
                 Column(title: "saved", value: r.savedAt), Column(title: "runs ok", value: "\(r.okRuns)/\(r.runs)", align: .right),
                 Column(title: "cells", value: r.cells, align: .right), Column(title: "source", value: r.source)]
            }
            table.print(records, style: Style.psql)
        }
    }

    struct Commit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the git commit a baseline was measured with: the BASE of `make gate` in CI.",
            discussion: """
            Reads NAME's meta.json (software.git_commit). A baseline measured from a tree with uncommitted \
            changes has no commit that is its code: refused, exit 1, as is a baseline without a recorded commit.

            Examples:
              arbench baseline commit quick
              make gate BASE=$(.build/release/arbench baseline commit quick)
            """)

        @Argument(help: "Baseline name (a folder under --root).")
        var name: String

        @Option(help: "Where baselines live.")
        var root = "Results/baselines"

        func run() throws {
            let path = ((root as NSString).appendingPathComponent(name) as NSString).appendingPathComponent("meta.json")
            let metadata: RunMetadata?
            do {
                metadata = try RunMetadata.read(path: path)
            } catch {
                printError(error.description)
                throw ExitCodes.error
            }
            guard let metadata else {
                printError("\(path): no such file: no baseline named \(name) under \(root) (`arbench baseline list`)")
                throw ExitCodes.error
            }
            guard let software = metadata.software, !software.gitCommit.isEmpty, software.gitCommit != "unknown" else {
                printError("\(path): no software.git_commit: this baseline does not name the code that made it")
                throw ExitCodes.error
            }
            guard software.gitDirty != true else {
                printError("\(path): measured from a tree with uncommitted changes (git_dirty): commit \(software.gitCommit) is not its code; save a baseline measured from a clean tree")
                throw ExitCodes.error
            }
            print(software.gitCommit)
        }
    }
}
