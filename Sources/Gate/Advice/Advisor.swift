import Results

/// Picks the setting a user came for from a finished (or partial) run: the cells that meet every
/// constraint (on their medians), ranked by the objective's median; a cell is "within noise" of the
/// pick when a Mann-Whitney U test over their repetitions gives p >= alpha (the gate's test), so the
/// answer says "best by 12%, p = 0.002" or "a tie among these 3", never more than the data holds.
public struct Advisor: Sendable {
    public var objective: AdviceObjective
    public var constraints: [AdviceConstraint]
    public var alpha: Double
    /// Runners-up shown after the ties.
    public var runnersUpShown: Int

    public init(objective: AdviceObjective = .throughput, constraints: [AdviceConstraint] = [], alpha: Double = 0.05,
                runnersUpShown: Int = 3) {
        self.objective = objective
        self.constraints = constraints
        self.alpha = alpha
        self.runnersUpShown = runnersUpShown
    }

    public func advise(_ run: RunResults) -> Advice {
        var notes: [String] = []
        let measured = run.cells.filter { cell in cell.okRows.contains { objective.value(in: $0) != nil } }
        let unmeasured = run.cells.count - measured.count
        if unmeasured > 0 {
            notes.append("based on \(measured.count) of \(run.cells.count) cells: \(unmeasured) have no ok run with \(objective.metric.column)")
        }

        var excluded: [Advice.Exclusion] = []
        var feasible: [CellRuns] = []
        var worstMiss: [(cell: CellRuns, exclusion: Advice.Exclusion)] = []
        for cell in measured {
            let misses = self.misses(cell)
            if misses.isEmpty {
                feasible.append(cell)
            } else {
                excluded += misses
                worstMiss.append((cell, misses.max { ($0.miss ?? .infinity) < ($1.miss ?? .infinity) }!))
            }
        }

        // Keyed by axes, not cell_id: a damaged results.csv can give two cells one id.
        let values = Dictionary(measured.map { ($0.axes, $0.okRows.compactMap(objective.value(in:))) }, uniquingKeysWith: { a, _ in a })
        func median(_ cell: CellRuns) -> Double { Descriptive.median(values[cell.axes]!)! }
        let ranked = feasible.sorted { a, b in
            let (x, y) = (median(a), median(b))
            if x != y { return objective.better(x, than: y) }
            return a.axes < b.axes
        }

        guard let best = ranked.first else {
            let closest = worstMiss.sorted { ($0.exclusion.miss ?? .infinity) < ($1.exclusion.miss ?? .infinity) }.prefix(3).map(\.exclusion)
            return Advice(source: run.source, objective: objective, constraints: constraints.map(\.description),
                          cellsTotal: run.cells.count, cellsWithOKRuns: measured.count, pick: nil, deployment: nil, ties: [], runnersUp: [],
                          confidence: .untested, alpha: alpha, pareto: [], excluded: excluded, closest: Array(closest), notes: notes)
        }

        let bestValue = median(best)
        func candidate(_ cell: CellRuns) -> Advice.Candidate {
            let value = median(cell)
            let worse = bestValue == 0 ? 0 : (objective.prefersLarger ? (bestValue - value) / bestValue : (value - bestValue) / bestValue)
            let (p, beyond, evidence) = cell.axes == best.axes ? (nil, false, "-") : judge(values[best.axes]!, values[cell.axes]!)
            return .init(cellID: cell.cellID, axes: cell.axes, okRuns: cell.okRows.count, objective: value,
                         throughput: cell.median(.throughput), peakRSS: cell.median(.rssPeakMiB), p99: cell.median(.latencyP99Ms),
                         worseBy: worse, pValue: p, worse: beyond, evidence: evidence)
        }
        // Each cell judged once: the pick, the others, and the front all read these.
        let all = ranked.map(candidate)
        let others = all.dropFirst()
        let ties = others.filter { !$0.worse }
        let runnersUp = others.filter(\.worse).prefix(runnersUpShown)
        let confidence: Advice.Confidence
        if others.isEmpty {
            confidence = .onlyOne
        } else if values[best.axes]!.count < 2 {
            confidence = .untested
        } else {
            confidence = ties.isEmpty ? .clear : .tie
        }

        // The front's first axis is the objective (throughput offline, capacity, load p99...), then peak RSS and p99.
        let front = ParetoFront.indices(all.map { c in
            c.peakRSS.map { [objective.prefersLarger ? c.objective : -c.objective, -$0, -(c.p99 ?? 0)] }
        })
        if all.contains(where: { $0.p99 == nil }) { notes.append("p99 latency not measured in every cell: the front weighs it as equal where missing") }
        return Advice(source: run.source, objective: objective, constraints: constraints.map(\.description),
                      cellsTotal: run.cells.count, cellsWithOKRuns: measured.count, pick: all[0],
                      deployment: DeploymentSnippet(axes: best.axes, row: best.okRows.first), ties: ties,
                      runnersUp: Array(runnersUp), confidence: confidence, alpha: alpha, pareto: front.map { all[$0] },
                      excluded: excluded, closest: [], notes: notes)
    }

