import Results
/// What `check` prints: each expectation with the figure that decided it.
public enum CheckDocument {
    public static func make(_ report: CheckReport) -> ReportDocument {
        let failed = report.results.filter { !$0.passed }
        let heading = report.results.isEmpty ? "arbench check: no expectations (exit 0)"
            : failed.isEmpty ? "arbench check: all \(CountText.of(report.results.count, "expectation")) hold (exit 0)"
            : "arbench check: \(failed.count) of \(report.results.count) expectations FAIL (exit 2)"
        let table = ReportTable(
            title: "Expectations", headers: ["result", "expectation", "claim", "measured"],
            rows: report.results.map { [$0.passed ? "ok" : "FAIL", $0.name, $0.claim, $0.measured] })
        let details = ReportTable(
            title: "Details", headers: ["expectation", "detail"],
            rows: report.results.flatMap { result in result.details.map { [result.name, $0] } })
        return ReportDocument(heading: heading, lines: ["run: `\(report.run)`", "expectations from: `\(report.source)`"],
                              tables: [table, details])
    }
}
