import Testing
@testable import Sweep
import Results

@Suite("Grid expansion")
struct GridTests {
    let spec = ExperimentSpec(
        name: "g", audio: .generate(durationSeconds: 60, seed: 1), model: "base",
        engineThreads: [1, 2, 4], intraOpThreads: [1, 4],
        allocators: [AllocatorSetting(kind: .glibc), AllocatorSetting(kind: .jemalloc),
                     AllocatorSetting(kind: .jemalloc, mallocConf: "oversize_threshold:0")],
        ompWaitPolicies: [.default, .passive], repetitions: 2)

    @Test func expandsEveryCombination() {
        let grid = ExperimentGrid(spec: spec)
        #expect(grid.cells.count == 3 * 2 * 3 * 2)
        #expect(Set(grid.cells.map(\.id)).count == grid.cells.count)
        #expect(grid.runs.count == grid.cells.count * 2)
        #expect(Set(grid.runs.map(\.key)).count == grid.runs.count)
    }

    @Test func namesCellsStablyAndReadably() {
        let ids = ExperimentGrid(spec: spec).cells.map(\.id)
        #expect(ids.first == "threads-e1-i1-x1-glibc-default-wdefault")
        #expect(ids.contains("threads-e4-i1-x1-jemalloc-default-wdefault"))
        #expect(ids.contains("threads-e2-i4-x1-jemalloc-oversize_threshold_0-wpassive"))
        let arena = Cell(engineMode: .processes, engineThreads: 8, intraOpThreads: 1, interOpThreads: 2,
                         allocator: AllocatorSetting(kind: .glibc, mallocArenaMax: 2), ompWaitPolicy: .active)
        #expect(arena.id == "processes-e8-i1-x2-glibc-arena2-default-wactive")
    }

    @Test func variesEngineThreadsFastest() {
        let cells = ExperimentGrid(spec: spec).cells
        #expect(cells.prefix(4).map(\.engineThreads) == [1, 2, 4, 1])
        #expect(cells.prefix(4).map(\.intraOpThreads) == [1, 1, 1, 4])
    }

    @Test func interleavesRepetitions() {
        let grid = ExperimentGrid(spec: spec)
        let runs = grid.runs
        #expect(runs.prefix(grid.cells.count).allSatisfy { $0.repetition == 1 })
        #expect(runs.suffix(grid.cells.count).allSatisfy { $0.repetition == 2 })
        #expect(runs.prefix(grid.cells.count).map(\.cell) == grid.cells)
    }

    @Test func randomizesDeterministicallyWithinEachRepetition() {
        var randomized = spec
        randomized.order = .randomized(seed: 7)
        let first = ExperimentGrid(spec: randomized).runs
        let again = ExperimentGrid(spec: randomized).runs
        #expect(first == again)
        let cells = ExperimentGrid(spec: spec).cells
        #expect(first.prefix(cells.count).map(\.cell) != cells)
        #expect(Set(first.prefix(cells.count).map(\.cell.id)) == Set(cells.map(\.id)))
        #expect(first.prefix(cells.count).allSatisfy { $0.repetition == 1 })
        randomized.order = .randomized(seed: 8)
        #expect(ExperimentGrid(spec: randomized).runs != first)
    }

    @Test func pendingSkipsRunsAlreadyDone() {
        let grid = ExperimentGrid(spec: spec)
        let done = Set(grid.runs.prefix(5).map(\.key))
        let pending = grid.pending(excluding: done)
        #expect(pending.count == grid.runs.count - 5)
        #expect(pending == Array(grid.runs.dropFirst(5)))
    }

    @Test func shufflesAPermutation() {
        var generator = SeededGenerator(seed: 1)
        var items = Array(0..<50)
        generator.shuffle(&items)
        #expect(items.sorted() == Array(0..<50))
        #expect(items != Array(0..<50))
    }
}
