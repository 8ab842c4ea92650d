@testable import Gate
import Results
import Testing

/// tune: the space it walks, the search (on a landscape whose best is known), budgets, constraints,
/// resumability (same measurements, same path) and the replay's scoring.
@Suite struct TuneTests {
    /// A 2-core machine's landscape: throughput grows with engine threads up to 2 at intra-op 1, threads
    /// beyond the cores cost a little, intra-op > 1 oversubscribes; `pypi` is 1.6x faster at intra-op 1
    /// but its `default` intra-op (2 threads) oversubscribes where `system`'s (1) does not: the trap a
    /// thread-first coordinate search falls into. jemalloc adds 3%. Best: e2 i1 jemalloc pypi.
    static func throughput(_ axes: CellAxes) -> Double {
        let e = Double(axes.engineThreads)
        let pypi = axes.libtorch == "pypi"
        let intra = axes.intraOpThreads == IntraOpThreads.libTorchDefault ? (pypi ? 2 : 1) : axes.intraOpThreads
        var value = 1000 * min(e, 2) / (1 + 0.02 * max(0, e - 2))
        if intra > 1 { value /= 1 + 0.5 * Double(intra) * e / 2 }
        if pypi { value *= intra > 1 ? 0.5 : 1.6 }
        if axes.allocator == "jemalloc" { value *= 1.03 }
        return value
    }

    static let engines = [1, 2, 3, 4, 5, 6, 7, 8, 12, 16]
    static let intras = [1, 2, 4, IntraOpThreads.libTorchDefault]

    static var cells: [CellAxes] {
        var cells: [CellAxes] = []
        for runtime in ["system", "pypi"] {
            for allocator in ["glibc", "jemalloc"] {
                for intra in intras {
                    for engine in engines {
                        cells.append(CellAxes(engineThreads: engine, intraOpThreads: intra, allocator: allocator, libtorch: runtime))
                    }
                }
            }
        }
        return cells
    }

    static func row(_ axes: CellAxes, repetition: Int, throughput: Double, status: String = "ok") -> ResultRow {
        var row = ResultRow(values: [:])
        for (metric, value) in axes.columns { row[metric] = value }
        row[.cellID] = "\(axes.label)"
        row[.repetition] = String(repetition)
        row[.status] = status
        row[.throughput] = String(throughput)
        row[.rssPeakMiB] = String(200 + 10 * Double(axes.engineThreads) + (axes.allocator == "jemalloc" ? 40 : 0))
        row[.latencyP99Ms] = String(5 * Double(axes.engineThreads))
        return row
    }

    /// A measure function over the noise-free landscape that counts what it was asked.
    final class Oracle {
        var asked: [CellAxes: Int] = [:]
        var order: [CellAxes] = []
        func measure(_ axes: CellAxes) -> ResultRow? {
            asked[axes, default: 0] += 1
            order.append(axes)
            return TuneTests.row(axes, repetition: asked[axes]!, throughput: TuneTests.throughput(axes))
        }
    }

    static var best: CellAxes { cells.max { throughput($0) < throughput($1) }! }

    @Test func theSpaceOrdersNumbersAndKeepsWordsAtTheEnd() throws {
        let space = TuneSpace(cells: Self.cells)
        #expect(space.axes.map(\.name) == ["engine_threads", "intra_op_threads", "libtorch", "allocator"])
        let engine = space.axes[0]
        #expect(engine.values == Self.engines.map(String.init))
        // Ten values 1...16: five probes spaced on a log scale.
        #expect(engine.probe.map { engine.values[$0] } == ["1", "2", "4", "8", "16"])
        let intra = space.axes[1]
        #expect(intra.values == ["1", "2", "4", "default"])
        #expect(intra.numericCount == 3)
        #expect(intra.probe.count == 4)
        #expect(space.axes[2].numericCount == 0)
        #expect(space.neighbours(of: 0, on: 0) == [1])
        #expect(space.neighbours(of: 3, on: 1) == [])  // `default` is not a step from 4
        #expect(space.start == CellAxes(engineThreads: 1, intraOpThreads: 1, allocator: "glibc", libtorch: "system"))
        let moved = try #require(space.moving(space.start!, axis: 2, to: 1))
        #expect(moved.libtorch == "pypi" && moved.engineThreads == 1)
        #expect(space.walks == [[0, 1, 2, 3], [2, 3, 0, 1]])
    }

    @Test func findsTheBestPastTheRuntimeTrapInAFractionOfTheGrid() {
        let oracle = Oracle()
        let outcome = TuneSearch(space: TuneSpace(cells: Self.cells), confirmRepetitions: 3).run(measure: oracle.measure)
        #expect(outcome.best == Self.best)
        #expect(Self.best == CellAxes(engineThreads: 2, intraOpThreads: 1, allocator: "jemalloc", libtorch: "pypi"))
        #expect(outcome.stop == .converged)
        // 160 cells x 3 repetitions = 480 runs for brute force.
        #expect(outcome.runsSpent < 480 / 5)
        // The finalists have their full repetitions, the pick among them; advise over the rows agrees.
        #expect(oracle.asked[Self.best] == 3)
        let advice = Advisor().advise(RunResults(source: "tune", rows: outcome.rows, meta: nil))
        #expect(advice.pick?.axes == Self.best)
        // No cell is measured more often than its finalist repetitions.
        #expect(oracle.asked.values.allSatisfy { $0 <= 3 })
    }

