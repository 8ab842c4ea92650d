import Foundation
import Testing
@testable import Sweep
import Results

@Suite("Cell launcher")
struct CellLauncherTests {
    let cell = Cell(engineThreads: 2, intraOpThreads: 1)

    @Test func anOKChildIsMeasuredAndJudgedOK() throws {
        let m = try runCell(cell, launcher: FakeChild.launcher("sleep 0.3; " + FakeChild.writesReport))
        #expect(m.verdict == .ok)
        #expect(m.outcome.termination == .exited(code: 0))
        #expect(m.outcome.wallSeconds >= 0.3)
        #expect(m.outcome.samples.count >= 3)
        #expect(m.outcome.usage != nil)
        let row = ResultRow(m)
        #expect(row["status"] == "ok")
        #expect(row["exit_code"] == "0")
        #expect(row["signal"] == "")
        #expect(row["processing_s"] == "0.5000")
        #expect(row["throughput_x"] == "40.00")
        #expect(row["allocator_reported"] == "glibc")
        #expect(row["intra_op_effective"] == "1")
        #expect(!row["rss_peak_mb"].isEmpty)
    }

    @Test func aChildKilledBySIGKILLFailsNamingTheSignal() throws {
        let m = try runCell(cell, launcher: FakeChild.launcher("echo working; kill -KILL $$"))
        #expect(m.verdict.status == .failed)
        #expect(m.outcome.termination == .signaled(signal: SIGKILL))
        let row = ResultRow(m)
        #expect(row["signal"] == "SIGKILL")
        #expect(row["exit_code"] == "")
        #expect(row["error"] == "killed by SIGKILL: working")
    }

    @Test func aCellPastItsTimeoutIsKilledWithItsWorkers() throws {
        let start = Date()
        // The grandchild `sleep` is in the child's process group and must die with it.
        let m = try runCell(cell, launcher: FakeChild.launcher("sleep 30 & sleep 30; wait"), timeout: 0.5)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(m.outcome.timedOut)
        #expect(m.verdict.status == .timeout)
        #expect(ResultRow(m)["signal"] == "SIGKILL")
        #expect(m.verdict.error.contains("timeout"))
    }

    @Test func aNonZeroExitFailsWithTheChildsErrorLine() throws {
        let script = #"echo "Error: Unknown option '--engine-mode'" >&2; echo "Usage: arbench run <audio> ..." >&2; echo "  See 'arbench run --help'." >&2; exit 64"#
        let m = try runCell(cell, launcher: FakeChild.launcher(script))
        #expect(m.verdict.status == .failed)
        #expect(m.verdict.error == "exit 64: Error: Unknown option '--engine-mode'")
        #expect(ResultRow(m)["exit_code"] == "64")
    }

