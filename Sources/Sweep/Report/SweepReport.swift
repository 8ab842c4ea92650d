import Foundation
import Gate
import Results

/// REPORT.md: what a person reads first after a sweep. Summary table, best cells, failures and
/// the output-digest check, all derived from results.csv.
public enum SweepReport {
    public static func markdown(specName: String, rows: [ResultRow], roles: [String: AxisRole]) -> String {
        let summaries = CellSummary.of(rows)
        let failed = rows.filter { !$0.isOK }
        let digests = DigestCheck(rows: rows)
        var out = "# Sweep `\(specName)`\n\n"
        out += "\(CountText.of(rows.count, "run")) of \(CountText.of(summaries.count, "cell")): \(rows.count - failed.count) ok, \(failed.count) not ok. "
        out += "Data: `results.csv` (one row per run), `timeline.csv` (RSS/CPU/threads every sample), `meta.json` (machine, versions, spec).\n\n"

        out += BestCells.markdown(rows: rows, roles: roles).dropLast()
        out += "\n## Summary (medians over ok repetitions)\n\n"
        out += "| cell | ok | processing s | wall s | cores used | CPU % | peak RSS MiB | avg RSS MiB | RSS slope MiB/h (late half) | throughput x | segment p99 ms |\n"
        out += "|---|---|---|---|---|---|---|---|---|---|---|\n"
        for s in summaries {
            out += "| `\(s.cellID)` | \(s.okRuns)/\(s.runs) | \(fmt(s.processingSeconds, 3)) | \(fmt(s.wallSeconds, 3)) | "
            out += "\(fmt(s.coresUsed, 2)) | \(fmt(s.cpuUtilPercent, 1)) | \(fmt(s.peakRSSMiB, 1)) | \(fmt(s.averageRSSMiB, 1)) | "
            out += "\(fmt(s.rssSlopeMiBPerHour, 1)) (\(fmt(s.rssLateSlopeMiBPerHour, 1))) | \(fmt(s.throughput, 1)) | \(fmt(s.latencyP99Ms, 2)) |\n"
        }

        out += "\n## Failed cells\n\n"
        if failed.isEmpty {
            out += "None.\n"
        } else {
            out += "| cell | repetition | status | signal | error | log |\n|---|---|---|---|---|---|\n"
            for row in failed {
                let stem = "\(row[.cellID])-r\(row[.repetition])"
                out += "| `\(row[.cellID])` | \(row[.repetition]) | \(row[.status]) | \(row[.signal]) | "
                out += "\(row[.error].replacingOccurrences(of: "|", with: "\\|")) | `cells/\(stem).log` |\n"
            }
        }

        out += "\n## Output digest\n\n"
        if digests.groups.isEmpty {
            out += "No ok run to compare.\n"
        } else if digests.groups.count == 1 {
            out += "All ok runs produced the same output (digest `\(digests.digest ?? "")`).\n"
        } else if digests.isConsistent {
            out += "The ok runs of each engine and load produced the same output:\n\n"
            for group in digests.groups {
                out += "- \(group.workLabel): `\(group.digest)` (\(CountText.of(group.runs.count, "run")))\n"
            }
        } else {
            out += "**Mismatch**: ok runs produced \(digests.groups.count) different outputs, so their timings do not compare the same work.\n\n"
            for group in digests.groups {
                let runs = group.runs.prefix(8).map { "`\($0)`" }.joined(separator: ", ")
                out += "- \(group.work.isEmpty ? "" : "\(group.work): ")`\(group.digest.isEmpty ? "(none)" : group.digest)`: \(CountText.of(group.runs.count, "run")) (\(runs)\(group.runs.count > 8 ? ", ..." : ""))\n"
            }
        }
        return out
    }

    static func fmt(_ value: Double?, _ decimals: Int) -> String {
        let text = CSVText.number(value, decimals: decimals)
        return text.isEmpty ? "–" : text
    }
}
