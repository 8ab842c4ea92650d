import Foundation
import Testing
@testable import Sweep
import Results

@Suite("Merging shards")
struct MergeTests {
    static let spec = ExperimentSpec(name: "fake", audio: .paths(["/dev/null"]), model: "m.pt", engineThreads: [1, 2, 4], intraOpThreads: [1, 2],
                                     repetitions: 2, timeoutSeconds: 10, sampleIntervalMs: 20)

    /// Shard directories of `spec` made by the real runner with a fake child, in index order.
    func makeShards(_ count: Int, specText: String = "name: fake\n") throws -> [String] {
        let root = try makeTemporaryDirectory()
        return try Shard.all(count).map { shard in
            let directory = RunDirectory(path: "\(root)/shard-\(shard.index)")
            let runner = SweepRunner(spec: Self.spec, specText: specText, specPath: "fake.yaml",
                                     inputs: SweepInputs(modelPath: "/m.pt", audioPaths: ["/dev/null"]), directory: directory,
                                     launcher: FakeChild.launcher(FakeChild.writesReport),
                                     options: SweepRunner.Options(commandLine: "test", shard: SweepShard(shard: shard)),
                                     machineCores: 2, log: { _ in })
            _ = try runner.run()
            return directory.path
        }
    }

    func merge(_ paths: [String], allowMixed: Bool = false, allowPartial: Bool = false) throws -> ShardMerge {
        ShardMerge(shards: try paths.map { try ShardRun.read($0) }, allowMixedMachines: allowMixed, allowPartial: allowPartial)
    }

    func editMeta(_ path: String, _ change: (inout RunMetadata) -> Void) throws {
        let file = RunDirectory(path: path).meta
        var meta = try #require(try RunMetadata.read(path: file))
        change(&meta)
        try meta.jsonData().write(to: URL(fileURLWithPath: file))
    }

    @Test func joinsCompleteShardsIntoOneRun() throws {
        let shards = try makeShards(3)
        let merge = try merge(shards.reversed())
        #expect(merge.problems().isEmpty, "\(merge.problems())")
        let out = try makeTemporaryDirectory() + "/merged"
        try MergedRun.write(merge, to: out, commandLine: "arbench merge")
        let directory = RunDirectory(path: out)
        let read = ResultsReader.read(path: directory.results)
        let grid = ExperimentGrid(spec: Self.spec)
        #expect(read.warnings.isEmpty)
        #expect(read.rows.compactMap(\.key) == grid.runs.map(\.key), "every run once, in grid order")
        #expect(read.rows.allSatisfy { !$0[.hostname].isEmpty && $0[.machineFingerprint] == MachineFingerprint.current().digest })
        let meta = try #require(try RunMetadata.read(path: directory.meta))
        #expect(meta.cells == 6 && meta.runsInGrid == 12 && meta.shard == nil)
        #expect(meta.merge?.parts.map(\.shard) == ["0/3", "1/3", "2/3"] && meta.merge?.mixedMachines == false)
        #expect(meta.merge?.parts.map(\.runs) == [4, 4, 4])
        #expect(meta.sessions.count == 4, "the shards' sessions and the merge's")
        #expect(try String(contentsOfFile: directory.specCopy, encoding: .utf8) == "name: fake\n")
        let report = try String(contentsOfFile: directory.report, encoding: .utf8)
        #expect(report.contains("## Shards") && report.contains("| 2/3 |") && !report.contains("Mixed machines"))
        let timeline = try TimelineFile.read(path: directory.timeline)
        #expect(Set(timeline.map(\.cellID)).isSubset(of: Set(grid.cells.map(\.id))))
        #expect(FileManager.default.fileExists(atPath: directory.cells + "/\(grid.cells[5].id)-r2.json"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (out as NSString).deletingLastPathComponent)
        #expect(leftovers == ["merged"], "no staging directory left: \(leftovers)")
    }

