import Foundation
import Gate
import Testing

@Suite struct BaselineTests {
    @Test func savesTheRunWithItsMetadata() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try SyntheticRun(repetitions: 2).write(to: dir + "/run")
        try "noise".write(toFile: dir + "/run/timeline.csv", atomically: true, encoding: .utf8)
        let store = BaselineStore(root: dir + "/baselines")
        let (path, record) = try store.save(runDirectory: dir + "/run")
        #expect(path == dir + "/baselines/synthetic")
        #expect(record.files == ["results.csv", "meta.json", "REPORT.md", "spec.yaml"])
        #expect(record.runs == 24 && record.cells == 12 && record.okRuns == 24 && record.repetitions == 2)
        let saved = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        #expect(saved == ["REPORT.md", "baseline.json", "meta.json", "results.csv", "spec.yaml"])
        #expect(store.list().map(\.name) == ["synthetic"])

        // A baseline compares with the run it came from: same machine, no regression.
        let comparison = RunComparator().compare(baseline: try RunLoader.load(path), current: try RunLoader.load(dir + "/run/results.csv"))
        #expect(comparison.outcome == .pass)
        #expect(comparison.mode == .absoluteAndNormalised)
    }

    @Test func namedBaselineReplacesTheOldOneWhole() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try SyntheticRun(repetitions: 2).write(to: dir + "/run")
        let store = BaselineStore(root: dir + "/baselines")
        try store.save(runDirectory: dir + "/run", name: "ci")
        try "stale".write(toFile: dir + "/baselines/ci/extra.txt", atomically: true, encoding: .utf8)
        try store.save(runDirectory: dir + "/run", name: "ci")
        #expect(!FileManager.default.fileExists(atPath: dir + "/baselines/ci/extra.txt"))
        #expect(throws: BaselineStore.SaveError.self) { try store.save(runDirectory: dir + "/run", name: "../escape") }
    }

    @Test func refusesABrokenRunUnlessForced() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var crashing = SyntheticRun(repetitions: 2)
        crashing.failing = { axes, repetition in axes.engineThreads == 4 && repetition == 1 }
        try crashing.write(to: dir + "/run")
        let store = BaselineStore(root: dir + "/baselines")
        #expect(throws: BaselineStore.SaveError.self) { try store.save(runDirectory: dir + "/run") }
        #expect(try store.save(runDirectory: dir + "/run", force: true).record.okRuns == 20)
    }

    @Test func missingRunIsAnError() {
        #expect(throws: RunLoadError.self) { try RunLoader.load("/nonexistent/run") }
    }
}
