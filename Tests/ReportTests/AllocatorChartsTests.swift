import Foundation
import Testing
@testable import Report
import Results

/// The allocator study's charts (issue #17): throughput against average RSS with its Pareto front, and
/// RSS growth per hour. Runs made by hand here, so each case holds exactly the numbers it is about.
@Suite("Allocator Pareto front and RSS growth charts")
struct AllocatorChartsTests {
    // MARK: - Hand-made runs

    static func cell(_ engine: Int, _ intra: Int = 1, _ allocator: String = "glibc", libtorch: String = "system") -> CellAxes {
        CellAxes(engineThreads: engine, intraOpThreads: intra, allocator: allocator, libtorch: libtorch)
    }

    static func row(_ config: CellAxes, repetition: Int = 1, _ values: [Metric: Double]) -> RunRow {
        RunRow(cellID: config.label, repetition: repetition, config: config, status: "ok",
               numbers: Dictionary(uniqueKeysWithValues: values.map { ($0.key.column, $0.value) }))
    }

    static func index(_ rows: [RunRow]) -> RunIndex {
        let columns = Set(rows.flatMap(\.numbers.keys))
        return RunIndex(RunData(directory: URL(fileURLWithPath: "/nonexistent"), meta: RunMeta(), rows: rows,
                                skippedByStatus: [:], unreadableRows: 0, timeline: [], hasTimelineFile: false,
                                columns: columns))
    }

    static func plan(_ rows: [RunRow]) -> ChartPlanning { ChartPlanner.plan(index(rows)) }

    // MARK: - The front itself

    @Test func frontLeavesOutDominatedPointsAndSortsByThroughput() {
        let points: [(throughput: Double, rss: Double)] = [
            (10, 100),   // 0: front
            (20, 150),   // 1: front (fastest)
            (15, 200),   // 2: beaten by 1 on both
            (5, 90),     // 3: front (smallest)
            (10, 120),   // 4: as fast as 0 with more memory
            (4, 95),     // 5: beaten by 3 on both
        ]
        #expect(ChartPlanner.paretoFront(points) == [3, 0, 1])
    }

    @Test func equalPointsBothStayButAnEqualThroughputWithLessMemoryWins() {
        #expect(ChartPlanner.paretoFront([(10, 100), (10, 100)]) == [0, 1])
        #expect(ChartPlanner.paretoFront([(10, 100), (10, 100), (10, 90)]) == [2])
        #expect(ChartPlanner.paretoFront([(10, 100), (12, 100)]) == [1])
        // Same RSS, same throughput as one of them, with a third beaten by both.
        #expect(ChartPlanner.paretoFront([(12, 100), (8, 130), (12, 100)]) == [0, 2])
    }

    @Test func onePointIsItsOwnFrontAndNonFiniteOnesAreLeftOut() {
        #expect(ChartPlanner.paretoFront([(3, 4)]) == [0])
        #expect(ChartPlanner.paretoFront([]).isEmpty)
        #expect(ChartPlanner.paretoFront([(.nan, 1), (2, 50), (1, .infinity)]) == [1])
    }

    // MARK: - allocator-pareto

