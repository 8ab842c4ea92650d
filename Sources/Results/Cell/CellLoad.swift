import Foundation

/// How a cell's child is loaded (the `scenario` axis and its parameters): the offline backlog; K live
/// streams at a pace; Poisson requests at a rate; or a capacity search (the most streams at a pace whose
/// p99 latency meets the spec's `capacity` bound). One text spelling (`text`) serves the cell id, the
/// CellAxes value and the spec's change log; `columns` spreads it over results.csv's load axes.
public struct CellLoad: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public enum Scenario: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case offline, streams, rate, capacity

        public static func < (a: Scenario, b: Scenario) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    public var scenario: Scenario
    /// Streams played at once (`streams`).
    public var streams: Int?
    /// Times real time the streams play at (`streams`, `capacity`).
    public var pace: Double?
    /// Requests per second (`rate`), and audio per request (0 = whole files).
    public var rate: Double?
    public var requestSeconds: Double?

    public static let offline = CellLoad(scenario: .offline)

    public static func streams(_ count: Int, pace: Double = 1) -> CellLoad {
        CellLoad(scenario: .streams, streams: count, pace: pace)
    }

    public static func rate(_ rate: Double, requestSeconds: Double = 0) -> CellLoad {
        CellLoad(scenario: .rate, rate: rate, requestSeconds: requestSeconds)
    }

    public static func capacity(pace: Double = 1) -> CellLoad {
        CellLoad(scenario: .capacity, pace: pace)
    }

    public var isOffline: Bool { scenario == .offline }

    /// `offline`, `streams-8-p10`, `rate-20-r2`, `capacity-p2_5`: safe in file names and cell ids (which
    /// hold letters, digits, '-' and '_' only, so a decimal point is written '_').
    public var text: String {
        func id(_ value: Double) -> String { Self.number(value).replacingOccurrences(of: ".", with: "_") }
        return switch scenario {
        case .offline: "offline"
        case .streams: "streams-\(streams ?? 0)-p\(id(pace ?? 1))"
        case .rate: "rate-\(id(rate ?? 0))-r\(id(requestSeconds ?? 0))"
        case .capacity: "capacity-p\(id(pace ?? 1))"
        }
    }

    public var description: String { text }

    /// For a person: `8 streams at 10x`, `20 requests/s of 2 s`, `capacity at 10x`.
    public var label: String {
        switch scenario {
        case .offline: "offline"
        case .streams: "\(streams ?? 0) streams" + (pace == 1 ? "" : " at \(Self.number(pace ?? 1))x")
        case .rate: "\(Self.number(rate ?? 0)) req/s" + ((requestSeconds ?? 0) > 0 ? " of \(Self.number(requestSeconds!)) s" : "")
        case .capacity: "capacity" + (pace == 1 ? "" : " at \(Self.number(pace ?? 1))x")
        }
    }

    /// Reads `text` back; nil when it is not one.
    public static func parse(_ text: String) -> CellLoad? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.replacingOccurrences(of: "_", with: ".") }
        func value(_ part: String, _ prefix: Character) -> Double? {
            guard part.first == prefix else { return nil }
            return Double(part.dropFirst())
        }
        switch parts.first {
        case "offline" where parts.count == 1: return .offline
        case "streams" where parts.count == 3:
            guard let k = Int(parts[1]), let pace = value(parts[2], "p") else { return nil }
            return .streams(k, pace: pace)
        case "rate" where parts.count == 3:
            guard let rate = Double(parts[1]), let seconds = value(parts[2], "r") else { return nil }
            return .rate(rate, requestSeconds: seconds)
        case "capacity" where parts.count == 2:
            return value(parts[1], "p").map { .capacity(pace: $0) }
        default: return nil
        }
    }

    /// The load axes of a results.csv row (empty where the scenario has no such parameter).
    public var columns: [Metric: String] {
        [.scenario: scenario.rawValue, .streams: streams.map(String.init) ?? "", .pace: pace.map(Self.number) ?? "",
         .rate: rate.map(Self.number) ?? "", .requestSeconds: requestSeconds.map(Self.number) ?? ""]
    }

    /// From a row's load axes; a row written before they existed is offline.
    public init?(row: ResultRow) {
        let scenarioText = row[.scenario]
        guard let scenario = scenarioText.isEmpty ? .offline : Scenario(rawValue: scenarioText) else { return nil }
        switch scenario {
        case .offline: self = .offline
        case .streams:
            guard let k = Int(row[.streams]) else { return nil }
            self = .streams(k, pace: Double(row[.pace]) ?? 1)
        case .rate:
            guard let rate = Double(row[.rate]) else { return nil }
            self = .rate(rate, requestSeconds: Double(row[.requestSeconds]) ?? 0)
        case .capacity: self = .capacity(pace: Double(row[.pace]) ?? 1)
        }
    }

    public init(scenario: Scenario, streams: Int? = nil, pace: Double? = nil, rate: Double? = nil, requestSeconds: Double? = nil) {
        self.scenario = scenario
        self.streams = streams
        self.pace = pace
        self.rate = rate
        self.requestSeconds = requestSeconds
    }

    /// Offline first, then streams by count, rates by rate, capacity.
    public static func < (a: CellLoad, b: CellLoad) -> Bool {
        if a.scenario != b.scenario { return a.scenario < b.scenario }
        return (a.pace ?? 0, a.streams ?? 0, a.rate ?? 0, a.requestSeconds ?? 0) < (b.pace ?? 0, b.streams ?? 0, b.rate ?? 0, b.requestSeconds ?? 0)
    }

    /// `10`, `2.5`: the shortest spelling that reads back equal.
    static func number(_ value: Double) -> String { String(format: "%g", value) }
}

/// A spec's `capacity:` block: the bound a capacity cell's p99 latency must meet, and where the search stops.
public struct CapacitySetting: Sendable, Hashable, Codable {
    public var p99Ms: Double
    public var maxStreams: Int

    public init(p99Ms: Double, maxStreams: Int = 256) {
        self.p99Ms = p99Ms
        self.maxStreams = maxStreams
    }

    enum CodingKeys: String, CodingKey {
        case p99Ms = "p99_ms"
        case maxStreams = "max_streams"
    }
}
