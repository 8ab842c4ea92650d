import Foundation
import Gate
@testable import Report
import Results
import Testing

/// `advise --report`: the Pareto chart of a run, and its REPORT.md section replaced, not repeated, on a second write.
@Suite struct AdviceReportTests {
    @Test func chartAndSectionAreWrittenAndReplaced() throws {
        let dir = try Fixture.copy("run")
        defer { Fixture.remove(dir) }
        let run = try RunLoader.load(dir.path)
        let limit = AdviceConstraint(metric: .rssPeakMiB, bound: .atMost, value: try #require(run.cells.compactMap { $0.median(.rssPeakMiB) }.sorted().dropFirst(2).first))
        let advice = Advisor(constraints: [limit]).advise(run)
        let plan = try #require(AdviceChart.plan(advice, run: run))
        let names = plan.figure.panels[0].series.map(\.name)
        #expect(names.contains("excluded by a constraint"))
        #expect(names.contains { $0.hasPrefix("Pareto front") })
        #expect(names.contains("pick: \(advice.pick!.axes.label)"))

        let before = "# Sweep report\n\nwhat the sweep wrote\n"
        try before.write(to: dir.appendingPathComponent("REPORT.md"), atomically: true, encoding: .utf8)
        let first = try AdviceReport.write(advice, run: run, formats: [.png, .svg])
        let png = try Data(contentsOf: dir.appendingPathComponent("charts/advise-pareto.png"))
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        #expect(first.files.map(\.lastPathComponent) == ["advise-pareto.png", "advise-pareto.svg", "REPORT.md"])
        _ = try AdviceReport.write(Advisor().advise(run), run: run, formats: [.svg])
        let report = try String(contentsOf: dir.appendingPathComponent("REPORT.md"), encoding: .utf8)
        #expect(report.hasPrefix(before))
        #expect(report.components(separatedBy: AdviceReport.beginMarker).count == 2)
        #expect(!report.contains("rss_peak_mb <="), "the second write (no constraint) replaced the first")
        #expect(report.contains("](charts/advise-pareto.svg)"))
    }
}
