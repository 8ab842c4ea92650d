import Foundation
import Results
@testable import Sweep
import Testing

/// The A/B's pairing order and its runner (arbench ab), with `/bin/sh` children standing in for the
/// two builds: each side's script writes a report and logs its side, so the order can be read back.
@Suite struct PairPlanTests {
    static let cells = [1, 2, 4].map { Cell(engineThreads: $0, intraOpThreads: 1) }

    @Test func everyCellGetsAsManyABAsBAPairs() {
        for pairs in [2, 6, 8] {
            let plan = PairPlan(cells: Self.cells, pairsPerCell: pairs, seed: 3)
            #expect(plan.steps.count == Self.cells.count * pairs)
            for cell in Self.cells {
                let orders = plan.steps.filter { $0.cell == cell }.map(\.order)
                #expect(orders.filter { $0 == .baseFirst }.count == pairs / 2)
                #expect(orders.filter { $0 == .currentFirst }.count == pairs / 2)
                #expect(plan.steps.filter { $0.cell == cell }.map(\.pair) == Array(1...pairs))
            }
        }
    }

    @Test func anOddCountHasOneMoreABThanBA() {
        let plan = PairPlan(cells: Self.cells, pairsPerCell: 5, seed: 1)
        for cell in Self.cells {
            #expect(plan.steps.filter { $0.cell == cell && $0.order == .baseFirst }.count == 3)
        }
    }

    @Test func theSameSeedGivesTheSamePlanAndAnotherSeedAnother() {
        let a = PairPlan(cells: Self.cells, pairsPerCell: 8, seed: 42)
        #expect(a == PairPlan(cells: Self.cells, pairsPerCell: 8, seed: 42))
        #expect(a != PairPlan(cells: Self.cells, pairsPerCell: 8, seed: 43))
        // Shuffled, not AB, BA, AB, ... in a fixed pattern for every seed.
        let patterns = Set((1...20).map { seed in
            PairPlan(cells: Self.cells, pairsPerCell: 8, seed: UInt64(seed)).steps.map(\.order.rawValue).joined()
        })
        #expect(patterns.count > 15)
    }

    @Test func roundsRunPairOneOfEveryCellFirst() {
        let plan = PairPlan(cells: Self.cells, pairsPerCell: 4, seed: 9)
        #expect(plan.steps.map(\.pair) == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4])
    }
}

@Suite(.serialized) struct PairedRunnerTests {
    static let spec = ExperimentSpec(name: "ab", audio: .paths(["/dev/null"]), model: "m.pt", engineThreads: [1, 2],
                                     intraOpThreads: [1], repetitions: 4, timeoutSeconds: 20, sampleIntervalMs: 20)

