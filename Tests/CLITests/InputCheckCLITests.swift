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

    @Test func launcherValuesTheSchedulerWouldRefuseAreRefusedFirstAndNothingIsCreatedAboveOut() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = Self.root.appendingPathComponent("Experiments/quick.yaml").path
        let out = dir.appendingPathComponent("launcher").path
        let cases: [([String], String)] = [
            (["slurm", spec, "--shards", "2", "--out", out, "--time", "5 parsecs"], "--time 5 parsecs: not a Slurm time"),
            (["k8s", spec, "--shards", "2", "--out", out, "--image", ""], "--image '': empty"),
            (["k8s", spec, "--shards", "2", "--out", out, "--image", "Registry/Arbench:1"], "not an image reference"),
            (["k8s", spec, "--shards", "2", "--out", out, "--image", "r/arbench:1", "--claim", "Bad Claim!"], "--claim 'Bad Claim!': not a Kubernetes name"),
            (["slurm", spec, "--shards", "2", "--out", dir.appendingPathComponent("missing/deeper/x").path], "does not exist (only DIR itself is created)"),
        ]
        for (arguments, words) in cases {
            Self.oneLine(try CLITests.arbench(arguments), 64, containing: words, arguments.joined(separator: " "))
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("missing").path))
        // Accepted forms, and the next step printed as a person would type it (quoted when it needs to be).
        for time in ["90", "1:30:00", "2-12", "2-12:30", "UNLIMITED"] {
            let r = try CLITests.arbench(["slurm", spec, "--shards", "2", "--out", dir.appendingPathComponent("t \(time)").path, "--time", time])
            #expect(r.status == 0, "\(time): \(r.stderr)")
            #expect(r.stderr.contains("next: sh '\(dir.path)/t \(time)/submit.sh'"), "\(r.stderr)")
        }
        let k8s = try CLITests.arbench(["k8s", spec, "--shards", "2", "--out", out, "--image", "registry.example:5000/team/arbench:1.0"])
        #expect(k8s.status == 0, "\(k8s.stderr)")
        #expect(k8s.stderr.contains("next: sh \(out)/run.sh"), "\(k8s.stderr)")
    }

    @Test func aSpecNameIsOnePlainWordNeverAPath() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let quick = try String(contentsOf: Self.root.appendingPathComponent("Experiments/quick.yaml"), encoding: .utf8)
        let evil = dir.appendingPathComponent("evil.yaml")
        try quick.replacingOccurrences(of: "name: quick", with: "name: \"../../etc/evil\"").write(to: evil, atomically: true, encoding: .utf8)
        let r = try CLITests.arbench(["sweep", evil.path, "--dry-run"])
        Self.oneLine(r, 64, containing: "evil.yaml:", "name")
        #expect(r.stderr.contains("name: \"../../etc/evil\" is not a plain name"), "\(r.stderr)")
    }

    /// The spec fuzzer's finding: `cpu_quota: 1e308` trapped converting to microseconds (exit 132).
    @Test func aHugeQuotaIsAnErrorNotATrap() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let quick = try String(contentsOf: Self.root.appendingPathComponent("Experiments/quick.yaml"), encoding: .utf8)
        let spec = dir.appendingPathComponent("huge.yaml")
        try (quick + "\ncpu_quota: 1e308\n").write(to: spec, atomically: true, encoding: .utf8)
        let r = try CLITests.arbench(["sweep", spec.path, "--dry-run"])
        Self.oneLine(r, 64, containing: "cpu_quota: expected CPUs as a decimal", "1e308")
    }
}
