import Testing
@testable import Gate
import Results

/// A merged run (arbench merge) that mixes machines or misses runs says so wherever it is read.
@Suite struct MergedRunTests {
    let parts = [MergeRecord.Part(shard: Shard(index: 0, count: 2), directory: "a", hostname: "h1", fingerprint: "f1", runs: 2),
                 MergeRecord.Part(shard: Shard(index: 1, count: 2), directory: "b", hostname: "h2", fingerprint: "f2", runs: 2)]

    @Test func mixedMachinesAndPartialMergesAreWarnings() {
        let mixed = RunLoader.mergeWarnings(MergeRecord(parts: parts, mixedMachines: true), path: "R")
        #expect(mixed.count == 1 && mixed[0].hasPrefix("R: merged from shards on 2 kinds of machine") && mixed[0].contains("machine_fingerprint"))
        #expect(RunLoader.mergeWarnings(MergeRecord(parts: parts, mixedMachines: false, missingRuns: 3), path: "R")
                == ["R: a partial merge (--allow-partial): 3 runs of the grid missing"])
        #expect(RunLoader.mergeWarnings(MergeRecord(parts: parts, mixedMachines: false), path: "R").isEmpty)
        #expect(RunLoader.mergeWarnings(nil, path: "R").isEmpty)
    }
}
