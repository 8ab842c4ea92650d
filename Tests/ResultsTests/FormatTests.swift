import Foundation
import Testing
@testable import Results

@Suite("On-disk formats: written and read by the same types")
struct FormatTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "arbench-results-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func metaJSONRoundTripsThroughOneType() throws {
        let spec = ExperimentSpec(name: "rt", audio: .generate(durationSeconds: 60, seed: 3), model: "tiny",
                                  engineThreads: [1, 2], intraOpThreads: [1, IntraOpThreads.libTorchDefault],
                                  libtorch: [.system, LibTorchRuntime(name: "pypi")], repetitions: 2,
                                  referenceCell: ReferenceCell(engineThreads: 1, intraOpThreads: 1))
        let written = RunMetadata(specName: "rt", specPath: "rt.yaml", specYAML: "name: rt\n", spec: spec, cells: 4, runsInGrid: 8,
                                  sessions: [.init(startedAt: "2026-01-01T00:00:00.000Z", commandLine: "arbench sweep rt.yaml",
                                                   runsPlanned: 8, sampler: SamplerOverhead(intervalMs: 100))])
        let path = try temporaryDirectory() + "/meta.json"
        try AtomicFile.write(try written.jsonData(), to: path)
        let read = try #require(try RunMetadata.read(path: path))
        #expect(read.schema == RunMetadata.schemaName && read.specName == "rt" && read.runsInGrid == 8)
        #expect(read.spec == spec)
        #expect(read.sessions.first?.commandLine == "arbench sweep rt.yaml")
        #expect(RunMetadata.previousSessions(at: path).count == 1)
    }

    @Test func metaJSONReadsLenientlyAndRefusesWhatIsNotJSON() throws {
        let dir = try temporaryDirectory()
        #expect(try RunMetadata.read(path: dir + "/missing.json") == nil)
        try "{\"spec_name\": \"old\", \"machine\": {\"cpu_model\": \"x\"}}".write(toFile: dir + "/old.json", atomically: true, encoding: .utf8)
        let old = try #require(try RunMetadata.read(path: dir + "/old.json"))
        #expect(old.specName == "old" && old.machine == nil && old.spec == nil && old.sessions.isEmpty)
        try "not json".write(toFile: dir + "/bad.json", atomically: true, encoding: .utf8)
        #expect(throws: RunMetadataError.self) { try RunMetadata.read(path: dir + "/bad.json") }
    }

    /// Every meta.json under Results/ (written by arbench over its history) reads back with its spec.
    @Test func everyCommittedMetaJSONDecodes() throws {
        let results = Self.repositoryRoot + "/Results"
        let files = (FileManager.default.enumerator(atPath: results)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix("meta.json") && !$0.contains("/cells/") }
        #expect(!files.isEmpty)
        for file in files {
            let meta = try #require(try RunMetadata.read(path: results + "/" + file), "\(file)")
            #expect(meta.spec != nil, "\(file): spec unreadable")
            #expect(meta.machine != nil && meta.software != nil, "\(file)")
        }
    }

    @Test func timelineRowsReadBackAsWrittenWithCRLFOrATornLastLine() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/timeline.csv"
        let run = CellRun(cell: Cell(engineThreads: 2, intraOpThreads: 1), repetition: 1)
        let samples = [ProcessSample(seconds: 0.1, rssBytes: 10 * 1_048_576, coresUsed: 1, threads: 3, processes: 1),
                       ProcessSample(seconds: 0.2, rssBytes: 12 * 1_048_576, coresUsed: 2, threads: 5, processes: 1)]
        try TimelineFile.append(run: run, samples: samples, machineCores: 2, to: path)
        let rows = try TimelineFile.read(path: path)
        #expect(rows.count == 2)
        #expect(rows[1] == TimelineFile.Row(cellID: run.cell.id, repetition: 1, seconds: 0.2, rssMB: 12, cpuPercent: 100, threads: 5))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "\n", with: "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try TimelineFile.read(path: path) == rows)
        try (text + "\(run.cell.id),1,0.3,1").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try TimelineFile.read(path: path).count == 2)
        try "a,b\n1,2\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: TimelineReadError.self) { try TimelineFile.read(path: path) }
    }
}
