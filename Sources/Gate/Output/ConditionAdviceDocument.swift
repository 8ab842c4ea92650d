import Results

/// What `advise` prints for a run of several condition groups: the answer first, one row per group
/// (its pick as a short label, the objective's median, how sure), then one line per group with how to
/// deploy it. `--where AXIS=VALUE` narrows to one group for its full answer.
public enum ConditionAdviceDocument {
    public static func make(_ answer: ConditionAdvice) -> ReportDocument {
        let axes = answer.conditionAxes.joined(separator: " x ")
        var lines = ["run: `\(answer.source)`: \(CountText.of(answer.groups.count, "condition group")) (\(axes)); "
                     + "one pick per group, among the knobs only",
                     "full answer for one group: arbench advise \(answer.source) --where AXIS=VALUE (each group's line below names its own)"]
        if let constraints = answer.groups.first?.advice.constraints, !constraints.isEmpty {
            lines.append("constraints on cell medians: \(constraints.joined(separator: ", "))")
        }
        // One objective for every group (the usual case): said once above the table, not in each row.
        let objectives = Set(answer.groups.map(\.advice.objective))
        let oneObjective = objectives.count == 1 ? objectives.first : nil
        if let objective = oneObjective {
            lines.insert("objective: \(objective.prefersLarger ? "highest" : "lowest") median \(objective.label)", at: 1)
        }
        var rows: [[String]] = []
        var deploy: [String] = []
        for group in answer.groups {
            let advice = group.advice
            let objective = advice.objective
            let unit = objective.unit.isEmpty ? "" : " \(objective.unit)"
            let objectiveColumn = oneObjective == nil ? [objective.label] : []
            guard let pick = advice.pick else {
                rows.append([group.label, "none meets the constraints"] + objectiveColumn + ["-", "-"])
                lines.append("\(group.label) (\(group.whereOptions)): no setting meets the constraints")
                continue
            }
            rows.append([group.label, pick.axes.knobLabel] + objectiveColumn + [NumberText.adaptive(pick.objective) + unit, confidence(advice)])
            if let deployment = advice.deployment {
                deploy.append("# \(group.label) (\(group.whereOptions)): \(pick.axes.knobLabel)")
                // An external engine takes its settings through its spec's placeholders: shown, not a command.
                if deployment.engine == CellEngine.builtInName {
                    deploy += TextWrap.shell((deployment.environment + ["arbench run AUDIO \(deployment.runFlags)"]).joined(separator: " "),
                                             width: TextWrap.width - 4)
                } else {
                    deploy += TextWrap.lines((["its settings:"] + deployment.environment + [deployment.runFlags]).joined(separator: " "), width: TextWrap.width - 8)
                        .map { "#   \($0)" }
                }
            }
        }
        let headers = ["condition", "pick"] + (oneObjective == nil ? ["objective"] : []) + ["median", "confidence"]
        let table = ReportTable(title: "Pick per condition", headers: headers, numeric: [headers.firstIndex(of: "median")!], rows: rows)
        return ReportDocument(heading: "arbench advise: one pick per condition (\(axes))", lines: lines,
                              code: deploy.isEmpty ? [] : [ReportCode(title: "Deploy each group's pick", language: "sh", lines: deploy)],
                              tables: [table])
    }

    /// A few words: `clear, next +12.0%`, `tie of 3`, `too few runs`, `untested (1 run)`, `only one`.
    static func confidence(_ advice: Advice) -> String {
        switch advice.confidence {
        case .onlyOne: "only one"
        case .untested: "untested (1 run)"
        case .tie: advice.ties.contains(where: \.unseparated) ? "too few runs" : "tie of \(advice.ties.count + 1)"
        case .clear: "clear, next +\(NumberText.share(advice.runnersUp.first?.worseBy))"
        }
    }
}

extension CellAxes {
    /// The short label without conditions and subjects (`e2 i1 jemalloc`): what a group's pick sets.
    public var knobLabel: String {
        Axis.all.filter { $0.role != .knob }.reduce(self) { $1.setting($0, to: $1.usual) }.label
    }
}
