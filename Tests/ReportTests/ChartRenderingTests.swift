import Foundation
import Testing
@testable import Report
import Results

@Suite("Charts rendered from the fixture runs")
struct ChartRenderingTests {
    static let allCharts = [
        "fig3-cpu-utilisation", "fig4-processing-time", "fig5-rss-timeline", "throughput-heatmap",
        "stage-breakdown", "context-switches", "peak-threads", "allocator-comparison", "allocator-pareto",
        "allocator-growth",
    ]

    @Test func fullRunWritesEveryChartAsPNGAndSVG() throws {
        let dir = try Fixture.copy("run")
        defer { Fixture.remove(dir) }
        let outcome = try ChartRenderer.render(runDirectory: dir, formats: [.png, .svg])

        #expect(outcome.failures.isEmpty, "\(outcome.failures)")
        #expect(outcome.charts.map(\.name) == Self.allCharts)
        for chart in outcome.charts {
            for format in ChartFormat.allCases {
                let url = try #require(chart.files[format], "\(chart.name) has no \(format)")
                #expect(url.deletingLastPathComponent().lastPathComponent == "charts")
                let data = try Data(contentsOf: url)
                #expect(data.count > 1000, "\(url.lastPathComponent) is \(data.count) bytes")
                if format == .png { #expect(data.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47])) }
            }
        }
        #expect(outcome.notes.contains { $0.contains("left out 2 row(s)") && $0.contains("failed 1") && $0.contains("timeout 1") })
        #expect(!outcome.notes.contains { $0.contains("skipped") })
    }

    @Test func svgsNameTheirSeriesAxesAndMachine() throws {
        let dir = try Fixture.copy("run")
        defer { Fixture.remove(dir) }
        let outcome = try ChartRenderer.render(runDirectory: dir, formats: [.svg])

        let fig3 = try outcome.svgText("fig3-cpu-utilisation")
        for text in ["intra-op 1", "intra-op 2", "intra-op 4", "glibc", "jemalloc", "engine threads (log2 scale)",
                     "CPU utilisation (% of all 16 cores)", "Synthetic CPU (test fixture)", "git 0123456789ab"] {
            #expect(fig3.contains(text), "fig3 lacks \(text)")
        }
        let fig4 = try outcome.svgText("fig4-processing-time")
        #expect(fig4.contains("processing time (s)"))
        #expect(fig4.contains("median of 2 repetitions, bars: min–max"))
        let fig5 = try outcome.svgText("fig5-rss-timeline")
        for text in ["glibc: sampled peak", "jemalloc: sampled peak", "resident set size, RSS (MiB)", "time since the cell started (s)",
                     "engine threads 8, intra-op 1, repetition 1"] {
            #expect(fig5.contains(text), "fig5 lacks \(text)")
        }
        let heat = try outcome.svgText("throughput-heatmap")
        #expect(heat.contains("throughput (x real time)") && heat.contains("intra-op threads"))
        let stages = try outcome.svgText("stage-breakdown")
        for stage in ["validation", "segmentation", "features", "inference", "post-processing"] {
            #expect(stages.contains(stage), "stage-breakdown lacks \(stage)")
        }
        #expect(try outcome.svgText("context-switches").contains("involuntary context switches (count)"))
        #expect(try outcome.svgText("peak-threads").contains("peak OS threads (count)"))
        let allocators = try outcome.svgText("allocator-comparison")
        for text in ["peak RSS (MiB)", "average RSS (MiB)", "processing time (s)", "glibc", "jemalloc"] {
            #expect(allocators.contains(text), "allocator-comparison lacks \(text)")
        }
        let pareto = try outcome.svgText("allocator-pareto")
        for text in ["throughput (x real time)", "average RSS (MiB)", "Pareto front (", "glibc", "jemalloc"] {
            #expect(pareto.contains(text), "allocator-pareto lacks \(text)")
        }
        // The fixture has no late slope: the whole-span one, named on the axis.
        let growth = try outcome.svgText("allocator-growth")
        for text in [Metric.rssSlopeMiBPerHour.titleWithUnit, "glibc", "jemalloc", "whole run after warm-up"] {
            #expect(growth.contains(text), "allocator-growth lacks \(text)")
        }
    }

    @Test func partialRunSaysWhatIsMissingAndDrawsTheRest() throws {
        let dir = try Fixture.copy("partial")
        defer { Fixture.remove(dir) }
        let outcome = try ChartRenderer.render(runDirectory: dir, formats: [.svg])

        #expect(outcome.failures.isEmpty, "\(outcome.failures)")
        #expect(outcome.notes.contains("fig5 skipped: only one allocator in this run (glibc)"))
        #expect(outcome.notes.contains("allocator-comparison skipped: only one allocator in this run (glibc)"))
        #expect(outcome.notes.contains { $0.contains("only one intra-op setting in this run (1)") })
        #expect(outcome.notes.contains("allocator-pareto skipped: only one allocator in this run (glibc)"))
        #expect(outcome.charts.map(\.name) == Self.allCharts.filter {
            $0 != "fig5-rss-timeline" && $0 != "allocator-comparison" && $0 != "allocator-pareto"
        })
        let fig4 = try outcome.svgText("fig4-processing-time")
        #expect(fig4.contains("intra-op 1") && fig4.contains("glibc"))
        #expect(fig4.contains("median of 3 repetitions"))
        // meta.json lacks the commit: the footer says so rather than failing.
        #expect(fig4.contains("git unknown"))
    }

    @Test func onlyTheRequestedFormatIsWritten() throws {
        let dir = try Fixture.copy("partial")
        defer { Fixture.remove(dir) }
        let outcome = try ChartRenderer.render(runDirectory: dir, formats: [.png])
        #expect(outcome.charts.allSatisfy { $0.files.keys.sorted { $0.rawValue < $1.rawValue } == [.png] })
        let svgs = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("charts").path)
            .filter { $0.hasSuffix(".svg") }
        #expect(svgs.isEmpty)
    }

    @Test func missingResultsIsAnError() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("arbench-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(throws: RunDataError.self) { try ChartRenderer.render(runDirectory: empty) }
    }
}
