import Results

/// Compares a current run against a baseline run, cell by cell and metric by metric.
public struct RunComparator: Sendable {
    public var thresholds: GateThresholds
    /// Compare runs from machines of another kind anyway (normalised mode), instead of exit 3.
    public var allowDifferentMachine: Bool
    /// Axes left out when matching cells (to compare one setting against another).
    public var ignoredAxes: Set<Axis>

    public init(thresholds: GateThresholds = .default, allowDifferentMachine: Bool = false, ignoredAxes: Set<Axis> = []) {
        self.thresholds = thresholds
        self.allowDifferentMachine = allowDifferentMachine
        self.ignoredAxes = ignoredAxes
    }

    public func compare(baseline fullBaseline: RunResults, current fullCurrent: RunResults) -> Comparison {
        let (projectedBaseline, baselineMerged) = fullBaseline.ignoring(ignoredAxes)
        let (projectedCurrent, currentMerged) = fullCurrent.ignoring(ignoredAxes)
        guard let baseline = projectedBaseline, let current = projectedCurrent else {
            let names = ignoredAxes.map(\.name).sorted().joined(separator: ", ")
            return Comparison(
                baseline: fullBaseline.source, current: fullCurrent.source, comparability: Comparability(level: .different),
                mode: nil, allowedDifferentMachine: allowDifferentMachine, referenceCell: fullCurrent.referenceThreads,
                thresholds: thresholds, metrics: [], overall: [], cellProblems: [],
                notes: ["not comparable: ignoring \(names) would merge cells that differ only there: "
                        + (baselineMerged + currentMerged).prefix(3).joined(separator: "; ")],
                outcome: .notComparable)
        }
        return compareProjected(baseline: baseline, current: current)
    }

    func compareProjected(baseline: RunResults, current: RunResults) -> Comparison {
        let comparability = Comparability.assess(baseline: baseline, current: current)
        var comparison = Comparison(
            baseline: baseline.source, current: current.source, comparability: comparability, mode: nil,
            allowedDifferentMachine: allowDifferentMachine, referenceCell: current.referenceThreads, thresholds: thresholds,
            metrics: [], overall: [], cellProblems: [], notes: baseline.warnings.map { "baseline: \($0)" } + current.warnings.map { "current: \($0)" },
            outcome: .notComparable)

        if !comparability.workloadProblems.isEmpty {
            comparison.notes.append("not comparable: the runs did different work; make a new baseline for this experiment")
            comparison.notes += comparability.workloadProblems
            return comparison
        }
        if !comparability.outputChanges.isEmpty {
            comparison.outcome = .outputsChanged
            comparison.notes.append("outputs changed: the engine gave other answers for the same audio, a correctness change rather than noise, so its timings measure other work; if the change was meant, make a new baseline (arbench baseline save)")
            comparison.notes += comparability.outputChanges
            return comparison
        }
        if comparability.level == .different {
            let reasons = comparability.differences.filter(\.breaksKind)
                .map { "\($0.field): baseline \($0.baseline), current \($0.current)" }
            if !allowDifferentMachine {
                comparison.notes.append("not comparable: the machines are not of the same kind (--allow-different-machine compares them anyway, normalised)")
                comparison.notes += reasons
                return comparison
            }
            comparison.notes.append("machines of different kinds, compared because --allow-different-machine was given:")
            comparison.notes += reasons
        }
        let mode = ComparisonMode(level: comparability.level)
        comparison.mode = mode
        if !ignoredAxes.isEmpty {
            comparison.notes.append("cells matched without \(ignoredAxes.map(\.name).sorted().joined(separator: ", ")) (--ignore-axis)")
        }

        let baselineCells = Set(baseline.cells.map(\.axes))
        let matched = current.cells.filter { baselineCells.contains($0.axes) }
        guard !matched.isEmpty else {
            comparison.notes.append("not comparable: no cell of the current run is in the baseline (different grids)")
            comparison.mode = nil
            return comparison
        }
        comparison.cellProblems = gridProblems(baseline: baseline, current: current)
        let judge = MetricJudge(thresholds: thresholds)
        for cell in matched {
            let base = baseline.cell(cell.axes)!
            if let problem = statusProblem(baseline: base, current: cell) { comparison.cellProblems.append(problem) }
            for metric in CompareMetric.allCases {
                guard let baseValues = values(metric, of: base, in: baseline),
                      let currentValues = values(metric, of: cell, in: current) else { continue }
                comparison.metrics.append(judge.judge(metric: metric, cell: cell.axes, cellID: cell.cellID,
                                                      baseline: baseValues, current: currentValues, gated: mode.gates(metric)))
            }
        }
        if current.reference(for: matched[0].axes) == nil {
            let reference = current.referenceThreads
            comparison.notes.append("no reference cell (engine \(reference.engineThreads) x intra-op \(reference.intraOpThreads)) in the current run: normalised metrics skipped")
        }
        comparison.overall = CompareMetric.allCases.compactMap { metric in
            OverallComparison(metric: metric, comparisons: comparison.metrics.filter { $0.metric == metric }, thresholds: thresholds,
                              gated: mode.gates(metric))
        }
        let regressed = !comparison.regressions.isEmpty || !comparison.overallRegressions.isEmpty
            || comparison.cellProblems.contains(where: \.isRegression)
        comparison.outcome = regressed ? .regression : .pass
        return comparison
    }

    /// The metric's values in `cell`: as measured, or divided by the median of the run's reference
    /// cell. Nil for a normalised metric of the reference cell itself (always 1) or without a reference.
    func values(_ metric: CompareMetric, of cell: CellRuns, in run: RunResults) -> [Double]? {
        let measured = cell.values(metric.measured)
        guard metric.basis == .normalised else { return measured }
        guard let reference = run.reference(for: cell.axes), reference.axes != cell.axes,
              let referenceMedian = Descriptive.median(reference.values(metric.measured)), referenceMedian > 0 else { return nil }
        return measured.map { $0 / referenceMedian }
    }

    func statusProblem(baseline: CellRuns, current: CellRuns) -> CellProblem? {
        let baseShare = Double(baseline.okRows.count) / Double(max(1, baseline.rows.count))
        let currentShare = Double(current.okRows.count) / Double(max(1, current.rows.count))
        guard current.notOKCount > 0, currentShare < baseShare else { return nil }
        let statuses = current.rows.filter { !$0.isOK }.map { "r\($0[.repetition]) \($0[.status])" }.joined(separator: ", ")
        return CellProblem(cell: current.axes, cellID: current.cellID, kind: .runsNotOK,
                           message: "\(current.okRows.count)/\(current.rows.count) runs ok (baseline \(baseline.okRows.count)/\(baseline.rows.count)): \(statuses)")
    }

    func gridProblems(baseline: RunResults, current: RunResults) -> [CellProblem] {
        let currentCells = Set(current.cells.map(\.axes))
        let baselineCells = Set(baseline.cells.map(\.axes))
        let missing = baseline.cells.filter { !currentCells.contains($0.axes) }.map {
            CellProblem(cell: $0.axes, cellID: $0.cellID, kind: .missingFromCurrent, message: "in the baseline, not in the current run: not compared")
        }
        let added = current.cells.filter { !baselineCells.contains($0.axes) }.map {
            CellProblem(cell: $0.axes, cellID: $0.cellID, kind: .newInCurrent, message: "new in the current run: no baseline to compare with")
        }
        return missing + added
    }
}
