import Foundation
import Testing

/// `run --streams` from the command line: the metrics' `streams` block, and bad loads refused in one line.
@Suite(.serialized) struct StreamsCommandTests {
    @Test func streamsRunAndReportTheirLatency() throws {
        let metrics = CLITests.directory.appendingPathComponent("streams.json").path
        let r = try CLITests.arbench(["run", CLITests.scene, "--model", CLITests.model, "--streams", "3", "--pace", "40",
                                      "--engine-threads", "2", "--quiet", "--metrics", metrics])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("3 streams at 40x real time: latency p50"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: metrics))) as? [String: Any]
        let streams = try #require(json?["streams"] as? [String: Any])
        for key in ["latency", "latency_p90_ms", "windows", "overloaded", "kept_up", "max_feed_lag_ms", "fed_s", "not_fed_s"] {
            #expect(streams[key] != nil, "missing streams.\(key)")
        }
        #expect(streams["streams"] as? Int == 3)
    }

    @Test(arguments: [
        (["--streams", "0"], "--streams 0: at least 1 stream"),
        (["--streams", "99999999"], "more than this machine carries"),
        (["--streams", "2", "--pace", "0"], "--pace 0.0: a speed-up above 0"),
        (["--pace", "10"], "apply with --streams K"),
        (["--streams", "2", "--engine-mode", "processes"], "runs on the threads engine"),
    ])
    func badLoadsAreRefused(arguments: [String], message: String) throws {
        let r = try CLITests.arbench(["run", CLITests.scene, "--model", CLITests.model] + arguments)
        #expect(r.status == 64)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }
}
