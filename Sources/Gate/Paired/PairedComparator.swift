import Results

/// Judges an A/B from its pairs: each pair's ratio current/base per metric, a Wilcoxon signed-rank
/// test per cell on the log ratios, and the all-cells geometric mean with its bootstrap interval.
///
/// A regression is (a) a cell whose current run failed where the base run was ok, (b) a cell and
/// metric with p < alpha and a median ratio worse than its per-cell limit, or (c) a metric whose
/// all-cells interval lies wholly above its overall limit. Pairs whose ok runs produced different
/// outputs make the A/B not comparable (exit 3, as `compare`'s outputs-changed): the builds did
/// different work, so their times say nothing about speed.
public struct PairedComparator: Sendable {
    public var thresholds: PairedThresholds

    public init(thresholds: PairedThresholds = .default) {
        self.thresholds = thresholds
    }

    /// `base` and `current`: each side's results.csv rows; `pairs`: pairs.csv.
    public func compare(directory: String, pairs: [PairRecord], base: [ResultRow], current: [ResultRow]) -> PairedComparison {
        let baseRows = Self.byKey(base), currentRows = Self.byKey(current)
        var notes: [String] = []
        var cellIDs: [String] = []
        var byCell: [String: [(base: ResultRow, current: ResultRow)]] = [:]
        for pair in pairs {
            guard let b = baseRows[pair.baseKey], let c = currentRows[pair.currentKey] else {
                notes.append("\(pair.cellID) pair \(pair.pair): a side's row is missing from results.csv; pair ignored")
                continue
            }
            if byCell[pair.cellID] == nil { cellIDs.append(pair.cellID) }
            byCell[pair.cellID, default: []].append((b, c))
        }

        var ratiosByMetric: [PairedMetric: [[Double]]] = [:]
        var cells: [PairedCell] = []
        for id in cellIDs.sorted() {
            let rows = byCell[id]!
            let ok = rows.filter { $0.base.isOK && $0.current.isOK }
            var metrics: [PairedCell.MetricResult] = []
            for metric in PairedMetric.allCases {
                let ratios = ok.compactMap { pair -> Double? in
                    guard let b = metric.value(in: pair.base), let c = metric.value(in: pair.current) else { return nil }
                    return metric.worseRatio(base: b, current: c)
                }
                ratiosByMetric[metric, default: []].append(ratios)
                metrics.append(judge(metric, ratios: ratios))
            }
            cells.append(PairedCell(
                cellID: id, pairs: rows.count,
                failedOnCurrentOnly: rows.filter { $0.base.isOK && !$0.current.isOK }.count,
                failedOnBaseOnly: rows.filter { !$0.base.isOK && $0.current.isOK }.count,
                failedOnBoth: rows.filter { !$0.base.isOK && !$0.current.isOK }.count,
                outputsDiffer: ok.filter { $0.base[.outputDigest] != $0.current[.outputDigest] }.count,
                metrics: metrics))
        }

        let overall = PairedMetric.allCases.map { metric in
            judgeOverall(metric, ratiosByCell: ratiosByMetric[metric] ?? [])
        }
        let outcome: GateOutcome
        if pairs.isEmpty || cells.isEmpty {
            notes.append("no finished pairs: nothing to judge")
            outcome = .notComparable
        } else if cells.contains(where: { $0.outputsDiffer > 0 }) {
            outcome = .outputsChanged
        } else if cells.contains(where: \.isRegression) || overall.contains(where: { $0.verdict == .regression }) {
            outcome = .regression
        } else {
            outcome = .pass
        }
        return PairedComparison(directory: directory, pairs: pairs.count, cells: cells, overall: overall,
                                thresholds: thresholds, notes: notes, outcome: outcome)
    }

    func judge(_ metric: PairedMetric, ratios: [Double]) -> PairedCell.MetricResult {
        guard let median = Descriptive.median(ratios) else {
            return .init(metric: metric, pairs: 0, medianRatio: nil, test: nil, verdict: .noData)
        }
        let limit = thresholds.limit(metric)
        let test = WilcoxonSignedRank(differences: ratios.map(\.logarithm))
        let worse = median > 1 + limit.cellPercent / 100
        let better = median < 1 / (1 + limit.cellPercent / 100)
        let verdict: Verdict
        if !worse && !better {
            verdict = .unchanged
        } else if test.pValue >= thresholds.alpha {
            verdict = .notSignificant
        } else if worse {
            verdict = limit.gated ? .regression : .notSignificant
        } else {
            verdict = .improvement
        }
        return .init(metric: metric, pairs: ratios.count, medianRatio: median, test: test, verdict: verdict)
    }

    func judgeOverall(_ metric: PairedMetric, ratiosByCell: [[Double]]) -> PairedComparison.Overall {
        let limit = thresholds.limit(metric)
        let interval = PairedBootstrap(ratiosByCell: ratiosByCell, confidence: thresholds.confidence,
                                       resamples: thresholds.resamples, seed: thresholds.seed)
        let verdict: Verdict
        let fewestPairs = ratiosByCell.filter { !$0.isEmpty }.map(\.count).min() ?? 0
        if let interval, fewestPairs < thresholds.minimumPairs {
            // Too few pairs for the interval to mean anything (PairedThresholds.minimumPairs): never gated.
            let beyond = interval.lower > 1 + limit.overallPercent / 100 || interval.upper < 1 / (1 + limit.overallPercent / 100)
            verdict = beyond ? .inconclusive : .unchanged
        } else if let interval {
            if interval.lower > 1 + limit.overallPercent / 100 {
                verdict = limit.gated ? .regression : .notSignificant
            } else if interval.upper < 1 / (1 + limit.overallPercent / 100) {
                verdict = .improvement
            } else {
                verdict = .unchanged
            }
        } else {
            verdict = .noData
        }
        return .init(metric: metric, cells: ratiosByCell.filter { !$0.isEmpty }.count, interval: interval,
                     thresholdPercent: limit.overallPercent, verdict: verdict)
    }

    static func byKey(_ rows: [ResultRow]) -> [RunKey: ResultRow] {
        var map: [RunKey: ResultRow] = [:]
        for row in rows { if let key = row.key, map[key] == nil { map[key] = row } }
        return map
    }
}
