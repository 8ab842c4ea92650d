import Results

/// What `advise` prints: the pick and how sure it is, how to deploy it, the cells within noise, the
/// runners-up, the Pareto front, and what each constraint excluded.
public enum AdviceDocument {
    /// `verbose`: list every cell a constraint excluded (else a count per constraint).
    public static func make(_ advice: Advice, verbose: Bool = false) -> ReportDocument {
        let objective = advice.objective
        var lines = ["run: `\(advice.source)`: \(CountText.of(advice.cellsWithOKRuns, "cell")) with ok runs of \(advice.cellsTotal)",
                     "objective: \(objective.prefersLarger ? "highest" : "lowest") median \(objective.label)"
                        + (advice.constraints.isEmpty ? "" : "; constraints on cell medians: \(advice.constraints.joined(separator: ", "))")]
        let names = CellNames(advice)
        guard let pick = advice.pick else {
            lines.append("NO SETTING meets every constraint (exit 2); closest:")
            lines += advice.closest.map { "  \(names[$0.cellID]): \($0.constraint), median \(NumberText.adaptive($0.median)), misses by \(NumberText.share($0.miss))" }
            lines += advice.notes
            lines += exclusionLines(advice, verbose: verbose)
            return ReportDocument(heading: "arbench advise: no setting meets the constraints", lines: lines,
                                  tables: verbose ? [excludedTable(advice, names)] : [])
        }
        lines.append("pick: \(names[pick.cellID]), \(value(pick.objective, objective)) (\(CountText.of(pick.okRuns, "ok run")); cell `\(pick.cellID)`)")
        lines.append(confidence(advice, names))
        lines += advice.notes
        if advice.ties.count > tiesShown {
            lines.append("\(advice.ties.count - tiesShown) more cells within noise of the pick are not listed (JSON has them all)")
        }
        lines += exclusionLines(advice, verbose: verbose)

        // The objective's own column once: throughput is not repeated beside a throughput objective.
        let showThroughput = objective != .throughput
        // A tie reads from its evidence (overlap, p >= alpha, too few runs), a runner-up from its (apart, p < alpha).
        let ranking = ReportTable(
            title: "Pick, cells within noise (ties), runners-up",
            headers: ["setting", header(objective), "worse by", "vs pick"] + (showThroughput ? ["throughput x"] : []) + ["peak RSS MiB", "p99 ms"],
            numeric: Set(1..<(showThroughput ? 7 : 6)).subtracting([3]),
            rows: ([pick] + advice.ties.prefix(tiesShown) + advice.runnersUp).map { c in
                let isPick = c.cellID == pick.cellID
                return [names[c.cellID], NumberText.adaptive(c.objective), isPick ? "-" : NumberText.share(c.worseBy),
                        isPick ? "pick, \(CountText.of(c.okRuns, "run"))" : (c.worse ? "" : c.unseparated ? "unsure, " : "tie, ") + c.evidence]
                    + (showThroughput ? [NumberText.adaptive(c.throughput)] : []) + [NumberText.adaptive(c.peakRSS), NumberText.adaptive(c.p99)]
            })
        let front = ReportTable(
            title: "Pareto front (\(objective.label) x peak RSS x p99 latency, cells meeting the constraints)",
            headers: ["setting", header(objective), "peak RSS MiB", "p99 ms"], numeric: [1, 2, 3],
            rows: advice.pareto.map { [names[$0.cellID], NumberText.adaptive($0.objective), NumberText.adaptive($0.peakRSS), NumberText.adaptive($0.p99)] })
        return ReportDocument(heading: "arbench advise: \(names[pick.cellID])", lines: lines, code: deploymentCode(advice.deployment),
                              tables: [ranking, front] + (verbose ? [excludedTable(advice, names)] : []),
                              closing: ["vs pick: the Mann-Whitney p over the ok runs (pick's v the cell's); with too few runs for that test, "
                                        + "whether the runs' ranges overlap (3v3: the pick's 3 v the cell's 3), and how often ranges fall apart at random"])
    }

