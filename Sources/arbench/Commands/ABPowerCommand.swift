import ArgumentParser
import Foundation
import Gate
import Results

struct ABPowerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ab-power",
        abstract: "How often a gate of N pairs a cell says regression, from long A/Bs: false alarms of an A/A, detection of a slowdown.",
        discussion: """
        Each AB_DIR is an `arbench ab` run with many pairs a cell (Experiments/gate/power.sh makes them: the same \
        source built twice, and slowdown patches). From each, gates of --pairs pairs a cell are drawn and judged \
        exactly as `ab` judges them (its default thresholds, or --thresholds): first the disjoint gates its pairs \
        make (independent trials), then --draws gates drawn without replacement within a gate (they share pairs: \
        an estimate), or with --replacement a bootstrap of the pairs (for gates larger than the pool comfortably gives). The long A/B judged on all its pairs gives the measured effect. An A/B of `ab --measure instructions` (its runs' callgrind counts beside them) is judged as that A/B judges. With --max-pairs the gates replayed are sequential (`ab --max-pairs`): each takes its pairs in a random order and stops at its first clear look; the table adds the pairs a cell they took on average. Nothing runs: it reads.

        Exit codes: 0 done; 1 an AB_DIR has no pairs; 64 bad thresholds.

        Examples:
          arbench ab-power /tmp/power/ab-same /tmp/power/ab-forward-05 --pairs 8
          arbench ab-power /tmp/power/ab-* --pairs 8 --draws 500 --format markdown
          arbench ab-power Results/gate-power/ab-* --pairs 12 --max-pairs 36 \\
            --replacement
          arbench ab-power /tmp/power/ab-* --pairs 12 \\
            --cell threads-e1-i1-x1-glibc-default-wdefault
        """)

    @Argument(help: "Directories of long A/Bs (`arbench ab --out`).")
    var abDirectories: [String]

    @Option(help: "Pairs a cell in each gate drawn (the gate spec's repetitions).")
    var pairs: Int = 8

    @Option(help: ArgumentHelp("Replay sequential gates (`ab --max-pairs N`): first look at --pairs, then every 2 pairs a cell, up to N.", valueName: "N"))
    var maxPairs: Int?

    @Option(help: "Gates drawn from each A/B, beside its disjoint ones.")
    var draws: Int = 500

    @Flag(help: "Draw each gate's pairs with replacement (a bootstrap of the measured pairs): sizes gates larger than the pool comfortably allows.")
    var replacement = false

    @Option(help: "Seed of the draws.")
    var seed: UInt64 = 1

    @Option(name: .customLong("cell"), help: ArgumentHelp("Only these cells (repeat the option): sizes a gate of fewer cells from the same A/Bs.", valueName: "CELL_ID"))
    var cells: [String] = []

    @Option(help: "Output format: text, markdown or json.")
    var format: ReportFormat = .text

    @Option(help: "Thresholds YAML overriding the A/B's defaults (any subset), as `ab --thresholds`.")
    var thresholds: String?

    func validate() throws {
        guard pairs > 0 else { throw ValidationError("--pairs must be at least 1") }
        guard draws >= 0 else { throw ValidationError("--draws must not be negative") }
        if let maxPairs, maxPairs < pairs { throw ValidationError("--max-pairs must be at least --pairs (the first look)") }
    }

    func run() throws {
        let settings = try ReportFiles.loadThresholds(thresholds)
        let comparator = PairedComparator(thresholds: settings)
        var estimates: [GatePower] = []
        var failed = false
        for path in abDirectories {
            let directory = PairedDirectory(path: path)
            let recorded = PairsFile.read(path: directory.pairs)
            recorded.warnings.forEach { printNote($0) }
            let chosen = cells.isEmpty ? recorded.pairs : recorded.pairs.filter { cells.contains($0.cellID) }
            guard !chosen.isEmpty else {
                printError("\(directory.pairs): no pairs\(cells.isEmpty ? "" : " of the cells given") (not an A/B directory, or none finished)")
                failed = true
                continue
            }
            let base = ResultsReader.read(path: directory.side(.base).results)
            let current = ResultsReader.read(path: directory.side(.current).results)
            (base.warnings + current.warnings).forEach { printNote($0) }
            if let profiles = InstructionProfiles.read(directory, pairs: chosen) {
                estimates.append(GatePower(directory: path, pairs: chosen, base: base.rows, current: current.rows, profiles: profiles,
                                           pairsPerCell: pairs, draws: draws, withReplacement: replacement, seed: seed,
                                           comparator: InstructionComparator(limitPercent: settings.instructionPercent)))
                continue
            }
            if let maxPairs {
                let rule = SequentialRule(firstLook: pairs, maxPairs: maxPairs, samePercent: settings.samePercent)
                estimates.append(GatePower(directory: path, pairs: chosen, base: base.rows, current: current.rows, rule: rule,
                                           draws: draws, withReplacement: replacement, seed: seed, thresholds: settings))
                continue
            }
            estimates.append(GatePower(directory: path, pairs: chosen, base: base.rows, current: current.rows,
                                       pairsPerCell: pairs, draws: draws, withReplacement: replacement, seed: seed, comparator: comparator))
        }
        // Nothing readable: the error lines are the whole answer, not an empty report's headings.
        if estimates.isEmpty { throw ExitCodes.error }
        let text = try format.render(GatePowerDocument.make(estimates, draws: draws, withReplacement: replacement, seed: seed)) { try JSONReport.encode(estimates) }
        print(text, terminator: "")
        if failed { throw ExitCodes.error }
    }
}
