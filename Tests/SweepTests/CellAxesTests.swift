import Foundation
import Testing
@testable import Sweep
import Results

/// `Cell` (typed, what a sweep launches) and `CellAxes` (what results.csv records) are one concept in two
/// forms: a row written for a cell must read back as exactly that cell's axes.
@Suite("Cell and its axes")
struct CellAxesTests {
    static let cells: [Cell] = [
        Cell(engineThreads: 1, intraOpThreads: 1),
        Cell(engineMode: .processes, engineThreads: 4, intraOpThreads: IntraOpThreads.libTorchDefault, interOpThreads: 2,
             allocator: AllocatorSetting(kind: .jemalloc, mallocConf: "oversize_threshold:0,background_thread:true"),
             ompWaitPolicy: .passive, libtorch: LibTorchRuntime(name: "pypi")),
        Cell(engineThreads: 16, intraOpThreads: 4, allocator: AllocatorSetting(kind: .glibc, mallocArenaMax: 2),
             libtorch: LibTorchRuntime(name: "/opt/libtorch")),
        Cell(engineThreads: 2, intraOpThreads: 1, load: .streams(8, pace: 2.5)),
        Cell(engineThreads: 2, intraOpThreads: 1, load: .rate(12.5, requestSeconds: 2)),
        Cell(engineThreads: 2, intraOpThreads: 1, load: .capacity(pace: 10)),
    ]

    @Test(arguments: cells)
    func aRowWrittenForACellReadsBackAsItsAxes(cell: Cell) throws {
        let outcome = LaunchOutcome(startedAt: Date(), wallSeconds: 1, termination: .notStarted(reason: "test"), timedOut: false,
                                    usage: nil, samples: [])
        let row = ResultRow(CellMeasurement(run: CellRun(cell: cell, repetition: 1), outcome: outcome, report: nil,
                                            verdict: CellVerdict(status: .failed, error: "test"), machineCores: 2))
        // Through the file's text, as every reader sees it.
        let reread = ResultsReader.parse(Metric.csvHeader + "\n" + row.csvLine() + "\n", path: "results.csv")
        let first = try #require(reread.rows.first)
        let axes = try #require(CellAxes(row: first))
        #expect(axes == cell.axes)
        #expect(reread.rows.first?[.cellID] == cell.id)
    }
}
