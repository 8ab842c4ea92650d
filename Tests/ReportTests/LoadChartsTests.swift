import Foundation
import Testing
@testable import Report
import Results

@Suite("Charts of runs with loads (no gnuplot)")
struct LoadChartsTests {
    /// Engine threads 1 and 2 under 1 and 4 streams, and a capacity cell for each; an offline cell beside them.
    static func index() throws -> RunIndex {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("arbench-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = """
        cell_id,repetition,status,engine_threads,intra_op_threads,allocator,processing_s,scenario,streams,pace,load_p99_ms,load_samples,capacity_streams,capacity_bound_ms
        o1,1,ok,1,1,glibc,2.0,offline,,,,,,
        s11,1,ok,1,1,glibc,3.0,streams,1,10,12,100,,
        s14,1,ok,1,1,glibc,3.0,streams,4,10,90,400,,
        s21,1,ok,2,1,glibc,3.0,streams,1,10,10,100,,
        s24,1,ok,2,1,glibc,3.0,streams,4,10,30,400,,
        c1,1,ok,1,1,glibc,3.0,capacity,,10,80,500,6,100
        c2,1,ok,2,1,glibc,3.0,capacity,,10,70,900,11,100

        """
        try csv.write(to: dir.appendingPathComponent("results.csv"), atomically: true, encoding: .utf8)
        return RunIndex(try RunData.load(from: dir))
    }

    @Test func capacityAndLatencyAreDrawnPerLoad() throws {
        let planning = ChartPlanner.plan(try Self.index())
        let names = planning.plans.map(\.name)
        #expect(["capacity-vs-engine-threads", "load-p99-vs-engine-threads", "latency-vs-load"].allSatisfy(names.contains), "\(names)")
        let capacity = try #require(planning.plans.first { $0.name == "capacity-vs-engine-threads" })
        #expect(capacity.figure.title.contains("p99 <= 100 ms"))
        #expect(capacity.figure.panels.count == 1, "only the capacity cells have a capacity")
        #expect(capacity.figure.panels[0].series.first?.y == [6, 11])
        // The hockey stick: x = streams, one line per engine x intra-op setting.
        let stick = try #require(planning.plans.first { $0.name == "latency-vs-load" })
        let lines = stick.figure.panels[0].series
        #expect(lines.map(\.name) == ["e1 i1", "e2 i1"])
        #expect(lines[0].x == [1, 4] && lines[0].y == [12, 90])
        // Each load its own panel of p99 against engine threads (the two stream counts and capacity).
        let p99 = try #require(planning.plans.first { $0.name == "load-p99-vs-engine-threads" })
        #expect(p99.figure.panels.count == 3)
        // No metrics files here: the over-time chart says why it is missing.
        #expect(planning.notes.contains { $0.hasPrefix("latency-over-time skipped") })
    }

    @Test func runsWithoutLoadsHaveNoLoadCharts() throws {
        let planning = ChartPlanner.plan(try Fixture.index("run"))
        #expect(!planning.plans.contains { ["capacity-vs-engine-threads", "load-p99-vs-engine-threads", "latency-vs-load", "latency-over-time"].contains($0.name) })
    }

    /// A capacity run: fig4 (processing time, the paced audio's length) is not drawn, and the key tables
    /// rank by capacity, most first.
    @Test func capacityRunsRankByCapacityNotProcessingTime() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("arbench-cap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        cell_id,repetition,status,engine_threads,intra_op_threads,allocator,processing_s,scenario,pace,capacity_streams,capacity_bound_ms,rss_peak_mb
        c1,1,ok,1,1,glibc,6.01,capacity,100,21,100,300
        c4,1,ok,4,1,glibc,6.00,capacity,100,7,100,310

        """.write(to: dir.appendingPathComponent("results.csv"), atomically: true, encoding: .utf8)
        let index = RunIndex(try RunData.load(from: dir))
        let planning = ChartPlanner.plan(index)
        #expect(!planning.plans.contains { $0.name == "fig4-processing-time" })
        #expect(planning.notes.contains { $0.hasPrefix("fig4-processing-time not drawn") })
        let best = try #require(ChartReport.bestCellTables(index).first)
        #expect(best.title.contains("by capacity"))
        #expect(best.rows[0][1].text == index.cellLabel(index.configs.first { $0.engineThreads == 1 }!.comparable))
        let grid = try #require(ChartReport.processingTables(index).first)
        #expect(grid.title.hasPrefix("Capacity"))
        #expect(grid.rows[0][1].bold && !grid.rows[1][1].bold)
    }
}
