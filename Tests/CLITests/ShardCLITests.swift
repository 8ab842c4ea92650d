import Foundation
import TestSupport
import Testing

/// `sweep --shard`, `merge`, `slurm` and `k8s` as a user types them: bad input is one line and its exit code;
/// two real shards of a tiny grid merge into one run that `check` and `advise` accept.
@Suite(.serialized) struct ShardCLITests {
    static func path(_ name: String) -> String { CLITests.directory.appendingPathComponent("shard-cli-" + name).path }

    static func errorLines(_ stderr: String) -> [Substring] {
        stderr.split(separator: "\n").filter { $0.hasPrefix("arbench: error:") }
    }

    static let spec: String = {
        let file = path("spec.yaml")
        try? """
        name: sharded
        audio: {generate: {duration: 4s, seed: 5}}
        model: tiny
        engine_threads: [1, 2]
        intra_op_threads: [1, 2]
        repetitions: 1
        timeout: 2m
        """.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }()

    @Test(arguments: ["0/0", "4/3", "3/3", "1/0", "x", "1/two", "1/-2", ""])
    func badShardIsOneLineAndExit64(_ shard: String) throws {
        let out = Self.path("bad-\(UUID().uuidString)")
        let r = try CLITests.arbench(["sweep", Self.spec, "--shard", shard, "--out", out])
        #expect(r.status == 64, "\(shard): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("--shard") && r.stderr.contains("K/N"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "nothing ran")
    }

    @Test func dryRunListsOnlyTheShard() throws {
        let r = try CLITests.arbench(["sweep", Self.spec, "--shard", "1/3", "--dry-run"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("sharded shard 1/3: 1 cell, 1 run to do"), "\(r.stdout)")
    }

    @Test func launchersRefuseBadInputInOneLine() throws {
        for (arguments, phrase) in [
            (["slurm", Self.spec, "--shards", "5", "--out", Self.path("s5")], "--shards 5: must be 1 to 4"),
            (["slurm", Self.spec, "--shards", "0", "--out", Self.path("s0")], "--shards 0"),
            (["slurm", Self.spec, "--shards", "2", "--balance-from", Self.path("nowhere"), "--out", Self.path("sb")], "--balance-from"),
            (["sweep", Self.spec, "--shard", "0/2", "--balance-from", Self.path("nowhere"), "--out", Self.path("wb")], "no results.csv"),
            (["k8s", Self.spec, "--shards", "2", "--image", "i", "--parallelism", "0", "--out", Self.path("k0")], "--parallelism 0"),
        ] {
            let r = try CLITests.arbench(arguments)
            #expect(r.status == 64, "\(arguments): \(r.stderr)")
            #expect(Self.errorLines(r.stderr).count == 1 && r.stderr.contains(phrase), "\(r.stderr)")
        }
        let slurm = Self.path("slurm-ok")
        try? FileManager.default.removeItem(atPath: slurm)
        let ok = try CLITests.arbench(["slurm", Self.spec, "--shards", "2", "--out", slurm, "--partition", "debug"])
        #expect(ok.status == 0, "\(ok.stderr)")
        for file in ["array.sbatch", "merge.sbatch", "submit.sh", "spec.yaml"] {
            #expect(FileManager.default.fileExists(atPath: slurm + "/" + file), "\(file)")
        }
        let again = try CLITests.arbench(["slurm", Self.spec, "--shards", "2", "--out", slurm])
        #expect(again.status == 64 && again.stderr.contains("not empty"), "\(again.stderr)")
    }

    /// Two shards measured for real, merged, read by check and advise; then the merge's refusals.
    @Test func twoShardsMergeIntoARunCheckAndAdviseRead() throws {
        let shards = (0..<2).map { Self.path("run-\($0)") }
        shards.forEach { try? FileManager.default.removeItem(atPath: $0) }
        for (index, out) in shards.enumerated() {
            let r = try CLITests.arbench(["sweep", Self.spec, "--shard", "\(index)/2", "--out", out])
            #expect(r.status == 0, "\(r.stderr)")
        }
        // Cells dealt by an earlier run's wall_s: every cell still in exactly one of the two shards.
        let dealt = try (0..<2).map { try CLITests.arbench(["sweep", Self.spec, "--shard", "\($0)/2", "--balance-from", shards[0], "--dry-run"]) }
        #expect(dealt.allSatisfy { $0.status == 0 }, "\(dealt.map(\.stderr))")
        let listed = dealt.flatMap { $0.stdout.split(separator: "\n").filter { $0.hasPrefix("threads-") }.map { $0.split(separator: " ")[0] } }
        #expect(listed.count == 4 && Set(listed).count == 4, "\(listed)")

        // Resume per shard: the shard comes from meta.json; another --shard, or an extended spec, is refused.
        let resumed = try CLITests.arbench(["sweep", "--resume", shards[0]])
        #expect(resumed.status == 0 && resumed.stderr.contains("2 of 2 runs already done, 0 to go"), "\(resumed.stderr)")
        let other = try CLITests.arbench(["sweep", "--resume", shards[0], "--shard", "1/2"])
        #expect(other.status == 64 && Self.errorLines(other.stderr).count == 1 && other.stderr.contains("holds shard 0/2"), "\(other.stderr)")
        let more = Self.path("more.yaml")
        try String(contentsOfFile: Self.spec, encoding: .utf8).replacingOccurrences(of: "repetitions: 1", with: "repetitions: 2")
            .write(toFile: more, atomically: true, encoding: .utf8)
        let extended = try CLITests.arbench(["sweep", more, "--resume", shards[0], "--extend"])
        #expect(extended.status == 64 && Self.errorLines(extended.stderr).count == 1 && extended.stderr.contains("shard 0/2"), "\(extended.stderr)")

        let merged = Self.path("merged")
        try? FileManager.default.removeItem(atPath: merged)

        let missing = try CLITests.arbench(["merge", merged, shards[1]])
        #expect(missing.status == 1, "\(missing.stderr)")
        #expect(Self.errorLines(missing.stderr).contains { $0.contains("shard 0/2 missing") }, "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: merged), "nothing written")

        let r = try CLITests.arbench(["merge", merged] + shards)
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try String(contentsOfFile: merged + "/results.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 5, "header + 4 cells x 1 repetition")
        #expect(csv.first?.contains(",hostname,machine_fingerprint") == true)
        let check = try CLITests.arbench(["check", merged])
        #expect(check.status == 0 || check.status == 2, "check reads it: \(check.stderr)")
        let advise = try CLITests.arbench(["advise", merged])
        #expect(advise.status == 0, "\(advise.stdout)\(advise.stderr)")

        let exists = try CLITests.arbench(["merge", merged] + shards)
        #expect(exists.status == 64 && Self.errorLines(exists.stderr).count == 1, "\(exists.stderr)")
        let notShard = try CLITests.arbench(["merge", Self.path("other"), merged])
        #expect(notShard.status == 64 && notShard.stderr.contains("no shard recorded"), "\(notShard.stderr)")
    }
}
