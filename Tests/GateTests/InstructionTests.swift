import Foundation
@testable import Gate
import Results
import Testing

/// `ab --measure instructions`: callgrind's output read per object, and the verdict on counts.
@Suite struct InstructionProfileTests {
    /// Shaped as callgrind 3.19 writes with --dump-line=no (names compressed, a call's inclusive cost
    /// after `calls=`, the program named by `cmd:`).
    static let sample = """
        # callgrind format
        version: 1
        creator: callgrind-3.19.0
        cmd:  /b/arbench.valgrind run a.wav --quiet
        positions: line
        events: Ir
        summary: 0

        ob=(1) /usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0
        fl=(1) ???
        fn=(1) sgemm_
        0 1000
        cob=(2) /b/arbench.valgrind
        cfn=(2) main
        calls=3 0
        0 500
        ob=(2)
        fn=(2)
        0 400
        0 100
        ob=(3) /usr/lib/x86_64-linux-gnu/libpthreadpool.so.0
        fn=(3) wait
        0 30
        ob=(4) ???
        fn=(4) 0x1234
        0 7

        totals: 1537
        """

    @Test func splitsSelfCostByObjectAndSkipsInclusiveCallCosts() throws {
        let profile = try InstructionProfile.parse(Self.sample)
        #expect(profile.total == 1537)
        #expect(profile.byObject == ["libblas.so": 1000, "arbench": 500, "libpthreadpool.so": 30, "(generated code)": 7])
        #expect(profile.gated == 1507)
    }

    @Test func refusesAFileCutShortOrInconsistent() {
        let cut = Self.sample.components(separatedBy: "totals:")[0]
        #expect(throws: InstructionProfile.ParseError.self) { try InstructionProfile.parse(cut) }
        let wrong = Self.sample.replacingOccurrences(of: "totals: 1537", with: "totals: 1538")
        #expect(throws: InstructionProfile.ParseError(description: "its cost lines sum to 1537 instructions, its totals line says 1538")) {
            try InstructionProfile.parse(wrong)
        }
        let undefined = Self.sample.replacingOccurrences(of: "ob=(2)\n", with: "ob=(9)\n")
        #expect(throws: InstructionProfile.ParseError.self) { try InstructionProfile.parse(undefined) }
    }

    @Test func aMissingFileIsOneLineNamingIt() {
        guard case .failure(let problem) = InstructionProfile.read(path: "/nonexistent/x.callgrind") else {
            Issue.record("read a missing file")
            return
        }
        #expect(problem.description.hasPrefix("/nonexistent/x.callgrind: no callgrind output"))
    }
}

@Suite struct InstructionComparatorTests {
    typealias Profiles = InstructionProfiles.BySide

    /// Pairs of one cell with the given gated counts per side (a fixed 100 in a wait loop beside them;
    /// 0: nothing counted at all, as a build without markers).
    static func judge(base: [UInt64], current: [UInt64], currentStatus: String = "ok", limit: Double = 0.5) -> InstructionComparison {
        func profile(_ count: UInt64) -> InstructionProfile {
            count == 0 ? InstructionProfile(total: 0, byObject: [:])
                : InstructionProfile(total: count + 100, byObject: ["arbench": count, "libpthreadpool.so": 100])
        }
        var pairs: [PairRecord] = [], baseRows: [ResultRow] = [], currentRows: [ResultRow] = []
        var profiles: Profiles = [:]
        for index in 0..<max(base.count, current.count) {
            let pair = PairRecord(cellID: "c", pair: index + 1, order: index % 2 == 0 ? .baseFirst : .currentFirst,
                                  baseRepetition: index + 1, currentRepetition: index + 1)
            pairs.append(pair)
            baseRows.append(PairedComparatorTests.row("c", index + 1, cpu: 1, processing: 1))
            currentRows.append(PairedComparatorTests.row("c", index + 1, cpu: 1, processing: 1, status: currentStatus))
            if index < base.count {
                profiles[.base, default: [:]][pair.baseKey] = .success(profile(base[index]))
            }
            if index < current.count {
                profiles[.current, default: [:]][pair.currentKey] = .success(profile(current[index]))
            }
        }
        return InstructionComparator(limitPercent: limit).compare(directory: "d", pairs: pairs, base: baseRows, current: currentRows,
                                                                  profiles: profiles)
    }

    @Test func steadyCountsPassAndAOnePercentGrowthIsARegression() {
        let aa = Self.judge(base: [1_000_000, 1_000_100], current: [1_000_050, 1_000_020])
        #expect(aa.outcome == .pass)
        #expect(aa.cells[0].verdict == .unchanged)
        let slower = Self.judge(base: [1_000_000, 1_000_100], current: [1_010_000, 1_010_100])
        #expect(slower.outcome == .regression)
        #expect(abs(slower.cells[0].changePercent! - 1.0) < 1e-9)
        #expect(slower.cells[0].objects.first?.object == "arbench")
        let faster = Self.judge(base: [1_000_000, 1_000_100], current: [990_000, 990_100])
        #expect(faster.cells[0].verdict == .improvement)
        #expect(faster.outcome == .pass)
    }

    /// Counts that disagree by 1% between runs of one build widen the limit to 3x that: a 1% change is then not a regression.
    @Test func anUnsteadyCountWidensItsOwnLimit() {
        let result = Self.judge(base: [1_000_000, 1_010_000], current: [1_010_000, 1_020_000])
        #expect(abs(result.cells[0].spreadPercent! - 1.0) < 0.01)
        #expect(abs(result.cells[0].limitPercent - 3.0) < 0.03)
        #expect(result.outcome == .pass)
    }

    @Test func oneRunASideIsNotAVerdict() {
        let result = Self.judge(base: [1_000_000], current: [1_100_000])
        #expect(result.cells[0].verdict == .inconclusive)
        #expect(result.outcome == .notComparable)
    }

    @Test func aBuildWithoutMarkersIsNotComparable() {
        let result = Self.judge(base: [0, 0], current: [1_000_000, 1_000_000])
        #expect(result.outcome == .notComparable)
        #expect(result.notes.contains { $0.hasPrefix("the base build counted no instructions") })
    }

    @Test func aCurrentRunThatFailsIsARegression() {
        let result = Self.judge(base: [1_000_000, 1_000_000], current: [1_000_000, 1_000_000], currentStatus: "failed")
        #expect(result.cells[0].failedOnCurrentOnly == 2)
        #expect(result.outcome == .regression)
    }
}
