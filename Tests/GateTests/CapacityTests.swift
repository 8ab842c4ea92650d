@testable import Gate
import Foundation
import Testing

/// capacity: LoadGen's binomial rule, and the search on a fake engine whose capacity is known.
@Suite struct CapacityTests {
    @Test func theRuleNeedsEnoughSegmentsToClaimP99() {
        let rule = LatencyBoundRule()
        #expect(rule.minimumSegments == 459)
        #expect(rule.verdict(segments: 459, overBound: 0) == .pass)
        #expect(rule.verdict(segments: 458, overBound: 0) == .undecided)
        #expect(rule.verdict(segments: 1000, overBound: 5) == .undecided)
        #expect(rule.verdict(segments: 1000, overBound: 30) == .fail)
        #expect(rule.verdict(segments: 10_000, overBound: 50) == .pass)
        #expect(rule.verdict(segments: 0, overBound: 0) == .undecided)
        // Millions of segments: no underflow.
        #expect(rule.verdict(segments: 5_000_000, overBound: 40_000) == .pass)
        #expect(abs(LatencyBoundRule.binomialCDF(0, 459, 0.01) - 0.99 * exp(458 * log(0.99)) / 0.99 * 0.99) < 1e-12)
    }

    /// E engine threads, each segment `service` seconds of work, each stream `rate` segments a second: the
    /// engine keeps up while K * rate * service < E, and then every latency is one service time.
    struct FakeEngine {
        var engineThreads = 2.0
        var service = 0.05
        var rate = 3.0
        var segmentsPerRun = 600
        var calls: [Int] = []

        mutating func run(_ streams: Int, bound: Double, search: CapacitySearch) -> CapacitySearch.Probe {
            calls.append(streams)
            let keepsUp = Double(streams) * rate * service < engineThreads
            let segments = segmentsPerRun * streams
            let over = !keepsUp ? segments / 3 : service > bound ? segments : 0
            return search.judge(streams: streams, segments: segments, overBound: over, p99Ms: keepsUp ? service * 1000 : 5000,
                                overloaded: false, keptUp: keepsUp)
        }
    }

    @Test func findsTheKnownCapacityByDoublingThenHalving() {
        var engine = FakeEngine()
        let search = CapacitySearch()
        let outcome = search.run { engine.run($0, bound: 0.3, search: search) }
        // 13 * 3 * 0.05 = 1.95 < 2; 14 * 0.15 = 2.1.
        #expect(outcome.capacity == 13)
        #expect(!outcome.atLimit)
        #expect(engine.calls == [1, 2, 4, 8, 16, 12, 14, 13])
        #expect(outcome.probe(14)?.passed == false)
        #expect(outcome.probe(14)?.reason == "fell behind its clock")
    }

    @Test func aBoundBelowTheServiceTimeIsCapacityZero() {
        var engine = FakeEngine()
        let search = CapacitySearch()
        let outcome = search.run { engine.run($0, bound: 0.01, search: search) }
        #expect(outcome.capacity == 0)
        #expect(engine.calls == [1])
        #expect(outcome.probe(1)?.reason == "600 of 600 segments over the bound")
        #expect(CapacityDocument.make(outcome, setting: "e2 i1 glibc", boundMs: 10, pace: 1, rule: search.rule).lines
            .contains { $0.hasPrefix("CAPACITY: 0 streams") })
    }

    @Test func theLimitIsSaidToBeALowerBound() {
        var engine = FakeEngine(engineThreads: 100)
        let search = CapacitySearch(maxStreams: 6)
        let outcome = search.run { engine.run($0, bound: 0.3, search: search) }
        #expect(outcome.capacity == 6 && outcome.atLimit)
        #expect(engine.calls == [1, 2, 4, 6])
    }

    /// A run too short to decide is run again and judged on the sum, at most `maxRunsPerLoad` times.
    @Test func tooFewSegmentsRunsTheLoadAgain() {
        var engine = FakeEngine(segmentsPerRun: 200)
        let search = CapacitySearch(maxStreams: 1)
        let outcome = search.run { engine.run($0, bound: 0.3, search: search) }
        #expect(engine.calls == [1, 1, 1])
        #expect(outcome.probe(1)?.segments == 600 && outcome.probe(1)?.runs == 3 && outcome.capacity == 1)
        var short = FakeEngine(segmentsPerRun: 10)
        let capped = CapacitySearch(maxStreams: 1, maxRunsPerLoad: 4)
        let undecided = capped.run { short.run($0, bound: 0.3, search: capped) }
        #expect(short.calls.count == 4)
        #expect(undecided.capacity == 0)
        #expect(undecided.probe(1)?.verdict == .undecided)
    }
}
