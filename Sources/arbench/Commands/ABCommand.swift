import ArgumentParser
import Foundation
import Gate
import Results
import Sweep

struct ABCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ab",
        abstract: "Paired A/B of two arbench builds on this machine: the spec's cells, the builds alternating; exit 2 on a regression.",
        discussion: """
        Every (cell, pair) runs the two builds back to back as fresh `run` children, base first (AB) or current \
        first (BA): each cell gets as many AB as BA pairs, shuffled from --seed. This arbench measures both \
        sides (sampler, wait4, /proc); only the child comes from each build. The spec's `repetitions` is the \
        number of pairs per cell.

        DIR/base and DIR/current are ordinary run directories (compare, plot and check read them); \
        DIR/pairs.csv lists each finished pair's cell, pair number, order and the two rows' repetitions; \
        DIR/ab.json keeps the seed and binaries for --resume, which keeps the pairs finished on both sides and \
        runs a half-finished pair again on both.

        Verdict: per pair current/base of CPU time (user+sys), processing time and peak RSS; per cell a \
        Wilcoxon signed-rank test on the log ratios (regression: p < alpha and the median beyond the cell \
        limit); over all cells the geometric mean of the cells' median ratios with a bootstrap interval \
        (regression: its lower end beyond the overall limit; inconclusive with fewer than min_pairs, 5, ok pairs in a cell). \
        A cell whose current run failed where the base \
        run was ok is a regression. Thresholds file: `metrics: {cpu_time: {cell_pct: 5, overall_pct: 2}}`, \
        `alpha: 0.001`, `min_pairs: 5` (the defaults, measured: Experiments/gate/NOISE.md; `arbench ab-power` sizes a gate).

        --measure instructions counts instead of timing: each run under Valgrind's callgrind (a stripped copy \
        of each binary, written beside it), counting only the engine's work (markers in the engine; not \
        LibTorch's start-up). Only cells with engine 1, intra-op 1 and inter-op 1 and an offline load can be \
        counted (Valgrind runs one thread at a time); the others are listed and skipped. A cell regresses when \
        its median count grows by more than `instructions_pct` (thresholds file; default 0.5) or 3x the \
        runs' own spread, whichever is larger; at least 2 runs a side. Where the change went is shown by \
        program and library. Each run's callgrind file stays beside it (callgrind_annotate reads it); the \
        counts judged are exported to DIR/instructions.csv. It sees code-path changes of well under 1% that the timed A/B cannot, and no \
        threading effect at all: run both (`make gate` does). Each run takes about 30 s, 20 of them start-up.

        --max-pairs N makes the timed A/B sequential: it looks after the spec's repetitions (pairs a cell) and \
        every 2 pairs a cell more, up to N, and stops at the first clear look: a regression, or "same" when \
        every gated metric's all-cells interval lies below `same_pct` (default 5: a slowdown that large is \
        ruled out). At N it stops unsure (exit 0, said). Alpha and the interval's confidence are shared over \
        the looks, so looking often does not add false alarms; `ab-power --max-pairs` replays the rule.

        Before any cell runs, both binaries must answer `--version` as arbench and report the same LibTorch \
        runtime: otherwise one line and exit 1 (not arbench, missing) or 3 (different LibTorch).

        Exit codes: 0 no regression; 2 regression; 3 not comparable (or outputs changed); 1 error; \
        64 bad spec or thresholds; 130 interrupted (continue with --resume).

        Examples:
          arbench ab Experiments/gate.yaml --base /tmp/base/.build/release/arbench \\
            --out Results/runs/ab-1
          arbench ab Experiments/gate.yaml --base BASE_BIN --out Results/runs/ab-1 \\
            --resume
          arbench ab Experiments/gate-instructions.yaml --base BASE_BIN \\
            --measure instructions --out Results/runs/ab-2
          arbench ab Experiments/gate.yaml --base BASE_BIN --out ab-3 \\
            --max-pairs 36
          make gate BASE=origin/main
        """)

    @Argument(help: "Experiment spec (YAML); its repetitions are the pairs per cell.")
    var spec: String

    @Option(help: ArgumentHelp("The base build's arbench executable.", valueName: "BINARY"))
    var base: String

    @Option(help: ArgumentHelp("The current build's arbench executable (default: this arbench).", valueName: "BINARY"))
    var current: String?

    @Option(help: "The A/B's directory (DIR/base, DIR/current, DIR/pairs.csv).")
    var out: String

    @Flag(help: "Continue the A/B in --out: keep the pairs finished on both sides, run the rest.")
    var resume = false

    @Option(help: "Seed of the pairing order (default 1; with --resume, the one the A/B started with).")
    var seed: UInt64?

    @Option(help: "Output format: text, markdown or json.")
    var format: ReportFormat = .text

    @Option(help: "Thresholds YAML overriding the A/B's defaults (any subset).")
    var thresholds: String?

    @Option(help: "What to compare: time (CPU time, processing time, peak RSS of paired runs) or instructions (counted under Valgrind; single-threaded cells).")
    var measure: GateMeasure = .time

    @Option(help: ArgumentHelp("Sequential A/B: look after the spec's repetitions and every 2 pairs a cell more, up to N; stop when the answer is clear (regression, or a slowdown of same_pct ruled out).", valueName: "N"))
    var maxPairs: Int?

    enum GateMeasure: String, ExpressibleByArgument, CaseIterable {
        case time, instructions
    }

    func run() throws {
        let settings = try ReportFiles.loadThresholds(thresholds)
        let directory = PairedDirectory(path: out)
        let currentBinary = current ?? OwnExecutable.path
        let recorded = PairedSettings.read(path: directory.settings)
        if !resume && FileManager.default.fileExists(atPath: directory.pairs) {
            printError("\(out) already holds an A/B; continue it with --resume")
            throw ExitCodes.usage
        }
        if resume, let recorded, let seed, seed != recorded.seed {
            printError("\(out) was started with --seed \(recorded.seed); resume it with that seed (or leave --seed out)")
            throw ExitCodes.usage
        }
        let pairing = PairedSettings(seed: seed ?? (resume ? recorded?.seed : nil) ?? 1,
                                     baseBinary: absolute(base), currentBinary: absolute(currentBinary))

        // Checked as given, so the one-line refusal names the path the user typed.
        switch BuildProbe.check(base: base, current: currentBinary) {
        case .success(let identities):
            printNote("base: \(identities["base"]!.source); current: \(identities["current"]!.source)")
        case .failure(let problem):
            printError(problem.description)
            if case .notComparable = problem { throw ExitCodes.notComparable }
            throw ExitCodes.error
        }

        var experiment = try SweepSession.loadSpec(spec)
        let rule = maxPairs.map { SequentialRule(firstLook: experiment.repetitions, maxPairs: $0, samePercent: settings.samePercent) }
        if let rule {
            guard measure == .time, rule.maxPairs >= experiment.repetitions else {
                printError(measure == .time ? "--max-pairs \(rule.maxPairs) is below the spec's repetitions (\(experiment.repetitions)), the first look"
                                            : "--max-pairs is for the timed A/B; instruction counts need no more than a few runs")
                throw ExitCodes.usage
            }
            experiment.repetitions = rule.maxPairs
        }
        var launchers: [BuildSide: CellLauncher] = [
            .base: CellLauncher(command: .arbenchRun(executable: pairing.baseBinary)),
            .current: CellLauncher(command: .arbenchRun(executable: pairing.currentBinary))]
        if measure == .instructions {
            launchers = try countingLaunchers(pairing, experiment: experiment)
        }
        SweepSession.removeLeftoverCgroups()
        let inputs = try SweepSession.prepareInputs(experiment, directory: directory.side(.base))
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try pairing.write(to: directory.settings)
        } catch {
            printError("\(error)")
            throw ExitCodes.error
        }

        let runner = PairedRunner(
            spec: experiment, specText: (try? String(contentsOfFile: spec, encoding: .utf8)) ?? "", specPath: spec, inputs: inputs,
            directory: directory, launchers: launchers, seed: pairing.seed, resume: resume,
            includes: { measure == .time || Callgrind.refusal(for: $0) == nil }, log: { printNote($0) })
        printNote("A/B \(experiment.name) into \(out): \(CountText.of(runner.plan.steps.count, "pair")), seed \(pairing.seed)")
        let outcome = try Interruptible.run(
            stopping: "the running cell was killed and its pair is not recorded",
            resume: "finished pairs are in \(directory.pairs); continue with --resume") {
            guard let rule else { return try runner.run() }
            let judge = PairedComparator(thresholds: rule.perLook(settings))
            return try runner.run(looks: Set(rule.looks)) { finished, pairsPerCell in
                let comparison = judge.compare(directory: out, pairs: finished,
                                               base: ResultsReader.read(path: directory.side(.base).results).rows,
                                               current: ResultsReader.read(path: directory.side(.current).results).rows)
                let decision = rule.decide(comparison, pairsPerCell: pairsPerCell)
                printNote("look at \(CountText.of(pairsPerCell, "pair")) a cell: \(decision.rawValue)")
                return decision != .continuing
            }
        }

        if measure == .instructions {
            let profiles = InstructionProfiles.read(directory, pairs: outcome.pairs) ?? [:]
            do {
                try InstructionsFile.write(InstructionProfiles.counts(profiles), to: directory.instructions)
            } catch {
                printError("\(directory.instructions): cannot write the counts: \(error.localizedDescription)")
            }
            let comparison = InstructionComparator(limitPercent: settings.instructionPercent).compare(
                directory: out, pairs: outcome.pairs, base: outcome.base.rows, current: outcome.current.rows, profiles: profiles)
            print(try format.render(InstructionDocument.make(comparison)) { try JSONReport.encode(comparison) }, terminator: "")
            if comparison.outcome != .pass { throw ExitCode(comparison.outcome.exitCode) }
            return
        }
        var comparison = PairedComparator(thresholds: rule.map { $0.perLook(settings) } ?? settings).compare(
            directory: out, pairs: outcome.pairs, base: outcome.base.rows, current: outcome.current.rows)
        if let rule {
            let pairs = Dictionary(grouping: outcome.pairs, by: \.cellID).values.map(\.count).min() ?? 0
            // The last look judged these same pairs with these same thresholds: deciding again gives its answer.
            comparison.sequential = SequentialRule.Summary(rule: rule, decision: rule.decide(comparison, pairsPerCell: pairs), pairsPerCell: pairs,
                                                           looksTaken: rule.looks.filter { $0 <= pairs }.count)
        }
        let text = try format.render(PairedDocument.make(comparison)) { try JSONReport.encode(comparison) }
        print(text, terminator: "")
        if comparison.outcome != .pass { throw ExitCode(comparison.outcome.exitCode) }
    }

    /// Each side's children under callgrind, on a copy of its binary Valgrind can read; the cells that
    /// cannot be counted listed (and skipped by the runner), none countable refused.
    private func countingLaunchers(_ pairing: PairedSettings, experiment: ExperimentSpec) throws -> [BuildSide: CellLauncher] {
        let cells = ExperimentGrid(spec: experiment).cells
        let refused = cells.compactMap { cell in Callgrind.refusal(for: cell).map { (cell.id, $0) } }
        for (id, why) in refused { printNote("not counted: \(id): \(why)") }
        guard refused.count < cells.count else {
            printError("\(spec): no cell can be counted: instruction counts need engine 1, intra-op 1, inter-op 1 and an offline load")
            throw ExitCodes.usage
        }
        do {
            let callgrind = try Callgrind.locate()
            return [.base: CellLauncher(command: callgrind.command(copy: try Callgrind.readableCopy(of: pairing.baseBinary))),
                    .current: CellLauncher(command: callgrind.command(copy: try Callgrind.readableCopy(of: pairing.currentBinary)))]
        } catch {
            printError(error.description)
            throw ExitCodes.error
        }
    }

    /// Children are started without a PATH search, and ab.json must name the same file after a `cd`;
    /// symlinks resolved, so one binary reached as `.build/release/arbench` and through /proc/self/exe
    /// runs from the same path on both sides (an A/A must differ in nothing).
    private func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

}
