@testable import Gate
import Results
import Testing

/// advise: constraints, ranking, ties within noise, the Pareto front and the deployment snippet.
@Suite struct AdvisorTests {
    /// A cell's repetitions: throughput values given, peak RSS and p99 fixed per cell.
    static func rows(engine: Int, intra: Int, allocator: String = "glibc", throughput: [Double], rss: Double, p99: Double,
                     status: String = "ok") -> [ResultRow] {
        throughput.enumerated().map { index, value in
            var row = ResultRow(values: [:])
            row[.cellID] = "threads-e\(engine)-i\(intra)-\(allocator)"
            row[.repetition] = String(index + 1)
            row[.status] = status
            row[.engineMode] = "threads"
            row[.engineThreads] = String(engine)
            row[.intraOpThreads] = String(intra)
            row[.interOpThreads] = "1"
            row[.allocator] = allocator
            row[.allocatorReported] = allocator == "glibc-trim" ? "glibc" : allocator
            row[.ompWaitPolicy] = "default"
            row[.throughput] = String(value)
            row[.rssPeakMiB] = String(rss)
            row[.latencyP99Ms] = String(p99)
            row[.processingSeconds] = String(100 / value)
            return row
        }
    }

    /// e2 i1 clearly fastest but hungry; e1 i1 lean; e2 i4 slow and hungry (dominated); e4 i1 within noise of e2 i1.
    static let run = RunResults(source: "run", rows:
        rows(engine: 1, intra: 1, throughput: [500, 510, 490, 505, 495], rss: 200, p99: 10)
        + rows(engine: 2, intra: 1, allocator: "jemalloc", throughput: [1000, 1010, 990, 1005, 995], rss: 300, p99: 12)
        + rows(engine: 4, intra: 1, allocator: "jemalloc", throughput: [1003, 985, 1012, 992, 998], rss: 320, p99: 20)
        + rows(engine: 2, intra: 4, throughput: [400, 410, 390, 405, 395], rss: 350, p99: 30), meta: nil)

    @Test func picksTheBestAndCallsATieWithinNoise() {
        let advice = Advisor().advise(Self.run)
        #expect(advice.pick?.axes.engineThreads == 2)
        #expect(advice.confidence == .tie)
        #expect(advice.ties.map(\.axes.engineThreads) == [4])
        // e1 i1 at half the throughput: significantly worse, a runner-up with its p.
        #expect(advice.runnersUp.first?.axes.engineThreads == 1)
        #expect(advice.runnersUp.first!.pValue! < 0.05)
        #expect(abs(advice.runnersUp.first!.worseBy - 0.5) < 0.01)
    }

    @Test func aClearWinnerSaysByHowMuch() throws {
        let clear = RunResults(source: "run", rows: Self.run.rows.filter { $0[.engineThreads] != "4" }, meta: nil)
        let advice = Advisor().advise(clear)
        #expect(advice.confidence == .clear)
        #expect(AdviceDocument.make(advice).lines.contains { $0.hasPrefix("confidence: best by 50.0% against the runner-up") })
    }

    /// 3 repetitions a side cannot reach p < 0.05 (the smallest exact p is 2/20): the gate's
    /// few-repetitions rule decides, every repetition beyond every one of the pick's.
    @Test func fewRepetitionsFallBackToRangesApart() {
        #expect(Advisor.smallestP(3, 3) == 0.1)
        #expect(abs(Advisor.smallestP(5, 5) - 2.0 / 252) < 1e-12)
        let few = RunResults(source: "run", rows:
            Self.rows(engine: 1, intra: 1, throughput: [500, 510, 490], rss: 200, p99: 10)
            + Self.rows(engine: 2, intra: 1, throughput: [1000, 1010, 990], rss: 300, p99: 12)
            + Self.rows(engine: 4, intra: 1, throughput: [1005, 985, 980], rss: 320, p99: 20), meta: nil)
        let advice = Advisor().advise(few)
        #expect(advice.pick?.axes.engineThreads == 2)
        #expect(advice.ties.map(\.evidence) == ["overlap (3v3)"])
        #expect(advice.runnersUp.map(\.evidence) == ["apart (3v3, 10.0% by chance)"])
        #expect(advice.runnersUp.first?.pValue == nil)
    }

    /// One run a side: two single values always differ, so "apart" would say nothing (issue 31): the cells
    /// are too few to separate and the answer says so instead of "best by".
    @Test func oneRunASideSeparatesNothing() {
        let single = RunResults(source: "run", rows:
            Self.rows(engine: 1, intra: 1, throughput: [500, 510, 490], rss: 200, p99: 10)
            + Self.rows(engine: 2, intra: 1, throughput: [501], rss: 300, p99: 12), meta: nil)
        let advice = Advisor().advise(single)
        #expect(advice.pick?.axes.engineThreads == 2)
        #expect(advice.ties.map(\.evidence) == ["too few runs (1v3)"])
        #expect(advice.runnersUp.isEmpty)
        let text = AdviceDocument.make(advice).lines.joined(separator: "\n")
        #expect(!text.contains("best by") && !text.contains("apart"), "\(text)")
    }

