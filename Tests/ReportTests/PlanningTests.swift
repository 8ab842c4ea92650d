import Foundation
import Testing
@testable import Report
import Results

@Suite("Reading runs and planning charts (no gnuplot)")
struct PlanningTests {
    @Test func statsOverRepetitions() throws {
        let odd = try #require(Stats([3, 1, 2]))
        #expect(odd.median == 2 && odd.min == 1 && odd.max == 3 && odd.count == 3)
        let even = try #require(Stats([4, 1, 2, 10, .nan]))
        #expect(even.median == 3 && even.count == 4)
        #expect(Stats([]) == nil)
    }

    @Test func resultsAreReadByColumnNameAndOnlyOkRowsCount() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("arbench-columns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // Columns in another order, one unknown column, one failed row with a quoted comma.
        let csv = """
        status,allocator,intra_op_threads,engine_threads,cell_id,processing_s,future_column,error,repetition
        ok,jemalloc,2,4,a,1.5,x,,2
        failed,jemalloc,2,8,b,,y,"boom, twice",1
        ok,glibc,1,4,c,2.5,z,,1

        """
        try csv.write(to: dir.appendingPathComponent("results.csv"), atomically: true, encoding: .utf8)
        let run = try RunData.load(from: dir)
        #expect(run.rows.count == 2)
        #expect(run.skippedByStatus == ["failed": 1])
        #expect(run.hasTimelineFile == false)
        #expect(run.meta.gitCommit == "unknown" && run.meta.cpuModel == "unknown")
        let je = try #require(run.rows.first { $0.config.allocator == "jemalloc" })
        #expect(je.config.engineThreads == 4 && je.config.intraOpThreads == 2 && je.value(.processingSeconds) == 1.5)
        #expect(je.config.engineMode == "threads" && je.config.ompWaitPolicy == "default" && je.repetition == 2)
        // glibc sorts before jemalloc whatever the file order.
        #expect(RunIndex(run).allocatorLabels == ["glibc", "jemalloc"])
    }

    @Test func metaIsReadThroughRunMetadataAndMissingPartsAreUnknown() throws {
        let sweep = try Fixture.index("run").run.meta
        #expect(sweep.cpuModel == "Synthetic CPU (test fixture)" && sweep.cores == "16")
        #expect(sweep.memoryGB == "32.0" && sweep.kernel == "6.1.0-test")
        #expect(sweep.experiment == "synthetic-fixture" && sweep.shortCommit == "0123456789ab")
        let simple = try Fixture.index("partial").run.meta  // no software block, no memory, no kernel
        #expect(simple.cores == "2" && simple.experiment == "synthetic-partial")
        #expect(simple.gitCommit == "unknown" && simple.memoryGB == "unknown" && simple.kernel == "unknown")
    }

    @Test func missingRequiredColumnIsNamed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("arbench-columns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "cell_id,status,engine_threads\na,ok,1\n".write(to: dir.appendingPathComponent("results.csv"),
                                                             atomically: true, encoding: .utf8)
        let error = #expect(throws: RunDataError.self) { try RunData.load(from: dir) }
        #expect(error?.description.contains("intra_op_threads") == true)
        #expect(error?.description.contains("allocator") == true)
    }

    @Test func mallocConfMakesItsOwnAllocatorLabel() {
        let plain = CellAxes(engineThreads: 1, intraOpThreads: 1, allocator: "jemalloc")
        let tuned = CellAxes(engineThreads: 1, intraOpThreads: 1, allocator: "jemalloc",
                               mallocConf: "oversize_threshold:0")
        #expect(plain.allocatorLabel == "jemalloc")
        #expect(tuned.allocatorLabel == "jemalloc (oversize_threshold:0)")
        #expect(plain.comparable == tuned.comparable)
    }

    @Test func threadAxisIsLog2WhenCountsDouble() {
        let doubling = ChartPlanner.threadAxis([1, 2, 4, 8, 16], label: "engine threads")
        #expect(doubling.logBase == 2)
        #expect(doubling.ticks.map(\.label) == ["1", "2", "4", "8", "16"])
        #expect(doubling.label == "engine threads (log2 scale)")
        let linear = ChartPlanner.threadAxis([1, 3, 5], label: "engine threads")
        #expect(linear.logBase == 0 && linear.min! < 1 && linear.max! > 5)
        let single = ChartPlanner.threadAxis([4], label: "engine threads")
        #expect(single.logBase == 0 && single.ticks.count == 1)
        #expect(ChartPlanner.threadAxis([0, 1, 2], label: "x").logBase == 0)
        // All of 1-16: a tick at each count, labels only where they do not run into each other.
        let full = ChartPlanner.threadAxis(Array(1...16), label: "engine threads")
        #expect(full.logBase == 2 && full.ticks.count == 16)
        #expect(full.ticks.map(\.label).filter { !$0.isEmpty } == ["1", "2", "3", "4", "6", "8", "12", "16"])
    }

    @Test func fig5UsesTheCellMostAllocatorsShareAtTheMostEngineThreads() throws {
        let planning = ChartPlanner.plan(try Fixture.index("run"))
        let fig5 = try #require(planning.plans.first { $0.name == "fig5-rss-timeline" })
        // glibc alone also has engine 8 x intra-op 2 samples; both allocators have engine 8 x intra-op 1.
        #expect(fig5.figure.title.contains("engine threads 8, intra-op 1, repetition 1"))
        let series = fig5.figure.panels[0].series
        #expect(series.count == 2)
        #expect(series[0].name.hasPrefix("glibc: sampled peak") && series[1].name.hasPrefix("jemalloc: sampled peak"))
        // glibc and jemalloc keep their own styles in every chart.
        #expect(series[0].style == 1 && series[1].style == 2)
        // Repetition 1 only (the fixture's repetition 2 runs 28 s, repetition 1 30 s).
        #expect(series[0].x.last == 30)
    }

    @Test func fig4HasMinMaxBarsAndSharedScale() throws {
        let planning = ChartPlanner.plan(try Fixture.index("run"))
        let fig4 = try #require(planning.plans.first { $0.name == "fig4-processing-time" })
        #expect(fig4.figure.panels.map(\.title) == ["glibc", "jemalloc"])
        let maxima = Set(fig4.figure.panels.map(\.y.max))
        #expect(maxima.count == 1)
        for panel in fig4.figure.panels {
            #expect(panel.series.map(\.name) == ["intra-op 1", "intra-op 2", "intra-op 4"])
            for s in panel.series {
                let low = try #require(s.errLow), high = try #require(s.errHigh)
                #expect(zip(zip(low, s.y), high).allSatisfy { $0.0 <= $0.1 && $0.1 <= $1 })
                #expect(s.x == [1, 2, 4, 8])
            }
        }
    }

    @Test func decimationKeepsPeaks() {
        let points = (0..<10_000).map { (Double($0), $0 == 4321 ? 999.0 : 1.0) }
        let shown = ChartPlanner.decimate(points, to: 500)
        #expect(shown.count <= 500)
        #expect(shown.contains { $0.1 == 999 })
    }
}
