import Results

/// Checks expectations against one run's results. Cells are summarised by the median of their ok
/// repetitions; a claim that needs a cell the run does not have (or whose runs all failed) fails,
/// saying which cell is missing: a broken engine must not pass by having no numbers.
public struct ExpectationEvaluator: Sendable {
    public var run: RunResults

    public init(run: RunResults) {
        self.run = run
    }

    public func evaluate(_ expectations: [Expectation], source: String) -> CheckReport {
        CheckReport(run: run.source, source: source, results: expectations.map(evaluate))
    }

    public func evaluate(_ expectation: Expectation) -> ExpectationResult {
        var result = ExpectationResult(name: expectation.name, claim: expectation.claim, passed: false, measured: "", details: [])
        switch expectation {
        case .allOK:
            let rows = run.rows
            let bad = rows.filter { !$0.isOK }
            result.passed = bad.isEmpty && !rows.isEmpty
            result.measured = "\(rows.count - bad.count)/\(rows.count) runs ok"
            result.details = bad.prefix(10).map { "\($0[.cellID]) r\($0[.repetition]): \($0[.status]) \($0[.error])" }
        case .digestsEqual:
            let check = DigestCheck(rows: run.rows)
            let hasDigest = check.groups.contains { !$0.digest.isEmpty }
            result.passed = check.isConsistent && hasDigest
            result.measured = check.groups.isEmpty ? "no ok run"
                : !hasDigest ? "ok runs recorded no digest"
                : check.isConsistent && check.groups.count == 1 ? "1 digest (\(check.digest ?? "")) over \(check.groups[0].runs.count) ok runs"
                : check.isConsistent ? "1 digest per work: " + check.groups.map {
                    "\($0.workLabel) \($0.digest.isEmpty ? "(none)" : $0.digest) (\(CountText.of($0.runs.count, "run")))"
                }.joined(separator: "; ")
                : "\(check.groups.count) different digests"
            if !check.isConsistent {
                result.details = check.groups.map { "\($0.digest.isEmpty ? "(none)" : $0.digest): \(CountText.of($0.runs.count, "run")), e.g. \($0.runs.first.map { "\($0)" } ?? "")" }
            }
        case .fastestIntraAtMaxEngine(let claim):
            evaluateFastest(claim, into: &result)
        case .oversubscription(let step):
            evaluateStep(step, worse: true, into: &result)
        case .scaling(let step):
            evaluateStep(step, worse: false, into: &result)
        case .allocatorRSSReduction(let claim):
            evaluateReduction(claim, into: &result)
        }
        return result
    }

    /// Cells grouped by what an engine/intra-op claim holds fixed (allocator, tuning, wait policy, mode).
    func families(allocator: String?) -> [(family: CellAxes, cells: [CellRuns])] {
        var groups: [CellAxes: [CellRuns]] = [:]
        for cell in run.cells where allocator == nil || cell.axes.allocator == allocator || cell.axes.allocatorLabel == allocator {
            groups[cell.axes.family, default: []].append(cell)
        }
        return groups.keys.sorted().map { ($0, groups[$0]!) }
    }

    /// "glibc", or "jemalloc (oversize_threshold:0), omp-passive": what distinguishes a family in messages.
    func familyName(_ family: CellAxes) -> String {
        var parts = [family.allocatorLabel]
        if family.ompWaitPolicy != "default" { parts.append("omp-\(family.ompWaitPolicy)") }
        if family.engineMode != "threads" { parts.append(family.engineMode) }
        if family.interOpThreads != 1 { parts.append("inter-op \(family.interOpThreads)") }
        return parts.joined(separator: ", ")
    }

    func evaluateFastest(_ claim: Expectation.FastestIntra, into result: inout ExpectationResult) {
        let groups = families(allocator: claim.allocator)
        guard !groups.isEmpty else {
            result.measured = "no cells\(claim.allocator.map { " with allocator \($0)" } ?? "")"
            return
        }
        var allPass = true
        var summaries: [String] = []
        for (family, cells) in groups {
            let maxEngine = cells.map(\.axes.engineThreads).max()!
            let candidates = cells.filter { $0.axes.engineThreads == maxEngine }
                .compactMap { cell in cell.median(claim.metric).map { (intra: cell.axes.intraOpThreads, value: $0) } }
                .sorted { better($0.value, than: $1.value, claim.metric.polarity) }
            let listing = candidates.map { "intra \($0.intra) \(NumberText.adaptive($0.value))" }.joined(separator: ", ")
            guard let best = candidates.first else {
                allPass = false
                summaries.append("\(familyName(family)): no ok cell at engine \(maxEngine)")
                continue
            }
            var pass = best.intra == claim.intra
            var text = "\(familyName(family)) at engine \(maxEngine): best is intra \(best.intra) (\(listing) \(claim.metric.column))"
            if candidates.count > 1 {
                let lead = claim.metric.polarity.worsePercent(from: best.value, to: candidates[1].value) ?? 0
                text += ", next is \(NumberText.fixed(lead, 1))% worse"
                if pass && lead < claim.marginPercent { pass = false }
            } else if !candidates.contains(where: { $0.intra == claim.intra }) {
                pass = false
            }
            if !candidates.contains(where: { $0.intra == claim.intra }) { text += "; no ok cell with intra \(claim.intra)" }
            allPass = allPass && pass
            summaries.append((pass ? "" : "FAILS: ") + text)
        }
        result.passed = allPass
        result.measured = summaries.count == 1 ? summaries[0] : "\(summaries.filter { !$0.hasPrefix("FAILS") }.count)/\(summaries.count) allocators hold"
        if summaries.count > 1 { result.details = summaries }
    }

