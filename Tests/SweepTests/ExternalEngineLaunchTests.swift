import Foundation
import Testing
@testable import Sweep
import Results

/// External engines run as real child processes (small /bin/sh engines): argv never through a shell unless
/// asked, the metrics file read or its problem recorded, the allocator verified from /proc/PID/maps, a
/// hung engine's whole tree killed, and a broken engine failing only its own cells.
@Suite("External engines launched", .serialized)
struct ExternalEngineLaunchTests {
    static let jemalloc = AllocatorKind.jemalloc.defaultLibraryPath!

    /// An executable script in a fresh directory.
    static func script(_ body: String, in directory: String, name: String = "engine.sh") throws -> String {
        let path = directory + "/" + name
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    static func spec(_ engines: [ExternalEngine], allocators: [AllocatorSetting] = [AllocatorSetting(kind: .glibc)],
                     timeout: Double = 20) -> ExperimentSpec {
        ExperimentSpec(name: "ext", audio: .paths(["/dev/null"]), model: "m.pt", engineThreads: [2], intraOpThreads: [1],
                       allocators: allocators, engines: engines.map(CellEngine.external), timeoutSeconds: timeout, sampleIntervalMs: 20)
    }

    static func sweep(_ spec: ExperimentSpec, audio: [String] = ["/dev/null"]) throws -> (SweepOutcome, RunDirectory) {
        let directory = RunDirectory(path: try makeTemporaryDirectory())
        let launcher = CellLauncher(command: ChildCommand(executable: "/bin/false") { _ in [] },
                                    inheritedEnvironment: ["PATH": "/usr/bin:/bin", "LD_PRELOAD": "/inherited.so", "OMP_NUM_THREADS": "9"])
        let runner = SweepRunner(spec: spec, specText: "name: ext\n", specPath: "ext.yaml",
                                 inputs: SweepInputs(modelPath: "/models/m 1.pt", audioPaths: audio), directory: directory,
                                 launcher: launcher, options: SweepRunner.Options(commandLine: "test"), machineCores: 2, log: { _ in })
        return (try runner.run(), directory)
    }

    @Test func placeholderValuesArriveAsArgvElementsNeverThroughAShell() throws {
        let dir = try makeTemporaryDirectory()
        // File names a shell would split, quote or run.
        let names = ["a b.wav", "it's \"q\".wav", "x;touch \(dir)/pwned-semi.wav", "$(touch \(dir)/pwned-sub).wav", "`touch \(dir)/pwned-tick`.wav"]
        let audio = names.map { dir + "/" + $0 }
        let engine = try Self.script(#"for a in "$@"; do printf '%s\n' "$a"; done > "$OUT/argv"; env > "$OUT/env"; sleep 0.3"#, in: dir)
        let spec = Self.spec([ExternalEngine(name: "args", command: [engine, "-t", "{engine_threads}", "--model={model}", "{audio}", "{cell_id}"],
                                             environment: ["OUT": "{out}", "LIST": "{audio_list}"])])
        let (outcome, directory) = try Self.sweep(spec, audio: audio)
        let row = try #require(outcome.rows.first)
        #expect(row.isOK, "\(row[.error])")
        let stem = directory.cells + "/threads-e2-i1-x1-glibc-default-wdefault-eng-args-r1"
        let argv = try String(contentsOfFile: stem + ".out/argv", encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(argv == ["-t", "2", "--model=/models/m 1.pt"] + audio + ["threads-e2-i1-x1-glibc-default-wdefault-eng-args"])
        #expect(try String(contentsOfFile: stem + ".audio.txt", encoding: .utf8) == audio.map { $0 + "\n" }.joined())
        for pwned in ["pwned-semi.wav", "pwned-sub", "pwned-tick"] {
            #expect(!FileManager.default.fileExists(atPath: dir + "/" + pwned), "\(pwned): nothing ran through a shell")
        }
        // The cell's environment: the inherited allocator and OpenMP variables replaced by the cell's.
        let env = try String(contentsOfFile: stem + ".out/env", encoding: .utf8)
        #expect(env.contains("OMP_NUM_THREADS=1\n"))
        #expect(!env.contains("LD_PRELOAD="))
        #expect(env.contains("LIST=\(stem).audio.txt\n"))
    }

    @Test func aShellEngineGetsEveryValueAsOneQuotedWord() throws {
        let dir = try makeTemporaryDirectory()
        let audio = [dir + "/a b.wav", dir + "/it's $(touch \(dir)/pwned).wav"]
        let spec = Self.spec([ExternalEngine(name: "sh", command: [#"for a in {audio}; do printf '%s\n' "$a"; done > {out}/argv; sleep 0.3"#], shell: true)])
        let (outcome, directory) = try Self.sweep(spec, audio: audio)
        #expect(outcome.rows.first?.isOK == true, "\(outcome.rows.first?[.error] ?? "")")
        let argv = try String(contentsOfFile: directory.cells + "/threads-e2-i1-x1-glibc-default-wdefault-eng-sh-r1.out/argv", encoding: .utf8)
        #expect(argv == audio.map { $0 + "\n" }.joined())
        #expect(!FileManager.default.fileExists(atPath: dir + "/pwned"))
    }

    @Test func theMetricsFileFillsTheRowAndItsProblemsAreRecordedNotFatal() throws {
        let dir = try makeTemporaryDirectory()
        let good = try Self.script(#"sleep 0.3; printf '{"schema":"arbench.engine-metrics/1","items":40,"audio_seconds":20,"processing_seconds":0.25,"latency_ms":{"p50":3,"p95":4,"p99":5},"output_digest":"d1","extra":{"gil_wait_s":0.125}}' > "$1""#,
                                   in: dir, name: "good.sh")
        let garbled = try Self.script(#"sleep 0.3; echo 'not json' > "$1""#, in: dir, name: "garbled.sh")
        let silent = try Self.script("sleep 0.3", in: dir, name: "silent.sh")
        let spec = Self.spec([ExternalEngine(name: "good", command: [good, "{metrics}"]),
                              ExternalEngine(name: "garbled", command: [garbled, "{metrics}"]),
                              ExternalEngine(name: "missing", command: [silent, "{metrics}"]),
                              ExternalEngine(name: "declared", command: [silent], work: .items(10))])
        let (outcome, directory) = try Self.sweep(spec)
        let byEngine = Dictionary(uniqueKeysWithValues: outcome.rows.map { ($0[.engine], $0) })
        #expect(outcome.rows.allSatisfy { $0.isOK }, "\(outcome.rows.map { $0[.error] })")
        let g = try #require(byEngine["good"])
        #expect(g[.items] == "40" && g[.audioSeconds] == "20.000" && g[.processingSeconds] == "0.2500")
        #expect(g[.throughput] == "80.00" && g[.itemsPerSecond] == "160.00")
        #expect(g[.latencyP99Ms] == "5.000" && g[.outputDigest] == "d1" && g["x_gil_wait_s"] == "0.125000")
        #expect(g[.engineMetricsProblem].isEmpty)
        #expect(Double(g[.rssPeakMiB]) ?? 0 > 0, "sampled from /proc like any cell")
        #expect(byEngine["garbled"]?[.engineMetricsProblem] == "metrics file is not JSON")
        #expect(byEngine["garbled"]?[.items] == "")
        #expect(byEngine["missing"]?[.engineMetricsProblem].hasPrefix("metrics file not written") == true)
        let d = try #require(byEngine["declared"])
        #expect(d[.engineMetricsProblem].isEmpty, "it was not handed a metrics path")
        #expect(d[.items] == "10" && d[.processingSeconds].isEmpty, "absent, not zero")
        #expect((Double(d[.itemsPerSecond]) ?? 0) > 0, "from the declared work over wall time")
        #expect(d["x_gil_wait_s"] == "", "a column another engine has stays empty")
        let csv = try String(contentsOfFile: directory.results, encoding: .utf8)
        #expect(csv.hasPrefix(Metric.csvHeader + ",x_gil_wait_s\n"))
        #expect(outcome.digest.isConsistent, "each engine's digest compares within the engine")
    }

    @Test func aBrokenEngineFailsOnlyItsOwnCellsWithAOneLineReason() throws {
        let dir = try makeTemporaryDirectory()
        let crashing = try Self.script("echo 'loading model'; echo 'engine: model.pt: not TorchScript' >&2; exit 5", in: dir, name: "crash.sh")
        let plain = dir + "/not-executable.sh"
        try "echo hi\n".write(toFile: plain, atomically: true, encoding: .utf8)
        let fine = try Self.script("sleep 0.3", in: dir, name: "fine.sh")
        let spec = Self.spec([ExternalEngine(name: "crash", command: [crashing]),
                              ExternalEngine(name: "absent", command: ["no-such-engine-\(UUID().uuidString.prefix(6))"]),
                              ExternalEngine(name: "plain", command: [plain]),
                              ExternalEngine(name: "fine", command: [fine])])
        let (outcome, _) = try Self.sweep(spec)
        let byEngine = Dictionary(uniqueKeysWithValues: outcome.rows.map { ($0[.engine], $0) })
        #expect(outcome.rows.count == 4)
        #expect(byEngine["crash"]?[.status] == "failed")
        #expect(byEngine["crash"]?[.error] == "exit 5: engine: model.pt: not TorchScript")
        #expect(byEngine["absent"]?[.error].hasPrefix("command not found: no-such-engine-") == true)
        #expect(byEngine["plain"]?[.error] == "command not executable: \(plain)")
        #expect(byEngine["fine"]?.isOK == true, "\(byEngine["fine"]?[.error] ?? "")")
        #expect(!outcome.isClean, "the sweep ends with exit 6")
    }

    @Test func aHungEngineHasItsWholeTreeKilledAtTheTimeout() throws {
        let dir = try makeTemporaryDirectory()
        // A grandchild in a session of its own has left the process group the launcher kills.
        let engine = try Self.script(#"setsid sleep 300 & echo $! > "$1"; sleep 300"#, in: dir)
        let spec = Self.spec([ExternalEngine(name: "hung", command: [engine, "{out}/pid"])], timeout: 2)
        let (outcome, directory) = try Self.sweep(spec)
        let row = try #require(outcome.rows.first)
        #expect(row[.status] == "timeout", "\(row[.error])")
        let pidText = try String(contentsOfFile: directory.cells + "/threads-e2-i1-x1-glibc-default-wdefault-eng-hung-r1.out/pid", encoding: .utf8)
        let pid = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
        // Killed, then reaped by init: give it a moment to vanish.
        var alive = true
        for _ in 0..<50 where alive {
            alive = kill(pid, 0) == 0 && !((try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.contains(") Z ") ?? true)
            if alive { usleep(20_000) }
        }
        #expect(!alive, "the setsid grandchild \(pid) was killed")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: ExternalEngineLaunchTests.jemalloc), "needs libjemalloc2"))
    func theAllocatorIsVerifiedFromEveryProcessesMaps() throws {
        let dir = try makeTemporaryDirectory()
        let honest = try Self.script("sleep 1.5", in: dir, name: "honest.sh")
        // Drops the preload the cell asked for, and on glibc brings in one the cell did not ask for.
        let drops = try Self.script("exec env -u LD_PRELOAD sleep 1.5", in: dir, name: "drops.sh")
        let adds = try Self.script("exec env LD_PRELOAD=\(Self.jemalloc) sleep 1.5", in: dir, name: "adds.sh")
        let spec = Self.spec([ExternalEngine(name: "honest", command: [honest]), ExternalEngine(name: "drops", command: [drops]),
                              ExternalEngine(name: "adds", command: [adds])],
                             allocators: [AllocatorSetting(kind: .glibc), AllocatorSetting(kind: .jemalloc, libraryPath: Self.jemalloc)])
        let (outcome, _) = try Self.sweep(spec)
        func row(_ engine: String, _ allocator: String) -> ResultRow? {
            outcome.rows.first { $0[.engine] == engine && $0[.allocator] == allocator }
        }
        #expect(row("honest", "glibc")?.isOK == true, "\(row("honest", "glibc")?[.error] ?? "")")
        #expect(row("honest", "glibc")?[.allocatorReported] == "glibc")
        #expect(row("honest", "jemalloc")?.isOK == true, "\(row("honest", "jemalloc")?[.error] ?? "")")
        #expect(row("honest", "jemalloc")?[.allocatorReported] == "jemalloc")
        #expect(row("drops", "glibc")?.isOK == true)
        #expect(row("drops", "jemalloc")?[.error].hasPrefix("allocator mismatch: asked for jemalloc, sleep (pid ") == true,
                "\(row("drops", "jemalloc")?[.error] ?? "")")
        #expect(row("drops", "jemalloc")?[.error].hasSuffix("maps none of jemalloc, tcmalloc, mimalloc") == true)
        #expect(row("adds", "glibc")?[.error].contains("asked for glibc, sleep") == true, "\(row("adds", "glibc")?[.error] ?? "")")
        #expect(row("adds", "jemalloc")?.isOK == true)
    }

    @Test func anEngineTooShortToBeSeenIsNotPassedAsVerified() throws {
        let spec = Self.spec([ExternalEngine(name: "blink", command: ["true"])])
        let (outcome, _) = try Self.sweep(spec)
        #expect(outcome.rows.first?[.status] == "failed")
        #expect(outcome.rows.first?[.error].hasPrefix("allocator and limits unverified: the engine exited before arbench read its /proc") == true)
    }
}
