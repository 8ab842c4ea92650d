import Foundation
import Testing
@testable import Report

@Suite("REPORT.md charts section and report.html")
struct ChartReportTests {
    @Test func bestCellTablesPickTheFastestAndTheSmallestCell() throws {
        let index = try Fixture.index("run")
        let tables = ChartReport.bestCellTables(index)
        #expect(tables.count == 2)
        let byTime = tables[0], byRSS = tables[1]
        #expect(byTime.rows.map { $0[0].text } == ["glibc", "jemalloc"])
        #expect(byTime.rows.allSatisfy { $0[1].text == "engine threads 8, intra-op 1" })
        #expect(byRSS.rows.allSatisfy { $0[1].text.hasPrefix("engine threads 1,") })
        #expect(byTime.rows[0][2].bold && byRSS.rows[0][3].bold)
    }

    @Test func processingTableIsEngineByIntraPerAllocator() throws {
        let tables = ChartReport.processingTables(try Fixture.index("run"))
        #expect(tables.count == 2)
        let glibc = tables[0]
        #expect(glibc.title.hasSuffix("glibc"))
        #expect(glibc.header == ["engine threads", "intra-op 1", "intra-op 2", "intra-op 4"])
        #expect(glibc.rows.map { $0[0].text } == ["1", "2", "4", "8"])
        // Exactly one best cell, and it is engine 8 x intra-op 1.
        let bold = glibc.rows.enumerated().flatMap { r, row in row.enumerated().filter(\.element.bold).map { (r, $0.offset) } }
        #expect(bold.count == 1 && bold[0] == (3, 1))
    }

    @Test func markdownIsMergedIntoTheSweepReportAndReplacedOnRerun() throws {
        let dir = try Fixture.copy("run")
        defer { Fixture.remove(dir) }
        let reportURL = dir.appendingPathComponent("REPORT.md")
        let sweepText = "# Sweep synthetic-fixture\n\nWritten by the sweep.\n"
        try sweepText.write(to: reportURL, atomically: true, encoding: .utf8)

        let outcome = try ChartRenderer.render(runDirectory: dir, formats: [.png, .svg])
        try ChartReport.write(outcome)
        try ChartReport.write(outcome)
        let report = try String(contentsOf: reportURL, encoding: .utf8)

        #expect(report.hasPrefix(sweepText))
        #expect(report.components(separatedBy: ChartReport.beginMarker).count == 2)
        #expect(report.components(separatedBy: "## Charts").count == 2)
        for chart in ChartRenderingTests.allCharts { #expect(report.contains("(charts/\(chart).png)")) }
        #expect(report.contains("Best cell per allocator by processing time"))
        #expect(report.contains("Best cell per allocator by peak RSS"))
        #expect(report.contains("| engine threads | intra-op 1 | intra-op 2 | intra-op 4 |"))
        #expect(report.contains("left out 2 row(s)"))
    }

    @Test func mergeAppendsOrCreates() {
        let section = "\(ChartReport.beginMarker)\n## Charts\nnew\n\(ChartReport.endMarker)\n"
        #expect(ChartReport.merge(section: section, into: nil).hasPrefix("# Sweep report\n"))
        #expect(ChartReport.merge(section: section, into: "# R\ntext") == "# R\ntext\n\n" + section)
        let old = "# R\n\n\(ChartReport.beginMarker)\n## Charts\nold\n\(ChartReport.endMarker)\n\n## Later\n"
        #expect(ChartReport.merge(section: section, into: old) == "# R\n\n" + section + "\n## Later\n")
    }

    @Test func htmlIsSelfContainedWithEverySVGInline() throws {
        let dir = try Fixture.copy("partial")
        defer { Fixture.remove(dir) }
        let outcome = try ChartRenderer.render(runDirectory: dir, formats: [.svg])
        try ChartReport.write(outcome)
        let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)

        #expect(html.components(separatedBy: "<svg").count - 1 == outcome.charts.count)
        #expect(!html.contains("<?xml"))
        #expect(!html.contains("src=\"charts/") && !html.contains("href=\"charts/"))
        #expect(html.contains("fig5 skipped: only one allocator in this run (glibc)"))
        #expect(html.contains("intra-op 1"))
        // gnuplot reuses ids like gpPt0 in every SVG; inline, each chart gets its own.
        let regex = try NSRegularExpression(pattern: "\\sid=['\"]([^'\"]+)['\"]")
        let ids = regex.matches(in: html, range: NSRange(html.startIndex..., in: html))
            .map { String(html[Range($0.range(at: 1), in: html)!]) }
        #expect(!ids.isEmpty)
        #expect(Set(ids).count == ids.count, "duplicate ids in report.html")
    }

    /// report.html carries what the sweep wrote in REPORT.md (summary, failed cells, digest), not only charts.
    @Test func htmlCarriesTheSweepsOwnReport() throws {
        let dir = try Fixture.copy("partial")
        defer { Fixture.remove(dir) }
        let sweepPart = "# Sweep report: synthetic\n\n## Failed cells\n\n| cell | why |\n|---|---|\n| `x-r1` | exit 1 <bad> |\n\n## Output digest\n\nabc123\n"
        try sweepPart.write(to: dir.appendingPathComponent("REPORT.md"), atomically: true, encoding: .utf8)
        for _ in 0..<2 {   // a second plot replaces the charts section, and the page still has the sweep's part once
            try ChartReport.write(try ChartRenderer.render(runDirectory: dir, formats: [.svg]))
        }
        let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<h2>Sweep report (REPORT.md)</h2>"))
        #expect(html.contains("## Failed cells") && html.contains("exit 1 &lt;bad&gt;") && html.contains("abc123"))
        #expect(html.components(separatedBy: "## Output digest").count == 2)
        #expect(!html.contains("## Charts"), "only the sweep's part of REPORT.md, not its charts section")
    }
}
