import Foundation
import Testing
@testable import Sweep
import Results

private let base = """
audio: {generate: {duration: 90s, seed: 3}}
model: base
engine_threads: [1, 2]
intra_op_threads: 1

"""

/// The load axes of a spec: scenarios expand with their parameters, every cell id says its load, and
/// a parameter without its scenario (or the reverse) is refused naming the field.
@Suite("Load axes")
struct LoadAxesTests {
    @Test func aSpecWithoutLoadAxesIsOffline() throws {
        let spec = try parse(base)
        #expect(spec.loads == [.offline])
        #expect(spec.capacity == nil)
        #expect(ExperimentGrid(spec: spec).cells.allSatisfy { $0.load.isOffline && !$0.id.contains("offline") })
    }

    @Test func scenariosExpandWithTheirParameters() throws {
        let spec = try parse(base + """
        scenario: [offline, streams, rate, capacity]
        streams: "1-2"
        pace: [1, 10]
        rate: [5, 20]
        request_seconds: 2
        capacity: {p99: 0.3s, max_streams: 64}
        """)
        #expect(spec.loads == [.offline, .streams(1, pace: 1), .streams(2, pace: 1), .streams(1, pace: 10), .streams(2, pace: 10),
                               .rate(5, requestSeconds: 2), .rate(20, requestSeconds: 2), .capacity(pace: 1), .capacity(pace: 10)])
        #expect(spec.capacity == CapacitySetting(p99Ms: 300, maxStreams: 64))
        let cells = ExperimentGrid(spec: spec).cells
        #expect(cells.count == 2 * 9)
        #expect(Set(cells.map(\.id)).count == cells.count)
        #expect(cells.contains { $0.id == "threads-e2-i1-x1-glibc-default-wdefault-streams-2-p10" })
        #expect(cells.contains { $0.id == "threads-e1-i1-x1-glibc-default-wdefault-rate-20-r2" })
        // A capacity block alone means the capacity scenario.
        #expect(try parse(base + "capacity: {p99: 250ms}").loads == [.capacity(pace: 1)])
    }

    @Test func loadTextReadsBack() {
        for load in [CellLoad.offline, .streams(3, pace: 0.5), .rate(7.25, requestSeconds: 0), .capacity(pace: 100)] {
            #expect(CellLoad.parse(load.text) == load)
        }
        #expect(CellLoad.parse("streams-x-p1") == nil)
        #expect(CellLoad.parse("burst-3") == nil)
    }

    @Test(arguments: [
        ("scenario: streams", "scenario: streams needs `streams:`"),
        ("scenario: rate", "scenario: rate needs `rate:`"),
        ("scenario: capacity", "scenario: capacity needs `capacity:`"),
        ("streams: [2]", "streams: applies with scenario streams"),
        ("pace: 10", "pace: applies with scenario streams or capacity"),
        ("rate: 3", "rate: applies with scenario rate"),
        ("scenario: burst", "scenario: \"burst\" is not one of: offline, streams, rate, capacity"),
        ("scenario: streams\nstreams: [0]", "0 is not a stream count"),
        ("scenario: rate\nrate: 0", "rate: 0.0 is outside"),
        ("capacity: {p99: 300 parsecs}", "capacity.p99: 300 parsecs: unit parsecs does not measure load_p99_ms"),
        ("capacity: {p99: 0ms}", "capacity.p99: 0ms: a bound above 0"),
        ("capacity: {max_streams: 4}", "p99"),
    ])
    func badLoadAxesAreRefused(yaml: String, message: String) {
        let found = problems(base + yaml)
        #expect(found.contains { $0.description.contains(message) }, "\(found.map(\.description))")
    }
}

/// A capacity cell costs its whole search, not the one load its row describes.
@Suite("Cell costs")
struct CellCostsTests {
    @Test func aCapacityCellCostsItsSearch() {
        func row(_ id: String, wall: String, search: String = "") -> ResultRow {
            ResultRow(values: [Metric.cellID.column: id, Metric.repetition.column: "1", Metric.status.column: "ok",
                               Metric.wallSeconds.column: wall, Metric.capacitySearchSeconds.column: search])
        }
        let costs = CellCosts.medianWallSeconds([row("offline", wall: "3.5"), row("capacity", wall: "7", search: "80.5")])
        #expect(costs == ["offline": 3.5, "capacity": 80.5])
    }
}
