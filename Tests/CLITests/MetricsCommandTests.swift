import Foundation
import Testing

/// `arbench metrics` prints the registry, and the README's column table is its Markdown, unedited.
@Suite struct MetricsCommandTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md").path

    @Test func theREADMETableIsTheRegistrysMarkdown() throws {
        let result = try CLITests.arbench(["metrics", "--format", "markdown"])
        #expect(result.status == 0)
        let text = try String(contentsOfFile: Self.readme, encoding: .utf8)
        let begin = "<!-- arbench metrics --format markdown: begin -->\n", end = "<!-- arbench metrics --format markdown: end -->"
        let start = try #require(text.range(of: begin)), stop = try #require(text.range(of: end))
        #expect(String(text[start.upperBound..<stop.lowerBound]) == result.stdout,
                "README.md's column table is stale: replace it with `arbench metrics --format markdown`")
    }

    @Test func eachFormatListsTheColumnsAndABadFormatIsAUsageError() throws {
        let text = try CLITests.arbench(["metrics"])
        #expect(text.status == 0 && text.stdout.contains("processing_s") && text.stdout.contains("lower is better"))
        let csv = try CLITests.arbench(["metrics", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("column,unit,polarity,kind,label,meaning\n"))
        let bad = try CLITests.arbench(["metrics", "--format", "yaml"])
        #expect(bad.status == 64)
    }
}