    @Test func exitingZeroWithoutAReportFails() throws {
        let m = try runCell(cell, launcher: FakeChild.launcher("true"))
        #expect(m.verdict.status == .failed)
        #expect(m.verdict.error.contains("wrote no metrics JSON"))
        let garbled = try runCell(cell, launcher: FakeChild.launcher(#"echo '{"schema": 1}' > "$1""#))
        #expect(garbled.verdict.error.contains("is not a run report"))
    }

    @Test func aChildOnAnotherAllocatorThanAskedFails() throws {
        // Preloading a library that is not there leaves the child on glibc: exactly the silent
        // mismatch the check exists for.
        let jemalloc = Cell(engineThreads: 1, intraOpThreads: 1,
                            allocator: AllocatorSetting(kind: .jemalloc, libraryPath: "/nonexistent/libjemalloc.so.2"))
        let m = try runCell(jemalloc, launcher: FakeChild.launcher(FakeChild.writesReport, report: { _ in ReportFixture.json(allocator: "glibc") }))
        #expect(m.verdict.status == .failed)
        #expect(m.verdict.error.hasPrefix("allocator mismatch: asked for jemalloc, the child reported glibc"))
        #expect(ResultRow(m)["allocator_reported"] == "glibc")
    }

    @Test func glibcVariantsAreVerifiedAsGlibc() throws {
        let arena = Cell(engineThreads: 1, intraOpThreads: 1, allocator: AllocatorSetting(kind: .glibc, mallocArenaMax: 2))
        let m = try runCell(arena, launcher: FakeChild.launcher(FakeChild.writesReport))
        #expect(m.verdict == .ok)
        #expect(ResultRow(m)["allocator"] == "glibc-arena2")
        #expect(ResultRow(m)["malloc_arena_max"] == "2")
    }

    @Test func anEngineModeTheChildDidNotRunFails() throws {
        let processes = Cell(engineMode: .processes, engineThreads: 2, intraOpThreads: 1)
        let m = try runCell(processes, launcher: FakeChild.launcher(FakeChild.writesReport, report: { _ in ReportFixture.json(engineMode: "threads") }))
        #expect(m.verdict.error.hasPrefix("engine mode mismatch"))
    }

    @Test func aMissingExecutableIsAFailedCellNotACrash() throws {
        let launcher = CellLauncher(command: ChildCommand(executable: "/nonexistent/arbench") { _ in [] })
        let m = try runCell(cell, launcher: launcher)
        #expect(m.verdict.status == .failed)
        #expect(m.verdict.error.contains("cannot start /nonexistent/arbench"))
    }

    @Test func setsTheCellsEnvironmentAndRemovesInheritedTuning() throws {
        let dir = try makeTemporaryDirectory()
        let jemalloc = Cell(engineThreads: 1, intraOpThreads: 4,
                            allocator: AllocatorSetting(kind: .jemalloc, libraryPath: "/nonexistent/lib.so", mallocConf: "oversize_threshold:0"),
                            ompWaitPolicy: .passive)
        let script = #"echo "$LD_PRELOAD|$MALLOC_CONF|${MALLOC_ARENA_MAX-unset}|$OMP_NUM_THREADS|$OMP_WAIT_POLICY|$KEEP" > "$3""#
        let launcher = CellLauncher(
            command: ChildCommand(executable: "/bin/sh") { ["-c", script, "sh", $0.metricsPath, "", dir + "/env"] },
            inheritedEnvironment: ["MALLOC_ARENA_MAX": "8", "OMP_WAIT_POLICY": "ACTIVE", "KEEP": "kept", "PATH": "/usr/bin:/bin"])
        _ = try runCell(jemalloc, launcher: launcher)
        let seen = try String(contentsOfFile: dir + "/env", encoding: .utf8)
        #expect(seen == "/nonexistent/lib.so|oversize_threshold:0|unset|4|PASSIVE|kept\n")

        let plain = CellEnvironment.make(for: Cell(engineThreads: 1, intraOpThreads: 1),
                                         inheriting: ["LD_PRELOAD": "x.so", "MALLOC_CONF": "y", "OMP_WAIT_POLICY": "ACTIVE"])
        #expect(plain == ["OMP_NUM_THREADS": "1", "ARBENCH_DIE_WITH_PARENT": "1"])
    }

    /// A tuning left in the shell (the gate's own MALLOC_MMAP_THRESHOLD_ experiment once relied on it) never
    /// reaches a cell; the setting's own variables do, and mimalloc is told to say when it rejects one.
    @Test func aSettingsOwnVariablesReplaceEveryInheritedAllocatorVariable() {
        let inherited = ["MALLOC_MMAP_THRESHOLD_": "0", "TCMALLOC_RELEASE_RATE": "10", "MIMALLOC_VERBOSE": "1", "KEEP": "kept"]
        let trim = AllocatorSetting(kind: .glibc, environment: ["MALLOC_TRIM_THRESHOLD_": "131072"], name: "glibc-trim")
        #expect(CellEnvironment.make(for: Cell(engineThreads: 1, intraOpThreads: 1, allocator: trim), inheriting: inherited)
            == ["MALLOC_TRIM_THRESHOLD_": "131072", "KEEP": "kept", "OMP_NUM_THREADS": "1", "ARBENCH_DIE_WITH_PARENT": "1"])
        let pages = AllocatorSetting(kind: .mimalloc, libraryPath: "/x/libmimalloc.so.2", environment: ["MIMALLOC_LARGE_OS_PAGES": "1"],
                                     name: "mimalloc-large-pages")
        #expect(CellEnvironment.make(for: pages, inheriting: inherited)
            == ["LD_PRELOAD": "/x/libmimalloc.so.2", "MIMALLOC_LARGE_OS_PAGES": "1", "MIMALLOC_SHOW_ERRORS": "1", "KEEP": "kept"])
    }

