import Foundation
import Results
import Testing

/// `arbench tune` as a user runs it: a live search within a budget that leaves a sweep's run directory,
/// resumes without measuring again, refuses a budget too small, and replays a finished run.
@Suite(.serialized) struct TuneCommandTests {
    static let spec = """
        name: tune-smoke
        audio:
          generate: {duration: 20s, seed: 2}
        model: tiny
        engine_threads: [1, 2, 4]
        intra_op_threads: [1, 2]
        allocator: [glibc, jemalloc]
        repetitions: 2
        timeout: 2m
        """

    @Test func aBudgetedTuneLeavesARunDirectoryThatResumesAndReplays() throws {
        let specPath = CLITests.directory.appendingPathComponent("tune-smoke.yaml").path
        try Self.spec.write(toFile: specPath, atomically: true, encoding: .utf8)
        let out = CLITests.directory.appendingPathComponent("tune-smoke").path

        let tooSmall = try CLITests.arbench(["tune", specPath, "--budget", "3", "--out", out])
        #expect(tooSmall.status == 64)
        #expect(tooSmall.stderr.contains("give at least 5"), "\(tooSmall.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/results.csv"))

        let r = try CLITests.arbench(["tune", specPath, "--budget", "8", "--out", out, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = ResultsReader.read(path: out + "/results.csv").rows
        #expect(rows.count <= 8 && rows.count >= 5)
        #expect(rows.allSatisfy { $0.isOK })
        #expect(FileManager.default.fileExists(atPath: out + "/TUNE.md"))
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/tune.json"))) as? [String: Any]
        #expect(record?["runs_spent"] as? Int == rows.count)
        let pick = ((record?["advice"] as? [String: Any])?["pick"] as? [String: Any])?["cell_id"] as? String
        #expect(pick != nil)

        // advise over the directory answers as the tune did.
        let advise = try CLITests.arbench(["advise", out, "--format", "json"])
        #expect(advise.status == 0)
        #expect(advise.stdout.contains("\"cell_id\" : \"\(pick ?? "-")\""))

        // Resumed with the same budget: the runs made answer the search again; nothing new runs.
        let resumed = try CLITests.arbench(["tune", "--resume", out, "--budget", "8"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(ResultsReader.read(path: out + "/results.csv").rows.count == rows.count)
        #expect(!resumed.stderr.contains("] threads-"), "a run was made again: \(resumed.stderr)")

        let withSpec = try CLITests.arbench(["tune", specPath, "--resume", out])
        #expect(withSpec.status == 64)
        #expect(withSpec.stderr.contains("continues with DIR/spec.yaml"))

        let replay = try CLITests.arbench(["tune", "--replay", out, "--seeds", "5"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.contains("tune-smoke"))
        let refused = try CLITests.arbench(["tune", "--replay", out, "--seeds", "5", "--budget", "2"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("give at least"))
    }
}
