import Results

/// What `advise` prints: the pick and how sure it is, how to deploy it, the cells within noise, the
/// runners-up, the Pareto front, and what each constraint excluded.
public enum AdviceDocument {
    public static func make(_ advice: Advice) -> ReportDocument {
        let objective = advice.objective
        var lines = ["run: `\(advice.source)`: \(CountText.of(advice.cellsWithOKRuns, "cell")) with ok runs of \(advice.cellsTotal)",
                     "objective: \(objective.prefersLarger ? "highest" : "lowest") median \(objective.label)"
                        + (advice.constraints.isEmpty ? "" : "; constraints on cell medians: \(advice.constraints.joined(separator: ", "))")]
        guard let pick = advice.pick else {
            lines.append("NO SETTING meets every constraint (exit 2); closest:")
            lines += advice.closest.map { "  \($0.cellID): \($0.constraint), median \(NumberText.adaptive($0.median)), misses by \(NumberText.share($0.miss))" }
            lines += advice.notes
            return ReportDocument(heading: "arbench advise: no setting meets the constraints", lines: lines,
                                  tables: [excludedTable(advice)])
        }
        lines.append("pick: \(pick.cellID) (\(value(pick.objective, objective)), \(CountText.of(pick.okRuns, "ok run")))")
        lines.append(confidence(advice))
        if let deployment = advice.deployment {
            lines.append("environment: \(deployment.environment.isEmpty ? "(none)" : deployment.environment.joined(separator: " "))")
            lines.append(deployment.engine == CellEngine.builtInName
                         ? "arbench run AUDIO \(deployment.runFlags)" : "engine \(deployment.engine): \(deployment.runFlags)")
            lines.append("C++ (engine of your own):")
            lines += deployment.cpp.map { "  \($0)" }
        }
        lines += advice.notes

        let ranking = ReportTable(
            title: "Pick, cells within noise, runners-up",
            headers: ["", "cell", objective.label + (objective.unit.isEmpty ? "" : " (\(objective.unit))"), "worse by", "vs pick", "throughput", "peak RSS MiB", "p99 ms", "ok runs"],
            numeric: [2, 3, 4, 5, 6, 7, 8],
            rows: [row("pick", pick)] + advice.ties.prefix(tiesShown).map { row("tie", $0) } + advice.runnersUp.map { row("", $0) })
        if advice.ties.count > tiesShown {
            lines.append("\(advice.ties.count - tiesShown) more cells within noise of the pick are not listed (JSON has them all)")
        }
        let front = ReportTable(
            title: "Pareto front (\(objective.label) x peak RSS x p99 latency, cells meeting the constraints)",
            headers: ["cell", "throughput", "peak RSS MiB", "p99 ms"], numeric: [1, 2, 3],
            rows: advice.pareto.map { [$0.cellID, NumberText.adaptive($0.throughput), NumberText.adaptive($0.peakRSS), NumberText.adaptive($0.p99)] })
        return ReportDocument(heading: "arbench advise: \(pick.cellID)", lines: lines, tables: [ranking, front, excludedTable(advice)])
    }

    /// Ties listed in the tables; all of them are in the JSON.
    static let tiesShown = 8

    static func confidence(_ advice: Advice) -> String {
        switch advice.confidence {
        case .onlyOne: return "confidence: the only cell that meets the constraints"
        case .untested: return "confidence: none (the pick has a single ok run): ranked by medians only; measure more repetitions"
        case .tie:
            let tooFew = advice.ties.contains { $0.evidence.hasPrefix("too few runs") }
            return "confidence: \(tooFew ? "too few runs to separate, or a tie" : "a tie within noise") among \(advice.ties.count + 1) cells "
                + "(Mann-Whitney p >= \(NumberText.fixed(advice.alpha, 2)) against the pick, or with too few repetitions for that test, ranges "
                + "that overlap\(tooFew ? " or one run a side" : "")); any of them will do: choose by the other columns, "
                + "or measure these cells with more repetitions"
        case .clear:
            let next = advice.runnersUp.first
            return "confidence: best by \(NumberText.share(next?.worseBy)) against the runner-up \(next?.cellID ?? "-") (\(next?.evidence ?? "-"))"
        }
    }

    static func excludedTable(_ advice: Advice) -> ReportTable {
        ReportTable(title: "Excluded by a constraint", headers: ["cell", "constraint", "median", "misses by"], numeric: [2, 3],
                    rows: advice.excluded.map { [$0.cellID, $0.constraint, NumberText.adaptive($0.median), NumberText.share($0.miss)] })
    }

    static func row(_ mark: String, _ c: Advice.Candidate) -> [String] {
        [mark, c.cellID, NumberText.adaptive(c.objective), mark == "pick" ? "-" : NumberText.share(c.worseBy),
         c.evidence, NumberText.adaptive(c.throughput), NumberText.adaptive(c.peakRSS),
         NumberText.adaptive(c.p99), String(c.okRuns)]
    }

    static func value(_ v: Double, _ objective: AdviceObjective) -> String {
        "\(objective.label) \(NumberText.adaptive(v))\(objective.unit.isEmpty ? "" : " \(objective.unit)")"
    }

}
