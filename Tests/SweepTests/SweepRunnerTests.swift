import Foundation
import Testing
@testable import Sweep
import Results

@Suite("Sweep runner")
struct SweepRunnerTests {
    func spec(repetitions: Int = 2) -> ExperimentSpec {
        ExperimentSpec(name: "fake", audio: .paths(["/dev/null"]), model: "m.pt", engineThreads: [1, 2], intraOpThreads: [1, 4],
                       repetitions: repetitions, timeoutSeconds: 10, sampleIntervalMs: 20)
    }

    func runner(_ directory: RunDirectory, _ launcher: CellLauncher, spec: ExperimentSpec? = nil,
                resume: Bool = false, retryFailed: Bool = false, log: @escaping (String) -> Void = { _ in }) -> SweepRunner {
        SweepRunner(spec: spec ?? self.spec(), specText: "name: fake\n", specPath: "fake.yaml",
                    inputs: SweepInputs(modelPath: "/m.pt", audioPaths: ["/dev/null"]), directory: directory, launcher: launcher,
                    options: SweepRunner.Options(resume: resume, retryFailed: retryFailed, commandLine: "test"),
                    machineCores: 2, log: log)
    }

    func keys(_ rows: [ResultRow]) -> [RunKey] { rows.compactMap(\.key) }