    /// How to deploy the pick: the shell line (environment, then `arbench run`, or an external engine's
    /// placeholders) and, for arbench's own LibTorch engine only, the C++ an engine of one's own runs.
    public static func deploymentCode(_ deployment: DeploymentSnippet?) -> [ReportCode] {
        guard let deployment else { return [] }
        guard deployment.engine == CellEngine.builtInName else {
            return [ReportCode(title: "Settings of engine \(deployment.engine) (its spec's placeholders, filled)", language: "text",
                               lines: deployment.environment + [deployment.runFlags])]
        }
        return [ReportCode(title: "Deploy with arbench's engine", language: "sh",
                           lines: deployment.environment.map { "export \($0)" }
                            + TextWrap.shell("arbench run AUDIO \(deployment.runFlags)", width: TextWrap.width - 4)),
                ReportCode(title: "C++ (an engine of your own)", language: "cpp", lines: deployment.cpp)]
    }

    /// Exclusions as a count per constraint (a long run's list is hundreds of rows: --verbose shows it).
    static func exclusionLines(_ advice: Advice, verbose: Bool) -> [String] {
        guard !advice.excluded.isEmpty else { return [] }
        var counts: [(constraint: String, cells: Set<String>)] = []
        for exclusion in advice.excluded {
            if let at = counts.firstIndex(where: { $0.constraint == exclusion.constraint }) {
                counts[at].cells.insert(exclusion.cellID)
            } else {
                counts.append((exclusion.constraint, [exclusion.cellID]))
            }
        }
        let cells = Set(advice.excluded.map(\.cellID)).count
        return ["excluded: \(CountText.of(cells, "cell")) (" + counts.map { "\($0.constraint): \($0.cells.count)" }.joined(separator: "; ") + ")"
                + (verbose ? "" : "; --verbose lists them")]
    }

    /// Ties listed in the tables; all of them are in the JSON.
    static let tiesShown = 8

    static func confidence(_ advice: Advice, _ names: CellNames) -> String {
        switch advice.confidence {
        case .onlyOne: return "confidence: the only cell that meets the constraints"
        case .untested: return "confidence: none (the pick has a single ok run): ranked by medians only; measure more repetitions"
        case .tie:
            let unseparated = advice.ties.filter(\.unseparated).count
            if unseparated > 0 {
                return "confidence: too few runs to separate the pick from \(CountText.of(unseparated, "cell")) "
                    + "(one run a side, or ranges apart that often at random: the vs pick column); "
                    + "measure 3 or more repetitions a cell before choosing among them"
                    + (unseparated < advice.ties.count ? "; \(advice.ties.count - unseparated) more are a tie within noise" : "")
            }
            return "confidence: a tie within noise among \(advice.ties.count + 1) cells (Mann-Whitney p >= \(NumberText.fixed(advice.alpha, 2)) "
                + "against the pick, or with too few repetitions for that test, ranges that overlap); any of them will do: "
                + "choose by the other columns, or measure these cells with more repetitions"
        case .clear:
            let next = advice.runnersUp.first
            return "confidence: best by \(NumberText.share(next?.worseBy)) against the runner-up \(next.map { names[$0.cellID] } ?? "-"): \(next?.evidence ?? "-")"
        }
    }

    static func excludedTable(_ advice: Advice, _ names: CellNames) -> ReportTable {
        ReportTable(title: "Excluded by a constraint", headers: ["setting", "constraint", "median", "misses by"], numeric: [2, 3],
                    rows: advice.excluded.map { [names[$0.cellID], $0.constraint, NumberText.adaptive($0.median), NumberText.share($0.miss)] })
    }

    /// A column header: the objective's name and unit, short (`throughput x`, `load-p99 ms`, `capacity`).
    static func header(_ objective: AdviceObjective) -> String {
        let unit = objective.metric.unit == .timesRealTime ? "x" : objective.unit
        return objective.rawValue + (unit.isEmpty ? "" : " \(unit)")
    }

    static func value(_ v: Double, _ objective: AdviceObjective) -> String {
        "\(objective.label) \(NumberText.adaptive(v))\(objective.unit.isEmpty ? "" : " \(objective.unit)")"
    }

}
