import Results

/// What `tune` prints besides the advice: the path the search took and what it spent; and, for
/// `tune --replay`, the table of how close the search came to each grid's best and at what cost.
public enum TuneDocument {
    public static func search(_ outcome: TuneOutcome, gridRuns: Int, budget: String) -> ReportDocument {
        let share = gridRuns > 0 ? " (\(NumberText.share(Double(outcome.runsSpent) / Double(gridRuns))) of the grid's \(gridRuns))" : ""
        let lines = [
            "spent \(CountText.of(outcome.runsSpent, "run"))\(share) on \(outcome.cellsMeasured) of \(outcome.gridCells) cells; budget: \(budget); "
                + "stopped: \(stopText(outcome.stop))",
        ]
        let table = ReportTable(
            title: "Search path", headers: ["walk", "pass", "axis", "from", "best on the line", "cells on the line", "runs so far"],
            numeric: [0, 1, 5, 6],
            rows: outcome.steps.map { step in
                [String(step.walk), String(step.pass), step.axis, step.from.label, step.to == step.from ? "(stays)" : step.to.label,
                 String(step.measured), String(step.runsSoFar)]
            })
        return ReportDocument(heading: "arbench tune", lines: lines, tables: [table])
    }

    public static func replay(_ results: [TuneReplay.Result], objective: AdviceObjective, goal: Double = 0.97) -> ReportDocument {
        let lines = [
            "each grid searched \(results.first?.seeds ?? 0) times (seeds 1...), every measurement one of the cell's repetitions "
                + "drawn at random; share of best: the pick's median over the whole grid against the grid's best (\(objective.label))",
            "runs: spent by the search and its finalists, against the full grid's runs (cells x repetitions)",
            "within noise: the pick is the grid's best or tied with it (`advise` over the whole grid); brute force: every cell's "
                + "repetitions drawn again per seed and the best median picked, scored the same way (the ceiling under this noise)",
        ]
        let table = ReportTable(
            title: "Search against brute force",
            headers: ["grid", "cells", "grid runs", "budget", "runs spent: median (max)", "share of grid: median (max)",
                      "share of best: median", "worst", "seeds >= \(NumberText.share(goal))", "within noise",
                      "brute force: median", "worst", "grid's best"],
            numeric: [1, 2, 4, 5, 6, 7, 8, 9, 10, 11],
            rows: results.map { r in
                [r.name, String(r.cells), String(r.gridRuns), r.maxRuns.map { "\($0) runs" } ?? "none",
                 "\(NumberText.adaptive(r.medianRuns)) (\(r.maxRunsSpent))",
                 "\(NumberText.share(r.medianSpentShare)) (\(NumberText.share(r.worstSpentShare)))",
                 NumberText.share(r.medianShare), NumberText.share(r.worstShare), "\(r.reaching(goal))/\(r.seeds)",
                 "\(r.picksWithinNoise)/\(r.seeds)", NumberText.share(r.bruteForceMedianShare), NumberText.share(r.bruteForceWorstShare),
                 r.best.label]
            })
        let picks = ReportTable(
            title: "Picks", headers: ["grid", "picked cell", "seeds"], numeric: [2],
            rows: results.flatMap { r in
                r.picks.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { [r.name, $0.key, String($0.value)] }
            })
        return ReportDocument(heading: "arbench tune --replay", lines: lines, tables: [table, picks])
    }

    static func stopText(_ stop: TuneOutcome.StopReason) -> String {
        switch stop {
        case .converged: "converged (a pass moved nothing; the finalists have their repetitions)"
        case .budget: "the run budget is spent"
        case .deadline: "the time budget is spent"
        }
    }
}