    @Test func paretoChartHasASeriesPerAllocatorAndTheFrontAsALine() throws {
        let rows = [
            Self.row(Self.cell(1), [.throughput: 100, .rssAverageMiB: 200]),
            Self.row(Self.cell(2), [.throughput: 180, .rssAverageMiB: 260]),
            Self.row(Self.cell(4), [.throughput: 150, .rssAverageMiB: 300]),          // beaten by jemalloc e2
            Self.row(Self.cell(1, 1, "jemalloc"), [.throughput: 90, .rssAverageMiB: 210]), // beaten by glibc e1
            Self.row(Self.cell(2, 1, "jemalloc"), [.throughput: 170, .rssAverageMiB: 220]),
            Self.row(Self.cell(4, 1, "jemalloc"), [.throughput: 210, .rssAverageMiB: 280]),
        ]
        let planning = Self.plan(rows)
        let chart = try #require(planning.plans.first { $0.name == "allocator-pareto" })
        #expect(chart.figure.panels.count == 1)
        let panel = chart.figure.panels[0]
        #expect(panel.title.isEmpty, "one runtime: no runtime title")
        #expect(panel.x.label == Metric.throughput.titleWithUnit && panel.y.label == Metric.rssAverageMiB.titleWithUnit)
        #expect(panel.series.map(\.name) == ["glibc", "jemalloc", "Pareto front (4 settings)"])
        #expect(panel.series[0].kind == .points && panel.series[0].x == [100, 180, 150])
        #expect(panel.series[0].style == 1 && panel.series[1].style == 2)
        let front = panel.series[2]
        #expect(front.kind == .linesPoints && front.style != 1 && front.style != 2)
        #expect(front.x == [100, 170, 180, 210] && front.y == [200, 220, 260, 280])
        // Every point inside the ranges, none on the edge.
        let x = try #require(panel.x.min), xMax = try #require(panel.x.max)
        let y = try #require(panel.y.min), yMax = try #require(panel.y.max)
        #expect(x < 90 && xMax > 210 && y < 200 && yMax > 300)
        #expect(chart.caption.contains("e4 i1 jemalloc (210x, 280 MiB)"))
        #expect(!chart.caption.contains("e4 i1 glibc"))
    }

    @Test func paretoPointIsTheMedianOverRepetitions() throws {
        let glibc = Self.cell(1), jemalloc = Self.cell(1, 1, "jemalloc")
        let rows = [
            Self.row(glibc, repetition: 1, [.throughput: 100, .rssAverageMiB: 200]),
            Self.row(glibc, repetition: 2, [.throughput: 120, .rssAverageMiB: 260]),
            Self.row(glibc, repetition: 3, [.throughput: 400, .rssAverageMiB: 210]),
            Self.row(jemalloc, [.throughput: 50, .rssAverageMiB: 500]),
        ]
        let chart = try #require(Self.plan(rows).plans.first { $0.name == "allocator-pareto" })
        let glibcSeries = try #require(chart.figure.panels[0].series.first { $0.name == "glibc" })
        #expect(glibcSeries.x == [120] && glibcSeries.y == [210])
        #expect(chart.figure.panels[0].series.last?.name == "Pareto front (1 setting)")
    }

