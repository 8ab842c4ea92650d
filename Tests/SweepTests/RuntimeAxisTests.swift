import Testing
@testable import Sweep
import Results

/// The `libtorch` axis and intra-op `default` in specs, grids, child argv, environment and verdicts.
@Suite("LibTorch runtime axis")
struct RuntimeAxisTests {
    let base = """
    audio: {generate: {duration: 90s, seed: 3}}
    model: base
    engine_threads: [1, 2]
    """

    @Test func readsRuntimesAndIntraOpDefault() throws {
        let spec = try parse(base + "\nintra_op_threads: [1, default]\nlibtorch: [system, pypi]")
        #expect(spec.libtorch == [.system, .pypi])
        #expect(spec.intraOpThreads == [1, IntraOpThreads.libTorchDefault])
        let cells = ExperimentGrid(spec: spec).cells
        #expect(cells.count == 2 * 2 * 2)
        #expect(cells.filter { $0.libtorch == .pypi }.count == 4)
        #expect(cells.map(\.id).contains("threads-e2-idefault-x1-glibc-default-wdefault-ltpypi"))
        // Ids of system cells stay what they were before runtimes existed, so old baselines still match.
        #expect(cells.map(\.id).contains("threads-e1-i1-x1-glibc-default-wdefault"))
    }

    @Test func defaultsToTheSystemRuntime() throws {
        #expect(try parse(base + "\nintra_op_threads: 1").libtorch == [.system])
    }

    @Test func refusesAnUnusableRuntimeWithItsLine() {
        let found = problems(base + "\nintra_op_threads: 1\nlibtorch: [system, /opt/nowhere]")
        #expect(found.count == 1)
        #expect(found.first?.field == "libtorch[1]")
        #expect(found.first?.line == 5)
        #expect(found.first?.message.contains("no such LibTorch directory") == true)
    }

    @Test func refusesARuntimeListedTwiceAndAWordForThreads() {
        #expect(problems(base + "\nintra_op_threads: 1\nlibtorch: [pypi, pypi]").first?.message.contains("listed twice") == true)
        // `default` is an intra-op value only.
        #expect(!problems("audio: {generate: {duration: 90s, seed: 3}}\nmodel: base\nengine_threads: default\nintra_op_threads: 1").isEmpty)
    }

    @Test func childArgvCarriesTheRuntimeAndDefault() {
        let cell = Cell(engineThreads: 3, intraOpThreads: IntraOpThreads.libTorchDefault, libtorch: .pypi)
        let invocation = CellInvocation(run: CellRun(cell: cell, repetition: 1), modelPath: "/m.pt", audioPaths: ["/a.wav"],
                                        metricsPath: "/out.json")
        let argv = ChildCommand.arbenchRun(executable: "/bin/arbench").arguments(invocation)
        #expect(argv == ["run", "/a.wav", "--model", "/m.pt", "--engine-threads", "3", "--intra-op-threads", "default",
                         "--inter-op-threads", "1", "--libtorch", "pypi", "--metrics", "/out.json", "--quiet"])
    }

    @Test func intraOpDefaultLeavesOMPNumThreadsUnset() {
        let settings = CellEnvironment.settings(for: Cell(engineThreads: 1, intraOpThreads: IntraOpThreads.libTorchDefault))
        #expect(settings["OMP_NUM_THREADS"] == nil)
        #expect(CellEnvironment.settings(for: Cell(engineThreads: 1, intraOpThreads: 4))["OMP_NUM_THREADS"] == "4")
        // An inherited runtime choice never leaks into a cell: the cell's argv says which.
        let env = CellEnvironment.make(for: Cell(engineThreads: 1, intraOpThreads: 1), inheriting: ["ARBENCH_LIBTORCH": "pypi"])
        #expect(env["ARBENCH_LIBTORCH"] == nil)
    }

    func build(runtime: String, library: String) -> TorchBuild {
        TorchBuild(runtime: runtime, version: "x", blas: "mkl", mkl: "none", onednn: "3", openmp: "OpenMP 4.5",
                   libraryPath: library, openmpRuntimes: [], defaultIntraOpThreads: 1)
    }

    @Test func verdictRefusesACellThatRanOnAnotherRuntime() {
        let pypiCell = Cell(engineThreads: 1, intraOpThreads: 1, libtorch: .pypi)
        #expect(CellVerdict.runtimeMismatch(cell: pypiCell, build: build(runtime: "system", library: "/usr/lib/libtorch_cpu.so"))?
            .contains("the child ran on system") == true)
        #expect(CellVerdict.runtimeMismatch(cell: pypiCell, build: nil)?.contains("did not report") == true)
        // A report from before runtimes existed can only have come from `system`.
        #expect(CellVerdict.runtimeMismatch(cell: Cell(engineThreads: 1, intraOpThreads: 1), build: nil) == nil)
    }

    @Test func axesReadTheRuntimeColumnAndDefaultToSystem() {
        var values = ["engine_threads": "2", "intra_op_threads": "default", "allocator": "glibc"]
        let old = CellAxes(row: ResultRow(values: values))
        #expect(old?.libtorch == "system")
        #expect(old?.intraOpThreads == IntraOpThreads.libTorchDefault)
        values["libtorch"] = "pypi"
        let axes = CellAxes(row: ResultRow(values: values))
        #expect(axes?.libtorch == "pypi")
        #expect(axes?.label == "e2 idefault glibc pypi")
    }
}