    /// The constraints `cell` misses, on its medians (none: it is feasible).
    func misses(_ cell: CellRuns) -> [Advice.Exclusion] {
        constraints.compactMap { constraint in
            // An axis column is the cell's own value (cpu_quota `none` reads as unlimited).
            let axisValue = Axis.named(constraint.metric.column).flatMap { $0.number($0.value(in: cell.axes)) }
            guard let median = axisValue ?? cell.median(constraint.metric) else {
                return .init(cellID: cell.cellID, axes: cell.axes, constraint: "\(constraint) (not measured)", median: nil, miss: nil)
            }
            return constraint.holds(median) ? nil
                : .init(cellID: cell.cellID, axes: cell.axes, constraint: constraint.description, median: median, miss: constraint.miss(median))
        }
    }

    /// The objective's median in every cell that has one and meets every constraint: what the pick is
    /// the best of (`tune --replay` scores its picks against these).
    public func feasibleMedians(_ run: RunResults) -> [CellAxes: Double] {
        var medians: [CellAxes: Double] = [:]
        for cell in run.cells where misses(cell).isEmpty {
            if let median = Descriptive.median(cell.okRows.compactMap(objective.value(in:))), medians[cell.axes] == nil {
                medians[cell.axes] = median
            }
        }
        return medians
    }

    /// Is `other` worse than the pick beyond noise? The gate's rule: a Mann-Whitney U test when the
    /// repetitions can reach alpha at all (the smallest two-sided exact p is 2 / C(n1+n2, n1): 0.10 for
    /// 3 against 3), else every repetition of `other` beyond every one of the pick's ("ranges apart"), with
    /// the chance of that at random stated: 2 / C(n1+n2, n1), as two cells of one setting would show it.
    /// One run a side separates nothing (two single values always differ): "too few runs". Counts are
    /// written pick's v the cell's ("3v3").
    func judge(_ pick: [Double], _ other: [Double]) -> (p: Double?, worse: Bool, evidence: String) {
        if Self.smallestP(pick.count, other.count) < alpha, let test = MannWhitneyU(pick, other) {
            return (test.pValue, test.pValue < alpha, NumberText.pValue(test.pValue))
        }
        let counts = "\(pick.count)v\(other.count)"
        guard let pickLow = pick.min(), let pickHigh = pick.max(), let low = other.min(), let high = other.max() else {
            return (nil, false, "-")
        }
        if min(pick.count, other.count) < 2 { return (nil, false, "too few runs (\(counts))") }
        let apart = objective.prefersLarger ? high < pickLow : low > pickHigh
        // Apart counts as worse only when that is as rare at random as the test's own bar (2 x alpha two-sided:
        // 3v3 is 10%); 2v2 runs fall apart a third of the time, which separates nothing.
        let chance = Self.smallestP(pick.count, other.count)
        let text = apart ? "apart (\(counts), \(NumberText.share(chance)) by chance)" : "overlap (\(counts))"
        return (nil, apart && chance <= 2 * alpha + 1e-12, text)
    }

    /// The smallest two-sided p an exact Mann-Whitney test of n1 against n2 values can give.
    static func smallestP(_ n1: Int, _ n2: Int) -> Double {
        guard n1 > 0, n2 > 0 else { return 1 }
        var combinations = 1.0
        for i in 0..<min(n1, n2) { combinations = combinations * Double(n1 + n2 - i) / Double(i + 1) }
        return min(1, 2 / combinations)
    }
}
