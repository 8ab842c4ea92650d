import Results

/// What `capacity` prints: the capacity with its evidence (the loads tried, p99 at the capacity and one
/// stream above it, segments and how many exceeded the bound, the rule applied).
public enum CapacityDocument {
    public static func make(_ outcome: CapacitySearch.Outcome, setting: String, boundMs: Double, pace: Double,
                            rule: LatencyBoundRule) -> ReportDocument {
        let bound = "\(NumberText.adaptive(boundMs)) ms"
        var lines = [
            "setting: \(setting); bound: p99 <= \(bound); pace \(String(format: "%g", pace))x real time",
            "rule: a load passes when it kept up with its clock and, at \(Int(rule.confidence * 100))% confidence (binomial), fewer than "
                + "\(NumberText.adaptive(rule.tail * 100))% of its segments exceed the bound (with none over, \(rule.minimumSegments) segments suffice)",
        ]
        let capacity = outcome.capacity
        if outcome.atLimit {
            lines.append("CAPACITY: at least \(capacity) streams (every load up to --max-streams passed)")
        } else {
            lines.append("CAPACITY: \(capacity) stream\(capacity == 1 ? "" : "s")")
        }
        if let at = outcome.probe(capacity), capacity > 0 {
            lines.append("  at \(capacity): p99 \(NumberText.adaptive(at.p99Ms)) ms, \(at.overBound) of \(at.segments) segments over \(bound)")
        } else if capacity == 0, let one = outcome.probe(1) {
            lines.append("  one stream already fails: p99 \(NumberText.adaptive(one.p99Ms)) ms (\(one.reason ?? "-"))")
        }
        if let above = outcome.probe(capacity + 1), capacity > 0 {
            lines.append("  at \(capacity + 1): p99 \(NumberText.adaptive(above.p99Ms)) ms, \(above.overBound) of \(above.segments) segments over: \(above.reason ?? "passed")")
        }
        lines.append("p99 of a load run more than once (too few segments in one run to decide): the worst run's")
        let table = ReportTable(
            title: "Loads tried", headers: ["streams", "runs", "p99 ms", "segments", "over bound", "kept up", "verdict"], numeric: [0, 1, 2, 3, 4],
            rows: outcome.probes.sorted { $0.streams < $1.streams }.map { p in
                [String(p.streams), String(p.runs), NumberText.adaptive(p.p99Ms), String(p.segments), String(p.overBound),
                 p.overloaded ? "overloaded" : p.keptUp ? "yes" : "no", p.reason ?? "pass"]
            })
        return ReportDocument(heading: "arbench capacity", lines: lines, tables: [table])
    }
}
