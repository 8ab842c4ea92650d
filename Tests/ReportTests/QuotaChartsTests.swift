import Foundation
import Testing
@testable import Report
import Results

@Suite("Charts of CPU quota runs (no gnuplot)")
struct QuotaChartsTests {
    /// Two quotas x two intra-op settings, one cell without a quota (left off the quota axis).
    static func index() throws -> RunIndex {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("arbench-quota-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = """
        cell_id,repetition,status,engine_threads,intra_op_threads,allocator,cpu_quota,processing_s,throttled_time_s,budget_util_pct
        a,1,ok,2,default,glibc,0.5,9.0,4.0,99
        b,1,ok,2,default,glibc,1.5,4.0,1.0,97
        c,1,ok,2,budget,glibc,0.5,6.0,0.5,98
        d,1,ok,2,budget,glibc,1.5,3.0,0.2,96
        e,1,ok,2,budget,glibc,none,2.5,,60

        """
        try csv.write(to: dir.appendingPathComponent("results.csv"), atomically: true, encoding: .utf8)
        return RunIndex(try RunData.load(from: dir))
    }

    @Test func eachMetricIsDrawnAgainstTheQuotaWithALinePerIntraOpSetting() throws {
        let planning = ChartPlanner.plan(try Self.index())
        let names = planning.plans.map(\.name)
        #expect(["quota-processing-time", "quota-throttled-time", "quota-cpu-utilisation"].allSatisfy(names.contains), "\(names)")
        let throttled = try #require(planning.plans.first { $0.name == "quota-throttled-time" })
        #expect(throttled.figure.panels.count == 1)
        let series = throttled.figure.panels[0].series
        #expect(series.map(\.name).sorted() == ["intra-op budget", "intra-op default"])
        let byDefault = try #require(series.first { $0.name == "intra-op default" })
        #expect(byDefault.x == [0.5, 1.5] && byDefault.y == [4.0, 1.0])
        #expect(throttled.figure.panels[0].x.ticks.map(\.label) == ["0.5", "1.5"])
        // The cell without a quota has no place on the axis; the per-thread charts still show it, in its own panel.
        let processing = try #require(planning.plans.first { $0.name == "fig4-processing-time" })
        #expect(processing.figure.panels.count == 3, "a panel per quota, none included")
    }

    @Test func runsWithoutQuotasHaveNoQuotaChartsAndNoNoteAboutThem() throws {
        let planning = ChartPlanner.plan(try Fixture.index("run"))
        #expect(!planning.plans.contains { $0.name.hasPrefix("quota-") })
        #expect(!planning.notes.contains { $0.contains("quota") })
    }
}
