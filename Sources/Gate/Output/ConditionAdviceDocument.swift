import Results

/// What `advise` prints for a run of several condition groups: the answer first, one row per group
/// (its pick as a short label, the objective's median, how sure), then one line per group with how to
/// deploy it. `--where AXIS=VALUE` narrows to one group for its full answer.
public enum ConditionAdviceDocument {
    public static func make(_ answer: ConditionAdvice) -> ReportDocument {
        let axes = answer.conditionAxes.joined(separator: " x ")
        var lines = ["run: `\(answer.source)`: \(CountText.of(answer.groups.count, "condition group")) (\(axes)); "
                     + "one pick per group, among the knobs only",
                     "full answer for one group: arbench advise \(answer.source) --where AXIS=VALUE (the selector column)"]
        if let constraints = answer.groups.first?.advice.constraints, !constraints.isEmpty {
            lines.append("constraints on cell medians: \(constraints.joined(separator: ", "))")
        }
        var rows: [[String]] = []
        for group in answer.groups {
            let advice = group.advice
            let objective = advice.objective
            let unit = objective.unit.isEmpty ? "" : " \(objective.unit)"
            guard let pick = advice.pick else {
                rows.append([group.label, "none meets the constraints", objective.label, "-", "-", group.selector])
                lines.append("\(group.label): no setting meets the constraints")
                continue
            }
            rows.append([group.label, pick.axes.knobLabel, objective.label, NumberText.adaptive(pick.objective) + unit,
                         confidence(advice), group.selector])
            if let deployment = advice.deployment {
                let run = deployment.engine == CellEngine.builtInName ? deployment.runFlags : "engine \(deployment.engine): \(deployment.runFlags)"
                lines.append("\(group.label): " + (deployment.environment.isEmpty ? "" : deployment.environment.joined(separator: " ") + " ") + run)
            }
        }
        let table = ReportTable(title: "Pick per condition", headers: ["condition", "pick", "objective", "median", "confidence", "selector"],
                                numeric: [3], rows: rows)
        return ReportDocument(heading: "arbench advise: one pick per condition (\(axes))", lines: lines, tables: [table])
    }

    /// A few words: `clear (+12%)`, `tie of 3`, `1 run`, `only one`.
    static func confidence(_ advice: Advice) -> String {
        switch advice.confidence {
        case .onlyOne: "only one"
        case .untested: "untested (1 run)"
        case .tie: "tie of \(advice.ties.count + 1)"
        case .clear: "clear, next \(NumberText.share(advice.runnersUp.first?.worseBy)) worse"
        }
    }
}

extension CellAxes {
    /// The short label without conditions and subjects (`e2 i1 jemalloc`): what a group's pick sets.
    public var knobLabel: String {
        Axis.all.filter { $0.role != .knob }.reduce(self) { $1.setting($0, to: $1.usual) }.label
    }
}