    @Test func paretoAxesDoNotMagnifyATinyDifference() throws {
        // The committed soak run: the same throughput to 0.4%, RSS 160 MiB apart.
        let chart = try #require(Self.plan([
            Self.row(Self.cell(8), [.throughput: 319.02, .rssAverageMiB: 524.2]),
            Self.row(Self.cell(8, 1, "jemalloc"), [.throughput: 320.24, .rssAverageMiB: 364.5]),
        ]).plans.first { $0.name == "allocator-pareto" })
        let panel = chart.figure.panels[0]
        let x0 = try #require(panel.x.min), x1 = try #require(panel.x.max)
        let y0 = try #require(panel.y.min), y1 = try #require(panel.y.max)
        #expect(x1 - x0 >= 32 && x0 < 319.02 && x1 > 320.24)
        // A real spread keeps its own range, padded a little.
        #expect(y0 < 364.5 && y0 > 340 && y1 > 524.2 && y1 < 550)
        #expect(panel.series.last?.name == "Pareto front (1 setting)" && panel.series.last?.x == [320.24])
    }

    @Test func paretoHasAPanelAndItsOwnFrontPerRuntime() throws {
        var rows: [RunRow] = []
        for runtime in ["pypi", "system"] {
            let boost = runtime == "pypi" ? 2.0 : 1.0
            rows += [
                Self.row(Self.cell(1, libtorch: runtime), [.throughput: 100 * boost, .rssAverageMiB: 200]),
                Self.row(Self.cell(2, libtorch: runtime), [.throughput: 150 * boost, .rssAverageMiB: 250]),
                Self.row(Self.cell(1, 1, "jemalloc", libtorch: runtime), [.throughput: 90 * boost, .rssAverageMiB: 300]),
            ]
        }
        // pypi alone has a third setting on its front.
        rows.append(Self.row(Self.cell(4, 1, "jemalloc", libtorch: "pypi"), [.throughput: 400, .rssAverageMiB: 320]))
        let chart = try #require(Self.plan(rows).plans.first { $0.name == "allocator-pareto" })
        #expect(chart.figure.panels.map(\.title) == ["LibTorch system", "LibTorch pypi"])
        #expect(chart.figure.columns == 1 && chart.figure.rows == 2)
        let fronts = chart.figure.panels.map { $0.series.last! }
        #expect(fronts.map(\.name) == ["Pareto front (2 settings)", "Pareto front (3 settings)"])
        #expect(fronts[0].x == [100, 150] && fronts[1].x == [200, 300, 400])
        // One scale for both, so the fronts compare by eye.
        #expect(Set(chart.figure.panels.map(\.x.max)).count == 1 && Set(chart.figure.panels.map(\.y.min)).count == 1)
        #expect(chart.caption.contains("LibTorch system: ") && chart.caption.contains("LibTorch pypi: "))
    }

    @Test func paretoIsSkippedWithOneAllocatorOrWithoutItsMetrics() {
        let one = Self.plan([
            Self.row(Self.cell(1), [.throughput: 100, .rssAverageMiB: 200]),
            Self.row(Self.cell(2), [.throughput: 150, .rssAverageMiB: 250]),
        ])
        #expect(!one.plans.contains { $0.name == "allocator-pareto" })
        #expect(one.notes.contains("allocator-pareto skipped: only one allocator in this run (glibc)"))

        let noRSS = Self.plan([
            Self.row(Self.cell(1), [.throughput: 100]),
            Self.row(Self.cell(1, 1, "jemalloc"), [.throughput: 120]),
        ])
        #expect(!noRSS.plans.contains { $0.name == "allocator-pareto" })
        #expect(noRSS.notes.contains("allocator-pareto skipped: no cell has both throughput_x and rss_avg_mb"))
    }

    // MARK: - allocator-growth

    @Test func growthBarsAreTheLateSlopeOnTheSharedCellWithMinMaxBars() throws {
        var rows: [RunRow] = []
        for rep in 1...3 {
            let r = Double(rep)
            rows += [
                Self.row(Self.cell(8), repetition: rep, [.rssLateSlopeMiBPerHour: 4000 + 100 * r, .rssSlopeMiBPerHour: 1]),
                Self.row(Self.cell(8, 1, "jemalloc"), repetition: rep, [.rssLateSlopeMiBPerHour: 200 + r, .rssSlopeMiBPerHour: 1]),
                // Only glibc has engine 4: the shared cell is engine 8.
                Self.row(Self.cell(4), repetition: rep, [.rssLateSlopeMiBPerHour: 9999]),
            ]
        }
        let planning = Self.plan(rows)
        let chart = try #require(planning.plans.first { $0.name == "allocator-growth" })
        #expect(!planning.notes.contains { $0.hasPrefix("allocator-growth") })
        #expect(chart.figure.panels.count == 1)
        let panel = chart.figure.panels[0]
        #expect(panel.title == "engine threads 8, intra-op 1")
        #expect(panel.y.label == Metric.rssLateSlopeMiBPerHour.titleWithUnit)
        #expect(panel.x.ticks.map(\.label) == ["glibc", "jemalloc"])
        #expect(panel.series.map(\.y) == [[4200], [202]])
        #expect(panel.series.map(\.kind) == [.bars, .bars])
        #expect(panel.series[0].errLow == [4100] && panel.series[0].errHigh == [4300])
        #expect(panel.y.min == 0 && (panel.y.max ?? 0) > 4300)
        #expect(chart.caption.contains("glibc 4200 MiB/h, jemalloc 202 MiB/h"))
    }

    @Test func growthFallsBackToTheWholeSpanSlopeWithANote() throws {
        let planning = Self.plan([
            Self.row(Self.cell(8), [.rssSlopeMiBPerHour: 300]),
            Self.row(Self.cell(8, 1, "jemalloc"), [.rssSlopeMiBPerHour: -20]),
        ])
        let chart = try #require(planning.plans.first { $0.name == "allocator-growth" })
        #expect(planning.notes.contains { $0.hasPrefix("allocator-growth: rss_slope_late_mb_per_h is empty") })
        let panel = chart.figure.panels[0]
        #expect(panel.y.label == Metric.rssSlopeMiBPerHour.titleWithUnit)
        #expect(panel.series.map(\.y) == [[300], [-20]])
        // One repetition: no whiskers; a shrinking process reaches below 0.
        #expect(panel.series.allSatisfy { $0.errLow == nil })
        #expect((panel.y.min ?? 0) < -20)
    }

    @Test func growthIsSkippedWhenNoCellHasASlope() {
        let planning = Self.plan([
            Self.row(Self.cell(8), [.throughput: 100, .rssAverageMiB: 200]),
            Self.row(Self.cell(8, 1, "jemalloc"), [.throughput: 120, .rssAverageMiB: 190]),
        ])
        #expect(!planning.plans.contains { $0.name == "allocator-growth" })
        #expect(planning.notes.contains { $0.hasPrefix("allocator-growth skipped: no cell has rss_slope_late_mb_per_h or rss_slope_mb_per_h") })
    }

    @Test func growthUsesEachAllocatorsOwnCellInASoakRun() throws {
        let planning = Self.plan([
            Self.row(Self.cell(8), [.rssLateSlopeMiBPerHour: 4683]),
            Self.row(Self.cell(4, 1, "jemalloc"), [.rssLateSlopeMiBPerHour: 238]),
        ])
        let panel = try #require(planning.plans.first { $0.name == "allocator-growth" }?.figure.panels.first)
        #expect(panel.title == "each allocator's own cell")
        #expect(panel.x.ticks.map(\.label) == ["e8 i1 glibc", "e4 i1 jemalloc"])
        #expect(panel.series.map(\.y) == [[4683], [238]])
    }

    @Test func growthHasAPanelPerRuntime() throws {
        var rows: [RunRow] = []
        for (runtime, slope) in [("system", 100.0), ("pypi", 50.0)] {
            rows += [
                Self.row(Self.cell(8, libtorch: runtime), [.rssLateSlopeMiBPerHour: slope]),
                Self.row(Self.cell(8, 1, "jemalloc", libtorch: runtime), [.rssLateSlopeMiBPerHour: slope / 10]),
            ]
        }
        let chart = try #require(Self.plan(rows).plans.first { $0.name == "allocator-growth" })
        #expect(chart.figure.panels.count == 2)
        #expect(chart.figure.panels[0].title.contains("LibTorch system") && chart.figure.panels[1].title.contains("LibTorch pypi"))
        #expect(chart.figure.panels.map { $0.series.map(\.y) } == [[[100], [10]], [[50], [5]]])
        #expect(Set(chart.figure.panels.map(\.y.max)).count == 1)
    }

    /// Eleven allocator settings' names wrapped under their bars ran into each other: past six bars the
    /// ticks are numbers and the names go into the key, each panel on its own row so the key has room.
    @Test func manyAllocatorsAreNumberedWithTheirNamesInTheKey() throws {
        let names = ["glibc", "glibc-arena2", "glibc-trim", "jemalloc", "tcmalloc", "tcmalloc-full", "mimalloc"]
        let rows = names.map { Self.row(Self.cell(8, 1, $0), [.rssLateSlopeMiBPerHour: 100, .rssPeakMiB: 300, .rssAverageMiB: 200, .processingSeconds: 2]) }
        let planning = Self.plan(rows)
        for name in ["allocator-growth", "allocator-comparison"] {
            let figure = try #require(planning.plans.first { $0.name == name }?.figure, "\(name)")
            #expect(figure.columns == 1, "\(name)")
            for panel in figure.panels {
                #expect(panel.x.ticks.map(\.label) == (1...7).map(String.init), "\(name)")
                #expect(panel.key == .outsideRight, "\(name)")
                let keyNames = panel.series.map(\.name)
                #expect(keyNames.enumerated().allSatisfy { $0.element.hasPrefix("\($0.offset + 1)  ") }, "\(name): \(keyNames)")
                #expect(Set(keyNames.map { $0.drop { $0 != " " }.trimmingCharacters(in: .whitespaces) }) == Set(names), "\(name)")
            }
        }
        let few = Self.plan(Array(rows.prefix(2)))
        let growth = try #require(few.plans.first { $0.name == "allocator-growth" }?.figure.panels.first)
        #expect(growth.x.ticks.map(\.label) == ["glibc", "glibc-arena2"])
        #expect(growth.key == .none && growth.series.allSatisfy { $0.name.isEmpty })
    }
}