    /// A side's child: writes the report, and appends "SIDE CELL rN" to order.log beside the A/B.
    static func launcher(_ side: BuildSide, log: String, failing: String? = nil) -> CellLauncher {
        let fail = failing.map { #"case "$1" in *\#($0)*) exit 3;; esac; "# } ?? ""
        let script = fail + #"printf '%s' "$2" > "$1"; echo "\#(side.rawValue) $1" >> \#(log)"#
        return FakeChild.launcher(script)
    }

    func runner(_ directory: PairedDirectory, resume: Bool, failingCurrent: String? = nil) -> PairedRunner {
        let log = directory.path + "/order.log"
        return PairedRunner(spec: Self.spec, specText: "name: ab\n", specPath: "ab.yaml",
                            inputs: SweepInputs(modelPath: "/m.pt", audioPaths: ["/dev/null"]), directory: directory,
                            launchers: [.base: Self.launcher(.base, log: log),
                                        .current: Self.launcher(.current, log: log, failing: failingCurrent)],
                            seed: 5, resume: resume, commandLine: "test", machineCores: 2, log: { _ in })
    }

    /// The order.log lines as (side, run file stem).
    func executed(_ directory: PairedDirectory) -> [(side: String, stem: String)] {
        let text = (try? String(contentsOfFile: directory.path + "/order.log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { line in
            let parts = line.split(separator: " ")
            let stem = URL(fileURLWithPath: String(parts[1])).deletingPathExtension().lastPathComponent
            return (String(parts[0]), stem)
        }
    }

    @Test func runsEachPairBackToBackInThePlannedOrderAndWritesBothDirectories() throws {
        let directory = PairedDirectory(path: try makeTemporaryDirectory())
        let ab = runner(directory, resume: false)
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        let outcome = try ab.run()
        #expect(outcome.pairs.count == 8)
        #expect(outcome.base.rows.count == 8 && outcome.current.rows.count == 8)
        let runs = executed(directory)
        #expect(runs.count == 16)
        // Runs 2k and 2k+1 are one pair: the same cell and repetition, in the plan's order.
        for (index, step) in ab.plan.steps.enumerated() {
            let first = runs[2 * index], second = runs[2 * index + 1]
            #expect(first.stem == step.run.fileStem && second.stem == step.run.fileStem)
            #expect([first.side, second.side] == step.order.sides.map(\.rawValue))
        }
        // Normal run directories and the pairs file, as written.
        for side in BuildSide.allCases {
            #expect(FileManager.default.fileExists(atPath: directory.side(side).meta))
            #expect(ResultsReader.read(path: directory.side(side).results).rows.count == 8)
        }
        #expect(PairsFile.read(path: directory.pairs).pairs == outcome.pairs)
        #expect(Set(outcome.pairs) == Set(ab.plan.steps.map(\.record)))
    }

    /// A killed A/B: pairs.csv lists 3 pairs; the base side also holds the first run of a 4th pair
    /// (half pair). Resume keeps the 3, reruns the 4th on both sides, and duplicates nothing.
    @Test func resumeKeepsFinishedPairsAndRedoesAHalfPair() throws {
        let directory = PairedDirectory(path: try makeTemporaryDirectory())
        let first = runner(directory, resume: false)
        _ = try first.run()
        let plan = first.plan
        let kept = Array(plan.steps.prefix(3).map(\.record))
        let half = plan.steps[3]
        // Reduce the finished A/B to the state a kill after the half pair's first run leaves.
        try PairsFile.write(kept, to: directory.pairs)
        for side in BuildSide.allCases {
            let keep = Set(kept.map { $0.key(side) } + (side == half.order.sides[0] ? [half.run.key] : []))
            let rows = ResultsReader.read(path: directory.side(side).results).rows.filter { keep.contains($0.key!) }
            try ResultsFile(path: directory.side(side).results, rows: rows).save()
        }
        try? FileManager.default.removeItem(atPath: directory.path + "/order.log")

        let resumed = runner(directory, resume: true)
        #expect(resumed.finished == kept)
        let outcome = try resumed.run()
        #expect(outcome.pairs.count == 8)
        #expect(Array(outcome.pairs.prefix(3)) == kept)
        let runs = executed(directory)
        // 5 pairs ran again, both sides each: the half pair included, the 3 kept ones not.
        #expect(runs.count == 10)
        #expect(runs.prefix(2).map(\.stem) == [half.run.fileStem, half.run.fileStem])
        #expect(!runs.contains { run in kept.contains { $0.baseKey.fileStem == run.stem } })
        for side in BuildSide.allCases {
            let keys = ResultsReader.read(path: directory.side(side).results).rows.compactMap(\.key)
            #expect(keys.count == 8 && Set(keys).count == 8)
        }
    }

    @Test func aPairsFileOfAnotherPlanIsNotTrusted() throws {
        let directory = PairedDirectory(path: try makeTemporaryDirectory())
        _ = try runner(directory, resume: false).run()
        let foreign = PairsFile.read(path: directory.pairs).pairs.map { pair in
            var other = pair
            other.order = pair.order == .baseFirst ? .currentFirst : .baseFirst
            return other
        }
        try PairsFile.write(foreign, to: directory.pairs)
        #expect(runner(directory, resume: true).finished.isEmpty)
    }

    @Test func aFailingCurrentRunStillCompletesItsPair() throws {
        let directory = PairedDirectory(path: try makeTemporaryDirectory())
        let outcome = try runner(directory, resume: false, failingCurrent: "-e2-i").run()
        #expect(outcome.pairs.count == 8)
        #expect(outcome.current.rows.filter { !$0.isOK }.count == 4)
        #expect(outcome.base.rows.allSatisfy { $0.isOK })
    }
}

@Suite struct BuildProbeTests {
    @Test func versionTextOfArbenchIsRecognised() throws {
        let text = "arbench commit abc in /src\nLibTorch runtime: system (default; ...), LibTorch at /usr\n"
        let identity = try BuildProbe.parse(text, status: 0).get()
        #expect(identity.runtime.hasPrefix("LibTorch runtime: system"))
    }

    @Test func anotherProgramIsNotArbench() {
        #expect((try? BuildProbe.parse("GNU coreutils 9.1\n", status: 0).get()) == nil)
        #expect((try? BuildProbe.parse("arbench x\nLibTorch runtime: y\n", status: 1).get()) == nil)
    }

    @Test func aMissingOrForeignBinaryIsUnusable() {
        guard case .failure(.unusable(let text)) = BuildProbe.check(base: "/nonexistent/arbench", current: "/bin/true") else {
            Issue.record("expected unusable")
            return
        }
        #expect(text.contains("base build /nonexistent/arbench: no such file"))
        guard case .failure(.unusable(let other)) = BuildProbe.check(base: "/bin/echo", current: "/bin/echo") else {
            Issue.record("expected unusable")
            return
        }
        #expect(other.contains("not an arbench executable"))
    }

    /// Two scripts answering `--version` as arbench does, with different LibTorch lines: not comparable.
    @Test func differentLibTorchRuntimesAreNotComparable() throws {
        let directory = try makeTemporaryDirectory()
        func fake(_ name: String, runtime: String) throws -> String {
            let path = directory + "/" + name
            try "#!/bin/sh\necho 'arbench commit \(name) in /src'\necho 'LibTorch runtime: \(runtime)'\n"
                .write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            return path
        }
        let a = try fake("a", runtime: "system (default), LibTorch at /usr")
        let b = try fake("b", runtime: "system (default), LibTorch at /opt/libtorch")
        let same = try fake("c", runtime: "system (default), LibTorch at /usr")
        guard case .failure(.notComparable(let text)) = BuildProbe.check(base: a, current: b) else {
            Issue.record("expected not comparable")
            return
        }
        #expect(text.contains("different LibTorch runtimes"))
        let identities = try BuildProbe.check(base: a, current: same).get()
        #expect(identities["base"]?.source == "commit a in /src")
    }
}