    func evaluateStep(_ step: Expectation.EngineStep, worse: Bool, into result: inout ExpectationResult) {
        let groups = families(allocator: step.allocator)
        guard !groups.isEmpty else {
            result.measured = "no cells\(step.allocator.map { " with allocator \($0)" } ?? "")"
            return
        }
        var allPass = true
        var summaries: [String] = []
        var worstChange: Double?
        for (family, _) in groups {
            let from = run.cell(family.with(engineThreads: step.engineFrom, intraOpThreads: step.intra))?.median(step.metric)
            let to = run.cell(family.with(engineThreads: step.engineTo, intraOpThreads: step.intra))?.median(step.metric)
            guard let from, let to, let worsePercent = step.metric.polarity.worsePercent(from: from, to: to) else {
                allPass = false
                summaries.append("FAILS: \(familyName(family)): no ok cell for engine \(step.engineFrom) or \(step.engineTo) at intra \(step.intra)")
                continue
            }
            let change = worse ? worsePercent : -worsePercent
            let pass = change >= step.atLeastPercent
            worstChange = min(worstChange ?? change, change)
            allPass = allPass && pass
            summaries.append((pass ? "" : "FAILS: ")
                + "\(familyName(family)): \(step.metric.column) \(NumberText.adaptive(from)) -> \(NumberText.adaptive(to)), "
                + "\(NumberText.fixed(change, 1))% \(worse ? "worse" : "better")")
        }
        result.passed = allPass
        result.measured = summaries.count == 1 ? summaries[0]
            : "least: \(NumberText.fixed(worstChange, 1))% \(worse ? "worse" : "better") (\(summaries.filter { !$0.hasPrefix("FAILS") }.count)/\(summaries.count) allocators hold)"
        if summaries.count > 1 { result.details = summaries }
    }

    func evaluateReduction(_ claim: Expectation.AllocatorReduction, into result: inout ExpectationResult) {
        let candidates = run.cells.filter {
            $0.axes.allocatorLabel == claim.allocator || ($0.axes.allocator == claim.allocator && $0.axes.mallocConf.isEmpty)
        }.filter { cell in
            (claim.engineThreads.map { cell.axes.engineThreads == $0 } ?? true) && (claim.intra.map { cell.axes.intraOpThreads == $0 } ?? true)
        }
        var pairs: [(label: String, reduction: Double?, text: String)] = []
        for cell in candidates {
            var other = cell.axes
            other.allocator = claim.versus
            other.mallocConf = ""
            guard let versus = run.cell(other) else { continue }
            let a = cell.median(claim.metric), b = versus.median(claim.metric)
            let label = "e\(cell.axes.engineThreads) i\(cell.axes.intraOpThreads)"
            guard let a, let b, b != 0 else {
                pairs.append((label, nil, "\(label): no ok runs to compare"))
                continue
            }
            let reduction = (b - a) / b * 100
            pairs.append((label, reduction, "\(label): \(claim.versus) \(NumberText.adaptive(b)), \(claim.allocator) \(NumberText.adaptive(a)): \(NumberText.fixed(reduction, 1))% lower"))
        }
        guard !pairs.isEmpty else {
            result.measured = "no cell pairs of \(claim.allocator) and \(claim.versus) with the same other settings"
            return
        }
        let failing = pairs.filter { ($0.reduction ?? -.infinity) < claim.atLeastPercent }
        result.passed = failing.isEmpty
        let least = pairs.min { ($0.reduction ?? -.infinity) < ($1.reduction ?? -.infinity) }!
        result.measured = "least reduction \(least.reduction.map { NumberText.fixed($0, 1) + "%" } ?? "unknown") (\(least.label)), \(pairs.count - failing.count)/\(pairs.count) cells hold"
        result.details = pairs.map { (($0.reduction ?? -.infinity) < claim.atLeastPercent ? "FAILS: " : "") + $0.text }
    }

    func better(_ a: Double, than b: Double, _ polarity: Polarity) -> Bool {
        polarity == .prefersSmaller ? a < b : a > b
    }
}