    /// The same measurements give the same path: a resumed tune asks for the runs it made, in order.
    @Test func theSamePathEveryTime() {
        let (a, b) = (Oracle(), Oracle())
        let search = TuneSearch(space: TuneSpace(cells: Self.cells), maxRuns: 30, confirmRepetitions: 3)
        _ = search.run(measure: a.measure)
        _ = search.run(measure: b.measure)
        #expect(a.order == b.order)
    }

    @Test func aRunBudgetIsHonouredAndKeepsRoomForTheFinalists() {
        let oracle = Oracle()
        var search = TuneSearch(space: TuneSpace(cells: Self.cells), maxRuns: 20, confirmRepetitions: 3)
        #expect(search.minimumRuns == 1 + 4 + 3 + 1 + 1)
        let outcome = search.run(measure: oracle.measure)
        #expect(outcome.runsSpent == 20)
        #expect(outcome.stop == .budget)
        #expect(outcome.rows.count == oracle.order.count)
        // The last runs went to the finalists: some cell got a second repetition.
        #expect(oracle.asked.values.contains { $0 >= 2 })
        search.maxRuns = nil
        #expect(search.finalistReserve == 6)
    }

    @Test func aDeadlineStopsAtOnce() {
        var calls = 0
        let outcome = TuneSearch(space: TuneSpace(cells: Self.cells)).run { axes in
            calls += 1
            return calls > 7 ? nil : Self.row(axes, repetition: 1, throughput: Self.throughput(axes))
        }
        #expect(outcome.stop == .deadline)
        #expect(outcome.runsSpent == 7)
        #expect(calls == 8)
    }

    /// p99 at most 5 ms allows one engine thread only: the unconstrained best (2 threads) is out.
    @Test func constraintsSteerTheSearch() {
        let limit = AdviceConstraint(metric: .latencyP99Ms, bound: .atMost, value: 5)
        let oracle = Oracle()
        let outcome = TuneSearch(space: TuneSpace(cells: Self.cells), constraints: [limit], confirmRepetitions: 3)
            .run(measure: oracle.measure)
        #expect(outcome.best == CellAxes(engineThreads: 1, intraOpThreads: 1, allocator: "jemalloc", libtorch: "pypi"))
        #expect(oracle.asked[outcome.best!] == 3)
        let advice = Advisor(constraints: [limit]).advise(RunResults(source: "tune", rows: outcome.rows, meta: nil))
        #expect(advice.pick?.axes == outcome.best)
    }

    /// A cell whose runs fail is never the answer, and the search does not loop on it.
    @Test func failedCellsLoseAndEnd() {
        let broken = CellAxes(engineThreads: 2, intraOpThreads: 1, allocator: "jemalloc", libtorch: "pypi")
        var asked: [CellAxes: Int] = [:]
        let outcome = TuneSearch(space: TuneSpace(cells: Self.cells), confirmRepetitions: 3).run { axes in
            asked[axes, default: 0] += 1
            return Self.row(axes, repetition: asked[axes]!, throughput: Self.throughput(axes), status: axes == broken ? "failed" : "ok")
        }
        #expect(outcome.best != broken)
        // The best of the rest: three engine threads (2% slower than two) with jemalloc beat glibc at two.
        #expect(outcome.best == Self.cells.filter { $0 != broken }.max { Self.throughput($0) < Self.throughput($1) })
        #expect(asked[broken] == 1)
    }

    static func grid(noise: Double, repetitions: Int = 3) -> RunResults {
        var generator = SeededGenerator(seed: 5)
        let rows = cells.flatMap { axes in
            (1...repetitions).map { rep in Self.row(axes, repetition: rep, throughput: throughput(axes) * (1 + noise * generator.bipolar())) }
        }
        return RunResults(source: "synthetic", rows: rows, meta: nil)
    }

    @Test func replayScoresPicksAgainstTheGridsBestAndIsRepeatable() throws {
        let replay = TuneReplay(seeds: 20)
        let quiet = try replay.replay(Self.grid(noise: 0))
        #expect(quiet.best == Self.best)
        #expect(quiet.shares.allSatisfy { abs($0 - 1) < 1e-12 })
        #expect(quiet.picksWithinNoise == 20)
        #expect(quiet.bruteForceShares.allSatisfy { abs($0 - 1) < 1e-12 })
        #expect(quiet.gridRuns == 480 && quiet.cells == 160)
        #expect(quiet.medianSpentShare < 0.2)

        let noisy = try replay.replay(Self.grid(noise: 0.2))
        let again = try replay.replay(Self.grid(noise: 0.2))
        #expect(noisy.shares == again.shares)
        #expect(noisy.runsSpent == again.runsSpent)
        #expect(noisy.worstShare > 0 && noisy.worstShare <= noisy.medianShare && noisy.medianShare <= 1)
    }

    @Test func replayRefusesABudgetTooSmallToSayAnything() {
        #expect(throws: TuneReplay.Problem.self) { try TuneReplay(budget: .runs(5), seeds: 2).replay(Self.grid(noise: 0)) }
        #expect(throws: TuneReplay.Problem.self) {
            try TuneReplay(constraints: [AdviceConstraint(metric: .rssPeakMiB, bound: .atMost, value: 1)], seeds: 2).replay(Self.grid(noise: 0))
        }
    }

    @Test func budgetsParse() {
        #expect(TuneBudget("40") == .runs(40))
        #expect(TuneBudget("10%") == .share(0.1))
        #expect(TuneBudget("10%")?.runs(ofGrid: 384) == 38)
        #expect(TuneBudget("0.5%")?.runs(ofGrid: 48) == 1)
        for bad in ["0", "-3", "ten", "0%", "150%", "%"] { #expect(TuneBudget(bad) == nil) }
    }
}