    @Test func writesTheRunDirectory() throws {
        let directory = RunDirectory(path: try makeTemporaryDirectory())
        let outcome = try runner(directory, FakeChild.launcher("sleep 0.1; " + FakeChild.writesReport)).run()
        #expect(outcome.isClean)
        #expect(outcome.rows.count == 8)
        #expect(outcome.runsExecuted == 8)
        let csv = try String(contentsOfFile: directory.results, encoding: .utf8)
        #expect(csv.hasPrefix(Metric.csvHeader + "\n"))
        #expect(csv.split(separator: "\n").count == 9)
        for file in [directory.timeline, directory.meta, directory.report, directory.specCopy] {
            #expect(FileManager.default.fileExists(atPath: file), "\(file)")
        }
        let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.meta))) as? [String: Any]
        let machine = meta?["machine"] as? [String: Any]
        #expect(machine?["logical_cores"] != nil)
        let software = meta?["software"] as? [String: Any]
        #expect(software?["torch_version"] as? String == "1.13.0")
        #expect((software?["packages"] as? [String: String])?["libc6"] != nil)
        let sessions = meta?["sessions"] as? [[String: Any]]
        #expect((sessions?.first?["sampler"] as? [String: Any])?["samples"] as? Int ?? 0 > 0)
        let report = try String(contentsOfFile: directory.report, encoding: .utf8)
        #expect(report.contains("All ok runs produced the same output"))
        #expect(report.contains("Fastest"))
        #expect(FileManager.default.fileExists(atPath: directory.cells + "/threads-e2-i4-x1-glibc-default-wdefault-r2.json"))
        #expect(FileManager.default.fileExists(atPath: directory.cells + "/threads-e2-i4-x1-glibc-default-wdefault-r2.log"))
    }

    /// A sweep killed mid-run leaves complete rows, possibly a torn line from an older writer, a
    /// half-written timeline and a stale metrics file; resume must run exactly what is missing.
    @Test func resumesAKilledSweepWithoutLostOrDuplicatedRows() throws {
        let directory = RunDirectory(path: try makeTemporaryDirectory())
        // Long enough to be sampled even when other test processes load both cores (every run must
        // leave timeline rows for the check below).
        let launcher = FakeChild.launcher("sleep 0.6; " + FakeChild.writesReport)
        let full = try runner(directory, launcher).run()
        let order = keys(full.rows)

        // Simulate the kill after three finished runs, in the middle of writing the fourth row.
        let kept = Array(full.rows.prefix(3))
        let torn = String(full.rows[3].csvLine().prefix(40))
        try (ResultsFile.text(kept) + torn).write(toFile: directory.results, atomically: true, encoding: .utf8)
        let timeline = try String(contentsOfFile: directory.timeline, encoding: .utf8)
        try (timeline + "threads-e2-i1-x1-glibc-default-wdefault,1,0.0").write(toFile: directory.timeline, atomically: true, encoding: .utf8)

        var warnings: [String] = []
        let resumed = try runner(directory, launcher, resume: true, log: { warnings.append($0) }).run()

        #expect(resumed.runsExecuted == 5)
        #expect(keys(resumed.rows) == order)
        #expect(Set(keys(resumed.rows)).count == 8)
        #expect(Array(resumed.rows.prefix(3)) == kept, "earlier rows are kept as they were")
        #expect(warnings.contains { $0.contains("torn last line") })
        let reread = ResultsReader.read(path: directory.results)
        #expect(reread.warnings.isEmpty)
        #expect(keys(reread.rows) == order)

        // Every timeline row belongs to a finished run, and no run's samples appear twice.
        let lines = try String(contentsOfFile: directory.timeline, encoding: .utf8).split(separator: "\n").dropFirst()
        let sampleKeys = lines.map { line -> String in
            let fields = line.split(separator: ",")
            return "\(fields[0]),\(fields[1]),\(fields[2])"
        }
        #expect(Set(sampleKeys).count == sampleKeys.count, "\(Dictionary(grouping: sampleKeys, by: { $0 }).filter { $0.value.count > 1 }.keys)")
        #expect(Set(lines.map { $0.split(separator: ",").prefix(2).joined(separator: ",") }).count == 8)

        let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.meta))) as? [String: Any]
        #expect((meta?["sessions"] as? [Any])?.count == 2)

        // Nothing left: a second resume runs nothing and changes nothing.
        let again = try runner(directory, launcher, resume: true).run()
        #expect(again.runsExecuted == 0)
        #expect(again.rows == resumed.rows)
    }

    /// A results file that cannot be written stops the sweep with one message naming the file and
    /// the way on; what is on disk stays whole and resume completes it, nothing lost or doubled.
    @Test func aWriteErrorOnTheResultsFileStopsTheSweepAndResumeCompletesIt() throws {
        let directory = RunDirectory(path: try makeTemporaryDirectory())
        let order = ExperimentGrid(spec: spec()).runs.map(\.key)
        let blocked = order[3]
        // Tests may run as root, which ignores permissions: a directory where the writer puts its
        // temporary file fails the write the way a full disk does (open fails, nothing renamed).
        let obstacle = directory.results + ".tmp-\(getpid())"
        let launcher = FakeChild.launcher("sleep 0.1; " + FakeChild.writesReport) { invocation in
            if invocation.run.key == blocked {
                try? FileManager.default.createDirectory(atPath: obstacle, withIntermediateDirectories: false)
            }
            return FakeChild.report(for: invocation)
        }

        #expect {
            try runner(directory, launcher).run()
        } throws: { error in
            let message = "\(error)"
            return error is ResultsNotSaved && message.contains("results.csv.tmp-") && message.contains("Is a directory")
                && message.contains("the 3 runs finished before are intact") && message.contains("--resume \(directory.path)")
                && !message.contains("\n")
        }
        let onDisk = ResultsReader.read(path: directory.results)
        #expect(onDisk.warnings.isEmpty)
        #expect(keys(onDisk.rows) == Array(order.prefix(3)))

        try FileManager.default.removeItem(atPath: obstacle)
        let resumed = try runner(directory, FakeChild.launcher("sleep 0.1; " + FakeChild.writesReport), resume: true).run()
        #expect(resumed.runsExecuted == 5)
        #expect(keys(resumed.rows) == order)
        // The blocked run's samples reached timeline.csv before its row failed: resume drops them
        // and the rerun writes its own, so every run's samples appear once.
        let samples = try String(contentsOfFile: directory.timeline, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",").prefix(3).joined(separator: ",") }
        #expect(Set(samples).count == samples.count)
        #expect(Set(samples.map { $0.split(separator: ",").prefix(2).joined(separator: ",") }).count == 8)
    }

    /// Damage in the middle of results.csv (a garbled line, a line of invalid UTF-8, a stray quote)
    /// costs only the damaged lines: their runs are redone, every other row is kept, and the file
    /// as found is kept beside the rewritten one.
    @Test func resumeRedoesOnlyTheRunsOfCorruptLinesInTheMiddleOfTheFile() throws {
        let directory = RunDirectory(path: try makeTemporaryDirectory())
        let launcher = FakeChild.launcher(FakeChild.writesReport)
        let full = try runner(directory, launcher).run()
        let order = keys(full.rows)

        var lines = try Data(contentsOf: URL(fileURLWithPath: directory.results)).split(separator: UInt8(ascii: "\n"),
                                                                                            omittingEmptySubsequences: false)
        lines[2] = Data("#### garbled by a disk error ####".utf8)          // row of run 2
        lines[4] = Data([0xFF, 0xFE, 0x00, 0xC3, 0x28]) + lines[4].dropFirst(5)   // run 4: invalid UTF-8
        lines[6] = Data("\"".utf8) + lines[6]                                  // run 6: an unclosed quote
        try Data(lines.joined(separator: [UInt8(ascii: "\n")])).write(to: URL(fileURLWithPath: directory.results))

        var log: [String] = []
        let resumed = try runner(directory, launcher, resume: true, log: { log.append($0) }).run()

        #expect(resumed.runsExecuted == 3)
        #expect(Set(keys(resumed.rows)) == Set(order))
        #expect(keys(resumed.rows).count == 8)
        for damaged in [2, 4, 6] {
            let line = damaged + 1
            #expect(log.contains { $0.hasPrefix("warning: \(directory.results):\(line): ") && $0.contains("dropped") }, "\(log)")
        }
        let kept = [1, 3, 5, 7, 8].map { full.rows[$0 - 1] }
        #expect(Array(resumed.rows.prefix(5)) == kept, "undamaged rows are carried as they were")
        let copies = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("results.csv.damaged-") }
        #expect(copies.count == 1)
        #expect(log.contains { $0.contains("kept as") })
        #expect(ResultsReader.read(path: directory.results).warnings.isEmpty)
    }

    @Test func goesOnPastFailedCellsAndCanRetryThem() throws {
        let directory = RunDirectory(path: try makeTemporaryDirectory())
        // Engine threads 2 crash; the others succeed.
        let flaky = FakeChild.launcher(#"case "$1" in *-e2-*) kill -SEGV $$;; esac; "# + FakeChild.writesReport)
        let outcome = try runner(directory, flaky).run()
        #expect(outcome.rows.count == 8)
        #expect(outcome.notOK.count == 4)
        #expect(outcome.notOK.allSatisfy { $0["signal"] == "SIGSEGV" && $0["engine_threads"] == "2" })
        #expect(!outcome.isClean)
        let report = try String(contentsOfFile: directory.report, encoding: .utf8)
        #expect(report.contains("killed by SIGSEGV"))

        let plainResume = try runner(directory, FakeChild.launcher(FakeChild.writesReport), resume: true).run()
        #expect(plainResume.runsExecuted == 0)
        let retried = try runner(directory, FakeChild.launcher(FakeChild.writesReport), resume: true, retryFailed: true).run()
        #expect(retried.runsExecuted == 4)
        #expect(retried.isClean)
        #expect(Set(keys(retried.rows)).count == 8)
    }

    @Test func reportsDifferingOutputDigests() throws {
        let directory = RunDirectory(path: try makeTemporaryDirectory())
        let launcher = FakeChild.launcher(FakeChild.writesReport) { invocation in
            ReportFixture.json(digest: invocation.run.cell.engineThreads == 2 ? "other" : "same")
        }
        let outcome = try runner(directory, launcher, spec: spec(repetitions: 1)).run()
        #expect(outcome.notOK.isEmpty)
        #expect(!outcome.digest.isConsistent)
        #expect(!outcome.isClean)
        #expect(outcome.digest.groups.map(\.digest).sorted() == ["other", "same"])
        let report = try String(contentsOfFile: directory.report, encoding: .utf8)
        #expect(report.contains("**Mismatch**"))
    }

    @Test func summarisesCellsWithMedians() {
        let rows = [("1.0", "ok"), ("3.0", "ok"), ("2.0", "ok"), ("9.0", "failed")].enumerated().map { index, value in
            ResultRow(values: ["cell_id": "c", "repetition": String(index + 1), "status": value.1, "processing_s": value.0,
                               "engine_threads": "2", "intra_op_threads": "1"])
        }
        let summary = CellSummary.of(rows)
        #expect(summary.count == 1)
        #expect(summary[0].processingSeconds == 2.0)
        #expect(summary[0].okRuns == 3)
        #expect(summary[0].runs == 4)
    }
}

