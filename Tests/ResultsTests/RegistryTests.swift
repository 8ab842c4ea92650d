import Foundation
import Testing
@testable import Results

@Suite("The registry of metrics and axes")
struct RegistryTests {
    @Test func everyColumnIsDeclaredOnceWithWordsAndAUnitThatFitsItsKind() {
        #expect(Set(Metric.columns).count == Metric.all.count)
        for metric in Metric.all {
            #expect(!metric.label.isEmpty && !metric.meaning.isEmpty, "\(metric.column)")
            #expect(Metric.named(metric.column) == metric)
            // A direction only makes sense for a number.
            if metric.polarity != .neither { #expect(metric.isNumeric, "\(metric.column) has a polarity but no number") }
            // Settings and records are never gated on.
            if metric.kind == .axis { #expect(metric.polarity == .neither, "\(metric.column)") }
        }
        #expect(Metric.named("no_such_column") == nil)
    }

    @Test func theGatedFiguresPointTheRightWay() {
        #expect(Metric.throughput.polarity == .prefersLarger)
        for metric in [Metric.wallSeconds, .processingSeconds, .rssPeakMiB, .rssAverageMiB, .latencyP99Ms, .involuntaryContextSwitches] {
            #expect(metric.polarity == .prefersSmaller, "\(metric.column)")
        }
        #expect(Metric.processingSeconds.titleWithUnit == "processing time (s)")
        #expect(Metric.rssPeakMiB.titleWithUnit == "peak RSS (MiB)")
        #expect(Polarity.neither.worsePercent(from: 1, to: 2) == nil)
        #expect(Polarity.prefersLarger.worsePercent(from: 100, to: 75) == 25)
    }

    @Test func aRowIsReadAndWrittenByMetric() {
        var row = ResultRow(values: [:])
        row[.processingSeconds] = "1.5"
        #expect(row["processing_s"] == "1.5" && row.number(.processingSeconds) == 1.5)
        #expect(row.csvLine().split(separator: ",", omittingEmptySubsequences: false).count == Metric.all.count)
    }

    @Test func metricsEncodeAsTheirColumnNameAndUnknownNamesAreRefused() throws {
        let data = try JSONEncoder().encode([Metric.rssAverageMiB])
        #expect(String(decoding: data, as: UTF8.self) == #"["rss_avg_mb"]"#)
        #expect(try JSONDecoder().decode([Metric].self, from: data) == [.rssAverageMiB])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Metric].self, from: Data(#"["rss_avg"]"#.utf8)) }
    }

    @Test func theCatalogListsEveryColumnInEachFormat() throws {
        let markdown = MetricCatalog.render(.markdown)
        let csv = MetricCatalog.render(.csv)
        for metric in Metric.all {
            #expect(markdown.contains("| `\(metric.column)` |"))
            #expect(csv.contains("\n\(metric.column),"))
        }
        for column in TimelineFile.columns { #expect(markdown.contains("| `\(column)` |")) }
        let json = try JSONSerialization.jsonObject(with: Data(MetricCatalog.render(.json).utf8)) as? [[String: String]]
        #expect(json?.count == Metric.all.count)
        #expect(json?.first { $0["column"] == "throughput_x" }?["polarity"] == "prefers-larger")
    }
}