    @Test func namesAMissingShardAndItsCells() throws {
        let shards = try makeShards(3)
        let problems = try merge([shards[0], shards[2]]).problems()
        #expect(problems.allSatisfy { $0.kind == .incomplete })
        #expect(problems.contains { $0.message == "shard 1/3 missing: no directory given holds it" })
        let grid = ExperimentGrid(spec: Self.spec)
        #expect(problems.filter { $0.message.hasPrefix("cell ") }.map(\.message)
                == [grid.cells[1], grid.cells[4]].map { "cell \($0.id) missing: no shard measured it" })
    }

    @Test func namesAShardGivenTwiceAndItsCellsMeasuredTwice() throws {
        let shards = try makeShards(2)
        let copy = try makeTemporaryDirectory() + "/again"
        try FileManager.default.copyItem(atPath: shards[1], toPath: copy)
        let problems = try merge(shards + [copy]).problems()
        #expect(problems.contains { $0.kind == .conflicting && $0.message == "shard 1/2 given 2 times: \(shards[1]), \(copy)" })
        let twice = problems.filter { $0.message.contains("measured twice") }
        #expect(twice.count == 3 && twice.allSatisfy { $0.kind == .conflicting }, "one line per doubled cell: \(twice)")
        // Which of two measurements counts is not the merge's to choose, partial or not.
        #expect(try merge(shards + [copy], allowPartial: true).blocking(problems).count == 4)
    }

    @Test func namesAMissingRepetition() throws {
        let shards = try makeShards(2)
        let results = RunDirectory(path: shards[0]).results
        let lines = try String(contentsOfFile: results, encoding: .utf8).split(separator: "\n")
        try (lines.dropLast().joined(separator: "\n") + "\n").write(toFile: results, atomically: true, encoding: .utf8)
        let problems = try merge(shards).problems()
        #expect(problems.count == 1 && problems[0].message.contains("missing repetition 2 in \(shards[0])"), "\(problems)")
    }

    /// --allow-partial writes what there is, marked; resuming the merged run measures the rest here.
    @Test func partialMergeIsMarkedAndResumeFillsIt() throws {
        let shards = try makeShards(3)
        try editMeta(shards[2]) { $0.endedAt = nil; $0.software = nil }   // still running
        let merge = try merge([shards[0], shards[2]], allowPartial: true)
        let problems = merge.problems()
        #expect(problems.count == 4 && problems.allSatisfy { $0.kind == .incomplete }, "\(problems)")
        #expect(merge.blocking(problems).isEmpty)
        #expect(try self.merge([shards[0], shards[2]]).blocking(problems) == problems, "refused without the flag")
        let out = try makeTemporaryDirectory() + "/partial"
        try MergedRun.write(merge, to: out, commandLine: "arbench merge --allow-partial")
        let directory = RunDirectory(path: out)
        #expect(try #require(try RunMetadata.read(path: directory.meta)).merge?.missingRuns == 4)
        #expect(try String(contentsOfFile: directory.report, encoding: .utf8).contains("**Partial**"))
        let outcome = try SweepRunner(spec: Self.spec, specText: "name: fake\n", specPath: "fake.yaml",
                                      inputs: SweepInputs(modelPath: "/m.pt", audioPaths: ["/dev/null"]), directory: directory,
                                      launcher: FakeChild.launcher(FakeChild.writesReport),
                                      options: SweepRunner.Options(resume: true, commandLine: "test"), machineCores: 2, log: { _ in }).run()
        #expect(outcome.runsExecuted == 4 && outcome.rows.count == 12)
        #expect(try #require(try RunMetadata.read(path: directory.meta)).merge?.parts.count == 2, "the merge's record kept")
    }

    /// More shards than cells: an empty shard merges (it ran nothing, so it has no runtime to differ in).
    @Test func anEmptyShardMerges() throws {
        let shards = try makeShards(7)   // 6 cells
        #expect(ResultsReader.read(path: RunDirectory(path: shards[6]).results).rows.isEmpty)
        let merge = try merge(shards)
        #expect(merge.problems().isEmpty, "\(merge.problems())")
        #expect(merge.rows().count == 12)
    }

    @Test func refusesShardsOfDifferentSpecs() throws {
        let a = try makeShards(2)
        let b = try makeShards(2, specText: "name: fake\ndescription: other\n")
        let problems = try merge([a[0], b[1]]).problems()
        #expect(problems.count == 1 && problems[0].kind == .notComparable, "\(problems)")
        #expect(problems[0].message.hasPrefix("\(b[1]): spec.yaml digest"))
    }

    @Test func refusesOtherCommitsAndRuntimes() throws {
        let shards = try makeShards(2)
        try editMeta(shards[1]) { $0.software?.gitCommit = "0123abc" }
        let problems = try merge(shards).problems()
        #expect(problems.contains { $0.kind == .notComparable && $0.message.contains("arbench commit 0123abc") })
    }

    @Test func mixedMachinesNeedTheFlagAndAreThenSaid() throws {
        let shards = try makeShards(2)
        try editMeta(shards[1]) { $0.machine?.cpuModel = "Other CPU @ 3.0GHz"; $0.machine?.hostname = "node-b" }
        let refused = try merge(shards).problems()
        #expect(refused.count == 1 && refused[0].kind == .notComparable && refused[0].message.contains("2 kinds of machine"), "\(refused)")
        #expect(refused[0].message.contains("--allow-mixed-machines") && refused[0].message.contains("node-b"))

        let allowed = try merge(shards, allowMixed: true)
        #expect(allowed.problems().isEmpty)
        let out = try makeTemporaryDirectory() + "/mixed"
        try MergedRun.write(allowed, to: out, commandLine: "arbench merge --allow-mixed-machines")
        let rows = ResultsReader.read(path: RunDirectory(path: out).results).rows
        #expect(Set(rows.map { $0[.hostname] }).contains("node-b"))
        #expect(Set(rows.map { $0[.machineFingerprint] }).count == 2)
        #expect(try #require(try RunMetadata.read(path: RunDirectory(path: out).meta)).merge?.mixedMachines == true)
        let report = try String(contentsOfFile: RunDirectory(path: out).report, encoding: .utf8)
        #expect(report.contains("**Mixed machines**") && report.contains("| node-b | Other CPU @ 3.0GHz, "), "\(report)")
    }

    @Test func refusesDamagedAndUnfinishedShards() throws {
        let shards = try makeShards(2)
        let results = RunDirectory(path: shards[0]).results
        let text = try String(contentsOfFile: results, encoding: .utf8)
        try String(text.dropLast(5)).write(toFile: results, atomically: true, encoding: .utf8)   // a torn last line
        try editMeta(shards[1]) { $0.endedAt = nil }
        let problems = try merge(shards).problems()
        #expect(problems.contains { $0.kind == .incomplete && $0.message.contains("\(shards[0]): damaged:") && $0.message.contains("torn") })
        #expect(problems.contains { $0.kind == .incomplete && $0.message.contains("has not finished") })
    }

    @Test func refusesADirectoryThatIsNotAShard() throws {
        let directory = RunDirectory(path: try makeTemporaryDirectory())
        _ = try SweepRunner(spec: Self.spec, specText: "name: fake\n", specPath: "fake.yaml",
                            inputs: SweepInputs(modelPath: "/m.pt", audioPaths: ["/dev/null"]), directory: directory,
                            launcher: FakeChild.launcher(FakeChild.writesReport), machineCores: 2, log: { _ in }).run()
        #expect(throws: MergeProblem.self) { try ShardRun.read(directory.path) }
        do {
            _ = try ShardRun.read(directory.path)
        } catch {
            #expect(error.kind == .notAShard && error.message.contains("no shard recorded"))
        }
        #expect(throws: MergeProblem.self) { try ShardRun.read(directory.path + "/nope") }
    }
}
