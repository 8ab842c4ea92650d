import Foundation
import Testing
@testable import Sweep
import Results

@Suite("Sharded sweeps")
struct ShardTests {
    let spec = ExperimentSpec(
        name: "s", audio: .paths(["/dev/null"]), model: "m.pt", engineThreads: [1, 2, 4], intraOpThreads: [1, 4],
        allocators: [AllocatorSetting(kind: .glibc), AllocatorSetting(kind: .jemalloc)], repetitions: 3, order: .randomized(seed: 7))

    @Test func parsesOnlyKOfN() {
        #expect(Shard(text: "0/3") == Shard(index: 0, count: 3))
        #expect(Shard(text: "2/3")?.text == "2/3")
        for bad in ["3/3", "4/3", "1/0", "0/0", "a/3", "1/b", "-1/3", "1/-3", "1", "1/2/3", "", "/3", "1/", " 1/3", "+1/3", "１/3"] {
            #expect(Shard(text: bad) == nil, "\(bad)")
        }
    }

    /// Every cell in exactly one shard, all repetitions with it, for every shard count up to the cells.
    @Test func shardsCoverTheGridExactlyOnceWithRepetitionsTogether() {
        let grid = ExperimentGrid(spec: spec)
        for count in 1...grid.cells.count {
            var seen: [RunKey: Int] = [:]
            var cellShard: [String: Int] = [:]
            for shard in Shard.all(count) {
                for run in SweepShard(shard: shard).grid(of: grid).runs {
                    seen[run.key, default: 0] += 1
                    #expect(cellShard[run.cell.id, default: shard.index] == shard.index, "\(run.cell.id) split across shards")
                    cellShard[run.cell.id] = shard.index
                }
            }
            #expect(Set(seen.keys) == Set(grid.runs.map(\.key)), "count \(count)")
            #expect(seen.values.allSatisfy { $0 == 1 }, "count \(count)")
        }
    }

    @Test func roundRobinIsBalancedAndDeterministic() {
        let grid = ExperimentGrid(spec: spec)   // 12 cells
        let sizes = Shard.all(5).map { SweepShard(shard: $0).grid(of: grid).cells.count }
        #expect(sizes == [3, 3, 2, 2, 2])
        #expect(SweepShard(shard: Shard(index: 1, count: 5)).grid(of: grid).cells.map(\.id)
                == [grid.cells[1], grid.cells[6], grid.cells[11]].map(\.id))
        // The same in another process: the assignment depends on the spec only.
        #expect(SweepShard(shard: Shard(index: 2, count: 5)).grid(of: ExperimentGrid(spec: spec)).runs.map(\.key)
                == SweepShard(shard: Shard(index: 2, count: 5)).grid(of: grid).runs.map(\.key))
    }

    @Test func costsPutTheLongestCellsApart() {
        let grid = ExperimentGrid(spec: spec)
        // Two cells cost 100 s, the others 1 s: round robin would put both long cells (0 and 2) on shard 0 of 2.
        var costs = Dictionary(uniqueKeysWithValues: grid.cells.map { ($0.id, 1.0) })
        costs[grid.cells[0].id] = 100
        costs[grid.cells[2].id] = 100
        let assignment = ShardAssignment(cells: grid.cells, count: 2, costs: costs)
        #expect(assignment.owners[0] != assignment.owners[2])
        #expect(assignment.expectedSeconds == [105, 105])
        let roundRobin = ShardAssignment(cells: grid.cells, count: 2)
        #expect(roundRobin.owners[0] == roundRobin.owners[2], "the case the costs are for")
        // A cell without a cost counts as the median.
        let partial = ShardAssignment(cells: grid.cells, count: 3, costs: [grid.cells[0].id: 50, grid.cells[1].id: 10, grid.cells[2].id: 10])
        #expect(partial.expectedSeconds?.reduce(0, +) == 160.0, "50 + 10 + 10 + 9 cells at the median 10")
    }

    @Test func recordsTheShareAndTheGridInMeta() throws {
        let grid = ExperimentGrid(spec: spec)
        let record = SweepShard(shard: Shard(index: 1, count: 4)).record(of: grid)
        #expect(record.index == 1 && record.count == 4)
        #expect(record.gridCells == 12 && record.gridRuns == 36)
        #expect(record.balance == "round-robin")
        #expect(record.cellIDs == [grid.cells[1], grid.cells[5], grid.cells[9]].map(\.id))
        // A resumed shard runs exactly its recorded cells.
        #expect(SweepShard.resumed(record).grid(of: grid).cells.map(\.id) == record.cellIDs)
        let meta = RunMetadata(specName: "s", shard: record)
        let read = try JSONDecoder().decode(RunMetadata.self, from: try meta.jsonData())
        #expect(read.shard == record)
        let json = String(decoding: try meta.jsonData(), as: UTF8.self)
        #expect(json.contains("\"grid_runs\" : 36") && json.contains("\"cell_ids\""))
    }

    /// A shard's sweep runs only its cells, and a resumed shard only what is missing of them.
    @Test func runsAndResumesOnlyItsShare() throws {
        let directory = RunDirectory(path: try makeTemporaryDirectory())
        let small = ExperimentSpec(name: "fake", audio: .paths(["/dev/null"]), model: "m.pt", engineThreads: [1, 2, 4], intraOpThreads: [1],
                                   repetitions: 2, timeoutSeconds: 10, sampleIntervalMs: 20)
        let shard = SweepShard(shard: Shard(index: 0, count: 2))
        func runner(resume: Bool, shard: SweepShard) -> SweepRunner {
            SweepRunner(spec: small, specText: "name: fake\n", specPath: "fake.yaml",
                        inputs: SweepInputs(modelPath: "/m.pt", audioPaths: ["/dev/null"]), directory: directory,
                        launcher: FakeChild.launcher(FakeChild.writesReport),
                        options: SweepRunner.Options(resume: resume, commandLine: "test", shard: shard), machineCores: 2, log: { _ in })
        }
        let first = try runner(resume: false, shard: shard).run()
        let cells = ExperimentGrid(spec: small).cells
        #expect(Set(first.rows.map { $0[.cellID] }) == [cells[0].id, cells[2].id])
        #expect(first.rows.count == 4)
        #expect(first.rows.allSatisfy { $0[.hostname] == ProcessInfo.processInfo.hostName && $0[.machineFingerprint].count == 16 })
        let meta = try #require(try RunMetadata.read(path: directory.meta))
        #expect(meta.shard?.shard == Shard(index: 0, count: 2) && meta.shard?.gridCells == 3 && meta.cells == 2 && meta.runsInGrid == 4)

        // Lose the last row, then resume as the CLI does (the shard from meta.json): one run again, nothing else.
        let lines = try String(contentsOfFile: directory.results, encoding: .utf8).split(separator: "\n")
        try (lines.dropLast().joined(separator: "\n") + "\n").write(toFile: directory.results, atomically: true, encoding: .utf8)
        let resumed = try runner(resume: true, shard: SweepShard.resumed(try #require(meta.shard))).run()
        #expect(resumed.runsExecuted == 1)
        #expect(resumed.rows.count == 4)
    }
}
