import Foundation
import Testing
@testable import Sweep
import Results

/// `sweep SPEC --resume DIR` with a SPEC that is not DIR's (issue 18, item 1).
@Suite struct SpecChangeTests {
    static let base = """
    name: quick
    audio: {generate: {duration: 10m, seed: 5}}
    model: base
    engine_threads: [1, 2]
    intra_op_threads: [1, 4]
    repetitions: 2
    """

    func change(_ given: String) throws -> SpecChange {
        SpecChange(recorded: try parse(Self.base), given: try parse(given))
    }

    @Test func theSameSpecWrittenDifferentlyIsNoChange() throws {
        let reordered = """
        # a comment, other key order, a list written another way
        model: base
        name: quick
        engine_threads: [2, 1]
        intra_op_threads:
          - 1
          - 4
        audio: {generate: {seed: 5, duration: 600s}}
        repetitions: 2
        """
        #expect(try change(reordered).isEmpty)
    }

    @Test(arguments: [
        ("audio: {generate: {duration: 10m, seed: 9}}", "audio"),
        ("model: tiny", "model"),
        ("audio_passes: 2", "audio_passes"),
        ("engine_threads: [1]", "engine_threads"),
        ("repetitions: 1", "repetitions"),
    ])
    func whatChangesFinishedRunsIsNamed(line: String, key: String) throws {
        let key0 = line.split(separator: ":").first.map(String.init) ?? ""
        let given = Self.base.split(separator: "\n").filter { !$0.hasPrefix(key0 + ":") }.joined(separator: "\n") + "\n" + line
        let found = try change(given)
        #expect(found.invalidating.map(\.key) == [key], "\(found)")
    }

    @Test func additionsKeepFinishedRunsValid() throws {
        let given = Self.base.replacingOccurrences(of: "engine_threads: [1, 2]", with: "engine_threads: [1, 2, 4]")
            .replacingOccurrences(of: "repetitions: 2", with: "repetitions: 3")
        let found = try change(given)
        #expect(found.invalidating.isEmpty)
        #expect(Set(found.extending.map(\.key)) == ["engine_threads", "repetitions"])
        #expect(found.summary.contains("added 4") && found.summary.contains("2 -> 3"))
    }

    @Test func extendingRecordsTheChangeInMetaJSON() throws {
        let directory = RunDirectory(path: try makeTemporaryDirectory())
        let spec = ExperimentSpec(name: "fake", audio: .paths(["/dev/null"]), model: "m.pt", engineThreads: [1], intraOpThreads: [1],
                                  timeoutSeconds: 10, sampleIntervalMs: 20)
        var more = spec
        more.repetitions = 2
        let launcher = FakeChild.launcher(FakeChild.writesReport)
        func runner(_ spec: ExperimentSpec, _ options: SweepRunner.Options) -> SweepRunner {
            SweepRunner(spec: spec, specText: "name: fake\n", specPath: "fake.yaml",
                        inputs: SweepInputs(modelPath: "/m.pt", audioPaths: ["/dev/null"]), directory: directory, launcher: launcher,
                        options: options, machineCores: 2, log: { _ in })
        }
        _ = try runner(spec, SweepRunner.Options(commandLine: "first")).run()
        let change = SpecChange(recorded: spec, given: more)
        let outcome = try runner(more, SweepRunner.Options(resume: true, commandLine: "second", specChange: change)).run()
        #expect(outcome.runsExecuted == 1 && outcome.rows.count == 2)
        let meta = try #require(try RunMetadata.read(path: directory.meta))
        #expect(meta.sessions.count == 2)
        #expect(meta.sessions[0].specChange == nil)
        #expect(meta.sessions[1].specChange == "repetitions (1 -> 2)")
    }

    @Test func estimateComesFromTheNewestEarlierSweepOfTheSameName() throws {
        let runs = try makeTemporaryDirectory()
        let directory = RunDirectory(path: runs + "/fake-1")
        let spec = ExperimentSpec(name: "fake", audio: .paths(["/dev/null"]), model: "m.pt", engineThreads: [1, 2], intraOpThreads: [1],
                                  timeoutSeconds: 10, sampleIntervalMs: 20)
        let outcome = try SweepRunner(spec: spec, specText: "name: fake\n", specPath: "fake.yaml",
                                      inputs: SweepInputs(modelPath: "/m.pt", audioPaths: ["/dev/null"]), directory: directory,
                                      launcher: FakeChild.launcher(FakeChild.writesReport), machineCores: 2, log: { _ in }).run()
        let walls = outcome.rows.compactMap { $0.number(.wallSeconds) }
        var twice = spec
        twice.repetitions = 2
        let estimate = try #require(SweepEstimate.make(for: ExperimentGrid(spec: twice).runs, specName: "fake", runsDirectory: runs))
        #expect(abs(estimate.seconds - 2 * walls.reduce(0, +)) < 1e-9)
        #expect(estimate.source == directory.path)
        #expect(SweepEstimate.make(for: ExperimentGrid(spec: twice).runs, specName: "other", runsDirectory: runs) == nil)
    }
}