    /// 2 runs a side fall apart by chance a third of the time: stated, and not counted as worse.
    @Test func twoRunsApartAreUnsureNotWorse() {
        let two = RunResults(source: "run", rows:
            Self.rows(engine: 1, intra: 1, throughput: [500, 510], rss: 200, p99: 10)
            + Self.rows(engine: 2, intra: 1, throughput: [1000, 1010], rss: 300, p99: 12), meta: nil)
        let advice = Advisor().advise(two)
        #expect(advice.ties.map(\.evidence) == ["apart (2v2, 33.3% by chance)"])
        #expect(advice.ties.first?.unseparated == true)
        #expect(advice.confidence == .tie)
        let text = AdviceDocument.make(advice).lines.joined(separator: "\n")
        #expect(text.contains("confidence: too few runs to separate the pick from 1 cell"), "\(text)")
    }

    /// A damaged results.csv can give two cells one cell_id: judged apart, no crash.
    @Test func twoCellsWithOneIdAreStillTwoCells() {
        var rows = Self.rows(engine: 1, intra: 1, throughput: [500, 510, 490, 505, 495], rss: 200, p99: 10)
            + Self.rows(engine: 2, intra: 1, throughput: [1000, 1010, 990, 1005, 995], rss: 300, p99: 12)
        for index in rows.indices { rows[index][.cellID] = "same-id" }
        let advice = Advisor().advise(RunResults(source: "run", rows: rows, meta: nil))
        #expect(advice.pick?.axes.engineThreads == 2)
        #expect(advice.runnersUp.first?.axes.engineThreads == 1)
    }

    @Test func constraintsExcludeCellsAndSayWhich() throws {
        let advice = Advisor(constraints: [try AdviceConstraint.parse("rss_peak_mb<=250MiB")]).advise(Self.run)
        #expect(advice.pick?.axes.engineThreads == 1)
        #expect(advice.confidence == .onlyOne)
        #expect(advice.excluded.count == 3)
        #expect(advice.excluded.allSatisfy { $0.constraint == "rss_peak_mb <= 250 MiB" })
    }

    @Test func nothingFeasibleShowsTheClosest() throws {
        let advice = Advisor(constraints: [try AdviceConstraint.make(.rssPeakMiB, .atMost, "0.15GiB")]).advise(Self.run)
        #expect(advice.pick == nil)
        #expect(advice.closest.first?.cellID == "threads-e1-i1-glibc")
        // 200 MiB against a 153.6 MiB limit: 30.2% over.
        #expect(abs(advice.closest.first!.miss! - (200 - 153.6) / 153.6) < 1e-9)
    }

    @Test func theParetoFrontDropsDominatedCells() {
        let front = Advisor().advise(Self.run).pareto.map(\.cellID)
        #expect(!front.contains("threads-e2-i4-glibc"))
        #expect(front.contains("threads-e1-i1-glibc"))
        #expect(front.contains("threads-e2-i1-jemalloc"))
        #expect(ParetoFront.indices([[1, 1], [2, 0], [0, 0], nil, [1, 1]]) == [0, 1, 4])
    }

    @Test func constraintsParseUnitsAndRefuseWrongOnes() throws {
        #expect(try AdviceConstraint.parse("rss_peak_mb<=1GiB").value == 1024)
        #expect(try AdviceConstraint.make(.latencyP99Ms, .atMost, "0.05s").value == 50)
        #expect(try AdviceConstraint.parse("throughput_x>=500x").bound == .atLeast)
        #expect(throws: AdviceConstraint.ParseError.self) { try AdviceConstraint.parse("rss_peak_mb<=800 parsecs") }
        #expect(throws: AdviceConstraint.ParseError.self) { try AdviceConstraint.parse("no_such_column<=3") }
        #expect(throws: AdviceConstraint.ParseError.self) { try AdviceConstraint.parse("rss_peak_mb=3") }
        #expect(throws: AdviceConstraint.ParseError.self) { try AdviceConstraint.parse("allocator<=3") }
    }

    @Test func theSnippetSetsThreadsPerEngineThreadAndPreloadsTheAllocator() throws {
        let advice = Advisor().advise(Self.run)
        let snippet = try #require(advice.deployment)
        #expect(snippet.runFlags == "--engine-threads 2 --intra-op-threads 1 --inter-op-threads 1 --allocator jemalloc")
        if let library = AllocatorSetting.named("jemalloc")?.libraryPath {
            #expect(snippet.environment.contains("LD_PRELOAD=\(library)"))
        }
        #expect(snippet.cpp.contains { $0.hasPrefix("at::set_num_threads(1);") })
        #expect(snippet.cpp.firstIndex { $0.hasPrefix("(void)at::get_num_threads()") }! < snippet.cpp.firstIndex { $0.hasPrefix("at::set_num_threads") }!)
    }

    @Test func aSpecLabelDeploysAsItsFamilyWithItsVariables() {
        var rows = Self.rows(engine: 1, intra: 1, allocator: "glibc-trim", throughput: [500], rss: 200, p99: 10)
        rows[0][.allocatorEnvironment] = "MALLOC_TRIM_THRESHOLD_=131072"
        let snippet = DeploymentSnippet(axes: CellAxes(row: rows[0])!, row: rows[0])
        #expect(snippet.runFlags.hasSuffix("--allocator glibc"))
        #expect(snippet.environment == ["MALLOC_TRIM_THRESHOLD_=131072"])
    }
}
