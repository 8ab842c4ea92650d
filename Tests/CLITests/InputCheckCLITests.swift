import Foundation
import TestSupport
import Testing

/// Issue 31's first findings, as a new user hit them: each was accepted, crashed or misled; each is now one
/// line naming the file or flag and what is wrong, with the documented exit code, before any work.
@Suite("inputs checked before any work")
struct InputCheckCLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func study(_ name: String) -> String { root.appendingPathComponent("Results").appendingPathComponent(name).path }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("arbench-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func oneLine(_ r: ProcessOutput, _ status: Int32, containing: String, _ what: String) {
        #expect(r.status == status, "\(what): exit \(r.status): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(what): \(r.stderr)")
        #expect(r.stderr.contains(containing), "\(what): \(r.stderr)")
    }

    @Test func aTypoedExpectationsKeyIsRefusedNotAnEmptyCheck() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let quick = try String(contentsOf: Self.root.appendingPathComponent("Experiments/quick.yaml"), encoding: .utf8)
        #expect(quick.contains("\nexpectations:"))
        let typo = dir.appendingPathComponent("q.yaml")
        try quick.replacingOccurrences(of: "\nexpectations:", with: "\nexpectation:").write(to: typo, atomically: true, encoding: .utf8)
        let r = try CLITests.arbench(["check", Self.study("post-figures-3-4"), "--spec", typo.path])
        Self.oneLine(r, 64, containing: "q.yaml:", "typo")
        #expect(r.stderr.contains("expectation: unknown key (did you mean `expectations`?"), "\(r.stderr)")
    }

    @Test func adviseLimitsOutsideTheirQuantityAreUsageErrors() throws {
        for (flag, value, words) in [("--max-rss", "-5MiB", "is negative"), ("--max-cpu-util", "150%", "is a share (0-100%)"),
                                     ("--max-p99", "-1ms", "is negative"), ("--max-rss", "5parsecs", "unit parsecs")] {
            let r = try CLITests.arbench(["advise", Self.study("post-figures-3-4"), "\(flag)=\(value)"])
            Self.oneLine(r, 64, containing: words, "\(flag) \(value)")
        }
    }

    @Test func megabytesAreDecimalAndMebibytesBinary() throws {
        let mb = try CLITests.arbench(["advise", Self.study("post-figures-3-4"), "--max-rss", "800MB"])
        #expect(mb.stdout.contains("rss_peak_mb <= 763 MiB"), "\(mb.stdout)")
        let mib = try CLITests.arbench(["advise", Self.study("post-figures-3-4"), "--max-rss", "800MiB"])
        #expect(mib.stdout.contains("rss_peak_mb <= 800 MiB"), "\(mib.stdout)")
    }

    @Test func anObjectiveTheRunNeverMeasuredIsAUsageErrorNotNothingMeets() throws {
        let r = try CLITests.arbench(["advise", Self.study("post-figure-5"), "--objective", "capacity"])
        Self.oneLine(r, 64, containing: "--objective capacity: the run has no capacity_streams values", "capacity")
    }

    @Test func fileErrorsNameThePathAndTheProblemInWords() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let wav = dir.appendingPathComponent("g.wav").path
        #expect(try CLITests.arbench(["generate", "--duration", "1s", "--out", wav]).status == 0)

        let labels = try CLITests.arbench(["evaluate", wav, "--labels", dir.appendingPathComponent("nothere.csv").path])
        Self.oneLine(labels, 4, containing: "nothere.csv: cannot read labels: does not exist", "labels")

        // Before any work, not after an hour of generating: a missing directory, a directory given as the file.
        let nowhere = try CLITests.arbench(["generate", "--duration", "2h", "--out", "/nonexistent-dir/x.wav"])
        Self.oneLine(nowhere, 64, containing: "--out: cannot write /nonexistent-dir/x.wav: the directory /nonexistent-dir does not exist", "nowhere")
        let directory = try CLITests.arbench(["generate", "--duration", "2h", "--out", dir.path])
        Self.oneLine(directory, 64, containing: "is a directory; give a file name in it", "directory")
    }

    @Test func aJunkResultsFileIsNotDescribedAsAResume() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "a,b\n1,2\n".write(to: dir.appendingPathComponent("results.csv"), atomically: true, encoding: .utf8)
        for command in [["compare", dir.path, dir.path], ["check", dir.path]] {
            let r = try CLITests.arbench(command)
            Self.oneLine(r, 1, containing: "results.csv: the header lacks cell_id, repetition, status; not a results file; no result rows", command[0])
            #expect(!r.stderr.contains("runs again"), "\(r.stderr)")
        }
    }

    @Test func abPowerOnADirectoryWithoutPairsPrintsTheErrorOnly() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLITests.arbench(["ab-power", dir.path])
        Self.oneLine(r, 1, containing: "pairs.csv: no pairs", "ab-power")
        #expect(r.stdout.isEmpty, "\(r.stdout)")
    }
}