@Suite("Inputs")
struct InputPreparationTests {
    @Test func generatesTheSceneOnceIntoTheRunDirectory() throws {
        let directory = RunDirectory(path: try makeTemporaryDirectory())
        let calls = Counter()
        let preparation = InputPreparation(resolveModel: { "/models/\($0).pt" }, generateScene: { seconds, seed, audio, labels in
            calls.increment()
            #expect(seconds == 90 && seed == 4 && labels.hasSuffix(".labels.csv"))
            try Data().write(to: URL(fileURLWithPath: audio))
        })
        let spec = ExperimentSpec(name: "s", audio: .generate(durationSeconds: 90, seed: 4), model: "base",
                                  engineThreads: [1], intraOpThreads: [1])
        let first = try preparation.prepare(spec: spec, directory: directory, log: { _ in })
        let second = try preparation.prepare(spec: spec, directory: directory, log: { _ in })
        #expect(first == second)
        #expect(first.audioPaths == [directory.audio + "/scene-90s-seed4.wav"])
        #expect(first.modelPath == "/models/base.pt")
        #expect(calls.value == 1)

        // A soak: each cell processes the same scene several times over; it is generated once.
        var soak = spec
        soak.audioPasses = 3
        let passes = try preparation.prepare(spec: soak, directory: directory, log: { _ in })
        #expect(passes.audioPaths == Array(repeating: directory.audio + "/scene-90s-seed4.wav", count: 3))
        #expect(calls.value == 1)
    }

    @Test func aModelThatCannotBeResolvedIsAModelFailure() throws {
        let preparation = InputPreparation(resolveModel: { _ in throw SpecError(problems: []) }, generateScene: { _, _, _, _ in })
        let spec = ExperimentSpec(name: "s", audio: .paths(["/a.wav"]), model: "large", engineThreads: [1], intraOpThreads: [1])
        #expect(throws: InputPreparation.Failure.self) {
            _ = try preparation.prepare(spec: spec, directory: RunDirectory(path: "/tmp"), log: { _ in })
        }
    }
}

final class Counter: @unchecked Sendable {
    private(set) var value = 0
    func increment() { value += 1 }
}
