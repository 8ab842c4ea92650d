import Foundation
import TestSupport
import Testing

/// Mistakes a new user makes, answered up front in one line that names what is wrong (issue 18).
@Suite(.serialized) struct FirstHourTests {
    static func path(_ name: String) -> String { CLITests.directory.appendingPathComponent(name).path }

    static func errorLines(_ stderr: String) -> [Substring] {
        stderr.split(separator: "\n").filter { $0.hasPrefix("arbench: error:") }
    }

    /// A run directory as a sweep leaves it after its first runs (spec.yaml is what resume checks).
    static func runDirectory(_ name: String, spec: String) throws -> String {
        let dir = path(name)
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir + "/cells", withIntermediateDirectories: true)
        try spec.write(toFile: dir + "/spec.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    static let spec = """
    name: trust
    audio: {generate: {duration: 20s, seed: 5}}
    model: tiny
    engine_threads: [1, 2]
    intra_op_threads: 1
    repetitions: 1
    """

    // MARK: item 1

    @Test func resumeRefusesASpecThatChangesWhatFinishedRunsMeasured() throws {
        let dir = try Self.runDirectory("resume-changed", spec: Self.spec)
        let other = Self.path("other.yaml")
        try Self.spec.replacingOccurrences(of: "seed: 5", with: "seed: 9").replacingOccurrences(of: "model: tiny", with: "model: base")
            .write(toFile: other, atomically: true, encoding: .utf8)
        let r = try CLITests.arbench(["sweep", other, "--resume", dir, "--extend"])
        #expect(r.status == 64, "\(r.stderr)")
        let errors = Self.errorLines(r.stderr)
        #expect(errors.count == 1, "\(r.stderr)")
        #expect(errors.first?.contains("audio") == true && errors.first?.contains("model") == true, "\(r.stderr)")
        #expect(try String(contentsOfFile: dir + "/spec.yaml", encoding: .utf8) == Self.spec, "DIR/spec.yaml untouched")
    }

    @Test func resumeWithAdditionsNeedsExtend() throws {
        let dir = try Self.runDirectory("resume-more", spec: Self.spec)
        let more = Self.path("more.yaml")
        try Self.spec.replacingOccurrences(of: "engine_threads: [1, 2]", with: "engine_threads: [1, 2, 4]")
            .write(toFile: more, atomically: true, encoding: .utf8)
        let refused = try CLITests.arbench(["sweep", more, "--resume", dir])
        #expect(refused.status == 64, "\(refused.stderr)")
        #expect(Self.errorLines(refused.stderr).count == 1 && refused.stderr.contains("--extend") && refused.stderr.contains("engine_threads"))
        #expect(try String(contentsOfFile: dir + "/spec.yaml", encoding: .utf8) == Self.spec)
        let planned = try CLITests.arbench(["sweep", more, "--resume", dir, "--extend", "--dry-run"])
        #expect(planned.status == 0, "\(planned.stderr)")
        #expect(planned.stdout.contains("3 runs to do"), "\(planned.stdout)")
    }

    // MARK: items 3 and 4

    @Test func resumeOfSomethingElseSaysItIsNotASweepRunDirectory() throws {
        let empty = Self.path("not-a-run")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        for (dir, phrase) in [(empty, "is not a sweep run directory (no results.csv/spec.yaml)"), (Self.path("nowhere"), "does not exist")] {
            let r = try CLITests.arbench(["sweep", "--resume", dir])
            #expect(r.status == 64, "\(r.stderr)")
            #expect(r.stderr == "arbench: error: \(dir) \(phrase)\n", "\(r.stderr)")
        }
    }

    @Test func aDirectoryAsSpecSaysSo() throws {
        let dir = try Self.runDirectory("as-spec", spec: Self.spec)
        let r = try CLITests.arbench(["sweep", dir])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("\(dir): is a directory") && r.stderr.contains("--resume"), "\(r.stderr)")
        #expect(!r.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test(arguments: [("--metrics", "/nonexistent/m.json", "does not exist"), ("--metrics", "DIR", "is a directory"),
                      ("--tags", "/nonexistent/t.csv", "does not exist"), ("--tags", "DIR", "is a directory")])
    func outputPathsAreCheckedBeforeAnyWork(option: String, value: String, phrase: String) throws {
        let target = value == "DIR" ? CLITests.directory.path : value
        let r = try CLITests.arbench(["run", CLITests.scene, "--model", CLITests.model, option, target])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "nothing processed first: \(r.stderr)")
        #expect(r.stderr.hasPrefix("arbench: error:") && r.stderr.contains(target) && r.stderr.contains(phrase), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    // MARK: item 5

    @Test func aNegativeThreadCountIsRefusedInWords() throws {
        let r = try CLITests.arbench(["run", CLITests.scene, "--intra-op-threads", "-1"])
        #expect(r.status == 64)
        #expect(r.stderr.hasPrefix("arbench: error: --intra-op-threads: -1 is not a thread count (at least 1, or default)"), "\(r.stderr)")
        #expect(!r.stderr.contains("Missing value"))
    }

    @Test func aHugeThreadCountInASpecIsWarnedAboutOnce() throws {
        let spec = Self.path("huge.yaml")
        try Self.spec.replacingOccurrences(of: "intra_op_threads: 1", with: "intra_op_threads: [1, 1000]")
            .write(toFile: spec, atomically: true, encoding: .utf8)
        let r = try CLITests.arbench(["sweep", spec, "--dry-run"])
        #expect(r.status == 0, "\(r.stderr)")
        let warnings = r.stderr.split(separator: "\n").filter { $0.hasPrefix("arbench: warning:") }
        #expect(warnings.count == 1 && warnings.first?.contains("1000 intra-op threads") == true, "\(r.stderr)")
    }

    // MARK: item 6

    @Test func noUsableInputPrintsOnlyTheErrors() throws {
        let bad = Self.path("words.wav")
        try "just words\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try CLITests.arbench(["run", bad, "--model", CLITests.model])
        #expect(r.status == 4)
        #expect(r.stdout.isEmpty, "no CSV header: \(r.stdout)")
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.hasPrefix("arbench: error: \(bad)"), "\(r.stderr)")
    }

    // MARK: item 11

    @Test func versionNamesTheCommitAndTheRuntime() throws {
        let r = try CLITests.arbench(["--version"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("arbench commit "), "\(r.stdout)")
        #expect(r.stdout.contains("LibTorch runtime: system"), "\(r.stdout)")
    }

    @Test func dryRunListsTheRunsAndSaysWhenThereIsNoEstimate() throws {
        let spec = Self.path("dry.yaml")
        let name = "dry-\(getpid())"
        try Self.spec.replacingOccurrences(of: "name: trust", with: "name: \(name)").write(toFile: spec, atomically: true, encoding: .utf8)
        let r = try CLITests.arbench(["sweep", spec, "--dry-run"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("threads-e1-") && r.stdout.contains("threads-e2-"), "\(r.stdout)")
        #expect(r.stdout.contains("\(name): 2 cells, 2 runs to do; no estimate"), "\(r.stdout)")
    }

    @Test func runOnJemallocPreloadsIt() throws {
        let metrics = Self.path("jemalloc.json")
        let r = try CLITests.arbench(["run", CLITests.scene, "--model", CLITests.model, "--allocator", "jemalloc", "--metrics", metrics, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: metrics))) as? [String: Any]
        #expect((json?["allocator"] as? [String: Any])?["name"] as? String == "jemalloc")
        #expect(((json?["environment"] as? [String: Any])?["LD_PRELOAD"] as? String)?.contains("libjemalloc") == true)
    }

    @Test func infoListsTheInstalledAllocators() throws {
        let r = try CLITests.arbench(["info"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("allocators installed: glibc"), "\(r.stdout)")
    }

    // MARK: item 12

    @Test func parsingErrorsUseTheOneErrorStyle() throws {
        let r = try CLITests.arbench(["run", CLITests.scene, "--no-such-option"])
        #expect(r.status == 64)
        #expect(r.stderr.hasPrefix("arbench: error: "), "\(r.stderr)")
        #expect(!r.stderr.contains("Error:"), "\(r.stderr)")
    }
}
