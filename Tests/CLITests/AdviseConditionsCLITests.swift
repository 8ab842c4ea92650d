import Foundation
import TestSupport
import Testing

/// `advise` on the committed studies of each shape: one pick per CPU quota, per load and per engine, by
/// capacity on a capacity run; `--where` and `--role` select and split groups; bad ones are one line, exit 64.
@Suite("advise per condition on the committed studies")
struct AdviseConditionsCLITests {
    static let results = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Results")

    static func advise(_ study: String, _ options: [String] = []) throws -> ProcessOutput {
        try CLITests.arbench(["advise", results.appendingPathComponent(study).path] + options)
    }

    @Test func cpuLimitsGetOnePickPerQuota() throws {
        let r = try Self.advise("cpu-limits", ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let groups = try #require(json["groups"] as? [[String: Any]])
        #expect(groups.map { ($0["condition"] as? [String: String])?["cpu_quota"] } == ["0.5", "1", "1.5", "2"])
        let split = try Self.advise("cpu-limits", ["--role", "libtorch=condition"])
        #expect(split.stdout.contains("8 condition groups"), "\(split.stdout)")
        let one = try Self.advise("cpu-limits", ["--where", "libtorch=system", "--where", "cpu_quota=2"])
        #expect(one.status == 0)
        #expect(one.stdout.contains("-q2000m") && !one.stdout.contains("-ltpypi"), "\(one.stdout)")
    }

    @Test func fixedLoadsGetOnePickPerLoadAndCapacityRunsRankByCapacity() throws {
        let loads = try Self.advise("streams-latency", ["--objective", "load-p99"])
        #expect(loads.stdout.contains("2 condition groups (scenario)"), "\(loads.stdout)")
        let capacity = try Self.advise("streams-capacity", ["--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(capacity.stdout.utf8)) as? [String: Any])
        #expect(json["objective"] as? String == "capacity")
        let pick = try #require(json["pick"] as? [String: Any])
        #expect(pick["objective"] as? Double == 21)
    }

    @Test func engineRunsGetOnePickPerEngine() throws {
        let r = try Self.advise("engines-compare")
        #expect(r.stdout.contains("condition groups (engine)"), "\(r.stdout)")
    }

    @Test func badSelectorsAreOneLineUsageErrors() throws {
        for options in [["--where", "cpu_quota=3"], ["--where", "nothere=1"], ["--role", "libtorch=maybe"]] {
            let r = try Self.advise("cpu-limits", options)
            #expect(r.status == 64, "\(options)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        }
    }
}