    @Test func aTuningTheAllocatorRejectedFailsTheCellWithItsLine() throws {
        let bad = Cell(engineThreads: 1, intraOpThreads: 1, allocator: AllocatorSetting(kind: .glibc, mallocConf: nil))
        let complaint = "<jemalloc>: Invalid conf pair: bogus_option:1"
        let m = try runCell(bad, launcher: FakeChild.launcher("echo '\(complaint)' >&2; " + FakeChild.writesReport))
        #expect(m.verdict.status == .failed)
        #expect(m.verdict.error == "glibc rejected its tuning: \(complaint)")
        let quiet = try runCell(bad, launcher: FakeChild.launcher("echo 'mimalloc: option ok' >&2; " + FakeChild.writesReport))
        #expect(quiet.verdict == .ok)
    }

    @Test func passesTheCellToArbenchRun() {
        let invocation = CellInvocation(run: CellRun(cell: Cell(engineMode: .processes, engineThreads: 4, intraOpThreads: 2), repetition: 1),
                                        modelPath: "/m.pt", audioPaths: ["/a.wav"], metricsPath: "/c.json")
        let argv = ChildCommand.arbenchRun(executable: "/bin/arbench").arguments(invocation)
        #expect(argv == ["run", "/a.wav", "--model", "/m.pt", "--engine-threads", "4", "--intra-op-threads", "2",
                         "--inter-op-threads", "1", "--libtorch", "system", "--engine-mode", "processes",
                         "--metrics", "/c.json", "--quiet"])
        var threads = invocation
        threads.run.cell.engineMode = .threads
        #expect(!ChildCommand.arbenchRun(executable: "/bin/arbench").arguments(threads).contains("--engine-mode"))
    }

    @Test func samplesTheWholeProcessTree() throws {
        // Two worker processes beside the child, alive for ~2.5 s: the tree rescan (every second at
        // first) must find them.
        let m = try runCell(cell, launcher: FakeChild.launcher("sleep 2.5 & sleep 2.5 & wait; " + FakeChild.writesReport), interval: 50)
        #expect(m.verdict == .ok)
        #expect(m.outcome.samples.map(\.processes).max() == 3)
        #expect(m.outcome.samplerCPUSeconds > 0)
    }

    /// A fixed amount of work (a shell loop, ~1 s of CPU on an idle machine), not a fixed wall time: on a
    /// busy machine (CI runs suites in parallel on 2 cores) the loop takes longer but its CPU time does
    /// not shrink, so the bounds hold whatever else runs.
    @Test func measuresCPUOfABusyChild() throws {
        let m = try runCell(cell, launcher: FakeChild.launcher("i=0; while [ $i -lt 600000 ]; do i=$((i+1)); done; " + FakeChild.writesReport),
                            interval: 50)
        let usage = try #require(m.outcome.usage)
        let cpu = usage.userCPUSeconds + usage.systemCPUSeconds
        #expect(cpu > 0.4)
        let busy = m.outcome.samples.map(\.coresUsed).max() ?? 0
        #expect(busy > 0 && busy < 2.5)
        // cores_used is the child's CPU over its wall time, whatever share of the machine it got.
        let cores = try #require(Double(ResultRow(m)["cores_used"]))
        #expect(abs(cores - cpu / m.outcome.wallSeconds) < 0.01, "\(cores) vs \(cpu) / \(m.outcome.wallSeconds)")
    }
}
