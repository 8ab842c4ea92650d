import Foundation
import Results

/// Runs an A/B (`arbench ab`): the spec's cells with two builds, pair by pair as `PairPlan` orders
/// them, each run a fresh child measured by this process. Each side is an ordinary `SweepRunner`
/// on its own run directory, differing only in the executable its children run, so both sides'
/// directories are normal sweeps that `compare`, `plot` and `check` read. A pair is written to
/// pairs.csv only once both of its runs are in their results.csv.
public final class PairedRunner {
    public let plan: PairPlan
    public let directory: PairedDirectory
    private let runners: [BuildSide: SweepRunner]
    private let resume: Bool
    private let log: (String) -> Void

    /// `launchers` gives each side's child command (the side's binary); everything else is shared.
    /// `includes` keeps the cells the A/B can measure (all, unless an instruction count refuses some).
    public init(spec: ExperimentSpec, specText: String, specPath: String, inputs: SweepInputs, directory: PairedDirectory,
                launchers: [BuildSide: CellLauncher], seed: UInt64, resume: Bool,
                commandLine: String = CommandLine.arguments.joined(separator: " "),
                machineCores: Int = ProcessInfo.processInfo.activeProcessorCount,
                includes: (Cell) -> Bool = { _ in true }, log: @escaping (String) -> Void) {
        plan = PairPlan(cells: ExperimentGrid(spec: spec).cells.filter(includes), pairsPerCell: spec.repetitions, seed: seed)
        self.directory = directory
        self.resume = resume
        self.log = log
        let done = resume ? Self.finishedPairs(in: directory, plan: plan, log: log) : []
        var runners: [BuildSide: SweepRunner] = [:]
        for side in BuildSide.allCases {
            guard let launcher = launchers[side] else { preconditionFailure("PairedRunner: no launcher for \(side)") }
            runners[side] = SweepRunner(
                spec: spec, specText: specText, specPath: specPath, inputs: inputs, directory: directory.side(side),
                launcher: launcher,
                options: SweepRunner.Options(resume: resume, commandLine: commandLine, keepOnly: Set(done.map { $0.key(side) })),
                machineCores: machineCores, log: { log("\(side.rawValue): \($0)") })
        }
        self.runners = runners
        finished = done
    }

    /// The pairs finished so far, in the order they finished (pairs.csv's order).
    public private(set) var finished: [PairRecord]

    /// Runs the pending pairs in plan order. `look`, when given, is called each time a round of pairs
    /// listed in `looks` (pairs a cell) is finished for every cell; true stops the A/B there (a sequential
    /// A/B that has its answer).
    public func run(looks: Set<Int> = [], look: ((_ finished: [PairRecord], _ pairsPerCell: Int) throws -> Bool)? = nil) throws -> PairedOutcome {
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        for side in BuildSide.allCases { _ = try runner(side).start() }
        try PairsFile.write(finished, to: directory.pairs)
        let pending = plan.pending(excluding: Set(finished))
        if resume { log("resuming \(directory.path): \(finished.count) of \(CountText.of(plan.steps.count, "pair")) done, \(pending.count) to go") }

        ActiveChild.shared.isLoopRunning = true
        defer { ActiveChild.shared.isLoopRunning = false }
        for (index, step) in pending.enumerated() {
            for side in step.order.sides {
                if ActiveChild.shared.isInterrupted { throw SweepInterrupted() }
                try runner(side).record(step.run, remaining: pending.count - index)
            }
            finished.append(step.record)
            try PairsFile.write(finished, to: directory.pairs)
            if let look, looks.contains(step.pair), finished.filter({ $0.pair == step.pair }).count == plan.cellCount,
               try look(finished, step.pair) {
                break
            }
        }
        let base = try runner(.base).finish()
        let current = try runner(.current).finish()
        return PairedOutcome(pairs: finished, base: base, current: current)
    }

    private func runner(_ side: BuildSide) -> SweepRunner { runners[side]! }

    /// The pairs pairs.csv lists that belong to this plan and whose rows are in both results.csv files:
    /// everything else (a half pair, a pair of another plan) runs again, on both sides.
    static func finishedPairs(in directory: PairedDirectory, plan: PairPlan, log: (String) -> Void) -> [PairRecord] {
        let contents = PairsFile.read(path: directory.pairs)
        contents.warnings.forEach { log("warning: \($0)") }
        let keys = BuildSide.allCases.reduce(into: [BuildSide: Set<RunKey>]()) { keys, side in
            keys[side] = Set(ResultsReader.read(path: directory.side(side).results).rows.compactMap(\.key))
        }
        let known = plan.known(contents.pairs)
        if known.count < contents.pairs.count {
            log("warning: \(directory.pairs): \(contents.pairs.count - known.count) pairs are not of this A/B's plan (another seed or spec?); they run again")
        }
        return known.filter { pair in BuildSide.allCases.allSatisfy { keys[$0]!.contains(pair.key($0)) } }
    }
}

/// What a finished A/B hands back: the pairs and each side's sweep.
public struct PairedOutcome: Sendable {
    public var pairs: [PairRecord]
    public var base: SweepOutcome
    public var current: SweepOutcome
}
